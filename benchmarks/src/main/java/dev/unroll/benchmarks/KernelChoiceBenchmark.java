package dev.unroll.benchmarks;

import dev.unroll.runtime.Gradients;
import dev.unroll.runtime.Matrix;
import dev.unroll.runtime.Model;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The generated model of each case with the Vector API kernel (the JVM forked with {@code
 * --add-modules jdk.incubator.vector}), and the small cases' scalar form against the same network
 * on kernel calls: the data behind the scalar threshold.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class KernelChoiceBenchmark {
  @Param({"TINY", "SMALL", "MEDIUM", "WIDE", "TINY_KERNEL", "SMALL_KERNEL"})
  public String network;

  private Model model;
  private Matrix x;
  private Matrix y;

  @Setup(Level.Trial)
  public void setUp() {
    boolean kernel = network.endsWith("_KERNEL");
    Case c = Case.valueOf(network.replace("_KERNEL", ""));
    model =
        !kernel
            ? c.model()
            : c == Case.TINY
                ? new UnrolledNetworks_TinyKernel(42L)
                : new UnrolledNetworks_SmallKernel(42L);
    x = c.x();
    y = c.y();
  }

  /** One forward + cost + backward call. */
  @Benchmark
  public Gradients generated() {
    return model.backward(x, y);
  }
}
