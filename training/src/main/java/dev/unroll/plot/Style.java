package dev.unroll.plot;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.AffineTransform;

/**
 * Fonts, line widths and spacing for one image size.
 *
 * <p>Sizes are given for an 800 x 600 image and scaled with the image, so a chart written at 1600 x
 * 1200 for a slide looks like the same chart, only sharper, instead of a small chart lost in a
 * large white page. Text is measured with the same rendering settings it is drawn with, so layout
 * and drawing agree to the pixel, and the same input always gives the same image.
 */
final class Style {
  /** The smallest image side a chart accepts: below it, labels would not fit. */
  static final int MIN_SIZE = 160;

  /** The largest image side a chart accepts, to keep a typo from asking for gigabytes. */
  static final int MAX_SIZE = 8192;

  final double scale;
  final Font title;
  final Font axisTitle;
  final Font tick;
  final Font legend;
  final FontRenderContext context;

  private Style(double scale) {
    this.scale = scale;
    Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    this.title = base.deriveFont(Font.BOLD, (float) (18 * scale));
    this.axisTitle = base.deriveFont((float) (14 * scale));
    this.tick = base.deriveFont((float) (12 * scale));
    this.legend = base.deriveFont((float) (13 * scale));
    this.context = new FontRenderContext(new AffineTransform(), true, true);
  }

  /**
   * The style for a {@code width} x {@code height} image.
   *
   * @throws IllegalArgumentException if a side is outside [{@link #MIN_SIZE}, {@link #MAX_SIZE}]
   */
  static Style forSize(int width, int height) {
    requireSide("width", width);
    requireSide("height", height);
    double scale = Math.min(width / 800.0, height / 600.0);
    return new Style(Math.max(0.7, Math.min(4, scale)));
  }

  private static void requireSide(String name, int pixels) {
    if (pixels < MIN_SIZE || pixels > MAX_SIZE) {
      throw new IllegalArgumentException(
          "the image "
              + name
              + " is "
              + pixels
              + " pixels; a chart needs between "
              + MIN_SIZE
              + " and "
              + MAX_SIZE
              + " (800 x 600 is a good start)");
    }
  }

  /** Switches on antialiasing for shapes and text, matching {@link #context}. */
  static void apply(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
  }

  /** {@code pixels} at 800 x 600, scaled to this image. */
  double px(double pixels) {
    return pixels * scale;
  }

  /** How wide {@code text} is in {@code font}. */
  double width(Font font, String text) {
    return text.isEmpty() ? 0 : font.getStringBounds(text, context).getWidth();
  }

  /** The height above the baseline that letters reach in {@code font}. */
  double ascent(Font font) {
    return metrics(font).getAscent();
  }

  /** The depth below the baseline that letters reach in {@code font}. */
  double descent(Font font) {
    return metrics(font).getDescent();
  }

  /** The height of one line of {@code font}, without leading. */
  double height(Font font) {
    LineMetrics m = metrics(font);
    return m.getAscent() + m.getDescent();
  }

  private LineMetrics metrics(Font font) {
    return font.getLineMetrics("Xgjy", context);
  }
}
