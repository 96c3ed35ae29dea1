package dev.unroll.spark;

import dev.unroll.runtime.Matrix;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One training example as Spark ships it between machines: its features and its label vector (a
 * single 0/1 entry for a sigmoid output, one-hot for a softmax).
 *
 * @param features one value per input of the network
 * @param label one value per output of the network
 */
public record LabeledExample(double[] features, double[] label) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies the arrays, so a record in an RDD never changes under Spark. */
  public LabeledExample {
    features = features.clone();
    label = label.clone();
  }

  @Override
  public double[] features() {
    return features.clone();
  }

  @Override
  public double[] label() {
    return label.clone();
  }

  /**
   * Writes this example into column j of x and of y, checking that it fits: a task fills its batch
   * this way without copying each example's arrays first.
   */
  void copyInto(Matrix x, Matrix y, int j) {
    if (features.length != x.rows() || label.length != y.rows()) {
      throw new IllegalArgumentException(
          "an example has "
              + features.length
              + " features and "
              + label.length
              + " label values, but the model takes "
              + x.rows()
              + " and "
              + y.rows());
    }
    for (int i = 0; i < features.length; i++) {
      x.set(i, j, features[i]);
    }
    for (int i = 0; i < label.length; i++) {
      y.set(i, j, label[i]);
    }
  }

  /** The examples in the columns of x (features x n) and y (outputs x n), in column order. */
  public static List<LabeledExample> fromColumns(Matrix x, Matrix y) {
    if (x.cols() != y.cols()) {
      throw new IllegalArgumentException(
          "x and y must have one column per example each, but x is "
              + x.rows()
              + " x "
              + x.cols()
              + " and y is "
              + y.rows()
              + " x "
              + y.cols());
    }
    List<LabeledExample> examples = new ArrayList<>(x.cols());
    for (int j = 0; j < x.cols(); j++) {
      double[] f = new double[x.rows()];
      for (int i = 0; i < f.length; i++) {
        f[i] = x.get(i, j);
      }
      double[] l = new double[y.rows()];
      for (int i = 0; i < l.length; i++) {
        l[i] = y.get(i, j);
      }
      examples.add(new LabeledExample(f, l));
    }
    return examples;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LabeledExample e
        && Arrays.equals(features, e.features)
        && Arrays.equals(label, e.label);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(features) + Arrays.hashCode(label);
  }

  @Override
  public String toString() {
    return "LabeledExample" + Arrays.toString(features) + " -> " + Arrays.toString(label);
  }
}
