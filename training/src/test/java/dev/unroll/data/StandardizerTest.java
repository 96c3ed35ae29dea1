package dev.unroll.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardizerTest {
  private static final double EPS = 1e-12;

  /** Row 0: mean 2.5, variance 5/4. Row 1: constant. Row 2: mean 0, variance 2. */
  private static final Matrix X =
      Matrix.of(new double[][] {{1, 2, 3, 4}, {5, 5, 5, 5}, {-2, 0, 2, 0}});

  @Test
  void learnsMeansAndPopulationStandardDeviations() {
    Standardizer s = Standardizer.fit(X);
    assertEquals(3, s.features());
    assertArrayEquals(new double[] {2.5, 5, 0}, s.means(), EPS);
    assertArrayEquals(new double[] {Math.sqrt(1.25), 1, Math.sqrt(2)}, s.sds(), EPS);
  }

  @Test
  void standardisesTheFittedData() {
    Matrix z = Standardizer.fit(X).apply(X);
    double a = Math.sqrt(1.25);
    double b = Math.sqrt(2);
    Matrix expected =
        Matrix.of(
            new double[][] {
              {-1.5 / a, -0.5 / a, 0.5 / a, 1.5 / a}, {0, 0, 0, 0}, {-2 / b, 0, 2 / b, 0}
            });
    assertArrayEquals(expected.toFlatArray(), z.toFlatArray(), EPS);
    assertEquals(Matrix.of(new double[][] {{1, 2, 3, 4}, {5, 5, 5, 5}, {-2, 0, 2, 0}}), X);
  }

  @Test
  void otherDataUseTheFittedStatistics() {
    Standardizer s = Standardizer.fit(X);
    Matrix test = Matrix.of(new double[][] {{2.5, 2.5 + Math.sqrt(1.25)}, {6, 5}, {1, -4}});
    Matrix z = s.apply(test);
    assertArrayEquals(new double[] {0, 1}, z.toArray()[0], EPS);
    assertArrayEquals(new double[] {1, 0}, z.toArray()[1], EPS);
    assertArrayEquals(new double[] {1 / Math.sqrt(2), -4 / Math.sqrt(2)}, z.toArray()[2], EPS);
  }

  @Test
  void aConstantFeatureBecomesExactlyZero() {
    // 0.1 summed ten times and divided by ten is not exactly 0.1
    double[] tenths = new double[10];
    java.util.Arrays.fill(tenths, 0.1);
    Matrix x = Matrix.of(new double[][] {tenths});
    Standardizer s = Standardizer.fit(x);
    assertArrayEquals(new double[] {1}, s.sds());
    assertArrayEquals(new double[10], s.apply(x).toFlatArray());
  }

  @Test
  void standardisedColumnsHaveMeanZeroAndUnitVariance() {
    java.util.Random random = new java.util.Random(4);
    Matrix x = Matrix.zeros(3, 500);
    for (int c = 0; c < 500; c++) {
      x.set(0, c, 1000 + 250 * random.nextGaussian());
      x.set(1, c, 0.01 * random.nextDouble());
      x.set(2, c, random.nextInt(3) - 7);
    }
    Matrix z = Standardizer.fit(x).apply(x);
    for (int r = 0; r < 3; r++) {
      double sum = 0;
      double squares = 0;
      for (int c = 0; c < 500; c++) {
        sum += z.get(r, c);
        squares += z.get(r, c) * z.get(r, c);
      }
      assertEquals(0, sum / 500, 1e-12, "mean of row " + r);
      assertEquals(1, squares / 500, 1e-12, "variance of row " + r);
    }
  }

  @Test
  void appliesToADataSet() {
    Dataset d =
        new Dataset(
            X, Matrix.of(new double[][] {{0, 1, 0, 1}}), List.of("a", "b"), List.of("p", "q", "r"));
    Standardizer s = Standardizer.fit(d);
    Dataset z = s.apply(d);
    assertEquals(s.apply(X), z.x());
    assertEquals(d.y(), z.y());
    assertEquals(d.features(), z.features());
  }

  @Test
  void explainsBadInput() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Standardizer.fit(X).apply(Matrix.zeros(2, 4)));
    assertTrue(e.getMessage().contains("x has 2 features (rows)"), e.getMessage());
    assertTrue(e.getMessage().contains("fitted on 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(Matrix.zeros(3, 0)));
    assertTrue(e.getMessage().contains("no examples"), e.getMessage());
    Matrix inf = Matrix.of(new double[][] {{1, Double.POSITIVE_INFINITY}});
    e = assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(inf));
    assertTrue(e.getMessage().contains("feature 0 of example 1 is Infinity"), e.getMessage());
  }

  @Test
  void meansAndSdsAreCopies() {
    Standardizer s = Standardizer.fit(X);
    s.means()[0] = 100;
    s.sds()[0] = 100;
    assertEquals(2.5, s.means()[0], EPS);
    assertEquals(Math.sqrt(1.25), s.sds()[0], EPS);
  }
}
