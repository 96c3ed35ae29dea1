package dev.unroll.data;

import dev.unroll.runtime.Matrix;

/**
 * Rescales each feature to mean 0 and standard deviation 1.
 *
 * <p>Gradient descent converges much faster when the features share one scale: with raw data a
 * feature measured in thousands (an area) would dominate one measured in hundredths (a smoothness),
 * and the learning rate that suits one would be far too large or too small for the other.
 *
 * <p>The statistics are learned once, from the training data, by {@link #fit}, and then {@link
 * #apply applied} unchanged to the training, validation and test data alike. Fitting on the test
 * data as well would let the test set influence the model and make its score look better than it
 * will be on new data.
 *
 * <p>Data use the runtime's layout, one column per example, so a feature is a <em>row</em>. The
 * standard deviation is the population one (divided by n, not n - 1). A feature that is constant in
 * the training data keeps a standard deviation of 1, so it becomes 0 rather than a division by
 * zero. A fitted standardizer is immutable.
 */
public final class Standardizer {
  private final double[] means;
  private final double[] sds;

  private Standardizer(double[] means, double[] sds) {
    this.means = means;
    this.sds = sds;
  }

  /**
   * Learns the mean and the standard deviation of every feature (row) of {@code x}.
   *
   * @param x features x n, one column per example, with at least one example
   * @throws IllegalArgumentException if {@code x} has no examples or holds a NaN or an infinity
   */
  public static Standardizer fit(Matrix x) {
    Dataset.require(x != null, "x must not be null");
    int n = x.cols();
    Dataset.require(
        n > 0,
        "x is "
            + x.shape()
            + " and has no examples (columns), so there is nothing to learn a mean from");
    double[] means = new double[x.rows()];
    double[] sds = new double[x.rows()];
    for (int r = 0; r < x.rows(); r++) {
      double first = x.get(r, 0);
      boolean constant = true;
      double sum = 0;
      for (int c = 0; c < n; c++) {
        double v = x.get(r, c);
        Dataset.require(
            Double.isFinite(v),
            "feature "
                + r
                + " of example "
                + c
                + " is "
                + v
                + "; the mean and standard deviation need finite numbers, so remove or fill in"
                + " that example first");
        sum += v;
        constant &= v == first;
      }
      if (constant) {
        // Summing n copies of a value and dividing by n need not give the value back exactly;
        // a constant feature must map to exactly 0.
        means[r] = first;
        sds[r] = 1;
        continue;
      }
      double mean = sum / n;
      double squares = 0;
      double correction = 0;
      for (int c = 0; c < n; c++) {
        double d = x.get(r, c) - mean;
        squares += d * d;
        correction += d;
      }
      // The second pass corrects the mean's rounding error (the deviations should sum to 0).
      means[r] = mean + correction / n;
      double variance = (squares - correction * correction / n) / n;
      double sd = Math.sqrt(Math.max(variance, 0));
      sds[r] = sd > 0 ? sd : 1;
    }
    return new Standardizer(means, sds);
  }

  /** Learns the statistics of a data set's features: a shortcut for {@link #fit(Matrix)}. */
  public static Standardizer fit(Dataset data) {
    Dataset.require(data != null, "data must not be null");
    return fit(data.x());
  }

  /**
   * A new matrix with {@code (x - mean) / sd} for every entry, using the statistics learned by
   * {@link #fit}; {@code x} itself is left unchanged.
   *
   * @param x features x m with the same features (rows) as the fitted data; any number of examples
   * @throws IllegalArgumentException if {@code x} has a different number of features
   */
  public Matrix apply(Matrix x) {
    Dataset.require(x != null, "x must not be null");
    Dataset.require(
        x.rows() == means.length,
        "x has "
            + x.rows()
            + " features (rows) but this standardizer was fitted on "
            + means.length
            + "; apply it to data with the same features as the training data");
    Matrix out = Matrix.zeros(x.rows(), x.cols());
    for (int r = 0; r < x.rows(); r++) {
      for (int c = 0; c < x.cols(); c++) {
        out.set(r, c, (x.get(r, c) - means[r]) / sds[r]);
      }
    }
    return out;
  }

  /**
   * The data set with its features standardised and its labels and names unchanged: a shortcut for
   * {@link #apply(Matrix)} on {@link Dataset#x()}.
   */
  public Dataset apply(Dataset data) {
    Dataset.require(data != null, "data must not be null");
    return new Dataset(apply(data.x()), data.y(), data.classes(), data.features());
  }

  /** Each feature's mean in the fitted data, one per row; a copy. */
  public double[] means() {
    return means.clone();
  }

  /** The number of features (rows) the standardizer was fitted on, and applies to. */
  public int features() {
    return means.length;
  }

  /**
   * Each feature's population standard deviation in the fitted data, one per row, with 1 for a
   * feature that was constant; a copy.
   */
  public double[] sds() {
    return sds.clone();
  }
}
