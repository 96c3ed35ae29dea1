package dev.unroll.benchmarks;

import dev.unroll.data.Dataset;
import dev.unroll.data.Datasets;
import dev.unroll.data.Standardizer;
import dev.unroll.runtime.Matrix;
import dev.unroll.training.Optimizer;
import dev.unroll.training.Trainer;
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
 * Training steps per second for the moons example's network ([2, 16, 16, 1], the SMALL case): one
 * step is a backward pass on a mini-batch and an optimizer update, as {@link Trainer} runs them.
 * Also a whole epoch over 1600 examples, shuffling and evaluation included.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TrainingBenchmark {
  @Param({"32", "128"})
  public int batchSize;

  @Param({"adam", "momentum"})
  public String optimizer;

  private Trainer stepper;
  private Trainer epoch;
  private Matrix[] xs;
  private Matrix[] ys;
  private Matrix trainX;
  private Matrix trainY;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Dataset data = Datasets.moons(2000, 0.15, 3);
    Dataset train = Standardizer.fit(data).apply(data).subset(range(1600));
    trainX = train.x();
    trainY = train.y();
    int batches = train.size() / batchSize;
    xs = new Matrix[batches];
    ys = new Matrix[batches];
    for (int b = 0; b < batches; b++) {
      Dataset batch = train.subset(range(b * batchSize, (b + 1) * batchSize));
      xs[b] = batch.x();
      ys[b] = batch.y();
    }
    stepper = Trainer.of(new UnrolledNetworks_Small(42L)).optimizer(optimizer());
    epoch =
        Trainer.of(new UnrolledNetworks_Small(42L))
            .optimizer(optimizer())
            .epochs(1)
            .batchSize(batchSize);
  }

  private Optimizer optimizer() {
    return optimizer.equals("adam") ? Optimizer.adam(0.01) : Optimizer.momentum(0.05);
  }

  private static int[] range(int to) {
    return range(0, to);
  }

  private static int[] range(int from, int to) {
    int[] indices = new int[to - from];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = from + i;
    }
    return indices;
  }

  /** One training step: backward on a mini-batch, then the optimizer's update. */
  @Benchmark
  public double step() {
    int b = next;
    next = (b + 1) % xs.length;
    return stepper.step(xs[b], ys[b]);
  }

  /** One epoch over 1600 examples: shuffle, every step, and the epoch's accuracy. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Object epoch() {
    return epoch.fit(trainX, trainY);
  }
}
