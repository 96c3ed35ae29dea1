package dev.unroll.plot;

import dev.unroll.runtime.Matrix;
import dev.unroll.runtime.Model;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A map of what a classifier with two inputs decides across the plane, with the data on top.
 *
 * <pre>{@code
 * DecisionRegions.of(model, test.x(), Matrix.classes(test.y()), "outer", "inner")
 *     .title("Moons, after 200 epochs")
 *     .writePng(Path.of("regions.png"), 800, 600);
 * }</pre>
 *
 * <p>Every pixel of the plot is shaded with a light tint of the class the classifier predicts at
 * its centre, and every data point is drawn as a dot in the full colour of its true class, with a
 * thin dark outline. A dot whose colour differs from the tint around it is a misclassified point,
 * and the border between tints is the decision boundary, exactly as the classifier draws it at this
 * resolution: no smoothing, no contour fitting. The plotted area is the points' bounding box plus a
 * margin on each side (8% of its width and height by default), so the map also shows how the
 * classifier extrapolates just beyond the data.
 *
 * <p>The classifier is a function from a matrix of points, 2 x k with one column per point, to
 * their k classes, which is the shape of {@link Model#predict}: the plot hands it whole rows of
 * pixels at a time (up to 8,192 points per call), so a generated model classifies the grid with a
 * few dozen batched forward passes instead of one call per pixel, and the buffers it keeps for that
 * batch size stay small (a model keeps its workspaces between calls). When the model was trained on
 * transformed features (standardised, or expanded into more features), a {@link #transform} maps
 * the plotted coordinates to the model's inputs before each call; the points and axes stay in the
 * original units.
 *
 * <p>Classes take the colours of a palette that colour-blind readers can tell apart, at most eight
 * of them. The chart copies the points and labels it is given. The same chart and size always give
 * the same pixels and the same PNG bytes, provided the classifier is deterministic.
 */
public final class DecisionRegions {
  /** The most points one classifier call receives. */
  static final int BATCH = 1 << 13;

  private final Function<Matrix, int[]> classifier;
  private final Model model;
  private final double[] x1;
  private final double[] x2;
  private final int[] labels;
  private final List<String> classNames;
  private UnaryOperator<Matrix> transform;
  private String title = "Decision regions";
  private String xTitle = "x\u2081";
  private String yTitle = "x\u2082";
  private double margin = 0.08;

  private DecisionRegions(
      Function<Matrix, int[]> classifier,
      Model model,
      Matrix points,
      int[] labels,
      List<String> classNames) {
    this.classifier = classifier;
    this.model = model;
    this.classNames = classNames;
    if (points == null) {
      throw new IllegalArgumentException("points must not be null");
    }
    if (points.rows() != 2) {
      throw new IllegalArgumentException(
          "points must be 2 x n, one column per point with x\u2081 in row 0 and x\u2082 in row 1,"
              + " but the matrix is "
              + points.shape()
              + (points.cols() == 2 ? "; if it holds one row per point, transpose it" : ""));
    }
    int n = points.cols();
    if (n == 0) {
      throw new IllegalArgumentException(
          "there are no points (the matrix is 2 x 0); the plot needs at least one to frame");
    }
    if (labels == null) {
      throw new IllegalArgumentException("labels must not be null");
    }
    if (labels.length != n) {
      throw new IllegalArgumentException(
          "there are "
              + n
              + " points but "
              + labels.length
              + " labels; give one class index per point (Matrix.classes(y) turns a label"
              + " matrix into one)");
    }
    this.x1 = new double[n];
    this.x2 = new double[n];
    for (int j = 0; j < n; j++) {
      x1[j] = points.get(0, j);
      x2[j] = points.get(1, j);
      if (!Double.isFinite(x1[j]) || !Double.isFinite(x2[j])) {
        throw new IllegalArgumentException(
            "point " + j + " is (" + x1[j] + ", " + x2[j] + "); every coordinate must be finite");
      }
      if (labels[j] < 0 || labels[j] >= classNames.size()) {
        throw new IllegalArgumentException(
            "point "
                + j
                + " has label "
                + labels[j]
                + ", but with "
                + classNames.size()
                + " class names the labels must be 0 to "
                + (classNames.size() - 1));
      }
    }
    this.labels = labels.clone();
  }

  /**
   * A map of {@code classifier}'s decisions around {@code points}.
   *
   * @param classifier given 2 x k points (one per column), returns their k class indices, each from
   *     0 to {@code classNames.length - 1}; {@code model::predict} is one
   * @param points 2 x n, one column per point: x₁ in row 0, x₂ in row 1
   * @param labels the true class of each point, from 0 to {@code classNames.length - 1}
   * @param classNames one name per class, for the legend; at most 8
   * @throws IllegalArgumentException if an argument is null, the points are not 2 x n with n at
   *     least 1 or hold a non-finite value, or a label or the number of names is out of range
   */
  public static DecisionRegions of(
      Function<Matrix, int[]> classifier, Matrix points, int[] labels, String... classNames) {
    if (classifier == null) {
      throw new IllegalArgumentException("classifier must not be null");
    }
    if (classNames == null || classNames.length == 0) {
      throw new IllegalArgumentException(
          "give one name per class for the legend, for example \"negative\", \"positive\"");
    }
    return new DecisionRegions(classifier, null, points, labels, names(classNames));
  }

  /**
   * A map of a generated model's decisions ({@link Model#predict}) around {@code points}. A model
   * with one output unit has two classes (output below or above 0.5); one with several outputs has
   * one class per output.
   *
   * @param model a classifier with 2 inputs, or any number of inputs together with a {@link
   *     #transform} that produces them
   * @param points 2 x n, one column per point: x₁ in row 0, x₂ in row 1
   * @param labels the true class of each point
   * @param classNames one name per class the model predicts, or none for "class 0", "class 1", ...
   * @throws IllegalArgumentException if an argument is null, the points are not 2 x n with n at
   *     least 1, a label is out of range, or the number of names is not the model's number of
   *     classes
   */
  public static DecisionRegions of(Model model, Matrix points, int[] labels, String... classNames) {
    if (model == null) {
      throw new IllegalArgumentException("model must not be null");
    }
    int classes = model.outputSize() == 1 ? 2 : model.outputSize();
    String[] names = classNames == null ? new String[0] : classNames;
    if (names.length == 0) {
      names = new String[classes];
      for (int c = 0; c < classes; c++) {
        names[c] = "class " + c;
      }
    } else if (names.length != classes) {
      throw new IllegalArgumentException(
          "the model predicts "
              + classes
              + " classes ("
              + (model.outputSize() == 1 ? "one output unit, thresholded at 0.5" : "one per output")
              + "), but "
              + names.length
              + " class names were given; give "
              + classes
              + " names, or none for \"class 0\", \"class 1\", ...");
    }
    return new DecisionRegions(model::predict, model, points, labels, names(names));
  }

  private static List<String> names(String[] classNames) {
    if (classNames.length > Palette.size()) {
      throw new IllegalArgumentException(
          classNames.length
              + " classes are more than the "
              + Palette.size()
              + " colours a reader can tell apart on this plot; group some classes together");
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classNames.length; c++) {
      if (classNames[c] == null || classNames[c].isBlank()) {
        throw new IllegalArgumentException(
            "class " + c + " has no name; the legend needs a name for every class");
      }
      names.add(classNames[c].strip());
    }
    return List.copyOf(names);
  }

  /** The title above the plot; "Decision regions" by default, empty for none. */
  public DecisionRegions title(String title) {
    this.title = text("title", title);
    return this;
  }

  /** The title under the horizontal axis, the feature in row 0 of the points; "x₁" by default. */
  public DecisionRegions xAxisTitle(String title) {
    this.xTitle = text("x axis title", title);
    return this;
  }

  /** The title beside the vertical axis, the feature in row 1 of the points; "x₂" by default. */
  public DecisionRegions yAxisTitle(String title) {
    this.yTitle = text("y axis title", title);
    return this;
  }

  /**
   * Maps plotted coordinates to the classifier's inputs before every call, for a model trained on
   * transformed features: the plot and its axes stay in the original units while the model sees
   * what it was trained on. The function receives 2 x k points (one per column) and must return a
   * matrix with k columns, one per point; it may have any number of rows (expanded features), and
   * it may reuse the matrix it was given.
   *
   * @param transform for example standardisation with the training set's mean and deviation; null
   *     for none
   */
  public DecisionRegions transform(UnaryOperator<Matrix> transform) {
    this.transform = transform;
    return this;
  }

  /**
   * How far the plot extends beyond the points, as a fraction of their range on each axis: 0.08
   * (the default) adds 8% of the width on the left and on the right, and 8% of the height above and
   * below.
   *
   * @param fraction from 0 to 1
   * @throws IllegalArgumentException if the fraction is outside [0, 1]
   */
  public DecisionRegions margin(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "the margin is a fraction of the data's range from 0 to 1, not " + fraction);
    }
    this.margin = fraction;
    return this;
  }

  /**
   * Draws the map, calling the classifier on every pixel of the plot area.
   *
   * @param width the image width in pixels, 160 to 8192
   * @param height the image height in pixels, 160 to 8192
   * @throws IllegalArgumentException if the size is out of range, or the classifier or transform
   *     returns the wrong number of results or a class without a name
   */
  public BufferedImage toImage(int width, int height) {
    Frame frame = frame(width, height);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      Style.apply(g);
      frame.drawBackground(g);
      shade(image, frame);
      frame.drawGrid(g, new Color(255, 255, 255, 140));
      Style style = frame.style;
      double radius = style.px(4.5);
      BasicStroke outline = new BasicStroke((float) Math.max(1, style.px(1)));
      for (int j = 0; j < labels.length; j++) {
        dot(g, frame.px(x1[j]), frame.py(x2[j]), radius, labels[j], outline);
      }
      frame.drawAxes(g);
      frame.drawLegend(g);
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * Draws the map and writes it to {@code file} as a PNG, replacing the file if it exists. The file
   * holds no time stamp or other metadata, so the same map always gives the same bytes.
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

  /** The layout for a {@code width} x {@code height} image: the plot area and its axes. */
  Frame frame(int width, int height) {
    Style style = Style.forSize(width, height);
    double radius = style.px(4.5);
    BasicStroke outline = new BasicStroke((float) Math.max(1, style.px(1)));
    List<Frame.Entry> entries = new ArrayList<>();
    for (int c = 0; c < classNames.size(); c++) {
      int index = c;
      entries.add(
          new Frame.Entry(
              classNames.get(c),
              (g, box) -> {
                g.setColor(Palette.tint(index));
                double arc = style.px(4);
                g.fill(
                    new RoundRectangle2D.Double(
                        box.getX(), box.getY(), box.getWidth(), box.getHeight(), arc, arc));
                dot(g, box.getCenterX(), box.getCenterY(), radius, index, outline);
              }));
    }
    double[] xr = range(x1);
    double[] yr = range(x2);
    return Frame.layout(
        width,
        height,
        new Frame.Titles(title, xTitle, yTitle),
        entries,
        n -> Ticks.linear(xr[0], xr[1], n, false, 0),
        n -> Ticks.linear(yr[0], yr[1], n, false, 0));
  }

  private static void dot(
      Graphics2D g, double x, double y, double radius, int index, BasicStroke outline) {
    Ellipse2D circle = new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius);
    g.setColor(Palette.color(index));
    g.fill(circle);
    g.setColor(Palette.OUTLINE);
    g.setStroke(outline);
    g.draw(circle);
  }

  /** The points' extent on one axis plus the margin on both sides. */
  private double[] range(double[] values) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double span = max - min;
    // One point, or points in a line: show a window around them of a size that suits their scale.
    double pad = span > 0 ? margin * span : Math.max(0.5, 0.1 * Math.abs(min));
    return new double[] {min - pad, max + pad};
  }

  /** Tints every pixel of the plot area by its predicted class, whole rows per classifier call. */
  private void shade(BufferedImage image, Frame frame) {
    int width = frame.area.width;
    int[] tints = new int[classNames.size()];
    for (int c = 0; c < tints.length; c++) {
      tints[c] = Palette.tint(c).getRGB();
    }
    int rowsPerCall = Math.max(1, BATCH / width);
    for (int top = 0; top < frame.area.height; top += rowsPerCall) {
      int rows = Math.min(rowsPerCall, frame.area.height - top);
      int k = rows * width;
      Matrix grid = Matrix.zeros(2, k);
      double[] data = grid.storage();
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < width; c++) {
          data[r * width + c] = columnValue(frame, c);
          data[k + r * width + c] = rowValue(frame, top + r);
        }
      }
      int[] classes = classifier.apply(inputs(grid));
      if (classes == null || classes.length != k) {
        throw new IllegalArgumentException(
            "the classifier returned "
                + (classes == null ? "null" : classes.length + " classes")
                + " for "
                + k
                + " points; it must return one class per column of the matrix it is given");
      }
      int[] rgb = new int[k];
      for (int i = 0; i < k; i++) {
        int c = classes[i];
        if (c < 0 || c >= tints.length) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "the classifier predicted class %d at (%.4g, %.4g), but there are %d class"
                      + " names, for classes 0 to %d; give a name to every class it can predict",
                  c,
                  columnValue(frame, i % width),
                  rowValue(frame, top + i / width),
                  tints.length,
                  tints.length - 1));
        }
        rgb[i] = tints[c];
      }
      image.setRGB(frame.area.x, frame.area.y + top, width, rows, rgb, 0, width);
    }
  }

  /** The x₁ at the centre of pixel column {@code c} of the plot area, counted from its left. */
  private static double columnValue(Frame frame, int c) {
    return frame.x.value((c + 0.5) / frame.area.width);
  }

  /** The x₂ at the centre of pixel row {@code r} of the plot area, counted from its top. */
  private static double rowValue(Frame frame, int r) {
    return frame.y.value(1 - (r + 0.5) / frame.area.height);
  }

  /** The classifier's input for a batch of plotted points: the points, or their transform. */
  private Matrix inputs(Matrix grid) {
    int k = grid.cols();
    Matrix in = transform == null ? grid : transform.apply(grid);
    if (in == null || in.cols() != k) {
      throw new IllegalArgumentException(
          "the transform returned "
              + (in == null ? "null" : "a " + in.shape() + " matrix")
              + " for 2 x "
              + k
              + " points; it must return one column per point");
    }
    if (model != null && in.rows() != model.inputSize()) {
      throw new IllegalArgumentException(
          transform == null
              ? "the model takes "
                  + model.inputSize()
                  + " inputs, but the plotted points have 2 coordinates; a decision map needs a"
                  + " model with 2 inputs, or a transform that turns 2 coordinates into "
                  + model.inputSize()
                  + " inputs"
              : "the transform returns "
                  + in.rows()
                  + " rows per point, but the model takes "
                  + model.inputSize()
                  + " inputs");
    }
    return in;
  }

  private static String text(String what, String value) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null; use \"\" for none");
    }
    return value.strip();
  }
}
