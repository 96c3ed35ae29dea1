package dev.unroll.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the labelled values of an axis.
 *
 * <p>People read an axis by its round numbers, so ticks are multiples of 1, 2 or 5 times a power of
 * ten: 0, 0.2, 0.4 reads at a glance, 0, 0.186, 0.372 does not. A step is kept as its mantissa (1,
 * 2 or 5) and exponent rather than as a double, so that the k-th tick is computed as an integer
 * divided or multiplied by an exact power of ten: 3 x 0.2 becomes 6 / 10, which is the double
 * closest to 0.6, not 0.6000000000000001.
 */
final class Ticks {
  /** Below this relative width a range is treated as a single value and widened. */
  private static final double FLAT = 1e-12;

  /** Slack for values that should be multiples of a step but came out of a division. */
  private static final double SLACK = 1e-9;

  private Ticks() {}

  /**
   * Ticks for a linear axis.
   *
   * @param min the smallest value to show
   * @param max the largest value to show, at least {@code min}
   * @param maxIntervals the most gaps between ticks the axis has room for, at least 1
   * @param extend whether the axis grows to the ticks just outside [min, max], so that it starts
   *     and ends on a labelled value (line charts), or keeps exactly [min, max] and labels the
   *     round values inside it (maps of a region)
   * @param minStep the smallest step allowed, for example 1 for a count; 0 for none
   */
  static Scale linear(double min, double max, int maxIntervals, boolean extend, double minStep) {
    requireRange(min, max);
    if (maxIntervals < 1) {
      throw new IllegalArgumentException("an axis needs room for at least 1 interval");
    }
    double magnitude = Math.max(Math.abs(min), Math.abs(max));
    if (max - min <= FLAT * magnitude) {
      double pad = magnitude == 0 ? 1 : 0.1 * magnitude;
      min -= pad;
      max += pad;
    }
    Step step = Step.atLeast(Math.max((max - min) / maxIntervals, minStep));
    long first;
    long last;
    while (true) {
      double size = step.value();
      // Extended: the multiples just outside the range; exact: the multiples inside it.
      first = (long) (extend ? Math.floor(min / size + SLACK) : Math.ceil(min / size - SLACK));
      last = (long) (extend ? Math.ceil(max / size - SLACK) : Math.floor(max / size + SLACK));
      if (last - first <= maxIntervals) {
        break;
      }
      step = step.next();
    }
    int count = (int) Math.max(0, last - first + 1);
    double[] ticks = new double[count];
    for (int i = 0; i < count; i++) {
      ticks[i] = step.times(first + i);
    }
    double lo = extend ? step.times(first) : min;
    double hi = extend ? step.times(last) : max;
    if (!extend && count > 0) {
      // Division slack may put an end tick a hair outside the range; pin it to the edge.
      ticks[0] = Math.max(ticks[0], lo);
      ticks[count - 1] = Math.min(ticks[count - 1], hi);
    }
    return new Scale(lo, hi, false, ticks, linearLabels(ticks, step));
  }

  /**
   * Ticks for a logarithmic axis, which always starts and ends on a labelled value. When the range
   * spans few decades the ticks are 1, 2 and 5 times each power of ten; when that would crowd the
   * axis, only powers of ten, and if needed only every second or third one.
   *
   * @param min the smallest value to show, greater than 0
   * @param max the largest value to show, at least {@code min}
   * @param maxIntervals the most gaps between ticks the axis has room for, at least 1
   */
  static Scale log(double min, double max, int maxIntervals) {
    requireRange(min, max);
    if (min <= 0) {
      throw new IllegalArgumentException(
          "a logarithmic axis shows positive values only, but the smallest value is " + min);
    }
    if (maxIntervals < 1) {
      throw new IllegalArgumentException("an axis needs room for at least 1 interval");
    }
    if (max <= min * (1 + SLACK)) {
      min /= 2;
      max *= 2;
    }
    Step first = Step.atMost(min);
    Step end = Step.atLeast(max);
    List<Step> steps = new ArrayList<>();
    for (Step s = first; s.compareTo(end) <= 0; s = s.next()) {
      steps.add(s);
    }
    if (steps.size() - 1 <= maxIntervals) {
      double[] ticks = new double[steps.size()];
      String[] labels = new String[steps.size()];
      for (int i = 0; i < ticks.length; i++) {
        ticks[i] = steps.get(i).value();
        labels[i] = steps.get(i).label();
      }
      return new Scale(ticks[0], ticks[ticks.length - 1], true, ticks, labels);
    }
    int low = Step.atMost(min).exponent();
    int high = end.mantissa() == 1 ? end.exponent() : end.exponent() + 1;
    int stride = ceilDiv(high - low, maxIntervals);
    int intervals = ceilDiv(high - low, stride);
    double[] ticks = new double[intervals + 1];
    String[] labels = new String[intervals + 1];
    for (int i = 0; i <= intervals; i++) {
      Step decade = new Step(1, low + i * stride);
      ticks[i] = decade.value();
      labels[i] = decade.label();
    }
    return new Scale(ticks[0], ticks[intervals], true, ticks, labels);
  }

  private static int ceilDiv(int a, int b) {
    return -Math.floorDiv(-a, b);
  }

  private static void requireRange(double min, double max) {
    if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
      throw new IllegalArgumentException(
          "an axis needs finite ends with min <= max, not [" + min + ", " + max + "]");
    }
  }

  /**
   * Labels for multiples of {@code step}: plain decimals with as many places as the step needs (0.2
   * has one), or, for very small or very large values, whole multiples of the step's power of ten
   * such as {@code 2e−6}, {@code 4e−6}, ... {@code 10e−6}, which share one exponent and so compare
   * at a glance. The minus sign is the typographic one, U+2212, as in print.
   */
  static String[] linearLabels(double[] ticks, Step step) {
    double magnitude = 0;
    for (double t : ticks) {
      magnitude = Math.max(magnitude, Math.abs(t));
    }
    boolean scientific = step.exponent() < -5 || magnitude >= 1e7;
    int places = Math.max(0, -step.exponent());
    String[] labels = new String[ticks.length];
    for (int i = 0; i < ticks.length; i++) {
      double t = ticks[i];
      if (scientific) {
        long multiple = Math.round(t / new Step(1, step.exponent()).value());
        labels[i] = multiple == 0 ? "0" : minus(multiple + "e" + step.exponent());
      } else {
        // Plus zero: a tick computed as -0.0 must not print as "−0.0".
        labels[i] = decimal(t == 0 ? 0.0 : t, places);
      }
    }
    return labels;
  }

  private static String decimal(double value, int places) {
    return minus(String.format(Locale.ROOT, "%." + places + "f", value));
  }

  private static String minus(String text) {
    return text.replace('-', '\u2212');
  }

  /**
   * A tick step: {@code mantissa} (1, 2 or 5) times ten to the {@code exponent}. Steps are ordered
   * by value, and {@link #next} walks the sequence 1, 2, 5, 10, 20, 50, ...
   */
  record Step(int mantissa, int exponent) implements Comparable<Step> {

    /** The smallest step that is at least {@code x} (up to rounding), for positive {@code x}. */
    static Step atLeast(double x) {
      if (!(x > 0) || !Double.isFinite(x)) {
        throw new IllegalArgumentException("a step must be positive and finite, not " + x);
      }
      Step s = new Step(1, (int) Math.floor(Math.log10(x)) - 1);
      while (s.value() < x * (1 - SLACK)) {
        s = s.next();
      }
      return s;
    }

    /** The largest step that is at most {@code x} (up to rounding), for positive {@code x}. */
    static Step atMost(double x) {
      Step s = atLeast(x);
      return s.value() <= x * (1 + SLACK) ? s : s.previous();
    }

    /** The next larger step: 1 to 2, 2 to 5, 5 to 10. */
    Step next() {
      return switch (mantissa) {
        case 1 -> new Step(2, exponent);
        case 2 -> new Step(5, exponent);
        default -> new Step(1, exponent + 1);
      };
    }

    /** The next smaller step: 10 to 5, 5 to 2, 2 to 1. */
    Step previous() {
      return switch (mantissa) {
        case 5 -> new Step(2, exponent);
        case 2 -> new Step(1, exponent);
        default -> new Step(5, exponent - 1);
      };
    }

    /** The step as a double: the closest double to mantissa x 10^exponent. */
    double value() {
      return times(1);
    }

    /** {@code k} steps, computed from integers so the result is the double closest to it. */
    double times(long k) {
      double n = (double) k * mantissa;
      // Powers of ten up to 10^22 are exact doubles, and one division or product of exact values
      // is correctly rounded.
      return exponent >= 0 ? n * Math.pow(10, exponent) : n / Math.pow(10, -exponent);
    }

    /** The label of this step's value on a logarithmic axis, such as 0.05, 200 or 1e−7. */
    String label() {
      if (exponent < -4 || exponent > 5) {
        return mantissa + "e" + minus(Integer.toString(exponent));
      }
      return decimal(value(), Math.max(0, -exponent));
    }

    @Override
    public int compareTo(Step other) {
      if (exponent != other.exponent) {
        return Integer.compare(exponent, other.exponent);
      }
      return Integer.compare(mantissa, other.mantissa);
    }
  }
}
