package dev.unroll.runtime;

/**
 * Argument checks shared by the kernel and generated models. Every failure is an {@link
 * IllegalArgumentException} that names the argument, the expected shape and the actual one; nothing
 * is ever broadcast silently.
 */
public final class Shapes {
  private Shapes() {}

  /**
   * Checks that {@code matrix} is {@code rows x cols}.
   *
   * @param name how the message refers to the argument, for example {@code "y"}
   */
  public static void requireSame(String name, Matrix matrix, int rows, int cols) {
    requireNonNull(name, matrix);
    if (matrix.rows != rows || matrix.cols != cols) {
      throw new IllegalArgumentException(
          name + " must be " + rows + " x " + cols + " but is " + matrix.shape());
    }
  }

  /**
   * Checks a batch of inputs: {@code inputs} rows (one per feature) and at least one column (one
   * per example).
   */
  public static void requireInputs(Matrix x, int inputs) {
    requireNonNull("x", x);
    if (x.rows != inputs || x.cols < 1) {
      throw new IllegalArgumentException(
          "x must be "
              + inputs
              + " x m ("
              + inputs
              + " input features in rows, one column per"
              + " example, m >= 1) but is "
              + x.shape()
              + (x.cols == inputs && x.rows != inputs ? "; did you pass the transpose?" : ""));
    }
  }

  /** Checks labels against the batch: {@code outputs x m}, where m is the number of examples. */
  public static void requireLabels(Matrix y, int outputs, int m) {
    requireNonNull("y", y);
    if (y.rows != outputs || y.cols != m) {
      throw new IllegalArgumentException(
          "y must be "
              + outputs
              + " x "
              + m
              + " ("
              + outputs
              + " outputs for each of the "
              + m
              + " examples in x) but is "
              + y.shape());
    }
  }

  /**
   * Checks that every column of y is a probability distribution (entries in [0, 1] summing to 1,
   * within 1e-9), as categorical cross-entropy needs: its fused gradient A - Y holds only then.
   */
  public static void requireDistributions(Matrix y) {
    for (int j = 0; j < y.cols; j++) {
      double sum = 0;
      for (int i = 0; i < y.rows; i++) {
        double v = y.data[y.offset + i * y.cols + j];
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalArgumentException(
              "y("
                  + i
                  + ", "
                  + j
                  + ") is "
                  + v
                  + "; categorical cross-entropy needs one-hot labels"
                  + " (or probabilities in [0, 1])");
        }
        sum += v;
      }
      if (Math.abs(sum - 1) > 1e-9) {
        throw new IllegalArgumentException(
            "column "
                + j
                + " of y sums to "
                + sum
                + "; categorical cross-entropy needs each example's labels to sum to 1 (one-hot:"
                + " a single 1 in the row of its class)");
      }
    }
  }

  /** Checks a flat parameter vector: the right length and every entry finite. */
  public static void requireParameters(double[] values, int count) {
    if (values == null) {
      throw new IllegalArgumentException("parameters must not be null");
    }
    if (values.length != count) {
      throw new IllegalArgumentException(
          "expected " + count + " parameters but got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "parameter " + i + " is " + values[i] + "; every parameter must be finite");
      }
    }
  }

  /** Checks that an output array has the length the caller promised. */
  public static void requireLength(String name, double[] values, int length) {
    if (values == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (values.length != length) {
      throw new IllegalArgumentException(
          name + " must have " + length + " entries but has " + values.length);
    }
  }

  static void requireNonNull(String name, Matrix matrix) {
    if (matrix == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
  }

  /** Checks that an output matrix does not share storage with an input of the same product. */
  static void requireDistinct(String outName, Matrix out, String inName, Matrix in) {
    if (out.data == in.data
        && out.offset < in.offset + in.size()
        && in.offset < out.offset + out.size()) {
      throw new IllegalArgumentException(
          outName + " shares storage with " + inName + "; a product needs a separate output");
    }
  }
}
