package dev.unroll.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Helpers for compiling declarations with the processor and loading what they produce. */
final class Sources {
  private Sources() {}

  /** The imports every declaration in these tests starts with. */
  static final String IMPORTS =
      String.join(
          "\n",
          "import dev.unroll.Activation;",
          "import dev.unroll.Layer;",
          "import dev.unroll.Loss;",
          "import dev.unroll.Network;",
          "import dev.unroll.Unrolling;",
          "import dev.unroll.runtime.Dense;",
          "");

  /** A source file {@code demo/<name>.java} in package {@code demo}, with {@link #IMPORTS}. */
  static JavaFileObject demo(String name, String... body) {
    return JavaFileObjects.forSourceString(
        "demo." + name, "package demo;\n\n" + IMPORTS + "\n" + String.join("\n", body) + "\n");
  }

  /** javac with the processor and every lint warning on. */
  static Compiler compiler() {
    return Compiler.javac().withProcessors(new UnrollProcessor()).withOptions("-Xlint:all");
  }

  /** Loads the classes a successful compilation wrote. */
  static ClassLoader classLoader(Compilation compilation) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = file.toUri().getPath();
      String binary =
          path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length())
              .replace(".class", "")
              .replace('/', '.');
      try (InputStream in = file.openInputStream()) {
        classes.put(binary, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ClassLoader(Sources.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }

  /** The generated source of {@code qualifiedName}, as text. */
  static String generatedSource(Compilation compilation, String qualifiedName) {
    JavaFileObject file =
        compilation
            .generatedSourceFile(qualifiedName)
            .orElseThrow(() -> new AssertionError("no generated source " + qualifiedName));
    try {
      return file.getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(String text) {
    return List.of(text.split("\n", -1));
  }
}
