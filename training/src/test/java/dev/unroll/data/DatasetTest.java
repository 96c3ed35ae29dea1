package dev.unroll.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Matrix;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetTest {
  /**
   * {@code counts[c]} examples of class c, one-hot (or 0/1 for two classes); feature 0 of an
   * example is its index, so the examples can be recognised after a shuffle.
   */
  private static Dataset labelled(int... counts) {
    int n = 0;
    for (int c : counts) {
      n += c;
    }
    int k = counts.length;
    Matrix x = Matrix.zeros(2, n);
    Matrix y = Matrix.zeros(k == 2 ? 1 : k, n);
    List<String> classes = new ArrayList<>();
    int e = 0;
    for (int c = 0; c < k; c++) {
      classes.add("class" + c);
      for (int i = 0; i < counts[c]; i++, e++) {
        x.set(0, e, e);
        x.set(1, e, c * 10 + i);
        if (k == 2) {
          y.set(0, e, c);
        } else {
          y.set(c, e, 1);
        }
      }
    }
    return new Dataset(x, y, classes, List.of("id", "other"));
  }

  private static List<Integer> ids(Dataset d) {
    List<Integer> ids = new ArrayList<>();
    Matrix x = d.x();
    for (int j = 0; j < d.size(); j++) {
      ids.add((int) x.get(0, j));
    }
    return ids;
  }

  private static int[] classCounts(Dataset d) {
    int[] counts = new int[d.classes().size()];
    for (int l : d.labels()) {
      counts[l]++;
    }
    return counts;
  }

  @Test
  void holdsCopiesSoCallersCannotChangeIt() {
    Matrix x = Matrix.of(new double[][] {{1, 2, 3}});
    Matrix y = Matrix.of(new double[][] {{0, 1, 1}});
    Dataset d = new Dataset(x, y, List.of("no", "yes"), List.of("f"));
    x.set(0, 0, 99);
    y.set(0, 0, 1);
    d.x().set(0, 1, 99);
    d.y().set(0, 1, 0);
    assertEquals(Matrix.of(new double[][] {{1, 2, 3}}), d.x());
    assertEquals(Matrix.of(new double[][] {{0, 1, 1}}), d.y());
    assertEquals(3, d.size());
    assertEquals(List.of("f"), d.features());
    assertEquals(List.of("no", "yes"), d.classes());
    assertArrayEquals(new int[] {0, 1, 1}, d.labels());
    assertThrows(UnsupportedOperationException.class, () -> d.features().add("g"));
  }

  @Test
  void labelsOfOneHotData() {
    Dataset d = labelled(2, 1, 3);
    assertArrayEquals(new int[] {0, 0, 1, 2, 2, 2}, d.labels());
    assertEquals(
        "6 examples x 2 features, classes {class0: 2, class1: 1, class2: 3}", d.toString());
  }

  @Test
  void rejectsPartsThatDoNotFit() {
    Matrix x = Matrix.of(new double[][] {{1, 2, 3}});
    Matrix y01 = Matrix.of(new double[][] {{0, 1, 1}});
    List<String> two = List.of("a", "b");
    List<String> f = List.of("f");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Dataset(x, Matrix.of(new double[][] {{0, 1}}), two, f));
    assertTrue(e.getMessage().contains("x has 3 examples (columns) but y has 2"), e.getMessage());

    e =
        assertThrows(
            IllegalArgumentException.class, () -> new Dataset(x, y01, two, List.of("f", "g")));
    assertTrue(e.getMessage().contains("1 feature rows but 2 feature names"), e.getMessage());

    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Dataset(x, Matrix.of(new double[][] {{0, 2, 1}}), two, f));
    assertTrue(e.getMessage().contains("label of example 1 is 2.0"), e.getMessage());

    e =
        assertThrows(
            IllegalArgumentException.class, () -> new Dataset(x, y01, List.of("a", "b", "c"), f));
    assertTrue(e.getMessage().contains("single row"), e.getMessage());

    Matrix twoOnes = Matrix.of(new double[][] {{1, 0, 1}, {0, 1, 1}, {0, 0, 0}});
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Dataset(x, twoOnes, List.of("a", "b", "c"), f));
    assertTrue(e.getMessage().contains("example 2 has 2 ones"), e.getMessage());

    Matrix twoFeatures = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Dataset(twoFeatures, y01, two, List.of("f", "f")));
    assertTrue(e.getMessage().contains("\"f\" appears more than once"), e.getMessage());

    Matrix nan = Matrix.of(new double[][] {{1, Double.NaN, 3}});
    e = assertThrows(IllegalArgumentException.class, () -> new Dataset(nan, y01, two, f));
    assertTrue(e.getMessage().contains("x(0, 1) is NaN"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> new Dataset(x, y01, List.of("only"), f));
    assertTrue(e.getMessage().contains("at least two"), e.getMessage());
  }

  @Test
  void nonClassLabelsAreAllowedButHaveNoClassIndex() {
    Dataset d =
        new Dataset(
            Matrix.of(new double[][] {{1, 2, 3}}),
            Matrix.of(new double[][] {{0.5, -7, 2.25}}),
            List.of(),
            List.of("f"));
    assertThrows(IllegalStateException.class, d::labels);
    Split s = d.split(2.0 / 3, 1);
    assertEquals(2, s.train().size());
    assertEquals(1, s.test().size());
  }

  @Test
  void subsetPicksExamplesInTheGivenOrder() {
    Dataset d = labelled(2, 2, 2);
    Dataset picked = d.subset(5, 0, 5);
    assertEquals(List.of(5, 0, 5), ids(picked));
    assertArrayEquals(new int[] {2, 0, 2}, picked.labels());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.subset(0, 6));
    assertTrue(e.getMessage().contains("example index 6 (position 1)"), e.getMessage());
  }

  @Test
  void splitSizesAreTheRoundedFractionAndTheSidesAreDisjoint() {
    Dataset d = labelled(37, 26);
    Split s = d.split(0.7, 11);
    int expectedTrain = (int) Math.round(0.7 * 63);
    assertEquals(expectedTrain, s.train().size());
    assertEquals(63 - expectedTrain, s.test().size());
    Set<Integer> train = new HashSet<>(ids(s.train()));
    Set<Integer> test = new HashSet<>(ids(s.test()));
    assertEquals(s.train().size(), train.size(), "an example appears twice in train");
    assertEquals(s.test().size(), test.size(), "an example appears twice in test");
    Set<Integer> all = new HashSet<>(train);
    all.addAll(test);
    assertEquals(63, all.size(), "train and test overlap or miss examples");
    // every example keeps its own label through the shuffle
    for (Dataset part : List.of(s.train(), s.test())) {
      List<Integer> ids = ids(part);
      int[] labels = part.labels();
      for (int j = 0; j < part.size(); j++) {
        assertEquals(ids.get(j) < 37 ? 0 : 1, labels[j], "example " + ids.get(j));
      }
    }
  }

  @Test
  void splitIsShuffledAndSeeded() {
    Dataset d = labelled(30, 30, 30);
    Split a = d.split(0.8, 5);
    Split b = d.split(0.8, 5);
    Split c = d.split(0.8, 6);
    assertEquals(a.train(), b.train());
    assertEquals(a.test(), b.test());
    assertNotEquals(ids(a.train()), ids(c.train()));
    List<Integer> trainIds = ids(a.train());
    List<Integer> sorted = new ArrayList<>(trainIds);
    sorted.sort(null);
    assertNotEquals(sorted, trainIds, "the training part should be in shuffled order");
    assertEquals(d.features(), a.train().features());
    assertEquals(d.classes(), a.test().classes());
  }

  @Test
  void splitKeepsEachClassInProportion() {
    Dataset d = labelled(60, 30, 10);
    for (long seed = 0; seed < 20; seed++) {
      Split s = d.split(0.8, seed);
      assertArrayEquals(new int[] {48, 24, 8}, classCounts(s.train()), "seed " + seed);
      assertArrayEquals(new int[] {12, 6, 2}, classCounts(s.test()), "seed " + seed);
    }
    // 90 / 10 with 25% test: 22.5 and 2.5 test examples; exactly 25 in all, each class rounded
    // to one of its two neighbours
    Dataset skewed = labelled(90, 10);
    for (long seed = 0; seed < 20; seed++) {
      Split s = skewed.split(0.75, seed);
      int[] train = classCounts(s.train());
      assertEquals(75, train[0] + train[1]);
      assertTrue(train[0] == 67 || train[0] == 68, "class 0 in train: " + train[0]);
      assertTrue(train[1] == 7 || train[1] == 8, "class 1 in train: " + train[1]);
    }
  }

  @Test
  void splitRejectsFractionsOutsideTheOpenInterval() {
    Dataset d = labelled(5, 5);
    for (double bad : new double[] {0, 1, -0.2, 1.5, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> d.split(bad, 1));
      assertTrue(e.getMessage().contains("strictly between 0 and 1"), e.getMessage());
      assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
  }

  @Test
  void splitRejectsAnEmptySide() {
    Dataset d = labelled(5, 5);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> d.split(0.96, 1));
    assertTrue(e.getMessage().contains("gives 10 for training and 0 for test"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> d.split(0.01, 1));
    assertTrue(e.getMessage().contains("gives 0 for training and 10 for test"), e.getMessage());
  }
}
