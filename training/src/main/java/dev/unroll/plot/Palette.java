package dev.unroll.plot;

import java.awt.Color;

/**
 * The colours every chart shares.
 *
 * <p>Series and classes take their colours from the palette Masataka Okabe and Kei Ito proposed for
 * readers with colour-vision deficiencies: its eight colours stay distinguishable under the common
 * forms of colour blindness. The order puts the colours with the most contrast on white first, so a
 * chart with two or three series never needs the pale yellow. The chart furniture (text, axes,
 * grid) is neutral grey, so that colour always means data.
 */
final class Palette {
  private static final Color[] COLORS = {
    new Color(0x0072B2), // blue
    new Color(0xD55E00), // vermillion
    new Color(0x009E73), // bluish green
    new Color(0xE69F00), // orange
    new Color(0xCC79A7), // reddish purple
    new Color(0x56B4E9), // sky blue
    new Color(0xF0E442), // yellow
    new Color(0x000000), // black
  };

  /** How much of a class colour a region tint keeps; the rest is white. */
  private static final double TINT = 0.25;

  static final Color BACKGROUND = Color.WHITE;
  static final Color TEXT = new Color(0x222222);
  static final Color AXIS = new Color(0x555555);
  static final Color GRID = new Color(0xE3E3E3);
  static final Color OUTLINE = new Color(0x333333);

  private Palette() {}

  /** How many distinct colours there are before {@link #color} repeats. */
  static int size() {
    return COLORS.length;
  }

  /** The colour of series or class {@code index}; it repeats after {@link #size()} entries. */
  static Color color(int index) {
    return COLORS[Math.floorMod(index, COLORS.length)];
  }

  /** A light tint of {@link #color}, for the background of a region that belongs to a class. */
  static Color tint(int index) {
    Color c = color(index);
    return new Color(mix(c.getRed()), mix(c.getGreen()), mix(c.getBlue()));
  }

  private static int mix(int channel) {
    return (int) Math.round(TINT * channel + (1 - TINT) * 255);
  }
}
