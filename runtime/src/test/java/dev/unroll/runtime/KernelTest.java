package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Protects {@link Kernel}, the only matrix code generated models call: the products and row sums
 * agree with naive triple loops for every shape from 0 x 0 up, on owned matrices and on views at
 * non-zero offsets into a shared array; products refuse an output that shares storage with an
 * input; shape errors name the expected and the actual shape before anything is written; and the
 * activations and their derivatives follow their formulas, also in place.
 */
class KernelTest {
  /** Absolute tolerance for kernel results against the naive references in this test. */
  private static final double TOLERANCE = 1e-12;

  private static final long SEED = 0x5EEDL;
  private static final int TRIALS = 300;

  /** Fills the gaps around views in a shared array, so stray writes show. */
  private static final double SENTINEL = -7777.25;

  // ---------------------------------------------------------------- cases worked by hand

  @Test
  void affineMultipliesAndAddsTheBiasToEveryColumn() {
    Matrix w = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    Matrix a = Matrix.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    Matrix b = Matrix.column(10, 20);
    Matrix z = filled(2, 2, Double.NaN);

    Kernel.affine(w, a, b, z);

    // W·A = [[1+6+15, 2+8+18], [4+15+30, 8+20+36]] = [[22, 28], [49, 64]];
    // b = [10; 20] added to both columns gives [[32, 38], [69, 84]].
    assertEquals(Matrix.of(new double[][] {{32, 38}, {69, 84}}), z);
  }

  @Test
  void multiplyTransposeBScalesTheProductWithTheTransposeByAlpha() {
    Matrix a = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    Matrix b = Matrix.of(new double[][] {{1, 0, -1}, {2, 1, 0}});
    Matrix c = filled(2, 2, Double.NaN);

    Kernel.multiplyTransposeB(0.5, a, b, c);

    // A·Bᵀ: [1,2,3]·[1,0,-1] = -2, [1,2,3]·[2,1,0] = 4,
    //       [4,5,6]·[1,0,-1] = -2, [4,5,6]·[2,1,0] = 13; times 0.5: [[-1, 2], [-1, 6.5]].
    assertEquals(Matrix.of(new double[][] {{-1, 2}, {-1, 6.5}}), c);
  }

  @Test
  void multiplyTransposeAMultipliesTheTransposeOfTheFirstArgument() {
    Matrix a = Matrix.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    Matrix b = Matrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}});
    Matrix c = filled(2, 2, Double.NaN);

    Kernel.multiplyTransposeA(a, b, c);

    // Aᵀ = [[1, 3, 5], [2, 4, 6]]; Aᵀ·B = [[1+0+5, 0+3+5], [2+0+6, 0+4+6]] = [[6, 8], [8, 10]].
    assertEquals(Matrix.of(new double[][] {{6, 8}, {8, 10}}), c);
  }

  @Test
  void rowSumsAddsEachRowAndScalesByAlpha() {
    Matrix a = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    Matrix c = filled(2, 1, Double.NaN);

    Kernel.rowSums(0.5, a, c);

    // 0.5 · (1+2+3) = 3, 0.5 · (4+5+6) = 7.5.
    assertEquals(Matrix.column(3, 7.5), c);
  }

  // ---------------------------------------------------------------- random shapes

  @Test
  void affineMatchesNaiveLoopsForEveryShapeUpToNine() {
    Random random = new Random(SEED);
    for (int[] d : shapes(random)) {
      Matrix w = random(random, d[0], d[1]);
      Matrix a = random(random, d[1], d[2]);
      Matrix b = random(random, d[0], 1);
      Matrix z = filled(d[0], d[2], Double.NaN);
      Kernel.affine(w, a, b, z);
      assertClose(naiveAffine(w, a, b), z, "affine " + Arrays.toString(d));
    }
  }

  @Test
  void multiplyTransposeBMatchesNaiveLoopsForEveryShapeUpToNine() {
    Random random = new Random(SEED + 1);
    for (int[] d : shapes(random)) {
      double alpha = random.nextDouble() * 4 - 2;
      Matrix a = random(random, d[0], d[2]);
      Matrix b = random(random, d[1], d[2]);
      Matrix c = filled(d[0], d[1], Double.NaN);
      Kernel.multiplyTransposeB(alpha, a, b, c);
      assertClose(naiveTransposeB(alpha, a, b), c, "multiplyTransposeB " + Arrays.toString(d));
    }
  }

  @Test
  void multiplyTransposeAMatchesNaiveLoopsForEveryShapeUpToNine() {
    Random random = new Random(SEED + 2);
    for (int[] d : shapes(random)) {
      Matrix a = random(random, d[0], d[1]);
      Matrix b = random(random, d[0], d[2]);
      Matrix c = filled(d[1], d[2], Double.NaN);
      Kernel.multiplyTransposeA(a, b, c);
      assertClose(naiveTransposeA(a, b), c, "multiplyTransposeA " + Arrays.toString(d));
    }
  }

  @Test
  void rowSumsMatchesNaiveLoopsForEveryShapeUpToNine() {
    Random random = new Random(SEED + 3);
    for (int[] d : shapes(random)) {
      double alpha = random.nextDouble() * 4 - 2;
      Matrix a = random(random, d[0], d[1]);
      Matrix c = filled(d[0], 1, Double.NaN);
      Kernel.rowSums(alpha, a, c);
      assertClose(naiveRowSums(alpha, a), c, "rowSums " + Arrays.toString(d));
    }
  }

  @Test
  void randomShapesIncludeZeroAndOneSizedDimensions() {
    // Guards the generator the tests above rely on.
    int[][] shapes = shapes(new Random(SEED));
    assertEquals(TRIALS, shapes.length);
    boolean[] seen = new boolean[10];
    for (int[] d : shapes) {
      for (int n : d) {
        assertTrue(n >= 0 && n <= 9, "dimension " + n);
        seen[n] = true;
      }
    }
    for (int n = 0; n <= 9; n++) {
      assertTrue(seen[n], "no dimension of size " + n);
    }
  }

  // ---------------------------------------------------------------- views at offsets

  @Test
  void productsOnViewsAtOffsetsGiveTheSameResultsAndWriteNothingElse() {
    Random random = new Random(SEED + 4);
    for (int[] d : shapes(random)) {
      int p = d[0];
      int n = d[1];
      int m = d[2];
      double alpha = random.nextDouble() * 4 - 2;

      Matrix w = random(random, p, n);
      Matrix a = random(random, n, m);
      Matrix b = random(random, p, 1);
      assertSameOnViews(
          random,
          naiveAffine(w, a, b),
          v -> Kernel.affine(v[0], v[1], v[2], v[3]),
          w,
          a,
          b,
          filled(p, m, Double.NaN));

      Matrix x = random(random, p, m);
      Matrix y = random(random, n, m);
      assertSameOnViews(
          random,
          naiveTransposeB(alpha, x, y),
          v -> Kernel.multiplyTransposeB(alpha, v[0], v[1], v[2]),
          x,
          y,
          filled(p, n, Double.NaN));

      Matrix s = random(random, p, n);
      Matrix t = random(random, p, m);
      assertSameOnViews(
          random,
          naiveTransposeA(s, t),
          v -> Kernel.multiplyTransposeA(v[0], v[1], v[2]),
          s,
          t,
          filled(n, m, Double.NaN));

      assertSameOnViews(
          random,
          naiveRowSums(alpha, s),
          v -> Kernel.rowSums(alpha, v[0], v[1]),
          s,
          filled(p, 1, Double.NaN));
    }
  }

  @Test
  void elementWiseOpsOnViewsAtOffsetsGiveTheSameResultsAndWriteNothingElse() {
    Random random = new Random(SEED + 5);
    for (int[] d : shapes(random)) {
      int r = d[0];
      int c = d[1];
      Matrix z = random(random, r, c);
      Matrix g = random(random, r, c);
      Matrix out = filled(r, c, Double.NaN);
      Matrix sig = map(z, Kernel::sigmoid);

      assertSameOnViews(random, map(z, v -> Math.max(0, v)), v -> Kernel.relu(v[0], v[1]), z, out);
      assertSameOnViews(random, sig, v -> Kernel.sigmoid(v[0], v[1]), z, out);
      assertSameOnViews(random, map(z, Math::tanh), v -> Kernel.tanh(v[0], v[1]), z, out);
      assertSameOnViews(
          random,
          zip(g, z, (ga, za) -> za > 0 ? ga : 0),
          v -> Kernel.reluBackward(v[0], v[1], v[2]),
          g,
          z,
          out);
      assertSameOnViews(
          random,
          zip(g, sig, (ga, a) -> ga * a * (1 - a)),
          v -> Kernel.sigmoidBackward(v[0], v[1], v[2]),
          g,
          sig,
          out);
      assertSameOnViews(
          random,
          zip(g, z, (ga, a) -> ga * (1 - a * a)),
          v -> Kernel.tanhBackward(v[0], v[1], v[2]),
          g,
          z,
          out);
      assertSameOnViews(
          random,
          zip(g, z, (ga, za) -> ga - za),
          v -> Kernel.subtract(v[0], v[1], v[2]),
          g,
          z,
          out);
    }
  }

  // ---------------------------------------------------------------- overlapping outputs

  @Test
  void affineRejectsAnOutputThatOverlapsTheWeightsOrTheActivations() {
    double[] data = new double[30];
    Matrix w = Matrix.view(data, 0, 2, 2); // entries 0..3
    Matrix a = Matrix.view(data, 10, 2, 2); // entries 10..13
    Matrix b = Matrix.column(1, 2);

    assertRejectsOverlap(data, () -> Kernel.affine(w, a, b, Matrix.view(data, 3, 2, 2)));
    assertRejectsOverlap(data, () -> Kernel.affine(w, a, b, Matrix.view(data, 8, 2, 2)));
    assertRejectsOverlap(data, () -> Kernel.affine(w, a, b, a));
    assertRejectsOverlap(data, () -> Kernel.affine(w, a, b, w));
  }

  @Test
  void affineRejectsAnOutputThatOverlapsTheBias() {
    double[] data = new double[30];
    Matrix w = Matrix.of(new double[][] {{1, 2}, {3, 4}});
    Matrix a = Matrix.of(new double[][] {{1, 0}, {0, 1}});
    Matrix b = Matrix.view(data, 20, 2, 1); // entries 20..21
    b.copyFrom(Matrix.column(10, 20));

    // Z at 20..23 shares entries 20 and 21 with b. Were it accepted, writing row 0 of Z
    // (entries 20..21) would overwrite b[1] with Z(0, 1) = 12 before row 1 reads it, giving
    // row 1 = [3 + 12, 4 + 12] = [15, 16] instead of [3 + 20, 4 + 20] = [23, 24].
    assertRejectsOverlap(data, () -> Kernel.affine(w, a, b, Matrix.view(data, 20, 2, 2)));
    assertRejectsOverlap(data, () -> Kernel.affine(w, a, b, Matrix.view(data, 18, 2, 2)));
  }

  @Test
  void multiplyTransposeBRejectsAnOutputThatOverlapsEitherInput() {
    double[] data = new double[30];
    Matrix a = Matrix.view(data, 0, 2, 2); // entries 0..3
    Matrix b = Matrix.view(data, 10, 2, 2); // entries 10..13

    assertRejectsOverlap(
        data, () -> Kernel.multiplyTransposeB(1, a, b, Matrix.view(data, 2, 2, 2)));
    assertRejectsOverlap(
        data, () -> Kernel.multiplyTransposeB(1, a, b, Matrix.view(data, 13, 2, 2)));
    assertRejectsOverlap(data, () -> Kernel.multiplyTransposeB(1, a, b, a));
    assertRejectsOverlap(data, () -> Kernel.multiplyTransposeB(1, a, b, b));
  }

  @Test
  void multiplyTransposeARejectsAnOutputThatOverlapsEitherInput() {
    double[] data = new double[30];
    Matrix a = Matrix.view(data, 0, 2, 2); // entries 0..3
    Matrix b = Matrix.view(data, 10, 2, 2); // entries 10..13

    assertRejectsOverlap(data, () -> Kernel.multiplyTransposeA(a, b, Matrix.view(data, 1, 2, 2)));
    assertRejectsOverlap(data, () -> Kernel.multiplyTransposeA(a, b, Matrix.view(data, 7, 2, 2)));
    assertRejectsOverlap(data, () -> Kernel.multiplyTransposeA(a, b, a));
    assertRejectsOverlap(data, () -> Kernel.multiplyTransposeA(a, b, b));
  }

  @Test
  void productsAcceptAnOutputRightNextToItsInputsInTheSameArray() {
    double[] data = new double[12];
    Matrix w = Matrix.view(data, 0, 2, 2); // entries 0..3
    Matrix z = Matrix.view(data, 4, 2, 2); // entries 4..7
    Matrix a = Matrix.view(data, 8, 2, 2); // entries 8..11
    w.copyFrom(Matrix.of(new double[][] {{1, 2}, {3, 4}}));
    a.copyFrom(Matrix.of(new double[][] {{5, 6}, {7, 8}}));

    Kernel.affine(w, a, Matrix.column(0, 0), z);

    // [[1,2],[3,4]]·[[5,6],[7,8]] = [[5+14, 6+16], [15+28, 18+32]] = [[19, 22], [43, 50]].
    assertEquals(Matrix.of(new double[][] {{19, 22}, {43, 50}}), z);
    assertEquals(Matrix.of(new double[][] {{1, 2}, {3, 4}}), w);
    assertEquals(Matrix.of(new double[][] {{5, 6}, {7, 8}}), a);
  }

  // ---------------------------------------------------------------- shape errors

  @Test
  void affineShapeErrorsNameTheExpectedAndTheActualShape() {
    Matrix w = Matrix.zeros(2, 3);
    assertShapeError(
        "3 x 4",
        "5 x 4",
        () -> Kernel.affine(w, Matrix.zeros(5, 4), Matrix.zeros(2, 1), Matrix.zeros(2, 4)));
    assertShapeError(
        "2 x 1",
        "3 x 1",
        () -> Kernel.affine(w, Matrix.zeros(3, 4), Matrix.zeros(3, 1), Matrix.zeros(2, 4)));
    assertShapeError(
        "2 x 1",
        "1 x 2",
        () -> Kernel.affine(w, Matrix.zeros(3, 4), Matrix.zeros(1, 2), Matrix.zeros(2, 4)));
    assertShapeError(
        "2 x 4",
        "4 x 2",
        () -> Kernel.affine(w, Matrix.zeros(3, 4), Matrix.zeros(2, 1), Matrix.zeros(4, 2)));
  }

  @Test
  void multiplyTransposeBShapeErrorsNameTheExpectedAndTheActualShape() {
    Matrix a = Matrix.zeros(2, 3);
    assertShapeError(
        "4 x 3",
        "4 x 5",
        () -> Kernel.multiplyTransposeB(1, a, Matrix.zeros(4, 5), Matrix.zeros(2, 4)));
    assertShapeError(
        "2 x 4",
        "2 x 3",
        () -> Kernel.multiplyTransposeB(1, a, Matrix.zeros(4, 3), Matrix.zeros(2, 3)));
  }

  @Test
  void multiplyTransposeAShapeErrorsNameTheExpectedAndTheActualShape() {
    Matrix a = Matrix.zeros(3, 2);
    assertShapeError(
        "3 x 4",
        "5 x 4",
        () -> Kernel.multiplyTransposeA(a, Matrix.zeros(5, 4), Matrix.zeros(2, 4)));
    assertShapeError(
        "2 x 4",
        "3 x 4",
        () -> Kernel.multiplyTransposeA(a, Matrix.zeros(3, 4), Matrix.zeros(3, 4)));
  }

  @Test
  void rowSumsAndElementWiseShapeErrorsNameTheExpectedAndTheActualShape() {
    Matrix a = Matrix.zeros(2, 3);
    assertShapeError("2 x 1", "3 x 1", () -> Kernel.rowSums(1, a, Matrix.zeros(3, 1)));
    assertShapeError("2 x 3", "3 x 2", () -> Kernel.relu(a, Matrix.zeros(3, 2)));
    assertShapeError("2 x 3", "3 x 2", () -> Kernel.sigmoid(a, Matrix.zeros(3, 2)));
    assertShapeError("2 x 3", "3 x 2", () -> Kernel.tanh(a, Matrix.zeros(3, 2)));
    assertShapeError(
        "2 x 3", "2 x 4", () -> Kernel.reluBackward(a, Matrix.zeros(2, 4), Matrix.zeros(2, 3)));
    assertShapeError(
        "2 x 3", "2 x 4", () -> Kernel.reluBackward(a, Matrix.zeros(2, 3), Matrix.zeros(2, 4)));
    assertShapeError(
        "2 x 3", "1 x 3", () -> Kernel.sigmoidBackward(a, Matrix.zeros(1, 3), Matrix.zeros(2, 3)));
    assertShapeError(
        "2 x 3", "1 x 3", () -> Kernel.sigmoidBackward(a, Matrix.zeros(2, 3), Matrix.zeros(1, 3)));
    assertShapeError(
        "2 x 3", "3 x 3", () -> Kernel.tanhBackward(a, Matrix.zeros(3, 3), Matrix.zeros(2, 3)));
    assertShapeError(
        "2 x 3", "3 x 3", () -> Kernel.tanhBackward(a, Matrix.zeros(2, 3), Matrix.zeros(3, 3)));
    assertShapeError(
        "2 x 3", "6 x 1", () -> Kernel.subtract(a, Matrix.zeros(6, 1), Matrix.zeros(2, 3)));
    assertShapeError(
        "2 x 3", "6 x 1", () -> Kernel.subtract(a, Matrix.zeros(2, 3), Matrix.zeros(6, 1)));
  }

  @Test
  void aShapeErrorLeavesTheOutputUntouched() {
    Matrix z = filled(2, 4, 7);
    assertThrows(
        IllegalArgumentException.class,
        () -> Kernel.affine(Matrix.zeros(2, 3), Matrix.zeros(3, 4), Matrix.zeros(3, 1), z));
    assertEquals(filled(2, 4, 7), z);

    Matrix c = filled(2, 4, 7);
    assertThrows(
        IllegalArgumentException.class,
        () -> Kernel.multiplyTransposeA(Matrix.zeros(3, 2), Matrix.zeros(2, 4), c));
    assertEquals(filled(2, 4, 7), c);
  }

  @Test
  void fusedStepsEqualTheProductFollowedByTheElementWiseStep() {
    Matrix w = Matrix.of(new double[][] {{1, -2, 3}, {-4, 5, -6}});
    Matrix a = Matrix.of(new double[][] {{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}});
    Matrix b = Matrix.column(0.25, -0.5);
    Matrix z = Matrix.zeros(2, 2);
    Kernel.affine(w, a, b, z);
    Matrix expected = Matrix.zeros(2, 2);
    Matrix fusedZ = Matrix.zeros(2, 2);
    Matrix fused = Matrix.zeros(2, 2);

    Kernel.relu(z, expected);
    Kernel.affineRelu(w, a, b, fusedZ, fused);
    assertEquals(z, fusedZ);
    assertEquals(expected, fused);
    Kernel.sigmoid(z, expected);
    Kernel.affineSigmoid(w, a, b, fusedZ, fused);
    assertClose(expected, fused, 1e-15);
    Kernel.tanh(z, expected);
    Kernel.affineTanh(w, a, b, fusedZ, fused);
    assertClose(expected, fused, 1e-15);

    // Backward: dZ_prev = (Wᵀ · dZ) ∘ g'(cache), with the cache of the previous layer.
    Matrix dz = Matrix.of(new double[][] {{1, -1}, {0.5, 2}});
    Matrix cache = Matrix.of(new double[][] {{0.2, -0.3}, {0.9, 0}, {-0.7, 0.4}});
    Matrix da = Matrix.zeros(3, 2);
    Kernel.multiplyTransposeA(w, dz, da);
    Matrix dzPrev = Matrix.zeros(3, 2);
    Matrix want = Matrix.zeros(3, 2);
    Kernel.reluBackward(da, cache, want);
    Kernel.backpropRelu(w, dz, cache, dzPrev);
    assertEquals(want, dzPrev);
    Kernel.sigmoidBackward(da, cache, want);
    Kernel.backpropSigmoid(w, dz, cache, dzPrev);
    assertClose(want, dzPrev, 1e-15);
    Kernel.tanhBackward(da, cache, want);
    Kernel.backpropTanh(w, dz, cache, dzPrev);
    assertClose(want, dzPrev, 1e-15);
  }

  @Test
  void fusedStepsCheckEveryShapeAndRefuseSharedStorage() {
    Matrix w = Matrix.zeros(2, 3);
    Matrix a = Matrix.zeros(3, 4);
    Matrix b = Matrix.zeros(2, 1);
    Matrix z = Matrix.zeros(2, 4);
    assertShapeError("2 x 4", "4 x 2", () -> Kernel.affineTanh(w, a, b, z, Matrix.zeros(4, 2)));
    IllegalArgumentException shared =
        assertThrows(IllegalArgumentException.class, () -> Kernel.affineRelu(w, a, b, z, z));
    assertTrue(shared.getMessage().contains("Out shares storage with Z"), shared.getMessage());
    Matrix dz = Matrix.zeros(2, 4);
    assertShapeError(
        "3 x 4", "4 x 3", () -> Kernel.backpropRelu(w, dz, Matrix.zeros(4, 3), Matrix.zeros(3, 4)));
    Matrix dzPrev = filled(3, 4, 7);
    assertThrows(IllegalArgumentException.class, () -> Kernel.backpropTanh(w, dz, dzPrev, dzPrev));
    assertEquals(filled(3, 4, 7), dzPrev);
  }

  private static void assertClose(Matrix expected, Matrix actual, double tolerance) {
    for (int i = 0; i < expected.rows(); i++) {
      for (int j = 0; j < expected.cols(); j++) {
        assertEquals(expected.get(i, j), actual.get(i, j), tolerance, "(" + i + ", " + j + ")");
      }
    }
  }

  // ---------------------------------------------------------------- element-wise

  @Test
  void activationsFollowTheirFormulas() {
    Matrix z = Matrix.of(new double[][] {{-3, -0.5, 0}, {1e-9, 0.5, 3}});
    Matrix a = filled(2, 3, Double.NaN);

    Kernel.relu(z, a);
    assertClose(map(z, v -> Math.max(0, v)), a, "relu");
    // max(0, z) for z = -3, -0.5, 0, 1e-9, 0.5, 3.
    assertEquals(Matrix.of(new double[][] {{0, 0, 0}, {1e-9, 0.5, 3}}), a);

    Kernel.sigmoid(z, a);
    assertClose(map(z, v -> 1 / (1 + Math.exp(-v))), a, "sigmoid");

    Kernel.tanh(z, a);
    assertClose(map(z, Math::tanh), a, "tanh");
  }

  @Test
  void activationDerivativesAndSubtractFollowTheirFormulas() {
    Random random = new Random(SEED + 6);
    Matrix z = random(random, 3, 4);
    z.set(1, 1, 0); // relu'(0) = 0
    Matrix da = random(random, 3, 4);
    Matrix s = map(z, v -> 1 / (1 + Math.exp(-v)));
    Matrix t = map(z, Math::tanh);
    Matrix out = filled(3, 4, Double.NaN);

    Kernel.reluBackward(da, z, out);
    assertClose(zip(da, z, (g, v) -> v > 0 ? g : 0), out, "reluBackward");
    assertEquals(0.0, out.get(1, 1));

    Kernel.sigmoidBackward(da, s, out);
    assertClose(zip(da, s, (g, a) -> g * a * (1 - a)), out, "sigmoidBackward");

    Kernel.tanhBackward(da, t, out);
    assertClose(zip(da, t, (g, a) -> g * (1 - a * a)), out, "tanhBackward");

    Kernel.subtract(da, z, out);
    assertClose(zip(da, z, (x, y) -> x - y), out, "subtract");
  }

  @Test
  void elementWiseOpsWorkInPlace() {
    Random random = new Random(SEED + 7);
    Matrix z = random(random, 3, 4);
    Matrix da = random(random, 3, 4);
    Matrix s = map(z, Kernel::sigmoid);
    Matrix t = map(z, Math::tanh);

    Matrix m = z.copy();
    Kernel.relu(m, m);
    assertClose(map(z, v -> Math.max(0, v)), m, "relu in place");

    m = z.copy();
    Kernel.sigmoid(m, m);
    assertClose(map(z, v -> 1 / (1 + Math.exp(-v))), m, "sigmoid in place");

    m = z.copy();
    Kernel.tanh(m, m);
    assertClose(map(z, Math::tanh), m, "tanh in place");

    m = da.copy();
    Kernel.reluBackward(m, z, m);
    assertClose(zip(da, z, (g, v) -> v > 0 ? g : 0), m, "reluBackward in place");

    m = da.copy();
    Kernel.sigmoidBackward(m, s, m);
    assertClose(zip(da, s, (g, a) -> g * a * (1 - a)), m, "sigmoidBackward in place");

    m = da.copy();
    Kernel.tanhBackward(m, t, m);
    assertClose(zip(da, t, (g, a) -> g * (1 - a * a)), m, "tanhBackward in place");

    m = da.copy();
    Kernel.subtract(m, z, m);
    assertClose(zip(da, z, (x, y) -> x - y), m, "subtract into A");

    m = z.copy();
    Kernel.subtract(da, m, m);
    assertClose(zip(da, z, (x, y) -> x - y), m, "subtract into B");
  }

  @Test
  void sigmoidOfHugeMagnitudesIsFiniteAndWithinZeroAndOne() {
    Matrix z = Matrix.row(-800, 800, -Double.MAX_VALUE, Double.MAX_VALUE);
    Matrix a = filled(1, 4, Double.NaN);

    Kernel.sigmoid(z, a);

    for (double v : a.toFlatArray()) {
      assertFalse(Double.isNaN(v), "NaN in " + a);
      assertTrue(Double.isFinite(v) && v >= 0 && v <= 1, v + " in " + a);
    }
    assertEquals(0.0, a.get(0, 0), 1e-300);
    assertEquals(1.0, a.get(0, 1), 0.0);
    for (double v : new double[] {-800, 800}) {
      double s = Kernel.sigmoid(v);
      assertTrue(Double.isFinite(s) && s >= 0 && s <= 1, "sigmoid(" + v + ") = " + s);
    }
  }

  @Test
  void scalarSigmoidMatchesTheLogisticFormulaForModerateArguments() {
    // sigmoid(0) = 1 / (1 + e^0) = 1/2 exactly.
    assertEquals(0.5, Kernel.sigmoid(0), 0.0);
    for (double z = -30; z <= 30; z += 0.25) {
      double expected = 1 / (1 + Math.exp(-z));
      assertEquals(expected, Kernel.sigmoid(z), 1e-14 * expected, "sigmoid(" + z + ")");
      // sigmoid(-z) = 1 - sigmoid(z)
      assertEquals(1 - Kernel.sigmoid(z), Kernel.sigmoid(-z), TOLERANCE, "symmetry at " + z);
    }
  }

  // ---------------------------------------------------------------- references

  private static Matrix naiveAffine(Matrix w, Matrix a, Matrix b) {
    Matrix z = Matrix.zeros(w.rows(), a.cols());
    for (int i = 0; i < w.rows(); i++) {
      for (int j = 0; j < a.cols(); j++) {
        double sum = b.get(i, 0);
        for (int k = 0; k < w.cols(); k++) {
          sum += w.get(i, k) * a.get(k, j);
        }
        z.set(i, j, sum);
      }
    }
    return z;
  }

  /** alpha · A · Bᵀ. */
  private static Matrix naiveTransposeB(double alpha, Matrix a, Matrix b) {
    Matrix c = Matrix.zeros(a.rows(), b.rows());
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < b.rows(); j++) {
        double sum = 0;
        for (int k = 0; k < a.cols(); k++) {
          sum += a.get(i, k) * b.get(j, k);
        }
        c.set(i, j, alpha * sum);
      }
    }
    return c;
  }

  /** Aᵀ · B. */
  private static Matrix naiveTransposeA(Matrix a, Matrix b) {
    Matrix c = Matrix.zeros(a.cols(), b.cols());
    for (int i = 0; i < a.cols(); i++) {
      for (int j = 0; j < b.cols(); j++) {
        double sum = 0;
        for (int k = 0; k < a.rows(); k++) {
          sum += a.get(k, i) * b.get(k, j);
        }
        c.set(i, j, sum);
      }
    }
    return c;
  }

  private static Matrix naiveRowSums(double alpha, Matrix a) {
    Matrix c = Matrix.zeros(a.rows(), 1);
    for (int i = 0; i < a.rows(); i++) {
      double sum = 0;
      for (int j = 0; j < a.cols(); j++) {
        sum += a.get(i, j);
      }
      c.set(i, 0, alpha * sum);
    }
    return c;
  }

  // ---------------------------------------------------------------- helpers

  /** TRIALS triples of dimensions in 0..9: first every mix of 0 and 1, then random ones. */
  private static int[][] shapes(Random random) {
    int[][] shapes = new int[TRIALS][];
    for (int i = 0; i < TRIALS; i++) {
      shapes[i] =
          i < 8
              ? new int[] {i & 1, (i >> 1) & 1, (i >> 2) & 1}
              : new int[] {random.nextInt(10), random.nextInt(10), random.nextInt(10)};
    }
    return shapes;
  }

  private static Matrix random(Random random, int rows, int cols) {
    Matrix m = Matrix.zeros(rows, cols);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        m.set(r, c, random.nextDouble() * 4 - 2);
      }
    }
    return m;
  }

  private static Matrix filled(int rows, int cols, double value) {
    Matrix m = Matrix.zeros(rows, cols);
    m.fill(value);
    return m;
  }

  private static Matrix map(Matrix m, DoubleUnaryOperator f) {
    Matrix out = Matrix.zeros(m.rows(), m.cols());
    for (int r = 0; r < m.rows(); r++) {
      for (int c = 0; c < m.cols(); c++) {
        out.set(r, c, f.applyAsDouble(m.get(r, c)));
      }
    }
    return out;
  }

  private static Matrix zip(Matrix a, Matrix b, DoubleBinaryOperator f) {
    Matrix out = Matrix.zeros(a.rows(), a.cols());
    for (int r = 0; r < a.rows(); r++) {
      for (int c = 0; c < a.cols(); c++) {
        out.set(r, c, f.applyAsDouble(a.get(r, c), b.get(r, c)));
      }
    }
    return out;
  }

  private static void assertClose(Matrix expected, Matrix actual, String what) {
    assertEquals(expected.shape(), actual.shape(), what + ": shape");
    for (int r = 0; r < expected.rows(); r++) {
      for (int c = 0; c < expected.cols(); c++) {
        assertEquals(
            expected.get(r, c),
            actual.get(r, c),
            TOLERANCE,
            what + ": entry (" + r + ", " + c + ")");
      }
    }
  }

  /**
   * Copies {@code operands} into one array, each after a gap of 1..3 sentinels, runs {@code op} on
   * views of them (the last operand is the output), and checks that the output view holds {@code
   * expected} and that every other entry of the array is unchanged.
   */
  private static void assertSameOnViews(
      Random random, Matrix expected, Consumer<Matrix[]> op, Matrix... operands) {
    int[] offsets = new int[operands.length];
    int end = 0;
    for (int i = 0; i < operands.length; i++) {
      end += 1 + random.nextInt(3);
      offsets[i] = end;
      end += operands[i].size();
    }
    double[] data = new double[end + 1 + random.nextInt(3)];
    Arrays.fill(data, SENTINEL);
    Matrix[] views = new Matrix[operands.length];
    for (int i = 0; i < operands.length; i++) {
      views[i] = Matrix.view(data, offsets[i], operands[i].rows(), operands[i].cols());
      views[i].copyFrom(operands[i]);
    }
    double[] before = data.clone();

    op.accept(views);

    int last = operands.length - 1;
    assertClose(expected, views[last], "on views at offsets " + Arrays.toString(offsets));
    int outStart = offsets[last];
    int outEnd = outStart + operands[last].size();
    for (int i = 0; i < data.length; i++) {
      if (i < outStart || i >= outEnd) {
        assertEquals(before[i], data[i], 0.0, "entry " + i + " outside the output changed");
      }
    }
  }

  private static void assertRejectsOverlap(double[] data, Executable product) {
    double[] before = data.clone();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, product);
    assertTrue(e.getMessage().contains("shares storage"), e.getMessage());
    assertArrayEquals(before, data, 0.0, "a rejected product wrote to the array");
  }

  private static void assertShapeError(String expected, String actual, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    String message = e.getMessage();
    assertTrue(message.contains(expected), "'" + message + "' lacks " + expected);
    assertTrue(message.contains(actual), "'" + message + "' lacks " + actual);
  }
}
