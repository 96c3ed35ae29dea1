package dev.unroll.runtime;

import java.lang.System.Logger.Level;

/**
 * Chooses the product kernel once, when the runtime first multiplies: the Vector API kernel if the
 * JVM can run it, the plain-Java one otherwise.
 *
 * <p>The Vector API is an incubator module in JDK 17: it is there only when the application starts
 * with {@code --add-modules jdk.incubator.vector}, and every class that mentions its types needs
 * it. So the vector kernel lives in its own class, loaded by name only after the module has been
 * found in the boot layer. {@code -Dunroll.vector=false} keeps the plain kernel.
 */
final class Vectorization {
  private static final System.Logger LOG = System.getLogger("dev.unroll.runtime");
  private static final String MODULE = "jdk.incubator.vector";

  private Vectorization() {}

  static Gemm.RowKernel choose() {
    if (!Boolean.parseBoolean(System.getProperty("unroll.vector", "true"))) {
      return Gemm.PLAIN;
    }
    if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
      LOG.log(
          Level.DEBUG,
          "Unroll uses its plain-Java matrix kernel; start the JVM with --add-modules "
              + MODULE
              + " for the faster Vector API kernel");
      return Gemm.PLAIN;
    }
    try {
      Class<?> type = Class.forName("dev.unroll.runtime.VectorRows");
      boolean worthwhile = (Boolean) type.getDeclaredMethod("worthwhile").invoke(null);
      if (!worthwhile) {
        return Gemm.PLAIN;
      }
      Gemm.RowKernel kernel = (Gemm.RowKernel) type.getDeclaredConstructor().newInstance();
      LOG.log(Level.DEBUG, "Unroll uses the " + kernel.name() + " matrix kernel");
      return kernel;
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      LOG.log(Level.DEBUG, "Unroll could not load its Vector API kernel; using plain Java", e);
      return Gemm.PLAIN;
    }
  }

  /** The name of the kernel in use, for benchmarks and tests. */
  static String kernelName() {
    return Gemm.KERNEL.name();
  }
}
