package dev.unroll.data;

import dev.unroll.runtime.Matrix;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generated data sets for classification: small, two-dimensional ones to see what a network learns
 * (moons, spiral, blobs), and a configurable one with informative, redundant and useless features
 * (classification).
 *
 * <p>Every generator draws from {@code new java.util.Random(seed)} alone, so the same arguments
 * always give the same data set, on any machine. The examples come in a shuffled order, so the
 * first part of a data set is as good a sample as any other part.
 *
 * <p>Labels follow {@link Dataset}: a single row of 0/1 for two classes, one-hot rows for three or
 * more. The classes are named {@code "0"}, {@code "1"}, and so on.
 */
public final class Datasets {
  /** How far, in radians, a spiral arm turns between radius 0 and radius 1. */
  public static final double SPIRAL_TURN = 4.0;

  private Datasets() {}

  /**
   * Two interleaving half circles, the standard small test of a non-linear decision boundary (as
   * scikit-learn's {@code make_moons}).
   *
   * <p>Class 0 has {@code n / 2} (rounded down) points on the upper half of the unit circle, {@code
   * (cos t, sin t)}; class 1 has the rest on a lower half circle of radius 1 centred at (1, 0.5),
   * {@code (1 - cos t, 0.5 - sin t)}. In each class {@code t} runs evenly from 0 to pi, both ends
   * included. The points are shuffled, then Gaussian noise of standard deviation {@code noise} is
   * added to both coordinates.
   *
   * @param n the number of points, at least 2 so that both classes have one
   * @param noise the standard deviation of the noise; 0 puts every point exactly on its circle, 0.1
   *     to 0.3 gives a realistic overlap
   * @param seed the random seed
   * @return features {@code x0, x1} (2 x n), labels 1 x n
   */
  public static Dataset moons(int n, double noise, long seed) {
    atLeast("n", n, 2, "so that each moon has a point");
    nonNegative("noise", noise);
    Random random = new Random(seed);
    int upper = n / 2;
    int lower = n - upper;
    double[][] points = new double[n][2];
    int[] label = new int[n];
    for (int i = 0; i < upper; i++) {
      double t = evenly(i, upper, Math.PI);
      points[i][0] = Math.cos(t);
      points[i][1] = Math.sin(t);
    }
    for (int i = 0; i < lower; i++) {
      double t = evenly(i, lower, Math.PI);
      points[upper + i][0] = 1 - Math.cos(t);
      points[upper + i][1] = 1 - Math.sin(t) - 0.5;
      label[upper + i] = 1;
    }
    int[] order = Dataset.shuffled(n, random);
    Matrix x = Matrix.zeros(2, n);
    for (int j = 0; j < n; j++) {
      x.set(0, j, points[order[j]][0] + noise * random.nextGaussian());
      x.set(1, j, points[order[j]][1] + noise * random.nextGaussian());
    }
    return new Dataset(x, labels(label, order, 2), classNames(2), names("x", 2));
  }

  /**
   * Spiral arms winding out from the origin, one per class: a problem that no straight line and few
   * shallow networks separate, since every class surrounds every other.
   *
   * <p>In each class the radius runs evenly from 0 to 1 (both included). Class c's arm starts at
   * the angle {@code 2 pi c / classes}, so the arms are evenly spaced, and turns {@link
   * #SPIRAL_TURN} radians as the radius grows to 1; Gaussian noise of standard deviation {@code
   * noise} (radians) is added to each angle. A point is {@code (r cos a, r sin a)}. The points are
   * shuffled.
   *
   * @param perClass points per arm, at least 1
   * @param classes the number of arms, at least 2
   * @param noise the standard deviation of the angle noise in radians; 0.2 is a common choice
   * @param seed the random seed
   * @return features {@code x0, x1} (2 x perClass * classes)
   */
  public static Dataset spiral(int perClass, int classes, double noise, long seed) {
    atLeast("perClass", perClass, 1, "so that each arm has a point");
    atLeast("classes", classes, 2, "for a classification problem");
    nonNegative("noise", noise);
    int n = total(perClass, classes);
    Random random = new Random(seed);
    double[][] points = new double[n][2];
    int[] label = new int[n];
    for (int c = 0; c < classes; c++) {
      double start = 2 * Math.PI * c / classes;
      for (int i = 0; i < perClass; i++) {
        int e = c * perClass + i;
        double r = evenly(i, perClass, 1);
        double angle = start + SPIRAL_TURN * r + noise * random.nextGaussian();
        points[e][0] = r * Math.cos(angle);
        points[e][1] = r * Math.sin(angle);
        label[e] = c;
      }
    }
    int[] order = Dataset.shuffled(n, random);
    return new Dataset(
        columns(points, order), labels(label, order, classes), classNames(classes), names("x", 2));
  }

  /**
   * Round Gaussian clusters, one class per centre: the easiest classification problem, for checking
   * that training works at all, or that a model copes with overlap as {@code sd} grows.
   *
   * @param perClass points around each centre, at least 1
   * @param centres one centre per class, at least two, all with the same number of coordinates
   *     (that number is the number of features)
   * @param sd the standard deviation of every coordinate around its centre
   * @param seed the random seed
   * @return features {@code x0, x1, ...} (dimensions x perClass * centres), points shuffled
   */
  public static Dataset blobs(int perClass, double[][] centres, double sd, long seed) {
    atLeast("perClass", perClass, 1, "so that each blob has a point");
    Dataset.require(centres != null, "centres must not be null; pass one centre per class");
    int classes = centres.length;
    atLeast("the number of centres", classes, 2, "one per class, for a classification problem");
    Dataset.require(centres[0] != null, "centre 0 is null");
    int dims = centres[0].length;
    atLeast("the number of coordinates of a centre", dims, 1, "each is a feature");
    for (int c = 0; c < classes; c++) {
      Dataset.require(centres[c] != null, "centre " + c + " is null");
      Dataset.require(
          centres[c].length == dims,
          "centre "
              + c
              + " has "
              + centres[c].length
              + " coordinates but centre 0 has "
              + dims
              + "; give every centre the same number");
      for (int d = 0; d < dims; d++) {
        Dataset.require(
            Double.isFinite(centres[c][d]),
            "coordinate " + d + " of centre " + c + " is " + centres[c][d] + "; it must be finite");
      }
    }
    nonNegative("sd", sd);
    int n = total(perClass, classes);
    Random random = new Random(seed);
    double[][] points = new double[n][dims];
    int[] label = new int[n];
    for (int c = 0; c < classes; c++) {
      for (int i = 0; i < perClass; i++) {
        int e = c * perClass + i;
        for (int d = 0; d < dims; d++) {
          points[e][d] = centres[c][d] + sd * random.nextGaussian();
        }
        label[e] = c;
      }
    }
    int[] order = Dataset.shuffled(n, random);
    return new Dataset(
        columns(points, order),
        labels(label, order, classes),
        classNames(classes),
        names("x", dims));
  }

  /**
   * A builder for a data set with a known number of informative, redundant and useless features,
   * following the algorithm of scikit-learn's {@code make_classification}; see {@link
   * Classification}.
   */
  public static Classification classification() {
    return new Classification();
  }

  /**
   * Settings for {@link Datasets#classification()}: a data set whose classes are clusters of points
   * around vertices of a hypercube, with some features that carry the signal, some that repeat it
   * and some that are pure noise. It shows whether a model finds the useful features and how it
   * copes with useless ones and with mislabelled examples.
   *
   * <p>The algorithm is scikit-learn's {@code make_classification} for its common parameters:
   *
   * <ol>
   *   <li>There are {@code classes * clustersPerClass} clusters, cluster k belonging to class
   *       {@code k % classes}. The samples are divided among them as equally as possible (the first
   *       clusters get one more when the division leaves a remainder), so the classes are balanced.
   *   <li>Each cluster sits on a different vertex, chosen at random, of a hypercube with side
   *       {@code 2 * classSep} centred at the origin, in the space of the informative features.
   *   <li>A cluster's informative features are drawn from a standard normal distribution,
   *       multiplied by a random matrix with entries uniform in [-1, 1) (one per cluster, so the
   *       clusters have different shapes and correlations) and shifted to the cluster's vertex.
   *   <li>The redundant features are one random linear combination (coefficients uniform in [-1,
   *       1)) of the informative ones, the same for all samples.
   *   <li>The remaining features are standard normal noise.
   *   <li>Each label is replaced, with probability {@code flipY}, by a class drawn uniformly (which
   *       may be the same class): label noise.
   *   <li>The samples are shuffled.
   * </ol>
   *
   * <p>Unlike scikit-learn the features are not shuffled: rows {@code 0 .. informative - 1} of x
   * are the informative features, then come the redundant ones, then the noise, and the feature
   * names ({@code informative_0}, {@code redundant_0}, {@code noise_0}, ...) say which is which.
   * The random numbers come from {@code java.util.Random}, so the values differ from scikit-learn's
   * for the same seed; the distribution is the same.
   *
   * <p>The defaults are scikit-learn's: 100 samples, 20 features of which 2 informative and 2
   * redundant, 2 classes of 2 clusters each, {@code classSep} 1, {@code flipY} 0.01, seed 0.
   */
  public static final class Classification {
    private int samples = 100;
    private int features = 20;
    private int informative = 2;
    private int redundant = 2;
    private int classes = 2;
    private int clustersPerClass = 2;
    private double classSep = 1.0;
    private double flipY = 0.01;
    private long seed;

    private Classification() {}

    /** The number of examples; at least the number of classes, so that each class has one. */
    public Classification samples(int samples) {
      this.samples = atLeast("samples", samples, 1, "");
      return this;
    }

    /** The total number of features: informative, redundant and noise. */
    public Classification features(int features) {
      this.features = atLeast("features", features, 1, "");
      return this;
    }

    /**
     * The number of features that carry the class; the clusters live in their space, which has
     * 2^informative vertices, so it must hold {@code classes * clustersPerClass} clusters.
     */
    public Classification informative(int informative) {
      this.informative = atLeast("informative", informative, 1, "");
      return this;
    }

    /** The number of features that are linear combinations of the informative ones. */
    public Classification redundant(int redundant) {
      this.redundant = atLeast("redundant", redundant, 0, "");
      return this;
    }

    /** The number of classes, at least 2. */
    public Classification classes(int classes) {
      this.classes = atLeast("classes", classes, 2, "for a classification problem");
      return this;
    }

    /**
     * The number of clusters that make up each class; more than one makes the classes non-convex,
     * so that a linear model cannot separate them.
     */
    public Classification clustersPerClass(int clustersPerClass) {
      this.clustersPerClass = atLeast("clustersPerClass", clustersPerClass, 1, "");
      return this;
    }

    /**
     * Half the side of the hypercube whose vertices the clusters sit on: larger values move the
     * clusters apart and make the problem easier. 0 or more.
     */
    public Classification classSep(double classSep) {
      this.classSep = nonNegative("classSep", classSep);
      return this;
    }

    /**
     * The probability, from 0 to 1, that an example's label is replaced by a random class; 0 keeps
     * every label true to its cluster.
     */
    public Classification flipY(double flipY) {
      Dataset.require(
          flipY >= 0 && flipY <= 1,
          "flipY is a probability and must lie in [0, 1], but was " + flipY);
      this.flipY = flipY;
      return this;
    }

    /** The random seed; the same settings and seed give the same data set. */
    public Classification seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Generates the data set.
     *
     * @return features x samples, labels 0/1 (two classes) or one-hot (three or more)
     * @throws IllegalArgumentException if the settings do not fit together; the message says how to
     *     change them
     */
    public Dataset build() {
      check();
      Random random = new Random(seed);
      int clusters = classes * clustersPerClass;
      double[][] rows = new double[samples][features];
      int[] label = new int[samples];

      int[] perCluster = new int[clusters];
      for (int k = 0; k < clusters; k++) {
        perCluster[k] = samples / clusters + (k < samples % clusters ? 1 : 0);
      }
      boolean[][] vertices = vertices(clusters, informative, random);

      for (int i = 0; i < samples; i++) {
        for (int f = 0; f < informative; f++) {
          rows[i][f] = random.nextGaussian();
        }
      }
      double[] point = new double[informative];
      int start = 0;
      for (int k = 0; k < clusters; k++) {
        double[][] a = uniform(informative, informative, random);
        for (int i = start; i < start + perCluster[k]; i++) {
          label[i] = k % classes;
          for (int f = 0; f < informative; f++) {
            double sum = 0;
            for (int g = 0; g < informative; g++) {
              sum += rows[i][g] * a[g][f];
            }
            point[f] = sum;
          }
          for (int f = 0; f < informative; f++) {
            rows[i][f] = point[f] + (vertices[k][f] ? classSep : -classSep);
          }
        }
        start += perCluster[k];
      }

      if (redundant > 0) {
        double[][] b = uniform(informative, redundant, random);
        for (int i = 0; i < samples; i++) {
          for (int r = 0; r < redundant; r++) {
            double sum = 0;
            for (int g = 0; g < informative; g++) {
              sum += rows[i][g] * b[g][r];
            }
            rows[i][informative + r] = sum;
          }
        }
      }
      for (int i = 0; i < samples; i++) {
        for (int f = informative + redundant; f < features; f++) {
          rows[i][f] = random.nextGaussian();
        }
      }

      boolean[] flip = new boolean[samples];
      for (int i = 0; i < samples; i++) {
        flip[i] = random.nextDouble() < flipY;
      }
      for (int i = 0; i < samples; i++) {
        if (flip[i]) {
          label[i] = random.nextInt(classes);
        }
      }

      int[] order = Dataset.shuffled(samples, random);
      List<String> names = new ArrayList<>(names("informative_", informative));
      names.addAll(names("redundant_", redundant));
      names.addAll(names("noise_", features - informative - redundant));
      return new Dataset(
          columns(rows, order), labels(label, order, classes), classNames(classes), names);
    }

    private void check() {
      Dataset.require(
          informative + redundant <= features,
          "informative ("
              + informative
              + ") + redundant ("
              + redundant
              + ") = "
              + (informative + redundant)
              + " features, more than the "
              + features
              + " features in all; raise features or lower the other two");
      long clusters = (long) classes * clustersPerClass;
      if (informative < 62 && clusters > 1L << informative) {
        int needed = 64 - Long.numberOfLeadingZeros(clusters - 1);
        throw new IllegalArgumentException(
            "classes ("
                + classes
                + ") * clustersPerClass ("
                + clustersPerClass
                + ") = "
                + clusters
                + " clusters, but the clusters sit on distinct vertices of a hypercube in the"
                + " informative features, and 2^informative = 2^"
                + informative
                + " = "
                + (1L << informative)
                + " vertices are too few; use at least "
                + needed
                + " informative features or fewer classes or clusters");
      }
      Dataset.require(
          clusters <= Integer.MAX_VALUE - 8,
          clusters
              + " clusters are more than this generator can hold; use fewer classes or"
              + " clusters per class");
      Dataset.require(
          samples >= classes,
          "samples ("
              + samples
              + ") must be at least classes ("
              + classes
              + ") so that every class has an example");
      Dataset.require(
          (long) samples * features <= Integer.MAX_VALUE - 8,
          samples
              + " samples x "
              + features
              + " features is more entries than one Java array holds; use fewer of either");
    }
  }

  /**
   * {@code count} distinct vertices of the hypercube {0, 1}^dims, chosen at random; true stands for
   * the positive side of an axis.
   */
  private static boolean[][] vertices(int count, int dims, Random random) {
    boolean[][] out = new boolean[count][];
    if (dims < 31 && 1 << dims <= 2L * count) {
      // Few vertices: take the first `count` of a random permutation of all of them.
      int all = 1 << dims;
      int[] order = Dataset.shuffled(all, random);
      for (int k = 0; k < count; k++) {
        out[k] = new boolean[dims];
        for (int d = 0; d < dims; d++) {
          out[k][d] = (order[k] >>> d & 1) == 1;
        }
      }
      return out;
    }
    // Many vertices: draw at random and redraw the rare repeat; at most half are taken, so each
    // draw is new with probability at least 1/2.
    Set<BitSet> seen = new HashSet<>();
    int k = 0;
    while (k < count) {
      BitSet bits = new BitSet(dims);
      boolean[] vertex = new boolean[dims];
      for (int d = 0; d < dims; d++) {
        vertex[d] = random.nextBoolean();
        bits.set(d, vertex[d]);
      }
      if (seen.add(bits)) {
        out[k++] = vertex;
      }
    }
    return out;
  }

  /** A rows x cols array of numbers drawn uniformly from [-1, 1). */
  private static double[][] uniform(int rows, int cols, Random random) {
    double[][] out = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[r][c] = 2 * random.nextDouble() - 1;
      }
    }
    return out;
  }

  /**
   * Point i of {@code count} evenly spaced from 0 to {@code end}, both ends included; 0 when there
   * is a single point.
   */
  private static double evenly(int i, int count, double end) {
    if (count == 1) {
      return 0;
    }
    return i == count - 1 ? end : end * i / (count - 1);
  }

  /** Examples in sample-major rows, taken in the given order, as a features x n matrix. */
  private static Matrix columns(double[][] rows, int[] order) {
    int features = rows.length == 0 ? 0 : rows[0].length;
    Matrix x = Matrix.zeros(features, order.length);
    for (int j = 0; j < order.length; j++) {
      for (int f = 0; f < features; f++) {
        x.set(f, j, rows[order[j]][f]);
      }
    }
    return x;
  }

  /** Class indexes, taken in the given order, as 0/1 in one row (two classes) or one-hot rows. */
  static Matrix labels(int[] label, int[] order, int classes) {
    Matrix y = Matrix.zeros(classes == 2 ? 1 : classes, order.length);
    for (int j = 0; j < order.length; j++) {
      int c = label[order[j]];
      if (classes == 2) {
        y.set(0, j, c);
      } else {
        y.set(c, j, 1);
      }
    }
    return y;
  }

  private static List<String> classNames(int classes) {
    return names("", classes);
  }

  private static List<String> names(String prefix, int count) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(prefix + i);
    }
    return out;
  }

  private static int total(int perClass, int classes) {
    long n = (long) perClass * classes;
    Dataset.require(
        n <= Integer.MAX_VALUE / 2,
        perClass + " points per class x " + classes + " classes is too many; use fewer");
    return (int) n;
  }

  private static int atLeast(String name, int value, int minimum, String why) {
    Dataset.require(
        value >= minimum,
        name
            + " must be at least "
            + minimum
            + (why.isEmpty() ? "" : " " + why)
            + ", but was "
            + value);
    return value;
  }

  private static double nonNegative(String name, double value) {
    Dataset.require(
        value >= 0 && Double.isFinite(value),
        name + " must be a finite number, 0 or more, but was " + value);
    return value;
  }
}
