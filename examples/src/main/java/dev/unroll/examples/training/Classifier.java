package dev.unroll.examples.training;

import dev.unroll.data.Dataset;
import dev.unroll.data.Split;
import dev.unroll.data.Standardizer;
import dev.unroll.runtime.Model;
import dev.unroll.training.History;
import dev.unroll.training.ModelFile;
import dev.unroll.training.Optimizer;
import dev.unroll.training.Trainer;
import dev.unroll.training.TrainingListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * The whole path from data to a trained, saved and reloaded classifier, shared by the moons and
 * spiral examples: split, standardise, train with a validation set, measure on held-out test data,
 * save, load into a fresh model and check that it predicts the same, draw the pictures.
 */
final class Classifier {
  /** What a run produced. */
  record Result(
      String name,
      History history,
      double testAccuracy,
      int testExamples,
      Path modelFile,
      Path learningCurve,
      Path decisionRegions) {
    void print(PrintStream out) {
      out.printf(
          Locale.ROOT,
          "%s: test accuracy %.1f%% on %d held-out examples after %d epochs (final training"
              + " loss %.4f)%n",
          name,
          100 * testAccuracy,
          testExamples,
          history.epochs().size(),
          history.last().loss());
      out.println("  model saved to " + modelFile + " and reloaded: same predictions");
      out.println("  learning curve: " + learningCurve);
      out.println("  decision regions: " + decisionRegions);
    }
  }

  private Classifier() {}

  /**
   * Trains a model made by {@code newModel} (from a seed) on {@code data}: 70% for training, 15% to
   * validate after each epoch, 15% held out for the final test, stratified by class.
   */
  static Result run(
      String name,
      Dataset data,
      LongFunction<Model> newModel,
      Optimizer optimizer,
      int epochs,
      int batchSize,
      Path outputDirectory,
      TrainingListener listener)
      throws IOException {
    Split first = data.split(0.85, 1);
    Split second = first.train().split(0.70 / 0.85, 2);
    Standardizer scale = Standardizer.fit(second.train());
    Dataset train = scale.apply(second.train());
    Dataset validation = scale.apply(second.test());
    Dataset test = scale.apply(first.test());

    Model model = newModel.apply(42L);
    History history =
        Trainer.of(model)
            .optimizer(optimizer)
            .epochs(epochs)
            .batchSize(batchSize)
            .seed(7)
            .validation(validation.x(), validation.y())
            .listener(listener)
            .fit(train.x(), train.y());
    double accuracy = model.accuracy(test.x(), test.y());

    Files.createDirectories(outputDirectory);
    Path file = outputDirectory.resolve(name + ".model");
    ModelFile.save(model, file);
    Model reloaded = newModel.apply(0L);
    ModelFile.load(reloaded, file);
    if (!Arrays.equals(model.predict(test.x()), reloaded.predict(test.x()))) {
      throw new IllegalStateException("the reloaded model predicts differently from the saved one");
    }

    Path curve = outputDirectory.resolve(name + "-learning-curve.png");
    Path regions = outputDirectory.resolve(name + "-decision-regions.png");
    Pictures.draw(name, history, data, scale, reloaded, curve, regions);
    return new Result(name, history, accuracy, test.size(), file, curve, regions);
  }
}
