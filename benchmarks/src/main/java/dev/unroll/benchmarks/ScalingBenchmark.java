package dev.unroll.benchmarks;

import dev.unroll.runtime.Gradients;
import dev.unroll.runtime.Matrix;
import dev.unroll.runtime.Model;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
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
 * How one training call's time grows with layer width (64-w-w-1, tanh, m = 128) and with batch size
 * (64-256-256-1 for m from 32 to 512). Both kernels run: the JVM is forked with the Vector API
 * module, as a user enabling it would.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class ScalingBenchmark {
  /** Hidden width w, or "256@m" for the batch sweep. */
  @Param({"16", "32", "64", "128", "256", "512", "1024", "256@32", "256@64", "256@256", "256@512"})
  public String shape;

  private Model model;
  private Matrix x;
  private Matrix y;

  @Setup(Level.Trial)
  public void setUp() {
    String[] parts = shape.split("@");
    int width = Integer.parseInt(parts[0]);
    int m = parts.length > 1 ? Integer.parseInt(parts[1]) : 128;
    model = network(width).apply(42L);
    Random random = new Random(1);
    double[][] xs = new double[64][m];
    double[][] ys = new double[1][m];
    for (int j = 0; j < m; j++) {
      for (double[] row : xs) {
        row[j] = random.nextGaussian();
      }
      ys[0][j] = random.nextInt(2);
    }
    x = Matrix.of(xs);
    y = Matrix.of(ys);
  }

  private static LongFunction<Model> network(int width) {
    switch (width) {
      case 16:
        return UnrolledNetworks_Width16::new;
      case 32:
        return UnrolledNetworks_Width32::new;
      case 64:
        return UnrolledNetworks_Width64::new;
      case 128:
        return UnrolledNetworks_Width128::new;
      case 256:
        return UnrolledNetworks_Width256::new;
      case 512:
        return UnrolledNetworks_Width512::new;
      default:
        return UnrolledNetworks_Width1024::new;
    }
  }

  /** One forward + cost + backward call. */
  @Benchmark
  public Gradients backward() {
    return model.backward(x, y);
  }
}
