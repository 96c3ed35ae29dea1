package dev.unroll.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Matrix;
import dev.unroll.training.Epoch;
import dev.unroll.training.History;
import dev.unroll.training.Optimizer;
import dev.unroll.training.Trainer;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurveTest {
  private static final int W = 640;
  private static final int H = 480;

  /** A run whose training loss halves every epoch, with or without a validation loss. */
  private static History history(int epochs, boolean validated) {
    List<Epoch> list = new ArrayList<>();
    for (int i = 1; i <= epochs; i++) {
      double loss = Math.pow(0.5, i);
      double validation = validated ? 1.5 * loss : Double.NaN;
      double accuracy = 1 - loss;
      list.add(
          new Epoch(i, loss, accuracy, validation, validated ? accuracy - 0.1 : Double.NaN, 1));
    }
    return new History(list, false, epochs);
  }

  @Test
  void costChartIsTitledAndPlotsEveryEpoch() {
    History history = history(8, true);
    LineChart chart = LearningCurve.cost(history);
    Frame f = chart.frame(W, H);
    assertEquals(new Frame.Titles("Cost per epoch", "epoch", "cost"), f.titles);
    assertTrue(f.x.lo() <= 1 && f.x.hi() >= 8, f.x.lo() + " .. " + f.x.hi());
    BufferedImage image = chart.toImage(W, H);
    double[] losses = history.losses();
    double[] validation = history.validationLosses();
    for (int e = 1; e <= 8; e += 7) {
      int x = (int) f.px(e);
      int y = (int) f.py(losses[e - 1]);
      int v = (int) f.py(validation[e - 1]);
      assertTrue(
          Pixels.count(image, Palette.color(0), x - 3, y - 3, x + 4, y + 4, 40) > 0, "epoch " + e);
      assertTrue(
          Pixels.count(image, Palette.color(1), x - 3, v - 3, x + 4, v + 4, 40) > 0, "epoch " + e);
    }
  }

  @Test
  void withoutValidationOnlyTheTrainingCurveIsDrawn() {
    LineChart chart = LearningCurve.cost(history(8, false));
    Rectangle a = chart.frame(W, H).area;
    BufferedImage image = chart.toImage(W, H);
    assertTrue(
        Pixels.count(image, Palette.color(0), a.x, a.y, a.x + a.width, a.y + a.height, 40) > 50);
    assertEquals(0, Pixels.count(image, Palette.color(1), 0, 0, W, H, 40));
  }

  @Test
  void accuracyChartShowsTheAccuracies() {
    History history = history(6, true);
    LineChart chart = LearningCurve.accuracy(history);
    Frame f = chart.frame(W, H);
    assertEquals(new Frame.Titles("Accuracy per epoch", "epoch", "accuracy"), f.titles);
    // Training accuracy 1 - 0.5^e runs from 0.5 to 0.984, validation 0.1 lower: from 0.4.
    assertTrue(f.y.lo() <= 0.4 && f.y.lo() > 0.2, "y from " + f.y.lo());
    assertTrue(f.y.hi() >= 0.984 && f.y.hi() < 1.2, "y to " + f.y.hi());
    BufferedImage image = chart.toImage(W, H);
    int x = (int) f.px(3);
    int y = (int) f.py(history.epochs().get(2).accuracy());
    assertTrue(Pixels.count(image, Palette.color(0), x - 3, y - 3, x + 4, y + 4, 40) > 0);
  }

  @Test
  void writesTheCostChartOfARealRun(@TempDir Path dir) throws Exception {
    Matrix x = Matrix.of(new double[][] {{-2, -1, -0.5, 0.5, 1, 2}, {1, -1, 0.5, -0.5, 1, -1}});
    Matrix y = Matrix.of(new double[][] {{0, 0, 0, 1, 1, 1}});
    History history =
        Trainer.of(new UnrolledTiny(7))
            .optimizer(Optimizer.adam(0.05))
            .epochs(30)
            .batchSize(6)
            .validation(x, y)
            .fit(x, y);
    Path file = dir.resolve("cost.png");
    LearningCurve.writePng(history, file, 700, 500);
    Pixels.readPng(file, 700, 500);
  }

  @Test
  void anEmptyHistoryIsExplained() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LearningCurve.cost(new History(List.of(), false, 0)));
    assertTrue(e.getMessage().contains("no epochs"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LearningCurve.accuracy(null));
  }
}
