package dev.unroll.examples.training;

import dev.unroll.data.Datasets;
import dev.unroll.training.Optimizer;
import dev.unroll.training.Progress;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Three spiral arms, 300 points each, learnt by a [2, 64, 64, 3] network with a softmax output and
 * categorical cross-entropy. No straight line separates any two arms. Writes the trained model, its
 * learning curve and its decision regions to the folder given as the first argument ({@code
 * target/examples} by default).
 */
public final class SpiralExample {
  private SpiralExample() {}

  /** Generates the data, trains, tests, saves, reloads and draws. */
  static Classifier.Result run(Path outputDirectory, Progress progress) throws IOException {
    return Classifier.run(
        "spiral",
        Datasets.spiral(300, 3, 0.2, 5),
        UnrolledSpiral::new,
        Optimizer.adam(0.003),
        150,
        32,
        outputDirectory,
        progress);
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "target/examples");
    run(out, Progress.toConsole()).print(System.out);
  }
}
