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
   * Ticks for a logarithmic axis, which always starts and ends on a labelled value. Within about a
   * decade the ticks are every whole multiple of the power of ten (0.2, 0.3, ... 0.9, 1); over a
   * few decades 1, 2 and 5 times each power of ten; when that would crowd the axis, only powers of
   * ten, and if needed only every second or third one.
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
    // The finest ticks that fit: every whole multiple of a power of ten (for a narrow range),
    // else 1, 2 and 5 times each power, else the powers of ten alone.
    List<Step> multiples = new ArrayList<>();
    Step low = multipleAtMost(min);
    Step high = multipleAtLeast(max);
    for (Step s = low; s.compareTo(high) <= 0; ) {
      multiples.add(s);
      s =
          s.mantissa() == 9
              ? new Step(1, s.exponent() + 1)
              : new Step(s.mantissa() + 1, s.exponent());
    }
    if (fits(multiples, maxIntervals)) {
      return logScale(multiples);
    }
    List<Step> oneTwoFive = new ArrayList<>();
    for (Step s = Step.atMost(min); s.compareTo(Step.atLeast(max)) <= 0; s = s.next()) {
      oneTwoFive.add(s);
    }
    if (fits(oneTwoFive, maxIntervals)) {
      return logScale(oneTwoFive);
    }
    int first = low.exponent();
    int last = high.mantissa() == 1 ? high.exponent() : high.exponent() + 1;
    int stride = ceilDiv(last - first, maxIntervals);
    int intervals = ceilDiv(last - first, stride);
    List<Step> decades = new ArrayList<>();
    for (int i = 0; i <= intervals; i++) {
      decades.add(new Step(1, first + i * stride));
    }
    return logScale(decades);
  }

  /** The largest whole multiple of a power of ten, m x 10^e with m from 1 to 9, at most x. */
  private static Step multipleAtMost(double x) {
    int exponent = Step.atMost(x).exponent();
    int m = (int) Math.floor(x / new Step(1, exponent).value() * (1 + SLACK));
    return new Step(Math.max(1, Math.min(9, m)), exponent);
  }

  /** The smallest whole multiple of a power of ten, m x 10^e with m from 1 to 9, at least x. */
  private static Step multipleAtLeast(double x) {
    int exponent = Step.atMost(x).exponent();
    int m = (int) Math.ceil(x / new Step(1, exponent).value() * (1 - SLACK));
    return m >= 10 ? new Step(1, exponent + 1) : new Step(Math.max(1, m), exponent);
  }

  /**
   * Whether logarithmic ticks fit: no more intervals than there is room for, and no two ticks
   * closer than half the average room per interval, since on a logarithmic axis 8 and 9 sit much
   * closer together than 1 and 2.
   */
  private static boolean fits(List<Step> ticks, int maxIntervals) {
    if (ticks.size() - 1 > maxIntervals) {
      return false;
    }
    double span = Math.log10(ticks.get(ticks.size() - 1).value() / ticks.get(0).value());
    for (int i = 1; i < ticks.size(); i++) {
      double gap = Math.log10(ticks.get(i).value() / ticks.get(i - 1).value()) / span;
      if (gap < 0.5 / maxIntervals) {
        return false;
      }
    }
    return true;
  }

  private static Scale logScale(List<Step> steps) {
    double[] ticks = new double[steps.size()];
    String[] labels = new String[steps.size()];
    for (int i = 0; i < ticks.length; i++) {
      ticks[i] = steps.get(i).value();
      labels[i] = steps.get(i).label();
    }
    return new Scale(ticks[0], ticks[ticks.length - 1], true, ticks, labels);
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
   * A tick step or value: {@code mantissa} times ten to the {@code exponent}. The mantissa is 1, 2
   * or 5 for steps, from 1 to 9 for the values of a logarithmic axis. Steps are ordered by value,
   * and {@link #next} and {@link #previous} walk the sequence 1, 2, 5, 10, 20, 50, ...
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
