package dev.unroll.plot;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A chart of one or more named curves, written as a PNG image: learning curves, a metric against a
 * hyperparameter, anything that is y against x.
 *
 * <pre>{@code
 * LineChart.create()
 *     .title("Cost per epoch")
 *     .xAxisTitle("epoch")
 *     .yAxisTitle("cost")
 *     .logY()
 *     .series("training", history.losses())
 *     .series("validation", history.validationLosses())
 *     .writePng(Path.of("cost.png"), 800, 600);
 * }</pre>
 *
 * <p>A NaN in x or y is a gap: the curve stops before it and starts again after it, and a series
 * with no finite point at all is left out (it gets no legend entry). That way a metric that was
 * measured only sometimes, such as a validation loss without a validation set, needs no special
 * case. A point with gaps on both sides is drawn as a dot, since a line through one point would be
 * invisible.
 *
 * <p>Axes start and end on round tick values (1, 2 or 5 times a power of ten) that include every
 * point. When every x value is a whole number, as with epochs, x ticks are whole numbers too.
 * Colours come from a palette that colour-blind readers can tell apart; each series keeps the
 * colour of its position, so the second series is always vermillion, whether or not the first one
 * is drawn. From the ninth series on, colours repeat with dashes. A legend appears once there are
 * two curves to tell apart.
 *
 * <p>The chart copies the arrays it is given, so changing them afterwards does not change the
 * chart. The same chart and size always give the same pixels and the same PNG bytes.
 */
public final class LineChart {
  private String title = "";
  private String xTitle = "";
  private String yTitle = "";
  private boolean logX;
  private boolean logY;
  private final List<Series> series = new ArrayList<>();

  private record Series(String name, double[] x, double[] y) {}

  private LineChart() {}

  /** An empty chart with no titles and linear axes; add at least one series before drawing. */
  public static LineChart create() {
    return new LineChart();
  }

  /** The title above the chart; empty (the default) for none. */
  public LineChart title(String title) {
    this.title = text("title", title);
    return this;
  }

  /** The title under the x axis, usually the quantity and its unit; empty for none. */
  public LineChart xAxisTitle(String title) {
    this.xTitle = text("x axis title", title);
    return this;
  }

  /** The title beside the y axis; empty for none. */
  public LineChart yAxisTitle(String title) {
    this.yTitle = text("y axis title", title);
    return this;
  }

  /**
   * Places x values by their logarithm, for example learning rates from 0.0001 to 1. Every finite x
   * must then be positive.
   */
  public LineChart logX() {
    this.logX = true;
    return this;
  }

  /**
   * Places y values by their logarithm. A cost that falls from 0.7 to 0.001 is a flat line on a
   * linear axis after the first few epochs; on a logarithmic one the whole descent stays visible.
   * Every finite y must then be positive.
   */
  public LineChart logY() {
    this.logY = true;
    return this;
  }

  /**
   * Adds a curve through {@code (1, y[0]), (2, y[1]), ...}: values per epoch, per step or per run.
   *
   * @param name the name in the legend; each series needs its own
   * @param y the values; NaN marks a gap
   * @throws IllegalArgumentException if the name is blank or taken, {@code y} is empty or holds an
   *     infinite value
   */
  public LineChart series(String name, double[] y) {
    if (y == null) {
      throw new IllegalArgumentException("the y values of series '" + name + "' are null");
    }
    double[] x = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    return series(name, x, y);
  }

  /**
   * Adds a curve through the points {@code (x[i], y[i])}, joined in the order given.
   *
   * @param name the name in the legend; each series needs its own
   * @param x the horizontal positions; NaN marks a gap
   * @param y the values, one per x; NaN marks a gap
   * @throws IllegalArgumentException if the name is blank or taken, the arrays are null, empty or
   *     of different lengths, or hold an infinite value
   */
  public LineChart series(String name, double[] x, double[] y) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "a series needs a name for the legend, but got "
              + (name == null ? "null" : "'" + name + "'"));
    }
    for (Series s : series) {
      if (s.name().equals(name)) {
        throw new IllegalArgumentException(
            "the chart already has a series named '"
                + name
                + "'; give each series its own name so the legend can tell them apart");
      }
    }
    if (x == null || y == null) {
      throw new IllegalArgumentException(
          "series '" + name + "' has null " + (x == null ? "x" : "y") + " values");
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "series '"
              + name
              + "' has "
              + x.length
              + " x values but "
              + y.length
              + " y values; give exactly one y for each x");
    }
    if (y.length == 0) {
      throw new IllegalArgumentException(
          "series '" + name + "' has no points; give at least one (x, y) pair");
    }
    requireNoInfinity(name, "x", x);
    requireNoInfinity(name, "y", y);
    series.add(new Series(name, x.clone(), y.clone()));
    return this;
  }

  /**
   * Draws the chart.
   *
   * @param width the image width in pixels, 160 to 8192
   * @param height the image height in pixels, 160 to 8192
   * @throws IllegalArgumentException if the size is out of range, there is nothing to draw, or a
   *     logarithmic axis meets a value that is not positive
   */
  public BufferedImage toImage(int width, int height) {
    Frame frame = frame(width, height);
    float lineWidth = lineWidth(frame.style);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      Style.apply(g);
      frame.drawBackground(g);
      frame.drawGrid(g, Palette.GRID);
      Shape clip = g.getClip();
      double m = lineWidth;
      g.clip(
          new Rectangle2D.Double(
              frame.area.x - m,
              frame.area.y - m,
              frame.area.width + 2 * m,
              frame.area.height + 2 * m));
      for (int k : drawn()) {
        drawSeries(g, frame, k, lineWidth);
      }
      g.setClip(clip);
      frame.drawAxes(g);
      frame.drawLegend(g);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The layout for a {@code width} x {@code height} image: the plot area, axes and legend. */
  Frame frame(int width, int height) {
    Style style = Style.forSize(width, height);
    List<Integer> drawn = drawn();
    double[] xRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    double[] yRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    boolean wholeX = true;
    for (int k : drawn) {
      Series s = series.get(k);
      for (int i = 0; i < s.x().length; i++) {
        double px = s.x()[i];
        double py = s.y()[i];
        if (Double.isNaN(px) || Double.isNaN(py)) {
          continue;
        }
        requirePositive(logX, s.name(), "x", i, px);
        requirePositive(logY, s.name(), "y", i, py);
        xRange[0] = Math.min(xRange[0], px);
        xRange[1] = Math.max(xRange[1], px);
        yRange[0] = Math.min(yRange[0], py);
        yRange[1] = Math.max(yRange[1], py);
        wholeX &= px == Math.rint(px);
      }
    }
    List<Frame.Entry> entries = new ArrayList<>();
    if (drawn.size() > 1) {
      BasicStroke[] strokes = new BasicStroke[series.size()];
      for (int k : drawn) {
        strokes[k] = stroke(k, lineWidth(style));
        entries.add(
            new Frame.Entry(
                series.get(k).name(),
                (g, box) -> {
                  g.setColor(Palette.color(k));
                  g.setStroke(strokes[k]);
                  double middle = box.getCenterY();
                  g.draw(new Line2D.Double(box.getMinX(), middle, box.getMaxX(), middle));
                }));
      }
    }
    double minStep = !logX && wholeX ? 1 : 0;
    return Frame.layout(
        width,
        height,
        new Frame.Titles(title, xTitle, yTitle),
        entries,
        n -> axis(logX, xRange, n, minStep),
        n -> axis(logY, yRange, n, 0));
  }

  /** The positions of the series with at least one point to draw. */
  private List<Integer> drawn() {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("the chart has no series; add one with series(...)");
    }
    List<Integer> drawn = new ArrayList<>();
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      for (int i = 0; i < s.x().length; i++) {
        if (!Double.isNaN(s.x()[i]) && !Double.isNaN(s.y()[i])) {
          drawn.add(k);
          break;
        }
      }
    }
    if (drawn.isEmpty()) {
      throw new IllegalArgumentException(
          "nothing to draw: every point of every series has a NaN coordinate");
    }
    return drawn;
  }

  private static float lineWidth(Style style) {
    return (float) style.px(2.2);
  }

  /**
   * Draws the chart and writes it to {@code file} as a PNG, replacing the file if it exists. The
   * file holds no time stamp or other metadata, so the same chart always gives the same bytes.
   *
   * @param file where to write; its folder must exist
   * @param width the image width in pixels, 160 to 8192
   * @param height the image height in pixels, 160 to 8192
   * @throws IllegalArgumentException for the reasons {@link #toImage} gives
   * @throws IOException if the file cannot be written
   */
  public void writePng(Path file, int width, int height) throws IOException {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    Png.write(toImage(width, height), file);
  }

  private static Scale axis(boolean log, double[] range, int intervals, double minStep) {
    return log
        ? Ticks.log(range[0], range[1], intervals)
        : Ticks.linear(range[0], range[1], intervals, true, minStep);
  }

  /** Solid lines for the first round of colours, dashed ones after, so series stay distinct. */
  private static BasicStroke stroke(int index, float width) {
    if (index < Palette.size()) {
      return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }
    float[] dash = {4 * width, 2.5f * width};
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
  }

  private void drawSeries(Graphics2D g, Frame frame, int index, float lineWidth) {
    Series s = series.get(index);
    g.setColor(Palette.color(index));
    g.setStroke(stroke(index, lineWidth));
    Path2D.Double path = new Path2D.Double();
    int run = 0;
    for (int i = 0; i <= s.x().length; i++) {
      boolean present = i < s.x().length && !Double.isNaN(s.x()[i]) && !Double.isNaN(s.y()[i]);
      if (!present) {
        if (run == 1) {
          double r = 1.3 * lineWidth;
          double cx = frame.px(s.x()[i - 1]);
          double cy = frame.py(s.y()[i - 1]);
          g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        }
        run = 0;
        continue;
      }
      double px = frame.px(s.x()[i]);
      double py = frame.py(s.y()[i]);
      if (run == 0) {
        path.moveTo(px, py);
      } else {
        path.lineTo(px, py);
      }
      run++;
    }
    g.draw(path);
  }

  private static String text(String what, String value) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null; use \"\" for none");
    }
    return value.strip();
  }

  private static void requireNoInfinity(String name, String axis, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (Double.isInfinite(values[i])) {
        throw new IllegalArgumentException(
            "series '"
                + name
                + "' has "
                + axis
                + " = "
                + values[i]
                + " at index "
                + i
                + "; an infinite value cannot be drawn (use NaN to leave a gap)");
      }
    }
  }

  private static void requirePositive(boolean log, String name, String axis, int i, double v) {
    if (log && v <= 0) {
      throw new IllegalArgumentException(
          "the "
              + axis
              + " axis is logarithmic, but series '"
              + name
              + "' has "
              + axis
              + " = "
              + v
              + " at index "
              + i
              + "; a logarithmic axis shows positive values only (use a linear axis, or NaN to"
              + " leave the point out)");
    }
  }
}
