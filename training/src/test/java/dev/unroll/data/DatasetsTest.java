package dev.unroll.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class DatasetsTest {
  private static final double EPS = 1e-12;

  private static void assertSeeded(LongFunction<Dataset> generator) {
    Dataset first = generator.apply(1);
    assertEquals(first, generator.apply(1), "the same seed must give the same data set");
    Dataset other = generator.apply(2);
    assertNotEquals(first.x(), other.x(), "another seed must give other points");
  }

  private static int[] counts(Dataset d) {
    int[] counts = new int[d.classes().size()];
    for (int l : d.labels()) {
      counts[l]++;
    }
    return counts;
  }

  private static boolean sortedByClass(int[] labels) {
    for (int j = 1; j < labels.length; j++) {
      if (labels[j] < labels[j - 1]) {
        return false;
      }
    }
    return true;
  }

  private static void assertOneHot(Dataset d, int classes) {
    Matrix y = d.y();
    assertEquals(classes, y.rows());
    for (int j = 0; j < d.size(); j++) {
      double sum = 0;
      for (int r = 0; r < classes; r++) {
        sum += y.get(r, j);
      }
      assertEquals(1.0, sum, "column " + j);
    }
  }

  // ---- moons

  @Test
  void moonsShapesNamesAndSeeds() {
    Dataset d = Datasets.moons(101, 0.2, 7);
    assertEquals(2, d.x().rows());
    assertEquals(101, d.x().cols());
    assertEquals(1, d.y().rows());
    assertEquals(101, d.size());
    assertEquals(List.of("0", "1"), d.classes());
    assertEquals(List.of("x0", "x1"), d.features());
    assertSeeded(seed -> Datasets.moons(60, 0.1, seed));
    assertSeeded(seed -> Datasets.moons(60, 0, seed));
  }

  @Test
  void moonsWithoutNoiseLieOnTheirHalfCircles() {
    int n = 101;
    Dataset d = Datasets.moons(n, 0, 3);
    Matrix x = d.x();
    int[] labels = d.labels();
    assertArrayEquals(new int[] {n / 2, n - n / 2}, counts(d));
    assertTrue(!sortedByClass(labels), "the points should be shuffled");
    List<Double> upper = new ArrayList<>();
    List<Double> lower = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      double a = x.get(0, j);
      double b = x.get(1, j);
      if (labels[j] == 0) {
        assertEquals(1, a * a + b * b, EPS, "class 0 point " + j + " off the unit circle");
        assertTrue(b >= 0, "class 0 point " + j + " below the x axis: " + b);
        upper.add(Math.atan2(b, a));
      } else {
        double da = a - 1;
        double db = b - 0.5;
        assertEquals(1, da * da + db * db, EPS, "class 1 point " + j + " off its circle");
        assertTrue(b <= 0.5, "class 1 point " + j + " above its centre: " + b);
        lower.add(Math.atan2(-db, -da));
      }
    }
    assertEvenlyFromZeroToPi(upper);
    assertEvenlyFromZeroToPi(lower);
  }

  private static void assertEvenlyFromZeroToPi(List<Double> angles) {
    double[] t = angles.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double step = Math.PI / (t.length - 1);
    for (int i = 0; i < t.length; i++) {
      assertEquals(i * step, t[i], 1e-9, "angle " + i + " of " + t.length);
    }
  }

  @Test
  void moonsNoiseHasTheRequestedSpread() {
    double noise = 0.1;
    Dataset noisy = Datasets.moons(4000, noise, 5);
    Dataset clean = Datasets.moons(4000, 0, 5);
    // same seed: the same shuffle, so the difference is the noise alone
    Matrix a = noisy.x();
    Matrix b = clean.x();
    assertArrayEquals(clean.labels(), noisy.labels());
    double squares = 0;
    for (int r = 0; r < 2; r++) {
      for (int j = 0; j < 4000; j++) {
        double d = a.get(r, j) - b.get(r, j);
        squares += d * d;
      }
    }
    double sd = Math.sqrt(squares / 8000);
    assertEquals(noise, sd, 0.005, "measured noise");
  }

  @Test
  void moonsExplainBadArguments() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Datasets.moons(1, 0, 1));
    assertTrue(e.getMessage().contains("n must be at least 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Datasets.moons(10, -0.1, 1));
    assertTrue(e.getMessage().contains("noise must be"), e.getMessage());
    assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
  }

  // ---- spiral

  @Test
  void spiralShapesLabelsAndSeeds() {
    Dataset d = Datasets.spiral(50, 3, 0.2, 1);
    assertEquals(2, d.x().rows());
    assertEquals(150, d.size());
    assertEquals(List.of("0", "1", "2"), d.classes());
    assertOneHot(d, 3);
    assertArrayEquals(new int[] {50, 50, 50}, counts(d));
    assertTrue(!sortedByClass(d.labels()), "the points should be shuffled");

    Dataset two = Datasets.spiral(20, 2, 0.2, 1);
    assertEquals(1, two.y().rows());
    assertArrayEquals(new int[] {20, 20}, counts(two));
    assertSeeded(seed -> Datasets.spiral(30, 4, 0.2, seed));
  }

  @Test
  void spiralArmsRunFromTheCentreToRadiusOneAndTurnWithTheRadius() {
    int perClass = 40;
    int classes = 3;
    Dataset d = Datasets.spiral(perClass, classes, 0, 9);
    Matrix x = d.x();
    int[] labels = d.labels();
    Map<Integer, List<Double>> radii = new HashMap<>();
    for (int j = 0; j < d.size(); j++) {
      double a = x.get(0, j);
      double b = x.get(1, j);
      double r = Math.hypot(a, b);
      radii.computeIfAbsent(labels[j], c -> new ArrayList<>()).add(r);
      if (r > 1e-9) {
        double expected = 2 * Math.PI * labels[j] / classes + Datasets.SPIRAL_TURN * r;
        double diff = Math.IEEEremainder(Math.atan2(b, a) - expected, 2 * Math.PI);
        assertEquals(0, diff, 1e-9, "angle of point " + j + " in class " + labels[j]);
      }
    }
    for (int c = 0; c < classes; c++) {
      double[] r = radii.get(c).stream().mapToDouble(Double::doubleValue).sorted().toArray();
      for (int i = 0; i < perClass; i++) {
        assertEquals((double) i / (perClass - 1), r[i], EPS, "radius " + i + " of class " + c);
      }
    }
  }

  @Test
  void spiralNoiseTurnsPointsButKeepsTheirRadius() {
    Dataset clean = Datasets.spiral(30, 2, 0, 4);
    Dataset noisy = Datasets.spiral(30, 2, 0.3, 4);
    assertNotEquals(clean.x(), noisy.x());
    double[] r1 = radii(clean);
    double[] r2 = radii(noisy);
    Arrays.sort(r1);
    Arrays.sort(r2);
    assertArrayEquals(r1, r2, EPS);
  }

  private static double[] radii(Dataset d) {
    Matrix x = d.x();
    double[] r = new double[d.size()];
    for (int j = 0; j < r.length; j++) {
      r[j] = Math.hypot(x.get(0, j), x.get(1, j));
    }
    return r;
  }

  // ---- blobs

  @Test
  void blobsWithoutSpreadSitOnTheirCentres() {
    double[][] centres = {{0, 0, 1}, {5, 5, -1}, {-5, 5, 2}};
    Dataset d = Datasets.blobs(10, centres, 0, 3);
    assertEquals(List.of("x0", "x1", "x2"), d.features());
    assertEquals(30, d.size());
    assertOneHot(d, 3);
    assertArrayEquals(new int[] {10, 10, 10}, counts(d));
    assertTrue(!sortedByClass(d.labels()), "the points should be shuffled");
    Matrix x = d.x();
    int[] labels = d.labels();
    for (int j = 0; j < d.size(); j++) {
      double[] point = {x.get(0, j), x.get(1, j), x.get(2, j)};
      assertArrayEquals(centres[labels[j]], point, "point " + j);
    }
  }

  @Test
  void blobsSpreadAroundTheirCentres() {
    double[][] centres = {{-2, 1}, {3, 0.5}};
    int perClass = 2000;
    Dataset d = Datasets.blobs(perClass, centres, 0.5, 8);
    assertEquals(1, d.y().rows());
    assertArrayEquals(new int[] {perClass, perClass}, counts(d));
    Matrix x = d.x();
    int[] labels = d.labels();
    for (int c = 0; c < 2; c++) {
      for (int dim = 0; dim < 2; dim++) {
        double sum = 0;
        double squares = 0;
        for (int j = 0; j < d.size(); j++) {
          if (labels[j] == c) {
            double v = x.get(dim, j) - centres[c][dim];
            sum += v;
            squares += v * v;
          }
        }
        // standard error of the mean: 0.5 / sqrt(2000) = 0.011
        assertEquals(0, sum / perClass, 0.05, "mean offset, class " + c + ", dim " + dim);
        assertEquals(0.5, Math.sqrt(squares / perClass), 0.03, "sd, class " + c + ", dim " + dim);
      }
    }
    assertSeeded(seed -> Datasets.blobs(20, centres, 1, seed));
  }

  @Test
  void blobsExplainBadCentres() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Datasets.blobs(5, new double[][] {{0, 0}, {1}}, 1, 1));
    assertTrue(e.getMessage().contains("centre 1 has 1 coordinates"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Datasets.blobs(5, new double[][] {{0, 0}}, 1, 1));
    assertTrue(e.getMessage().contains("the number of centres must be at least 2"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Datasets.blobs(5, new double[][] {{0}, {1}}, Double.NaN, 1));
    assertTrue(e.getMessage().contains("sd must be"), e.getMessage());
  }

  // ---- classification

  @Test
  void classificationDefaults() {
    Dataset d = Datasets.classification().build();
    assertEquals(20, d.x().rows());
    assertEquals(100, d.size());
    assertEquals(1, d.y().rows());
    assertEquals(List.of("0", "1"), d.classes());
    List<String> f = d.features();
    assertEquals(
        List.of("informative_0", "informative_1", "redundant_0", "redundant_1"), f.subList(0, 4));
    assertEquals("noise_0", f.get(4));
    assertEquals("noise_15", f.get(19));
    assertSeeded(seed -> Datasets.classification().seed(seed).build());
    assertSeeded(
        seed ->
            Datasets.classification()
                .samples(60)
                .features(6)
                .informative(3)
                .redundant(1)
                .classes(4)
                .seed(seed)
                .build());
  }

  @Test
  void classificationBalancesTheClassesBeforeFlipping() {
    int[][] settings = {{100, 3, 2}, {101, 2, 2}, {7, 3, 1}, {1000, 4, 3}, {50, 5, 1}};
    for (int[] s : settings) {
      int samples = s[0];
      int classes = s[1];
      int clusters = s[2];
      Dataset d =
          Datasets.classification()
              .samples(samples)
              .features(6)
              .informative(4)
              .redundant(0)
              .classes(classes)
              .clustersPerClass(clusters)
              .flipY(0)
              .seed(samples)
              .build();
      int[] counts = counts(d);
      int min = Arrays.stream(counts).min().getAsInt();
      int max = Arrays.stream(counts).max().getAsInt();
      assertEquals(samples, Arrays.stream(counts).sum());
      assertTrue(max - min <= 1, Arrays.toString(s) + ": class sizes " + Arrays.toString(counts));
      assertTrue(
          !sortedByClass(d.labels()), Arrays.toString(s) + ": the examples should be shuffled");
    }
  }

  @Test
  void informativeFeaturesSeparateTheClassesAndNoiseDoesNot() {
    int n = 2000;
    Dataset d =
        Datasets.classification()
            .samples(n)
            .features(5)
            .informative(2)
            .redundant(0)
            .classes(2)
            .clustersPerClass(1)
            .classSep(2)
            .flipY(0)
            .seed(12)
            .build();
    Matrix x = d.x();
    int[] labels = d.labels();
    double[][] mean = new double[2][5];
    double[][] squares = new double[2][5];
    int[] count = counts(d);
    for (int j = 0; j < n; j++) {
      for (int f = 0; f < 5; f++) {
        mean[labels[j]][f] += x.get(f, j) / count[labels[j]];
      }
    }
    for (int j = 0; j < n; j++) {
      for (int f = 0; f < 5; f++) {
        double v = x.get(f, j) - mean[labels[j]][f];
        squares[labels[j]][f] += v * v / count[labels[j]];
      }
    }
    double distance = Math.hypot(mean[0][0] - mean[1][0], mean[0][1] - mean[1][1]);
    double spread = 0;
    for (int c = 0; c < 2; c++) {
      for (int f = 0; f < 2; f++) {
        spread = Math.max(spread, Math.sqrt(squares[c][f]));
      }
    }
    // the clusters' vertices are at least 2 * classSep = 4 apart; a point's spread along an
    // informative axis is at most sqrt(2) (two weights of at most 1)
    assertTrue(distance >= 3.5, "class means only " + distance + " apart");
    assertTrue(
        distance > 2 * spread, "class means " + distance + " apart, within-class sd " + spread);
    for (int f = 2; f < 5; f++) {
      double gap = Math.abs(mean[0][f] - mean[1][f]);
      double sd = Math.sqrt((squares[0][f] + squares[1][f]) / 2);
      assertTrue(gap < 0.2, "noise feature " + f + " separates the classes by " + gap);
      assertEquals(1, sd, 0.1, "noise feature " + f + " should be standard normal");
    }
  }

  @Test
  void clustersSitOnDistinctVerticesAndKeepPureLabelsWithoutFlipping() {
    int informative = 3;
    Dataset d =
        Datasets.classification()
            .samples(400)
            .features(3)
            .informative(informative)
            .redundant(0)
            .classes(3)
            .clustersPerClass(2)
            .classSep(20)
            .flipY(0)
            .seed(21)
            .build();
    Map<String, int[]> byVertex = vertexClassCounts(d, informative);
    // six clusters of 66 or 67 points on six of the eight vertices, each one class; the
    // vertices are 40 apart and a point strays at most a few units from its own
    assertEquals(6, byVertex.size(), "occupied vertices " + byVertex.keySet());
    int[] clustersOfClass = new int[3];
    for (Map.Entry<String, int[]> e : byVertex.entrySet()) {
      int[] c = e.getValue();
      int classesHere = 0;
      for (int k = 0; k < 3; k++) {
        if (c[k] > 0) {
          classesHere++;
          clustersOfClass[k]++;
        }
      }
      assertEquals(1, classesHere, "vertex " + e.getKey() + " holds " + Arrays.toString(c));
    }
    assertArrayEquals(new int[] {2, 2, 2}, clustersOfClass);
  }

  @Test
  void flipYMislabelsTheRequestedShare() {
    double flip = 0.3;
    int n = 6000;
    Dataset d =
        Datasets.classification()
            .samples(n)
            .features(2)
            .informative(2)
            .redundant(0)
            .classes(2)
            .clustersPerClass(1)
            .classSep(20)
            .flipY(flip)
            .seed(33)
            .build();
    Map<String, int[]> byVertex = vertexClassCounts(d, 2);
    int minority = 0;
    for (int[] c : byVertex.values()) {
      minority += Math.min(c[0], c[1]);
    }
    // a flipped label lands on the other class half the time
    double share = (double) minority / n;
    assertEquals(flip / 2, share, 0.02, "share of labels that disagree with their cluster");
  }

  /** For each sign pattern of the informative features, the number of points of each class. */
  private static Map<String, int[]> vertexClassCounts(Dataset d, int informative) {
    Matrix x = d.x();
    int[] labels = d.labels();
    Map<String, int[]> out = new HashMap<>();
    for (int j = 0; j < d.size(); j++) {
      StringBuilder key = new StringBuilder();
      for (int f = 0; f < informative; f++) {
        key.append(x.get(f, j) > 0 ? '+' : '-');
      }
      out.computeIfAbsent(key.toString(), k -> new int[d.classes().size()])[labels[j]]++;
    }
    return out;
  }

  @Test
  void redundantFeaturesAreLinearCombinationsOfTheInformativeOnes() {
    int informative = 3;
    int redundant = 2;
    Dataset d =
        Datasets.classification()
            .samples(300)
            .features(8)
            .informative(informative)
            .redundant(redundant)
            .classes(3)
            .seed(5)
            .build();
    Matrix x = d.x();
    double[][] rows = x.toArray();
    double[][] basis = Arrays.copyOfRange(rows, 0, informative);
    for (int r = informative; r < informative + redundant; r++) {
      assertTrue(
          relativeResidual(basis, rows[r]) < 1e-9,
          "redundant feature " + r + " is not in the span");
    }
    for (int r = informative + redundant; r < 8; r++) {
      assertTrue(relativeResidual(basis, rows[r]) > 0.5, "noise feature " + r + " is in the span");
    }
    for (int r = 0; r < informative; r++) {
      double[][] others = new double[informative - 1][];
      for (int i = 0, k = 0; i < informative; i++) {
        if (i != r) {
          others[k++] = rows[i];
        }
      }
      assertTrue(
          relativeResidual(others, rows[r]) > 0.1,
          "informative feature " + r + " depends on the others");
    }
  }

  /**
   * The least-squares fit of {@code v} by a combination of {@code basis}' rows, through the normal
   * equations: the largest residual relative to the largest entry of {@code v}.
   */
  private static double relativeResidual(double[][] basis, double[] v) {
    int k = basis.length;
    double[][] a = new double[k][k + 1];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        a[i][j] = dot(basis[i], basis[j]);
      }
      a[i][k] = dot(basis[i], v);
    }
    for (int col = 0; col < k; col++) {
      int pivot = col;
      for (int i = col + 1; i < k; i++) {
        if (Math.abs(a[i][col]) > Math.abs(a[pivot][col])) {
          pivot = i;
        }
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int i = 0; i < k; i++) {
        if (i != col) {
          double factor = a[i][col] / a[col][col];
          for (int j = col; j <= k; j++) {
            a[i][j] -= factor * a[col][j];
          }
        }
      }
    }
    double worst = 0;
    double scale = 0;
    for (int s = 0; s < v.length; s++) {
      double fit = 0;
      for (int i = 0; i < k; i++) {
        fit += a[i][k] / a[i][i] * basis[i][s];
      }
      worst = Math.max(worst, Math.abs(v[s] - fit));
      scale = Math.max(scale, Math.abs(v[s]));
    }
    return worst / scale;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  @Test
  void classificationExplainsSettingsThatDoNotFit() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Datasets.classification().features(5).informative(3).redundant(3).build());
    assertTrue(e.getMessage().contains("informative (3) + redundant (3) = 6"), e.getMessage());
    assertTrue(e.getMessage().contains("5 features in all"), e.getMessage());

    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Datasets.classification().informative(2).classes(3).clustersPerClass(2).build());
    assertTrue(e.getMessage().contains("classes (3) * clustersPerClass (2) = 6"), e.getMessage());
    assertTrue(e.getMessage().contains("2^informative = 2^2 = 4"), e.getMessage());
    assertTrue(e.getMessage().contains("at least 3 informative"), e.getMessage());

    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Datasets.classification().samples(3).classes(4).informative(3).build());
    assertTrue(e.getMessage().contains("samples (3) must be at least classes (4)"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> Datasets.classification().flipY(1.5));
    assertTrue(e.getMessage().contains("[0, 1], but was 1.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Datasets.classification().classes(1));
    assertTrue(e.getMessage().contains("classes must be at least 2"), e.getMessage());
  }

  @Test
  void distinctVerticesAlsoWhenThereAreManyMoreVerticesThanClusters() {
    // 8 clusters among 32 vertices: drawn at random with repeats redrawn, not enumerated
    Dataset d =
        Datasets.classification()
            .samples(400)
            .features(5)
            .informative(5)
            .redundant(0)
            .classes(4)
            .clustersPerClass(2)
            .classSep(20)
            .flipY(0)
            .seed(2)
            .build();
    Map<String, int[]> byVertex = vertexClassCounts(d, 5);
    assertEquals(8, byVertex.size(), "occupied vertices " + byVertex.keySet());
    for (int[] c : byVertex.values()) {
      assertEquals(50, Arrays.stream(c).sum(), Arrays.toString(c));
      assertEquals(50, Arrays.stream(c).max().getAsInt(), "a vertex holds two classes");
    }
  }

  @Test
  void informativeSpacesTooLargeToEnumerateWork() {
    Dataset d =
        Datasets.classification()
            .samples(64)
            .features(45)
            .informative(40)
            .redundant(2)
            .classes(8)
            .clustersPerClass(8)
            .flipY(0)
            .seed(2)
            .build();
    assertEquals(45, d.x().rows());
    assertArrayEquals(new int[] {8, 8, 8, 8, 8, 8, 8, 8}, counts(d));
  }
}
