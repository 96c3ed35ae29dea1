package dev.unroll.training;

/** Checks of hyper-parameters and argument lengths, with messages that say what was passed. */
final class Hyper {
  private Hyper() {}

  static double positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a positive number, but was " + value);
    }
    return value;
  }

  static double fraction(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must lie in [0, 1), but was " + value);
    }
    return value;
  }

  static double nonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be 0 or more, but was " + value);
    }
    return value;
  }

  static int atLeast(String name, int value, int minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(
          name + " must be at least " + minimum + ", but was " + value);
    }
    return value;
  }

  static void sameLength(double[] parameters, double[] gradient, int expected) {
    if (parameters.length != expected || gradient.length != expected) {
      throw new IllegalArgumentException(
          "expected "
              + expected
              + " parameters and as many gradient entries, but got "
              + parameters.length
              + " parameters and "
              + gradient.length
              + " gradient entries");
    }
  }
}
