package dev.unroll.examples.training;

import dev.unroll.data.Datasets;
import dev.unroll.training.Optimizer;
import dev.unroll.training.Progress;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Two interleaving half moons, 1000 points with noise 0.2, learnt by a [2, 16, 16, 1] network with
 * Adam: the classic first non-linear classification problem. Writes the trained model, its learning
 * curve and its decision regions to the folder given as the first argument ({@code target/examples}
 * by default).
 */
public final class MoonsExample {
  private MoonsExample() {}

  /** Generates the data, trains, tests, saves, reloads and draws. */
  static Classifier.Result run(Path outputDirectory, Progress progress) throws IOException {
    return Classifier.run(
        "moons",
        Datasets.moons(2000, 0.15, 3),
        UnrolledMoons::new,
        Optimizer.adam(0.01),
        100,
        32,
        outputDirectory,
        progress);
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "target/examples");
    run(out, Progress.toConsole()).print(System.out);
  }
}
