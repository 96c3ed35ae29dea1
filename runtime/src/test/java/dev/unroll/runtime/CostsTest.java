package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Protects {@link Costs}: binary cross-entropy on the backprop lab's numbers, its clipping, the
 * logits form that stays exact where the sigmoid saturates, gradients that are the per-example
 * derivative (m times the derivative of the averaged cost), and mean squared error.
 */
class CostsTest {
  private static final long SEED = 1234L;

  // ---------------------------------------------------------------- binary cross-entropy

  @Test
  void binaryCrossEntropyMatchesTheLabsWorkedCase() {
    Matrix a = Matrix.row(0.8, 0.2, 0.9, 0.1);
    Matrix y = Matrix.row(1, 0, 1, 0);

    // y = 1 terms are log p, y = 0 terms are log(1 - p):
    // J = -(1/4) [log 0.8 + log(1 - 0.2) + log 0.9 + log(1 - 0.1)] ≈ 0.1643
    double expected =
        -(1.0 / 4) * (Math.log(0.8) + Math.log(1 - 0.2) + Math.log(0.9) + Math.log(1 - 0.1));
    assertEquals(expected, Costs.binaryCrossEntropy(a, y), 1e-15);
  }

  @Test
  void binaryCrossEntropySumsEveryOutputAndAveragesOverColumns() {
    Matrix a = Matrix.of(new double[][] {{0.7, 0.4}, {0.2, 0.6}});
    Matrix y = Matrix.of(new double[][] {{1, 0}, {0, 1}});

    // m = 2 columns: J = -(1/2) [log 0.7 + log(1 - 0.4) + log(1 - 0.2) + log 0.6]
    double expected =
        -(1.0 / 2) * (Math.log(0.7) + Math.log(1 - 0.4) + Math.log(1 - 0.2) + Math.log(0.6));
    assertEquals(expected, Costs.binaryCrossEntropy(a, y), 1e-15);
  }

  @Test
  void binaryCrossEntropyRanksPerfectBelowRandomBelowWrong() {
    Matrix y = Matrix.row(1, 0, 1, 0);
    double perfect = Costs.binaryCrossEntropy(Matrix.row(0.99, 0.01, 0.98, 0.02), y);
    double random = Costs.binaryCrossEntropy(Matrix.row(0.5, 0.5, 0.5, 0.5), y);
    double wrong = Costs.binaryCrossEntropy(Matrix.row(0.01, 0.99, 0.02, 0.98), y);

    assertTrue(perfect < random, perfect + " !< " + random);
    assertTrue(random < wrong, random + " !< " + wrong);
    // Every prediction 0.5: J = -(1/4) · 4 log 0.5 = log 2.
    assertEquals(Math.log(2), random, 1e-15);
  }

  @Test
  void binaryCrossEntropyClipsPredictionsOfExactlyZeroAndOne() {
    // a = 0 with y = 1 is clipped to CLIP, so J = -log(CLIP) (about 34.5), not infinity.
    double zeroForOne = Costs.binaryCrossEntropy(Matrix.row(0), Matrix.row(1));
    assertEquals(-Math.log(Costs.CLIP), zeroForOne, 1e-12);

    // a = 1 with y = 0 is clipped to 1 - CLIP, so J = -log(1 - (1 - CLIP)), again finite.
    double oneForZero = Costs.binaryCrossEntropy(Matrix.row(1), Matrix.row(0));
    assertTrue(Double.isFinite(oneForZero) && oneForZero > 30, "J = " + oneForZero);

    double both = Costs.binaryCrossEntropy(Matrix.row(0, 1, 0, 1), Matrix.row(1, 0, 0, 1));
    assertTrue(Double.isFinite(both) && both > 0, "J = " + both);
  }

  @Test
  void binaryCrossEntropyRejectsLabelsOfAnotherShape() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Costs.binaryCrossEntropy(
                    Matrix.row(0.5, 0.5, 0.5, 0.5), Matrix.column(1, 0, 1, 0)));
    assertTrue(
        e.getMessage().contains("1 x 4") && e.getMessage().contains("4 x 1"), e.getMessage());
  }

  // ---------------------------------------------------------------- from logits

  @Test
  void fromLogitsEqualsBinaryCrossEntropyOfTheSigmoidForModerateLogits() {
    Random random = new Random(SEED);
    for (int trial = 0; trial < 50; trial++) {
      Matrix z = Matrix.zeros(3, 4);
      Matrix y = Matrix.zeros(3, 4);
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 4; c++) {
          z.set(r, c, random.nextDouble() * 10 - 5);
          y.set(r, c, random.nextInt(2));
        }
      }
      Matrix a = Matrix.zeros(3, 4);
      Kernel.sigmoid(z, a);

      double expected = Costs.binaryCrossEntropy(a, y);
      double actual = Costs.binaryCrossEntropyFromLogits(z, y);
      assertEquals(expected, actual, 1e-12 * expected, "trial " + trial);
    }
  }

  @Test
  void fromLogitsStaysExactWhereTheSigmoidSaturates() {
    // -log(1 - sigmoid(z)) = log(1 + e^z) = z + log1p(e^-z), and
    // -log(sigmoid(z)) = log(1 + e^-z) = log1p(e^-z).
    double large = 40 + Math.log1p(Math.exp(-40));
    double tiny = Math.log1p(Math.exp(-40)); // about 4.25e-18

    assertLogitsCost(large, 40, 0);
    assertLogitsCost(large, -40, 1);
    assertLogitsCost(tiny, 40, 1);
    assertLogitsCost(tiny, -40, 0);

    // The clipped form cannot see below CLIP: it reports about 1e-15 for z = 40, y = 1.
    Matrix a = Matrix.row(Kernel.sigmoid(40));
    assertTrue(Costs.binaryCrossEntropy(a, Matrix.row(1)) > 100 * tiny);
  }

  @Test
  void fromLogitsAveragesOverColumns() {
    Matrix z = Matrix.row(40, -40, 40, -40);
    Matrix y = Matrix.row(0, 1, 1, 0);
    double large = 40 + Math.log1p(Math.exp(-40));
    double tiny = Math.log1p(Math.exp(-40));

    // Two examples cost about 40, two about 4e-18; the mean is (2 large + 2 tiny) / 4.
    assertEquals((2 * large + 2 * tiny) / 4, Costs.binaryCrossEntropyFromLogits(z, y), 1e-13);
  }

  @Test
  void fromLogitsKeepsTheDigitsACentralDifferenceNeedsAtSaturation() {
    // dJ/dz = sigmoid(z) - y. For z = 40, y = 1 that is -sigmoid(-40) ≈ -4.25e-18.
    double h = 1e-3;
    Matrix y = Matrix.row(1);
    double numeric =
        (Costs.binaryCrossEntropyFromLogits(Matrix.row(40 + h), y)
                - Costs.binaryCrossEntropyFromLogits(Matrix.row(40 - h), y))
            / (2 * h);
    double exact = -Kernel.sigmoid(-40);
    assertEquals(exact, numeric, 1e-6 * Math.abs(exact));

    // For z = 40, y = 0 the derivative is sigmoid(40) ≈ 1.
    Matrix y0 = Matrix.row(0);
    double numeric0 =
        (Costs.binaryCrossEntropyFromLogits(Matrix.row(40 + h), y0)
                - Costs.binaryCrossEntropyFromLogits(Matrix.row(40 - h), y0))
            / (2 * h);
    assertEquals(Kernel.sigmoid(40), numeric0, 1e-6);
  }

  @Test
  void fromLogitsRejectsLabelsOfAnotherShape() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Costs.binaryCrossEntropyFromLogits(Matrix.row(1, 2), Matrix.row(1, 0, 1)));
    assertTrue(
        e.getMessage().contains("1 x 2") && e.getMessage().contains("1 x 3"), e.getMessage());
  }

  // ---------------------------------------------------------------- gradient

  @Test
  void binaryCrossEntropyGradientIsMTimesTheCentralDifference() {
    Random random = new Random(SEED + 1);
    int m = 3;
    Matrix a = Matrix.zeros(2, m);
    Matrix y = Matrix.zeros(2, m);
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < m; c++) {
        a.set(r, c, 0.05 + 0.9 * random.nextDouble());
        y.set(r, c, random.nextInt(2));
      }
    }
    y.set(1, 2, 0.3); // a soft label as well
    Matrix da = Matrix.zeros(2, m);

    Costs.binaryCrossEntropyGradient(a, y, da);

    Matrix numeric = centralDifference(a, 1e-6, p -> Costs.binaryCrossEntropy(p, y));
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < m; c++) {
        double expected = m * numeric.get(r, c); // the gradient is per example: no 1/m
        assertEquals(
            expected,
            da.get(r, c),
            1e-6 * Math.max(1, Math.abs(expected)),
            "(" + r + ", " + c + ")");
      }
    }
  }

  @Test
  void binaryCrossEntropyGradientFollowsItsFormulaInPlace() {
    Matrix a = Matrix.row(0.8, 0.2, 0.25);
    Matrix y = Matrix.row(1, 0, 0.5);

    Costs.binaryCrossEntropyGradient(a, y, a);

    // -(y/a) + (1-y)/(1-a): -1/0.8 = -1.25; 1/0.8 = 1.25; -0.5/0.25 + 0.5/0.75 = -2 + 2/3.
    assertEquals(-1.25, a.get(0, 0), 1e-15);
    assertEquals(1.25, a.get(0, 1), 1e-15);
    assertEquals(-2 + 2.0 / 3, a.get(0, 2), 1e-15);
  }

  @Test
  void binaryCrossEntropyGradientIsZeroWhereTheClipHoldsThePredictionConstant() {
    double[] clipped = {0, 1e-16, Costs.CLIP, 1, 1 - 1e-16};
    for (double label : new double[] {0, 1}) {
      Matrix a = Matrix.row(clipped);
      Matrix y = Matrix.zeros(1, clipped.length);
      y.fill(label);
      Matrix da = Matrix.zeros(1, clipped.length);
      da.fill(Double.NaN);

      Costs.binaryCrossEntropyGradient(a, y, da);

      for (int c = 0; c < clipped.length; c++) {
        assertEquals(0.0, da.get(0, c), 0.0, "a = " + clipped[c] + ", y = " + label);
      }
    }
    // The reported cost is indeed flat there: a = 0 ± 1e-17 clips to CLIP on both sides.
    Matrix y = Matrix.row(1);
    assertEquals(
        Costs.binaryCrossEntropy(Matrix.row(1e-17), y),
        Costs.binaryCrossEntropy(Matrix.row(-1e-17), y),
        0.0);
  }

  @Test
  void binaryCrossEntropyGradientRejectsMismatchedShapes() {
    Matrix a = Matrix.row(0.5, 0.5);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Costs.binaryCrossEntropyGradient(a, Matrix.row(1, 0), Matrix.zeros(2, 1)));
    assertTrue(
        e.getMessage().contains("1 x 2") && e.getMessage().contains("2 x 1"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Costs.binaryCrossEntropyGradient(a, Matrix.row(1), Matrix.zeros(1, 2)));
  }

  // ---------------------------------------------------------------- mean squared error

  @Test
  void meanSquaredErrorIsHalfTheSumOfSquaresOverM() {
    Matrix a = Matrix.of(new double[][] {{1, 2}, {3, 4}});
    Matrix y = Matrix.of(new double[][] {{0, 2}, {1, 1}});

    // differences 1, 0, 2, 3; squares 1 + 0 + 4 + 9 = 14; m = 2: J = 14 / (2 · 2) = 3.5.
    assertEquals(3.5, Costs.meanSquaredError(a, y), 0.0);
    assertEquals(0.0, Costs.meanSquaredError(a, a), 0.0);
  }

  @Test
  void outputErrorIsPredictionMinusLabelAndMTimesTheMseCentralDifference() {
    Matrix a = Matrix.of(new double[][] {{1, 2, 0.5}, {3, 4, -1}});
    Matrix y = Matrix.of(new double[][] {{0, 2, 1}, {1, 1, 1}});
    Matrix da = Matrix.zeros(2, 3);

    Costs.outputError(a, y, da);

    // a - y entry by entry.
    assertEquals(Matrix.of(new double[][] {{1, 0, -0.5}, {2, 3, -2}}), da);
    Matrix numeric = centralDifference(a, 1e-5, p -> Costs.meanSquaredError(p, y));
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(3 * numeric.get(r, c), da.get(r, c), 1e-8, "(" + r + ", " + c + ")");
      }
    }
  }

  @Test
  void outputErrorMayOverwriteEitherInput() {
    Matrix y = Matrix.row(0, 1, 0.5);
    Matrix a = Matrix.row(0.25, 0.75, 0.5);
    Costs.outputError(a, y, a);
    // 0.25 - 0 = 0.25, 0.75 - 1 = -0.25, 0.5 - 0.5 = 0.
    assertEquals(Matrix.row(0.25, -0.25, 0), a);

    Matrix b = Matrix.row(0.25, 0.75, 0.5);
    Matrix labels = Matrix.row(0, 1, 0.5);
    Costs.outputError(b, labels, labels);
    assertEquals(Matrix.row(0.25, -0.25, 0), labels);
  }

  @Test
  void meanSquaredErrorRejectsLabelsOfAnotherShape() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Costs.meanSquaredError(Matrix.zeros(2, 3), Matrix.zeros(3, 2)));
    assertTrue(
        e.getMessage().contains("2 x 3") && e.getMessage().contains("3 x 2"), e.getMessage());
  }

  // ---------------------------------------------------------------- helpers

  private static void assertLogitsCost(double expected, double z, double y) {
    double actual = Costs.binaryCrossEntropyFromLogits(Matrix.row(z), Matrix.row(y));
    assertTrue(Double.isFinite(actual), "z = " + z + ", y = " + y + ": " + actual);
    assertEquals(expected, actual, 1e-12 * expected, "z = " + z + ", y = " + y);
  }

  /** (J(a + h) - J(a - h)) / 2h for each entry of {@code a} in turn. */
  private static Matrix centralDifference(Matrix a, double h, ToDoubleFunction<Matrix> cost) {
    Matrix numeric = Matrix.zeros(a.rows(), a.cols());
    for (int r = 0; r < a.rows(); r++) {
      for (int c = 0; c < a.cols(); c++) {
        Matrix plus = a.copy();
        plus.set(r, c, a.get(r, c) + h);
        Matrix minus = a.copy();
        minus.set(r, c, a.get(r, c) - h);
        numeric.set(r, c, (cost.applyAsDouble(plus) - cost.applyAsDouble(minus)) / (2 * h));
      }
    }
    return numeric;
  }

  @Test
  void fastLog1pAgreesWithMathLog1pToTheLastFewBits() {
    // The cost's log(1 + e^-|z|) comes from Math.log with a correction for small e.
    for (double e = 1e-300; e <= 1; e *= 1.7) {
      double expected = Math.log1p(e);
      assertEquals(expected, Costs.log1p(e), 4 * Math.ulp(expected), "e = " + e);
    }
    assertEquals(Math.log1p(1e-4), Costs.log1p(1e-4), 4 * Math.ulp(Math.log1p(1e-4)));
  }

  // ---------------------------------------------------------------- softmax and categorical

  @Test
  void softmaxMatchesItsDefinitionColumnByColumn() {
    Matrix z = Matrix.of(new double[][] {{1, 0, -2}, {2, 0, 3}, {3, 0, 0.5}});
    Matrix a = Matrix.zeros(3, 3);
    Kernel.softmax(z, a);
    for (int j = 0; j < 3; j++) {
      double total = 0;
      for (int i = 0; i < 3; i++) {
        total += Math.exp(z.get(i, j));
      }
      double columnSum = 0;
      for (int i = 0; i < 3; i++) {
        double expected = Math.exp(z.get(i, j)) / total;
        assertEquals(expected, a.get(i, j), 4 * Math.ulp(expected), "(" + i + ", " + j + ")");
        columnSum += a.get(i, j);
      }
      assertEquals(1.0, columnSum, 1e-15);
    }
    assertEquals(1.0 / 3, a.get(0, 1), 1e-16);
  }

  @Test
  void softmaxAndItsCostDoNotOverflowOnLargeLogits() {
    // e^1000 is infinite in double; shifted by the column maximum, these are (0, 1, 2).
    Matrix large = Matrix.column(1000, 1001, 1002);
    Matrix small = Matrix.column(0, 1, 2);
    Matrix a = Matrix.zeros(3, 1);
    Matrix b = Matrix.zeros(3, 1);
    Kernel.softmax(large, a);
    Kernel.softmax(small, b);
    assertEquals(b, a);
    Matrix y = Matrix.column(1, 0, 0);
    double cost = Costs.categoricalCrossEntropyFromLogits(large, y);
    assertEquals(-Math.log(b.get(0, 0)), cost, 1e-13);
    assertEquals(Costs.categoricalCrossEntropyFromLogits(small, y), cost, 1e-13);
  }

  @Test
  void categoricalCrossEntropyNeverTakesTheLogarithmOfZero() {
    // The labelled class is 800 below the others: its probability underflows to 0, yet the
    // cost is the exact log-sum-exp difference, about 800.
    Matrix z = Matrix.column(0, 800, 800);
    double cost = Costs.categoricalCrossEntropyFromLogits(z, Matrix.column(1, 0, 0));
    assertEquals(800 + Math.log(2), cost, 1e-12);
    // Confidently right: the cost is e^-40 (the probability of the others), not 0 from rounding.
    double confident =
        Costs.categoricalCrossEntropyFromLogits(Matrix.column(40, 0, 0), Matrix.column(1, 0, 0));
    assertEquals(2 * Math.exp(-40), confident, 1e-30);
  }

  @Test
  void categoricalCrossEntropyAveragesOverColumnsAndWeighsSoftLabels() {
    Matrix z = Matrix.of(new double[][] {{2, 0}, {1, 0}});
    Matrix y = Matrix.of(new double[][] {{1, 0.25}, {0, 0.75}});
    // Column 0: -log softmax(2, 1)[0]; column 1: both logits equal, so -log(1/2) = log 2.
    double first = Math.log(Math.exp(2) + Math.exp(1)) - 2;
    double expected = (first + Math.log(2)) / 2;
    assertEquals(expected, Costs.categoricalCrossEntropyFromLogits(z, y), 1e-15);
  }

  @Test
  void classesAreThresholdsForOneRowAndArgmaxesForSeveral() {
    assertArrayEquals(
        new int[] {0, 1, 1}, Matrix.classes(Matrix.of(new double[][] {{0.49, 0.5, 0.9}})));
    assertArrayEquals(
        new int[] {1, 0, 0},
        Matrix.classes(Matrix.of(new double[][] {{0.1, 0.7, 0.4}, {0.8, 0.2, 0.4}})));
  }
}
