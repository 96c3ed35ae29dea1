package dev.unroll.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {
  private static final int W = 640;
  private static final int H = 480;
  private static final int TOLERANCE = 40;

  private static double[] range(int n, double from, double to) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = from + (to - from) * i / (n - 1);
    }
    return v;
  }

  private static LineChart rising() {
    return LineChart.create()
        .title("Rising")
        .xAxisTitle("x")
        .yAxisTitle("y")
        .series("rise", range(11, 0, 10), range(11, 0, 1));
  }

  @Test
  void writesAPngOfTheRequestedSize(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("chart.png");
    rising().writePng(file, 517, 389);
    Pixels.readPng(file, 517, 389);
    BufferedImage image = rising().toImage(W, H);
    assertEquals(W, image.getWidth());
    assertEquals(H, image.getHeight());
  }

  @Test
  void theSameChartGivesTheSameBytes(@TempDir Path dir) throws Exception {
    Path first = dir.resolve("first.png");
    Path second = dir.resolve("second.png");
    Path other = dir.resolve("other.png");
    rising().writePng(first, W, H);
    rising().writePng(second, W, H);
    rising().title("Rising, again").writePng(other, W, H);
    assertEquals(-1, Files.mismatch(first, second), "two writes of one chart differ");
    assertNotEquals(-1, Files.mismatch(first, other), "a different chart wrote the same bytes");
  }

  @Test
  void aRisingSeriesRunsFromBottomLeftToTopRight() {
    LineChart chart = rising();
    Rectangle a = chart.frame(W, H).area;
    BufferedImage image = chart.toImage(W, H);
    Color blue = Palette.color(0);
    int box = 12;
    int bottomLeft =
        Pixels.count(image, blue, a.x, a.y + a.height - box, a.x + box, a.y + a.height, TOLERANCE);
    int topRight =
        Pixels.count(image, blue, a.x + a.width - box, a.y, a.x + a.width, a.y + box, TOLERANCE);
    int topLeft = Pixels.count(image, blue, a.x, a.y, a.x + box, a.y + box, TOLERANCE);
    int bottomRight =
        Pixels.count(
            image,
            blue,
            a.x + a.width - box,
            a.y + a.height - box,
            a.x + a.width,
            a.y + a.height,
            TOLERANCE);
    assertTrue(bottomLeft > 5, "bottom left has " + bottomLeft + " pixels of the series");
    assertTrue(topRight > 5, "top right has " + topRight + " pixels of the series");
    assertEquals(0, topLeft, "top left");
    assertEquals(0, bottomRight, "bottom right");
  }

  @Test
  void nanLeavesAGap() {
    double[] y = {0.5, 0.5, 0.5, 0.5, Double.NaN, Double.NaN, Double.NaN, 0.5, 0.5, 0.5, 0.5};
    LineChart chart = LineChart.create().series("flat", range(11, 0, 10), y);
    Frame f = chart.frame(W, H);
    BufferedImage image = chart.toImage(W, H);
    Color blue = Palette.color(0);
    int row = (int) f.py(0.5);
    int inGap = (int) f.px(5);
    int drawn = (int) f.px(1.5);
    assertTrue(Pixels.count(image, blue, drawn - 2, row - 4, drawn + 3, row + 5, TOLERANCE) > 0);
    assertEquals(0, Pixels.count(image, blue, inGap - 2, row - 4, inGap + 3, row + 5, TOLERANCE));
  }

  @Test
  void aSingleFinitePointBetweenGapsIsADot() {
    double[] y = {Double.NaN, 0.2, Double.NaN, 0.8};
    LineChart chart = LineChart.create().series("sparse", new double[] {1, 2, 3, 4}, y);
    Frame f = chart.frame(W, H);
    BufferedImage image = chart.toImage(W, H);
    int x = (int) f.px(2);
    int yy = (int) f.py(0.2);
    assertTrue(Pixels.count(image, Palette.color(0), x - 2, yy - 2, x + 3, yy + 3, TOLERANCE) > 0);
  }

  @Test
  void aSeriesWithoutPointsIsLeftOutWithItsLegendEntry() {
    double[] none = {Double.NaN, Double.NaN, Double.NaN};
    BufferedImage image =
        LineChart.create()
            .series("training", new double[] {0.9, 0.5, 0.3})
            .series("validation", none)
            .toImage(W, H);
    assertEquals(0, Pixels.count(image, Palette.color(1), 0, 0, W, H, TOLERANCE));
  }

  @Test
  void twoSeriesGetALegendAboveThePlot() {
    LineChart chart =
        LineChart.create()
            .title("Two")
            .series("training", new double[] {0.9, 0.5, 0.3})
            .series("validation", new double[] {1.0, 0.7, 0.6});
    Rectangle a = chart.frame(W, H).area;
    BufferedImage image = chart.toImage(W, H);
    for (int k = 0; k < 2; k++) {
      int above = Pixels.count(image, Palette.color(k), 0, 0, W, a.y, TOLERANCE);
      assertTrue(above > 10, "series " + k + " has " + above + " pixels in the legend");
    }
  }

  @Test
  void aLogarithmicAxisStraightensAnExponential() {
    double[] x = range(31, -3, 0);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.pow(10, x[i]);
    }
    LineChart log = LineChart.create().logY().series("power", x, y);
    LineChart linear = LineChart.create().series("power", x, y);
    Rectangle a = log.frame(W, H).area;
    int cx = (int) a.getCenterX();
    int cy = (int) a.getCenterY();
    Color blue = Palette.color(0);
    int onLog = Pixels.count(log.toImage(W, H), blue, cx - 4, cy - 4, cx + 5, cy + 5, TOLERANCE);
    Rectangle b = linear.frame(W, H).area;
    int bx = (int) b.getCenterX();
    int by = (int) b.getCenterY();
    int onLinear =
        Pixels.count(linear.toImage(W, H), blue, bx - 4, by - 4, bx + 5, by + 5, TOLERANCE);
    assertTrue(onLog > 0, "the log chart's line misses the centre");
    assertEquals(0, onLinear, "the linear chart's line passes the centre");
  }

  @Test
  void wholeNumberXGetsWholeNumberTicks() {
    Frame f = LineChart.create().series("three", new double[] {0.3, 0.2, 0.1}).frame(W, H);
    for (double t : f.x.ticks()) {
      assertEquals(Math.rint(t), t, "tick " + t);
    }
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
        () -> LineChart.create().series("a", new double[] {1, 2, 3}, new double[] {1, 2}),
        "3 x values",
        "2 y values");
    assertRejected(() -> LineChart.create().series("a", new double[0]), "no points");
    assertRejected(() -> LineChart.create().series(" ", new double[] {1}), "name");
    assertRejected(
        () -> LineChart.create().series("a", new double[] {1}).series("a", new double[] {2}),
        "already",
        "'a'");
    assertRejected(
        () -> LineChart.create().series("a", new double[] {1, Double.POSITIVE_INFINITY}),
        "Infinity",
        "index 1");
    assertRejected(
        () -> LineChart.create().logY().series("a", new double[] {1, -0.5}).toImage(W, H),
        "logarithmic",
        "-0.5",
        "index 1");
    assertRejected(() -> LineChart.create().toImage(W, H), "no series");
    assertRejected(
        () -> LineChart.create().series("a", new double[] {Double.NaN}).toImage(W, H),
        "nothing to draw");
    assertRejected(() -> rising().toImage(20, H), "width", "20");
    assertRejected(() -> LineChart.create().title(null), "title");
  }
}
