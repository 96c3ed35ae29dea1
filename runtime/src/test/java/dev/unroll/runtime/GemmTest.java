package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The blocked, packed and threaded paths of the product, which small shapes never reach: an inner
 * dimension over one block, and enough work to use the thread pool.
 */
class GemmTest {
  private static final double TOLERANCE = 1e-12;

  private static Matrix random(Random random, int rows, int cols) {
    Matrix m = Matrix.zeros(rows, cols);
    for (int i = 0; i < m.size(); i++) {
      m.data[i] = random.nextGaussian();
    }
    return m;
  }

  /** Σ_p op(A)[i][p] op(B)[p][j], summed plainly. */
  private static double naive(boolean tA, boolean tB, Matrix A, Matrix B, int i, int j, int k) {
    double s = 0;
    for (int p = 0; p < k; p++) {
      double a = tA ? A.get(p, i) : A.get(i, p);
      double b = tB ? B.get(j, p) : B.get(p, j);
      s += a * b;
    }
    return s;
  }

  @Test
  void largeProductsOfEveryTransposeAgreeWithTheNaiveSum() {
    Random random = new Random(11);
    int n = 70;
    int k = 600; // three blocks of the inner dimension
    int m = 300; // two blocks of columns, the second partial
    for (boolean tA : new boolean[] {false, true}) {
      for (boolean tB : new boolean[] {false, true}) {
        Matrix A = tA ? random(random, k, n) : random(random, n, k);
        Matrix B = tB ? random(random, m, k) : random(random, k, m);
        Matrix b = random(random, n, 1);
        Matrix C = Matrix.zeros(n, m);
        Gemm.multiply(tA, tB, 0.5, A, B, b, C, n, k, m);
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < m; j++) {
            double expected = 0.5 * naive(tA, tB, A, B, i, j, k) + b.get(i, 0);
            assertEquals(expected, C.get(i, j), TOLERANCE * k, "(" + i + ", " + j + ")");
          }
        }
      }
    }
  }

  @Test
  void shapesThatDoNotFillATileAgreeWithTheNaiveSum() {
    Random random = new Random(13);
    for (int n : new int[] {1, 3, 4, 5, 9}) {
      for (int m : new int[] {1, 7, 8, 9, 17, 33}) {
        int k = 5;
        Matrix A = random(random, n, k);
        Matrix B = random(random, k, m);
        Matrix C = random(random, n, m);
        Gemm.multiply(false, false, 1.0, A, B, null, C, n, k, m);
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < m; j++) {
            assertEquals(naive(false, false, A, B, i, j, k), C.get(i, j), 1e-12, n + "x" + m);
          }
        }
      }
    }
  }

  /** A matrix stored at an offset inside a larger array, as the generated models' views are. */
  private static Matrix randomView(Random random, int rows, int cols) {
    double[] storage = new double[rows * cols + 7];
    for (int i = 0; i < storage.length; i++) {
      storage[i] = random.nextGaussian();
    }
    return Matrix.view(storage, 3, rows, cols);
  }

  @Test
  void everyTransposeAndEveryTileEdgeAgreesWithTheNaiveSum() {
    Random random = new Random(15);
    for (boolean tA : new boolean[] {false, true}) {
      for (boolean tB : new boolean[] {false, true}) {
        for (int n : new int[] {1, 3, 4, 5, 9, 67}) {
          for (int m : new int[] {1, 7, 16, 17, 33}) {
            // 20: small products take the direct path (vectors over k when B is transposed);
            // 130: more than one packed block of the inner dimension.
            for (int k : new int[] {1, 5, 20, 130}) {
              Matrix A = tA ? randomView(random, k, n) : randomView(random, n, k);
              Matrix B = tB ? randomView(random, m, k) : randomView(random, k, m);
              Matrix b = randomView(random, n, 1);
              Matrix C = randomView(random, n, m);
              double[] before = C.storage().clone();
              Gemm.multiply(tA, tB, -0.25, A, B, b, C, n, k, m);
              String where = (tA ? "T" : "N") + (tB ? "T" : "N") + " " + n + "x" + k + "x" + m;
              for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                  double expected = -0.25 * naive(tA, tB, A, B, i, j, k) + b.get(i, 0);
                  assertEquals(expected, C.get(i, j), 1e-12 * (k + 1), where);
                }
              }
              double[] after = C.storage();
              for (int x : new int[] {0, 1, 2, after.length - 4, after.length - 1}) {
                assertEquals(before[x], after[x], where + ": wrote outside C at " + x);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void finishingStepsEqualTheSeparateElementWisePass() {
    Random random = new Random(16);
    int n = 37;
    int k = 150;
    int m = 45;
    for (Gemm.Finish finish : Gemm.Finish.values()) {
      boolean forward = finish.ordinal() <= Gemm.Finish.TANH.ordinal();
      Matrix A = random(random, k, n);
      Matrix B = random(random, k, m);
      Matrix b = forward ? random(random, n, 1) : null;
      Matrix cache = random(random, n, m);
      if (finish == Gemm.Finish.SIGMOID_BACKWARD || finish == Gemm.Finish.TANH_BACKWARD) {
        Kernel.tanh(cache, cache); // an activation's output lies in (-1, 1)
      }
      Matrix plain = Matrix.zeros(n, m);
      Gemm.multiply(true, false, 0.5, A, B, b, plain, n, k, m);
      Matrix expected = Matrix.zeros(n, m);
      switch (finish) {
        case NONE:
          expected = plain;
          break;
        case RELU:
          Kernel.relu(plain, expected);
          break;
        case SIGMOID:
          Kernel.sigmoid(plain, expected);
          break;
        case TANH:
          Kernel.tanh(plain, expected);
          break;
        case RELU_BACKWARD:
          Kernel.reluBackward(plain, cache, expected);
          break;
        case SIGMOID_BACKWARD:
          Kernel.sigmoidBackward(plain, cache, expected);
          break;
        case TANH_BACKWARD:
          Kernel.tanhBackward(plain, cache, expected);
          break;
      }
      Matrix C = Matrix.zeros(n, m);
      Matrix out = forward ? Matrix.zeros(n, m) : null;
      Gemm.multiply(true, false, 0.5, A, B, b, C, n, k, m, finish, forward ? null : cache, out);
      Matrix actual = forward && finish != Gemm.Finish.NONE ? out : C;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double e = expected.get(i, j);
          assertEquals(e, actual.get(i, j), 1e-14 * Math.max(1, Math.abs(e)), finish + "");
        }
      }
      if (forward) {
        assertArrayEquals(plain.toFlatArray(), C.toFlatArray(), finish + " must keep Z");
      }
    }
  }

  @Test
  void theExpectedKernelIsInUse() {
    // The build runs these tests twice: without the Vector API module, then with it.
    String expected = System.getProperty("unroll.expectKernel", "plain Java");
    String actual = Vectorization.kernelName();
    org.junit.jupiter.api.Assertions.assertTrue(
        actual.startsWith(expected), "expected the " + expected + " kernel, got " + actual);
  }

  @Test
  void resultsAreBitIdenticalWhateverTheThreadCount() {
    Random random = new Random(12);
    int n = 257; // not a multiple of the row tile, so the threads' parts have edges
    int k = 300;
    int m = 64; // 4.9 million multiply-adds: above the parallel threshold
    Matrix A = random(random, n, k);
    Matrix B = random(random, k, m);
    Matrix b = random(random, n, 1);
    for (Gemm.Finish finish : new Gemm.Finish[] {Gemm.Finish.NONE, Gemm.Finish.TANH}) {
      Matrix one = Matrix.zeros(n, m);
      Matrix two = Matrix.zeros(n, m);
      Matrix oneOut = Matrix.zeros(n, m);
      Matrix twoOut = Matrix.zeros(n, m);
      Gemm.multiply(1, false, false, 1.0, A, B, b, one, n, k, m, finish, null, oneOut);
      Gemm.multiply(2, false, false, 1.0, A, B, b, two, n, k, m, finish, null, twoOut);
      assertArrayEquals(one.toFlatArray(), two.toFlatArray());
      assertArrayEquals(oneOut.toFlatArray(), twoOut.toFlatArray());
    }
  }

  @Test
  void concurrentCallersGetTheSameResultsAsOneCallerAlone() throws Exception {
    // Only one product at a time uses the thread team; the others compute alone. Either way
    // every caller must get exactly the single-threaded result.
    Random random = new Random(14);
    int n = 200;
    int k = 300;
    int m = 40;
    Matrix A = random(random, n, k);
    Matrix B = random(random, k, m);
    Matrix expected = Matrix.zeros(n, m);
    Gemm.multiply(
        1, false, false, 1.0, A, B, null, expected, n, k, m, Gemm.Finish.NONE, null, null);
    java.util.concurrent.ExecutorService callers =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<double[]>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(
            callers.submit(
                () -> {
                  Matrix C = Matrix.zeros(n, m);
                  for (int r = 0; r < 5; r++) {
                    Gemm.multiply(false, false, 1.0, A, B, null, C, n, k, m);
                  }
                  return C.toFlatArray();
                }));
      }
      for (java.util.concurrent.Future<double[]> result : results) {
        assertArrayEquals(expected.toFlatArray(), result.get());
      }
    } finally {
      callers.shutdownNow();
    }
  }
}
