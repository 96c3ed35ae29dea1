package dev.unroll.plot;

/**
 * One axis after its ticks were chosen: the visible range, whether it is logarithmic, and the tick
 * values with their labels.
 *
 * @param lo the value at the start of the axis (left or bottom)
 * @param hi the value at the end of the axis (right or top), greater than {@code lo}
 * @param log whether values are placed by their logarithm
 * @param ticks the labelled values, ascending, all within [lo, hi]
 * @param labels the text under or beside each tick
 */
record Scale(double lo, double hi, boolean log, double[] ticks, String[] labels) {

  /**
   * Where {@code value} sits along the axis: 0 at {@link #lo}, 1 at {@link #hi}, outside [0, 1] for
   * values off the axis.
   */
  double fraction(double value) {
    if (log) {
      return (Math.log10(value) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
    }
    return (value - lo) / (hi - lo);
  }

  /** The value at {@code fraction} of the way along the axis; the inverse of {@link #fraction}. */
  double value(double fraction) {
    if (log) {
      return Math.pow(10, Math.log10(lo) + fraction * (Math.log10(hi) - Math.log10(lo)));
    }
    return lo + fraction * (hi - lo);
  }
}
