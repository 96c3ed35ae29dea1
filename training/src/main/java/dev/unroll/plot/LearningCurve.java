package dev.unroll.plot;

import dev.unroll.training.Epoch;
import dev.unroll.training.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Learning curves from a training run: the cost, or the accuracy, of every epoch.
 *
 * <pre>{@code
 * History history = Trainer.of(model).validation(xTest, yTest).fit(x, y);
 * LearningCurve.writePng(history, Path.of("cost.png"), 800, 600);
 * LearningCurve.cost(history).logY().writePng(Path.of("cost-log.png"), 800, 600);
 * }</pre>
 *
 * <p>The curves are the first thing to look at after training: a training cost that is still
 * falling asks for more epochs, one that is flat or jumping asks for another learning rate, and a
 * validation cost that rises while the training cost falls is overfitting. The validation curve is
 * drawn only when the run had a validation set.
 *
 * <p>The methods return a {@link LineChart}, so titles and axes can still be changed before it is
 * written.
 */
public final class LearningCurve {
  private LearningCurve() {}

  /**
   * The training cost of each epoch, and the validation cost when there was a validation set,
   * titled "Cost per epoch" with axes "epoch" and "cost".
   *
   * @throws IllegalArgumentException if {@code history} is null or has no epochs
   */
  public static LineChart cost(History history) {
    List<Epoch> epochs = epochs(history);
    return chart("Cost per epoch", "cost", epochs, history.losses(), history.validationLosses());
  }

  /**
   * The fraction of training examples classified correctly after each epoch, and of validation
   * examples when there was a validation set, titled "Accuracy per epoch".
   *
   * @throws IllegalArgumentException if {@code history} is null or has no epochs
   */
  public static LineChart accuracy(History history) {
    List<Epoch> epochs = epochs(history);
    return chart(
        "Accuracy per epoch",
        "accuracy",
        epochs,
        epochs.stream().mapToDouble(Epoch::accuracy).toArray(),
        epochs.stream().mapToDouble(Epoch::validationAccuracy).toArray());
  }

  /**
   * Writes the {@link #cost} chart to {@code file} as a PNG.
   *
   * @param width the image width in pixels, 160 to 8192
   * @param height the image height in pixels, 160 to 8192
   * @throws IllegalArgumentException if {@code history} is null or has no epochs, or the size is
   *     out of range
   * @throws IOException if the file cannot be written
   */
  public static void writePng(History history, Path file, int width, int height)
      throws IOException {
    cost(history).writePng(file, width, height);
  }

  private static List<Epoch> epochs(History history) {
    if (history == null) {
      throw new IllegalArgumentException("history must not be null");
    }
    if (history.epochs().isEmpty()) {
      throw new IllegalArgumentException(
          "the history has no epochs, so there is no curve to draw; train for at least one epoch");
    }
    return history.epochs();
  }

  private static LineChart chart(
      String title, String quantity, List<Epoch> epochs, double[] training, double[] validation) {
    double[] x = epochs.stream().mapToDouble(Epoch::number).toArray();
    LineChart chart =
        LineChart.create()
            .title(title)
            .xAxisTitle("epoch")
            .yAxisTitle(quantity)
            .series("training", x, training);
    for (double v : validation) {
      if (!Double.isNaN(v)) {
        return chart.series("validation", x, validation);
      }
    }
    return chart;
  }
}
