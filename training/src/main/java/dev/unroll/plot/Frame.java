package dev.unroll.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout every chart shares, and the drawing of everything around the data: title, legend,
 * grid, axes, tick labels and axis titles.
 *
 * <p>The page is laid out from the outside in: the title and legend take the top, the x axis's
 * labels and title the bottom; what is left in height decides how many y ticks fit, their widest
 * label and the y title decide the left margin, and what is left in width decides how many x ticks
 * fit without their labels touching. The result, {@link #area}, is where the data go, and {@link
 * #px}/{@link #py} place a value in it.
 *
 * <p>The legend sits in rows between the title and the plot rather than inside the plot, so it can
 * never hide a curve or a data point.
 */
final class Frame {
  /** Builds an axis with at most the given number of intervals between its ticks. */
  interface AxisRule {
    Scale scale(int maxIntervals);
  }

  /** Draws the key of a legend entry (a line, a marker) inside {@code box}. */
  interface Key {
    void draw(Graphics2D g, Rectangle2D box);
  }

  /** One line of the legend: a key and the name beside it. */
  record Entry(String label, Key key) {}

  /** The texts around a chart; empty strings leave their space out. */
  record Titles(String title, String x, String y) {}

  private record Placed(Entry entry, double x, double baseline, Rectangle2D key) {}

  final int width;
  final int height;
  final Style style;
  final Titles titles;

  /** The plot area: pixels (area.x .. area.x + area.width - 1, same for y) show data. */
  final Rectangle area;

  final Scale x;
  final Scale y;
  private final List<Placed> legend;
  private final double titleBaseline;

  private Frame(
      int width,
      int height,
      Style style,
      Titles titles,
      Rectangle area,
      Scale x,
      Scale y,
      List<Placed> legend,
      double titleBaseline) {
    this.width = width;
    this.height = height;
    this.style = style;
    this.titles = titles;
    this.area = area;
    this.x = x;
    this.y = y;
    this.legend = legend;
    this.titleBaseline = titleBaseline;
  }

  /**
   * Lays out a {@code width} x {@code height} chart.
   *
   * @throws IllegalArgumentException if the size is out of bounds, or too small for the texts
   */
  static Frame layout(
      int width, int height, Titles titles, List<Entry> entries, AxisRule xRule, AxisRule yRule) {
    Style s = Style.forSize(width, height);
    double pad = s.px(16);
    double tickLength = s.px(5);
    double tickGap = s.px(4);

    double top = pad;
    double titleBaseline = 0;
    if (!titles.title().isEmpty()) {
      titleBaseline = top + s.ascent(s.title);
      top += s.height(s.title) + s.px(10);
    }
    List<List<Entry>> rows = wrap(s, entries, width - 2 * pad);
    double rowHeight = Math.max(s.height(s.legend), s.px(14)) + s.px(6);
    double legendTop = top;
    if (!rows.isEmpty()) {
      top += rows.size() * rowHeight + s.px(8);
    }
    // Half a label above the plot, so the top y label stays clear of the legend or title.
    top += s.height(s.tick) / 2;

    double bottom = tickLength + tickGap + s.height(s.tick) + pad;
    if (!titles.x().isEmpty()) {
      bottom += s.px(8) + s.height(s.axisTitle);
    }
    int plotTop = (int) Math.ceil(top);
    int plotHeight = height - plotTop - (int) Math.ceil(bottom);
    requireRoom(plotHeight, "height", width, height, rows.size());
    Scale y = yRule.scale(clamp(plotHeight / s.px(45), 1, 10));

    double widest = 0;
    for (String label : y.labels()) {
      widest = Math.max(widest, s.width(s.tick, label));
    }
    double left = pad + widest + tickGap + tickLength;
    if (!titles.y().isEmpty()) {
      left += s.height(s.axisTitle) + s.px(10);
    }
    int plotLeft = (int) Math.ceil(left);
    int right = (int) Math.ceil(pad);
    requireRoom(width - plotLeft - right, "width", width, height, rows.size());
    Scale x = xAxis(s, xRule, width - plotLeft - right);
    // The last x label is centred on the right edge; make room for its right half.
    double half = x.ticks().length == 0 ? 0 : s.width(s.tick, last(x.labels())) / 2;
    if (x.ticks().length > 0 && x.fraction(last(x.ticks())) > 0.99 && half + s.px(4) > right) {
      right = (int) Math.ceil(half + s.px(4));
      x = xAxis(s, xRule, width - plotLeft - right);
    }
    int plotWidth = width - plotLeft - right;
    requireRoom(plotWidth, "width", width, height, rows.size());
    Rectangle area = new Rectangle(plotLeft, plotTop, plotWidth, plotHeight);
    return new Frame(
        width,
        height,
        s,
        titles,
        area,
        x,
        y,
        place(s, rows, area, width, legendTop, rowHeight),
        titleBaseline);
  }

  /** The x axis with as many ticks as fit without their labels running into each other. */
  private static Scale xAxis(Style s, AxisRule rule, int pixels) {
    Scale scale = null;
    for (int n = clamp(pixels / s.px(55), 1, 10); n >= 1; n--) {
      scale = rule.scale(n);
      if (labelsFit(s, scale, pixels)) {
        return scale;
      }
    }
    return scale;
  }

  /** Whether each pair of neighbouring x labels has some space between them. */
  private static boolean labelsFit(Style s, Scale scale, int pixels) {
    double[] ticks = scale.ticks();
    for (int i = 1; i < ticks.length; i++) {
      double spacing = pixels * (scale.fraction(ticks[i]) - scale.fraction(ticks[i - 1]));
      double needed =
          (s.width(s.tick, scale.labels()[i - 1]) + s.width(s.tick, scale.labels()[i])) / 2;
      if (spacing < needed + s.px(12)) {
        return false;
      }
    }
    return true;
  }

  private static void requireRoom(int pixels, String side, int width, int height, int rows) {
    if (pixels < 40) {
      throw new IllegalArgumentException(
          "a "
              + width
              + " x "
              + height
              + " image leaves "
              + Math.max(0, pixels)
              + " pixels of "
              + side
              + " for the plot after the title, "
              + (rows > 0 ? "the legend (" + rows + (rows == 1 ? " row" : " rows") + "), " : "")
              + "the tick labels and the axis titles, and a plot needs at least 40; make the image"
              + " larger, or the texts shorter");
    }
  }

  private static int clamp(double value, int min, int max) {
    return (int) Math.max(min, Math.min(max, Math.floor(value)));
  }

  private static double last(double[] values) {
    return values[values.length - 1];
  }

  private static String last(String[] values) {
    return values[values.length - 1];
  }

  private static double entryWidth(Style s, Entry entry) {
    return s.px(28) + s.px(6) + s.width(s.legend, entry.label());
  }

  /** Splits the legend into rows no wider than {@code room}; every row gets at least one entry. */
  private static List<List<Entry>> wrap(Style s, List<Entry> entries, double room) {
    List<List<Entry>> rows = new ArrayList<>();
    List<Entry> row = new ArrayList<>();
    double used = 0;
    for (Entry entry : entries) {
      double w = entryWidth(s, entry);
      double needed = row.isEmpty() ? w : used + s.px(20) + w;
      if (!row.isEmpty() && needed > room) {
        rows.add(row);
        row = new ArrayList<>();
        needed = w;
      }
      row.add(entry);
      used = needed;
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows;
  }

  /** Centres each legend row over the plot, or over the image if the row is wider than the plot. */
  private static List<Placed> place(
      Style s, List<List<Entry>> rows, Rectangle area, int width, double top, double rowHeight) {
    List<Placed> placed = new ArrayList<>();
    double keyWidth = s.px(28);
    double keyHeight = s.px(14);
    for (int r = 0; r < rows.size(); r++) {
      List<Entry> row = rows.get(r);
      double total = -s.px(20);
      for (Entry entry : row) {
        total += entryWidth(s, entry) + s.px(20);
      }
      double centre = total <= area.width ? area.getCenterX() : width / 2.0;
      double x = Math.max(s.px(16), centre - total / 2);
      double middle = top + r * rowHeight + rowHeight / 2;
      double baseline = middle + (s.ascent(s.legend) - s.descent(s.legend)) / 2;
      for (Entry entry : row) {
        Rectangle2D key = new Rectangle2D.Double(x, middle - keyHeight / 2, keyWidth, keyHeight);
        placed.add(new Placed(entry, x + keyWidth + s.px(6), baseline, key));
        x += entryWidth(s, entry) + s.px(20);
      }
    }
    return placed;
  }

  /** The horizontal pixel position of {@code value}; area.x at the axis's start. */
  double px(double value) {
    return area.x + x.fraction(value) * area.width;
  }

  /** The vertical pixel position of {@code value}; the plot's bottom edge at the axis's start. */
  double py(double value) {
    return area.y + (1 - y.fraction(value)) * area.height;
  }

  /** The pixel column a vertical grid line at {@code value} covers. */
  int column(double value) {
    return Math.max(area.x, Math.min(area.x + area.width - 1, (int) Math.floor(px(value))));
  }

  /** The pixel row a horizontal grid line at {@code value} covers. */
  int row(double value) {
    return Math.max(area.y, Math.min(area.y + area.height - 1, (int) Math.floor(py(value))));
  }

  /** Fills the image with the background colour. */
  void drawBackground(Graphics2D g) {
    g.setColor(Palette.BACKGROUND);
    g.fillRect(0, 0, width, height);
  }

  /** One-pixel grid lines at every tick, in {@code color}, inside the plot area. */
  void drawGrid(Graphics2D g, Color color) {
    g.setColor(color);
    g.setStroke(new BasicStroke(1f));
    for (double t : x.ticks()) {
      double c = column(t) + 0.5;
      g.draw(new Line2D.Double(c, area.y, c, area.y + area.height));
    }
    for (double t : y.ticks()) {
      double r = row(t) + 0.5;
      g.draw(new Line2D.Double(area.x, r, area.x + area.width, r));
    }
  }

  /** The left and bottom axis lines, their ticks and labels, the axis titles and the title. */
  void drawAxes(Graphics2D g) {
    double tickLength = style.px(5);
    double tickGap = style.px(4);
    g.setColor(Palette.AXIS);
    g.setStroke(new BasicStroke(1f));
    double axisX = area.x - 0.5;
    double axisY = area.y + area.height + 0.5;
    g.draw(new Line2D.Double(axisX, area.y, axisX, area.y + area.height + 1));
    g.draw(new Line2D.Double(area.x - 1, axisY, area.x + area.width, axisY));

    g.setFont(style.tick);
    double tickBaseline = axisY + tickLength + tickGap + style.ascent(style.tick);
    for (int i = 0; i < x.ticks().length; i++) {
      double c = column(x.ticks()[i]) + 0.5;
      g.setColor(Palette.AXIS);
      g.draw(new Line2D.Double(c, axisY, c, axisY + tickLength));
      String label = x.labels()[i];
      double w = style.width(style.tick, label);
      double start = Math.max(1, Math.min(width - 1 - w, c - w / 2));
      g.setColor(Palette.TEXT);
      g.drawString(label, (float) start, (float) tickBaseline);
    }
    double lift = (style.ascent(style.tick) - style.descent(style.tick)) / 2;
    for (int i = 0; i < y.ticks().length; i++) {
      double r = row(y.ticks()[i]) + 0.5;
      g.setColor(Palette.AXIS);
      g.draw(new Line2D.Double(axisX - tickLength, r, axisX, r));
      String label = y.labels()[i];
      double w = style.width(style.tick, label);
      g.setColor(Palette.TEXT);
      g.drawString(label, (float) (axisX - tickLength - tickGap - w), (float) (r + lift));
    }

    g.setFont(style.axisTitle);
    g.setColor(Palette.TEXT);
    if (!titles.x().isEmpty()) {
      double w = style.width(style.axisTitle, titles.x());
      double baseline =
          tickBaseline + style.descent(style.tick) + style.px(8) + style.ascent(style.axisTitle);
      g.drawString(titles.x(), (float) (area.getCenterX() - w / 2), (float) baseline);
    }
    if (!titles.y().isEmpty()) {
      double w = style.width(style.axisTitle, titles.y());
      AffineTransform saved = g.getTransform();
      g.translate(style.px(16) + style.ascent(style.axisTitle), area.getCenterY() + w / 2);
      g.rotate(-Math.PI / 2);
      g.drawString(titles.y(), 0f, 0f);
      g.setTransform(saved);
    }
    if (!titles.title().isEmpty()) {
      g.setFont(style.title);
      double w = style.width(style.title, titles.title());
      double centre = w <= area.width ? area.getCenterX() : width / 2.0;
      double start = Math.max(style.px(16), centre - w / 2);
      g.drawString(titles.title(), (float) start, (float) titleBaseline);
    }
  }

  /** The legend rows: each entry's key, then its name. */
  void drawLegend(Graphics2D g) {
    g.setFont(style.legend);
    for (Placed p : legend) {
      p.entry().key().draw(g, p.key());
      g.setColor(Palette.TEXT);
      g.drawString(p.entry().label(), (float) p.x(), (float) p.baseline());
    }
  }
}
