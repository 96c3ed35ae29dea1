package dev.unroll.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Architecture.LayerSpec;
import dev.unroll.runtime.Matrix;
import dev.unroll.runtime.Model;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class DecisionRegionsTest {
  private static final int W = 640;
  private static final int H = 480;

  private static final Matrix POINTS =
      Matrix.of(new double[][] {{-2, -1, 0.5, 1.5, 2}, {-1, 1, 1.5, 0.5, -1.5}});
  // The third point, at x = 0.5, is labelled 0 although the classifier below says 1.
  private static final int[] LABELS = {0, 0, 0, 1, 1};

  /** Class 1 where x₁ > 0, class 0 elsewhere. */
  private static final Function<Matrix, int[]> RIGHT_IS_ONE = byRow(0);

  /** Class 1 where the coordinate in {@code row} is positive. */
  private static Function<Matrix, int[]> byRow(int row) {
    return p -> {
      int[] classes = new int[p.cols()];
      for (int j = 0; j < classes.length; j++) {
        classes[j] = p.get(row, j) > 0 ? 1 : 0;
      }
      return classes;
    };
  }

  private static DecisionRegions regions(Function<Matrix, int[]> classifier) {
    return DecisionRegions.of(classifier, POINTS, LABELS, "left", "right");
  }

  private static boolean gridColumn(Frame f, int column) {
    for (double t : f.x.ticks()) {
      if (f.column(t) == column) {
        return true;
      }
    }
    return false;
  }

  private static boolean gridRow(Frame f, int row) {
    for (double t : f.y.ticks()) {
      if (f.row(t) == row) {
        return true;
      }
    }
    return false;
  }

  /** The first column from {@code from}, moving by {@code step}, with no grid line on it. */
  private static int freeColumn(Frame f, int from, int step) {
    int c = from;
    while (gridColumn(f, c)) {
      c += step;
    }
    return c;
  }

  private static int freeRow(Frame f, int from, int step) {
    int r = from;
    while (gridRow(f, r)) {
      r += step;
    }
    return r;
  }

  private static int rgb(BufferedImage image, int x, int y) {
    return image.getRGB(x, y);
  }

  @Test
  void shadesEachSideWithItsClassTint() {
    DecisionRegions regions = regions(RIGHT_IS_ONE);
    Frame f = regions.frame(W, H);
    Rectangle a = f.area;
    BufferedImage image = regions.toImage(W, H);
    int row = freeRow(f, a.y + a.height / 2, 1);
    int left = freeColumn(f, a.x + 1, 1);
    int right = freeColumn(f, a.x + a.width - 2, -1);
    assertEquals(Palette.tint(0).getRGB(), rgb(image, left, row), "far left");
    assertEquals(Palette.tint(1).getRGB(), rgb(image, right, row), "far right");
    assertNotEquals(Palette.tint(0).getRGB(), Palette.tint(1).getRGB());
  }

  @Test
  void theVerticalAxisPointsUp() {
    DecisionRegions regions = regions(byRow(1));
    Frame f = regions.frame(W, H);
    Rectangle a = f.area;
    BufferedImage image = regions.toImage(W, H);
    int column = freeColumn(f, a.x + 1, 1);
    int top = freeRow(f, a.y + 1, 1);
    int bottom = freeRow(f, a.y + a.height - 2, -1);
    assertEquals(Palette.tint(1).getRGB(), rgb(image, column, top), "top");
    assertEquals(Palette.tint(0).getRGB(), rgb(image, column, bottom), "bottom");
  }

  @Test
  void pointsHaveTheColourOfTheirTrueClass() {
    DecisionRegions regions = regions(RIGHT_IS_ONE);
    Frame f = regions.frame(W, H);
    BufferedImage image = regions.toImage(W, H);
    for (int j = 0; j < LABELS.length; j++) {
      int x = (int) Math.floor(f.px(POINTS.get(0, j)));
      int y = (int) Math.floor(f.py(POINTS.get(1, j)));
      assertEquals(Palette.color(LABELS[j]).getRGB(), rgb(image, x, y), "point " + j);
    }
  }

  @Test
  void thePlotIsTheBoundingBoxPlusAMargin() {
    Frame f = regions(RIGHT_IS_ONE).margin(0.25).frame(W, H);
    // x₁ spans -2 .. 2 (width 4), x₂ spans -1.5 .. 1.5 (height 3).
    assertEquals(-3, f.x.lo(), 1e-12);
    assertEquals(3, f.x.hi(), 1e-12);
    assertEquals(-2.25, f.y.lo(), 1e-12);
    assertEquals(2.25, f.y.hi(), 1e-12);
    for (double t : f.x.ticks()) {
      assertTrue(t >= -3 && t <= 3, "tick " + t);
    }
  }

  @Test
  void theClassifierGetsWholeRowsOfPixelCentres() {
    List<Matrix> calls = new ArrayList<>();
    DecisionRegions regions =
        regions(
            p -> {
              calls.add(p.copy());
              return RIGHT_IS_ONE.apply(p);
            });
    Frame f = regions.frame(W, H);
    regions.toImage(W, H);
    int total = 0;
    for (Matrix m : calls) {
      assertEquals(2, m.rows());
      assertTrue(m.cols() <= DecisionRegions.BATCH, m.cols() + " points in one call");
      assertEquals(0, m.cols() % f.area.width, "a call ends inside a row of pixels");
      total += m.cols();
    }
    assertEquals(f.area.width * f.area.height, total, "one point per pixel of the plot area");
    assertTrue(calls.size() * 1000 < total, calls.size() + " calls for " + total + " pixels");
    // The first point is the centre of the top-left pixel: smallest x₁, largest x₂.
    Matrix first = calls.get(0);
    double dx = (f.x.hi() - f.x.lo()) / f.area.width;
    double dy = (f.y.hi() - f.y.lo()) / f.area.height;
    assertEquals(f.x.lo() + dx / 2, first.get(0, 0), 1e-9);
    assertEquals(f.y.hi() - dy / 2, first.get(1, 0), 1e-9);
    assertEquals(f.x.lo() + 1.5 * dx, first.get(0, 1), 1e-9);
  }

  @Test
  void aTransformMapsPlottedCoordinatesToTheModelsInputs() {
    // Points from 0 to 10; the classifier was "trained" on x₁ - 5, so its boundary is at x₁ = 5.
    Matrix points = Matrix.of(new double[][] {{0, 10, 3, 7}, {0, 10, 8, 2}});
    List<Matrix> transformed = new ArrayList<>();
    DecisionRegions regions =
        DecisionRegions.of(
                p -> {
                  assertSame(transformed.get(transformed.size() - 1), p);
                  return RIGHT_IS_ONE.apply(p);
                },
                points,
                new int[] {0, 1, 0, 1},
                "low",
                "high")
            .transform(
                p -> {
                  Matrix shifted = p.copy();
                  for (int j = 0; j < p.cols(); j++) {
                    shifted.set(0, j, p.get(0, j) - 5);
                  }
                  transformed.add(shifted);
                  return shifted;
                });
    Frame f = regions.frame(W, H);
    BufferedImage image = regions.toImage(W, H);
    int row = freeRow(f, f.row(5.3), 1);
    assertEquals(Palette.tint(0).getRGB(), rgb(image, freeColumn(f, (int) f.px(4.3), 1), row));
    assertEquals(Palette.tint(1).getRGB(), rgb(image, freeColumn(f, (int) f.px(5.7), 1), row));
  }

  /** Sets Tiny's parameters so that it predicts class 1 exactly where x₁ + x₂ >= 0. */
  private static Model diagonal() {
    Model model = new UnrolledTiny(42L);
    List<LayerSpec> layers = model.architecture().layers();
    double[] theta = new double[model.parameterCount()];
    // hidden: h₁ = relu(x₁ + x₂), h₂ = relu(-x₁ - x₂); output: sigmoid(h₁ - h₂) = sigmoid(x₁ + x₂).
    System.arraycopy(new double[] {1, 1, -1, -1}, 0, theta, layers.get(0).weightsOffset(), 4);
    System.arraycopy(new double[] {1, -1}, 0, theta, layers.get(1).weightsOffset(), 2);
    model.setParameters(theta);
    return model;
  }

  @Test
  void aGeneratedModelClassifiesTheWholeGridInBatches() {
    Model model = diagonal();
    Matrix points = Matrix.of(new double[][] {{-2, -1, 1, 2, 1.5}, {-1, -0.5, 0.5, 1.5, -2.5}});
    int[] labels = {0, 0, 1, 1, 0};
    DecisionRegions regions = DecisionRegions.of(model, points, labels, "below", "above");
    Frame f = regions.frame(W, H);
    Rectangle a = f.area;
    BufferedImage image = regions.toImage(W, H);
    int[] seen = new int[2];
    for (int y = a.y + 3; y < a.y + a.height; y += 11) {
      for (int x = a.x + 3; x < a.x + a.width; x += 11) {
        if (gridColumn(f, x) || gridRow(f, y) || nearAPoint(f, points, x, y)) {
          continue;
        }
        double x1 = f.x.value((x - a.x + 0.5) / a.width);
        double x2 = f.y.value(1 - (y - a.y + 0.5) / a.height);
        int predicted = model.predict(Matrix.column(x1, x2))[0];
        assertEquals(Palette.tint(predicted).getRGB(), rgb(image, x, y), "pixel " + x + ", " + y);
        if (Math.abs(x1 + x2) > 1e-6) {
          assertEquals(x1 + x2 > 0 ? 1 : 0, predicted, "the hand-set model at " + x1 + ", " + x2);
        }
        seen[predicted]++;
      }
    }
    assertTrue(seen[0] > 100 && seen[1] > 100, seen[0] + " and " + seen[1] + " pixels per class");
  }

  private static boolean nearAPoint(Frame f, Matrix points, int x, int y) {
    for (int j = 0; j < points.cols(); j++) {
      double dx = f.px(points.get(0, j)) - x;
      double dy = f.py(points.get(1, j)) - y;
      if (dx * dx + dy * dy < 12 * 12) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aModelWithoutNamesGetsNumberedClasses(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("regions.png");
    DecisionRegions.of(diagonal(), POINTS, LABELS).writePng(file, 500, 400);
    Pixels.readPng(file, 500, 400);
  }

  @Test
  void writesAPngOfTheRequestedSizeAndTheSameBytesTwice(@TempDir Path dir) throws Exception {
    Path first = dir.resolve("first.png");
    Path second = dir.resolve("second.png");
    regions(RIGHT_IS_ONE).title("Left and right").writePng(first, 700, 450);
    regions(RIGHT_IS_ONE).title("Left and right").writePng(second, 700, 450);
    Pixels.readPng(first, 700, 450);
    assertEquals(-1, Files.mismatch(first, second), "two writes of one map differ");
  }

  private static void assertRejected(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' lacks " + fragment);
    }
  }

  @Test
  void badInputIsExplained() {
    assertRejected(
        () -> DecisionRegions.of(RIGHT_IS_ONE, Matrix.zeros(3, 4), new int[4], "a", "b"),
        "2 x n",
        "3 x 4");
    assertRejected(
        () -> DecisionRegions.of(RIGHT_IS_ONE, Matrix.zeros(2, 0), new int[0], "a", "b"),
        "no points");
    assertRejected(
        () -> DecisionRegions.of(RIGHT_IS_ONE, POINTS, new int[3], "a", "b"),
        "5 points",
        "3 labels");
    assertRejected(
        () -> DecisionRegions.of(RIGHT_IS_ONE, POINTS, new int[] {0, 0, 2, 1, 1}, "a", "b"),
        "point 2",
        "label 2");
    assertRejected(() -> DecisionRegions.of(RIGHT_IS_ONE, POINTS, LABELS), "name");
    assertRejected(
        () ->
            DecisionRegions.of(
                RIGHT_IS_ONE, POINTS, LABELS, "a", "b", "c", "d", "e", "f", "g", "h", "i"),
        "9 classes");
    Matrix infinite = Matrix.of(new double[][] {{0, Double.POSITIVE_INFINITY}, {0, 1}});
    assertRejected(
        () -> DecisionRegions.of(RIGHT_IS_ONE, infinite, new int[2], "a", "b"),
        "point 1",
        "Infinity");
    assertRejected(() -> regions(RIGHT_IS_ONE).margin(-0.1), "-0.1");
    assertRejected(
        () -> regions(p -> new int[p.cols() - 1]).toImage(W, H), "returned", "classes for");
    assertRejected(
        () -> regions(p -> new int[p.cols()]).transform(p -> Matrix.zeros(2, 3)).toImage(W, H),
        "2 x 3");
    assertRejected(
        () ->
            regions(
                    p -> {
                      int[] c = RIGHT_IS_ONE.apply(p);
                      c[c.length - 1] = 5;
                      return c;
                    })
                .toImage(W, H),
        "class 5");
    assertRejected(
        () -> DecisionRegions.of(diagonal(), POINTS, LABELS, "a", "b", "c"),
        "predicts 2 classes",
        "3 class names");
    assertRejected(
        () ->
            DecisionRegions.of(diagonal(), POINTS, LABELS)
                .transform(p -> Matrix.zeros(3, p.cols()))
                .toImage(W, H),
        "3 rows",
        "2 inputs");
    assertRejected(() -> regions(RIGHT_IS_ONE).toImage(W, 100), "height", "100");
  }
}
