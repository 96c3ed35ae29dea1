package dev.unroll.benchmarks;

import dev.unroll.runtime.Matrix;
import dev.unroll.runtime.Model;
import java.util.Random;
import java.util.function.LongFunction;

/** A benchmark case: a network, its batch size, and seeded data for it. */
enum Case {
  TINY(new int[] {2, 3, 1}, new String[] {"relu", "sigmoid"}, 4, UnrolledNetworks_Tiny::new),
  SMALL(
      new int[] {2, 16, 16, 1},
      new String[] {"relu", "relu", "sigmoid"},
      64,
      UnrolledNetworks_Small::new),
  MEDIUM(
      new int[] {784, 128, 64, 10},
      new String[] {"relu", "relu", "sigmoid"},
      128,
      UnrolledNetworks_Medium::new),
  WIDE(
      new int[] {1024, 1024, 1024, 1},
      new String[] {"tanh", "tanh", "sigmoid"},
      256,
      UnrolledNetworks_Wide::new);

  final int[] dims;
  final String[] activations;
  final int m;
  private final LongFunction<Model> generated;

  Case(int[] dims, String[] activations, int m, LongFunction<Model> generated) {
    this.dims = dims;
    this.activations = activations;
    this.m = m;
    this.generated = generated;
  }

  Model model() {
    return generated.apply(42L);
  }

  /** Inputs, one column per example, drawn from a standard normal distribution. */
  double[][] inputs() {
    Random random = new Random(1);
    double[][] x = new double[dims[0]][m];
    for (double[] row : x) {
      for (int j = 0; j < m; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return x;
  }

  /** Labels in {0, 1}. */
  double[][] labels() {
    Random random = new Random(2);
    double[][] y = new double[dims[dims.length - 1]][m];
    for (double[] row : y) {
      for (int j = 0; j < m; j++) {
        row[j] = random.nextInt(2);
      }
    }
    return y;
  }

  Matrix x() {
    return Matrix.of(inputs());
  }

  Matrix y() {
    return Matrix.of(labels());
  }

  /**
   * Floating-point operations of one forward + backward pass, counting a multiply-add as two: W·A
   * forward (2 n k m per layer), dZ·Aᵀ and Wᵀ·dZ backward (4 n k m, the input layer's Wᵀ·dZ
   * skipped).
   */
  long flops() {
    long total = 0;
    for (int l = 1; l < dims.length; l++) {
      long nkm = (long) dims[l] * dims[l - 1] * m;
      total += 2 * nkm + 2 * nkm + (l > 1 ? 2 * nkm : 0);
    }
    return total;
  }
}
