package dev.unroll.data;

import dev.unroll.runtime.Matrix;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Examples and their labels, kept together so that a shuffle or a split can never pair one
 * example's features with another example's label.
 *
 * <p>The layout is the runtime's: one <em>column</em> per example. {@link #x()} is features x n and
 * {@link #y()} is outputs x n, so both can go straight to a model's {@code forward}, {@code cost}
 * or a trainer.
 *
 * <p>When the labels are classes, {@link #classes()} names them in label order and {@link #y()}
 * encodes them the way the generated models expect: a single row of 0/1 for two classes (for a
 * sigmoid output with binary cross-entropy), one one-hot row per class for three or more (for a
 * softmax output with categorical cross-entropy). A two-class set may also use two one-hot rows.
 * When the labels are not classes (numbers to predict), {@code classes()} is empty and {@code y}
 * may hold anything finite.
 *
 * <p>A data set is immutable: it keeps copies of the matrices it is given and hands out copies, so
 * a caller who standardises or edits {@code x()} cannot change the data set behind it, or another
 * data set split from it.
 */
public final class Dataset {
  private final Matrix x;
  private final Matrix y;
  private final List<String> classes;
  private final List<String> features;

  /**
   * Checks that the parts fit together and keeps copies of them.
   *
   * @param x features x n, one column per example
   * @param y outputs x n: 0/1 in one row for two classes, one-hot rows for more, or any finite
   *     targets when {@code classes} is empty
   * @param classes the class names in label order (class i is label i), or an empty list when the
   *     labels are not classes
   * @param features one name per row of {@code x}
   * @throws IllegalArgumentException if the shapes disagree, a name is missing or repeated, or a
   *     label is not a valid encoding of the classes; the message says which example
   */
  public Dataset(Matrix x, Matrix y, List<String> classes, List<String> features) {
    require(x != null, "x must not be null; pass the features as a features x n matrix");
    require(y != null, "y must not be null; pass the labels as an outputs x n matrix");
    require(classes != null, "classes must not be null; pass an empty list for non-class labels");
    require(features != null, "features must not be null; pass one name per row of x");
    require(
        x.cols() == y.cols(),
        "x has "
            + x.cols()
            + " examples (columns) but y has "
            + y.cols()
            + "; every example needs exactly one label column");
    require(
        features.size() == x.rows(),
        "x has "
            + x.rows()
            + " feature rows but "
            + features.size()
            + " feature names were given; name every row of x once");
    require(y.rows() > 0, "y has no rows; a label needs at least one output");
    this.features = List.copyOf(distinct("feature", features));
    this.classes = List.copyOf(distinct("class", classes));
    finite("x", x);
    finite("y", y);
    if (!classes.isEmpty()) {
      checkLabels(y, classes);
    }
    this.x = x.copy();
    this.y = y.copy();
  }

  private static List<String> distinct(String kind, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      require(name != null, kind + " name " + i + " is null; every " + kind + " needs a name");
      require(
          seen.add(name),
          kind
              + " name \""
              + name
              + "\" appears more than once (again at index "
              + i
              + "); names must be unique so that they identify one "
              + kind);
    }
    return names;
  }

  private static void finite(String name, Matrix m) {
    for (int r = 0; r < m.rows(); r++) {
      for (int c = 0; c < m.cols(); c++) {
        double v = m.get(r, c);
        require(
            Double.isFinite(v),
            name
                + "("
                + r
                + ", "
                + c
                + ") is "
                + v
                + "; a data set must hold finite numbers, so remove or fill in that example");
      }
    }
  }

  private static void checkLabels(Matrix y, List<String> classes) {
    int k = classes.size();
    require(
        k >= 2,
        "only one class was named ("
            + classes
            + "); a classification data set needs at least two, or pass an empty list for"
            + " non-class labels");
    if (y.rows() == 1) {
      require(
          k == 2,
          "y has a single row, which encodes two classes as 0/1, but "
              + k
              + " classes were named "
              + classes
              + "; use one one-hot row per class for three or more");
      for (int c = 0; c < y.cols(); c++) {
        double v = y.get(0, c);
        require(
            v == 0 || v == 1,
            "label of example "
                + c
                + " is "
                + v
                + "; with one row of labels each must be 0 ("
                + classes.get(0)
                + ") or 1 ("
                + classes.get(1)
                + ")");
      }
      return;
    }
    require(
        y.rows() == k,
        "y has "
            + y.rows()
            + " rows but "
            + k
            + " classes were named "
            + classes
            + "; one-hot labels need one row per class");
    for (int c = 0; c < y.cols(); c++) {
      int ones = 0;
      for (int r = 0; r < k; r++) {
        double v = y.get(r, c);
        require(
            v == 0 || v == 1,
            "y("
                + r
                + ", "
                + c
                + ") is "
                + v
                + "; one-hot labels hold only 0 and 1, with a single 1 per example");
        ones += (int) v;
      }
      require(
          ones == 1,
          "example "
              + c
              + " has "
              + ones
              + " ones in its label column; a one-hot label has exactly one, in its class's row");
    }
  }

  /** The features, features x n; a copy, so changing it leaves the data set as it was. */
  public Matrix x() {
    return x.copy();
  }

  /** The labels, outputs x n; a copy, so changing it leaves the data set as it was. */
  public Matrix y() {
    return y.copy();
  }

  /** The number of examples n. */
  public int size() {
    return x.cols();
  }

  /** The feature names, one per row of {@link #x()}, for tables, charts and error messages. */
  public List<String> features() {
    return features;
  }

  /**
   * The class names in label order: class i is label i (row i of a one-hot label, or the value i of
   * a 0/1 label). Empty when the labels are not classes.
   */
  public List<String> classes() {
    return classes;
  }

  /**
   * The class of each example, as indexes into {@link #classes()}: what {@link
   * dev.unroll.runtime.Model#predict} returns, so the two can be compared directly.
   *
   * @throws IllegalStateException if the labels are not classes
   */
  public int[] labels() {
    if (classes.isEmpty()) {
      throw new IllegalStateException(
          "this data set's labels are not classes (classes() is empty), so they have no class"
              + " index; read y() instead");
    }
    return Matrix.classes(y);
  }

  /**
   * The examples at the given indexes, in that order, as a new data set with the same names. Useful
   * for folds, for a fixed validation slice or for looking at a few examples; an index may repeat
   * (as in a bootstrap sample).
   *
   * @throws IllegalArgumentException if an index is outside 0 .. size() - 1
   */
  public Dataset subset(int... examples) {
    require(examples != null, "examples must not be null");
    int n = size();
    for (int i = 0; i < examples.length; i++) {
      int e = examples[i];
      require(
          e >= 0 && e < n,
          "example index "
              + e
              + " (position "
              + i
              + ") is outside this data set of "
              + n
              + " examples; indexes run from 0 to "
              + (n - 1));
    }
    return new Dataset(columns(x, examples), columns(y, examples), classes, features);
  }

  private static Matrix columns(Matrix m, int[] picked) {
    Matrix out = Matrix.zeros(m.rows(), picked.length);
    for (int r = 0; r < m.rows(); r++) {
      for (int j = 0; j < picked.length; j++) {
        out.set(r, j, m.get(r, picked[j]));
      }
    }
    return out;
  }

  /**
   * Divides the examples into a training part and a test part, at random but reproducibly.
   *
   * <p>The examples are shuffled with {@code new Random(seed)} and the first {@code
   * round(trainFraction * size())} go to training, the rest to test; both parts keep the shuffled
   * order. When the labels are classes the split is stratified: each class contributes to the
   * training part in proportion to its size (the rounding remainders go to the classes with the
   * largest fractional shares), so a rare class cannot end up missing from one side by chance.
   *
   * @param trainFraction the share of examples for training, strictly between 0 and 1
   * @param seed the shuffle's seed; the same seed gives the same split
   * @throws IllegalArgumentException if the fraction is not strictly between 0 and 1, or if it
   *     leaves one side without examples
   */
  public Split split(double trainFraction, long seed) {
    require(
        trainFraction > 0 && trainFraction < 1,
        "trainFraction must lie strictly between 0 and 1 (for example 0.8 for 80% training), but"
            + " was "
            + trainFraction);
    int n = size();
    int train = (int) Math.round(trainFraction * n);
    require(
        train > 0 && train < n,
        "a training fraction of "
            + trainFraction
            + " of "
            + n
            + " examples gives "
            + train
            + " for training and "
            + (n - train)
            + " for test; both sides need at least one example, so choose a fraction"
            + " nearer 0.5 or use more examples");

    int[] order = shuffled(n, new Random(seed));
    int[] label = classes.isEmpty() ? new int[n] : labels();
    int[] quota = quotas(label, classes.isEmpty() ? 1 : classes.size(), train, trainFraction);
    int[] trainIdx = new int[train];
    int[] testIdx = new int[n - train];
    int t = 0;
    int s = 0;
    for (int e : order) {
      if (quota[label[e]] > 0) {
        quota[label[e]]--;
        trainIdx[t++] = e;
      } else {
        testIdx[s++] = e;
      }
    }
    return new Split(subset(trainIdx), subset(testIdx));
  }

  /**
   * How many examples of each group go to training: each group's proportional share rounded down,
   * then one more for the groups with the largest remainders (the lower group first on ties) until
   * the total is reached.
   */
  private static int[] quotas(int[] label, int groups, int train, double fraction) {
    int[] count = new int[groups];
    for (int l : label) {
      count[l]++;
    }
    int[] quota = new int[groups];
    double[] remainder = new double[groups];
    int given = 0;
    for (int g = 0; g < groups; g++) {
      double share = fraction * count[g];
      quota[g] = Math.min(count[g], (int) Math.floor(share));
      remainder[g] = share - quota[g];
      given += quota[g];
    }
    while (given < train) {
      int best = -1;
      for (int g = 0; g < groups; g++) {
        if (quota[g] < count[g] && (best < 0 || remainder[g] > remainder[best])) {
          best = g;
        }
      }
      quota[best]++;
      remainder[best] = -1;
      given++;
    }
    while (given > train) {
      int best = -1;
      for (int g = 0; g < groups; g++) {
        if (quota[g] > 0 && (best < 0 || remainder[g] < remainder[best])) {
          best = g;
        }
      }
      quota[best]--;
      remainder[best] = 2;
      given--;
    }
    return quota;
  }

  /** The indexes 0 .. n - 1 in a random order (Fisher-Yates). */
  static int[] shuffled(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  /** A short description: the size, the features and the classes with their counts. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(size()).append(" examples x ").append(features.size()).append(" features");
    if (!classes.isEmpty()) {
      int[] count = new int[classes.size()];
      for (int l : labels()) {
        count[l]++;
      }
      List<String> parts = new ArrayList<>();
      for (int c = 0; c < count.length; c++) {
        parts.add(classes.get(c) + ": " + count[c]);
      }
      sb.append(", classes {").append(String.join(", ", parts)).append('}');
    } else {
      sb.append(", ").append(y.rows()).append(" targets");
    }
    return sb.toString();
  }

  /** Equal when the names and every entry of x and y are equal. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Dataset)) {
      return false;
    }
    Dataset other = (Dataset) o;
    return x.equals(other.x)
        && y.equals(other.y)
        && classes.equals(other.classes)
        && features.equals(other.features);
  }

  @Override
  public int hashCode() {
    return Objects.hash(x, y, classes, features);
  }

  static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
