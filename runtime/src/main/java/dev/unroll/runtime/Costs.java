package dev.unroll.runtime;

/**
 * The costs a network can minimise and the gradients that start backpropagation.
 *
 * <p>Every cost is an average over the m examples (columns) of a batch. The gradient methods return
 * ∂J/∂A <em>per example</em>, without the 1/m: generated code applies 1/m once, when it forms dW
 * and db, as the lab's formulas do (dW = dZ · A_prevᵀ / m). The lab's own mean-squared-error
 * derivative divides by m here as well, so its MSE gradients come out m times too small for any
 * batch with more than one example; ours do not.
 */
public final class Costs {
  /**
   * Outputs are clipped to [CLIP, 1 - CLIP] before a logarithm, so binary cross-entropy never takes
   * log(0), as in the lab.
   */
  public static final double CLIP = 1e-15;

  private Costs() {}

  /**
   * J = -(1/m) Σ [y log p + (1 - y) log(1 - p)], p = clip(a, CLIP, 1 - CLIP), summed over every
   * entry of A. Used after outputs other than a sigmoid.
   */
  public static double binaryCrossEntropy(Matrix A, Matrix Y) {
    Shapes.requireSame("Y", Y, A.rows, A.cols);
    double sum = 0;
    for (int i = 0, n = A.size(); i < n; i++) {
      double p = clip(A.data[A.offset + i]);
      double y = Y.data[Y.offset + i];
      sum += y * Math.log(p) + (1 - y) * Math.log(1 - p);
    }
    return -sum / A.cols;
  }

  /**
   * Binary cross-entropy of a sigmoid output computed from its pre-activation Z: J = (1/m) Σ
   * [max(z, 0) - z y + log(1 + e^-|z|)].
   *
   * <p>This equals {@link #binaryCrossEntropy} of sigmoid(Z) wherever the clip is inactive, and
   * stays exact where the sigmoid saturates: a = sigmoid(40) rounds to 1, so log(1 - a) would lose
   * every digit that a central difference needs.
   */
  public static double binaryCrossEntropyFromLogits(Matrix Z, Matrix Y) {
    Shapes.requireSame("Y", Y, Z.rows, Z.cols);
    double sum = 0;
    for (int i = 0, n = Z.size(); i < n; i++) {
      double z = Z.data[Z.offset + i];
      double y = Y.data[Y.offset + i];
      sum += Math.max(z, 0) - z * y + log1p(Math.exp(-Math.abs(z)));
    }
    return sum / Z.cols;
  }

  /**
   * Categorical cross-entropy of a softmax output computed from its pre-activation Z: per column,
   * J_j = Σ_i y_ij (log Σ_k e^{z_kj} - z_ij), averaged over the m columns.
   *
   * <p>With t the column's largest entry, log Σ_k e^{z_k} - z_i is evaluated as log(1 + r) + (t -
   * z_i), where r = Σ_{k ≠ top} e^{z_k - t}: no exponential overflows (z near 800 is fine), no
   * logarithm of 0 is taken however confident the network is, and the two terms are summed only
   * after the large, nearly equal numbers t and z_i have been subtracted, so the cost keeps the
   * digits that a central difference needs.
   *
   * @param Z classes x m pre-activations of the output layer
   * @param Y classes x m labels, normally one-hot
   */
  public static double categoricalCrossEntropyFromLogits(Matrix Z, Matrix Y) {
    Shapes.requireSame("Y", Y, Z.rows, Z.cols);
    int classes = Z.rows;
    int m = Z.cols;
    double sum = 0;
    for (int j = 0; j < m; j++) {
      int top = 0;
      double max = Z.data[Z.offset + j];
      for (int i = 1; i < classes; i++) {
        double z = Z.data[Z.offset + i * m + j];
        if (z > max) {
          max = z;
          top = i;
        }
      }
      double rest = 0;
      for (int i = 0; i < classes; i++) {
        if (i != top) {
          rest += Math.exp(Z.data[Z.offset + i * m + j] - max);
        }
      }
      double logTotal = rest <= 1 ? log1p(rest) : Math.log(1 + rest);
      for (int i = 0; i < classes; i++) {
        double y = Y.data[Y.offset + i * m + j];
        if (y != 0) {
          sum += y * (logTotal + (max - Z.data[Z.offset + i * m + j]));
        }
      }
    }
    return sum / m;
  }

  /**
   * dA = ∂J/∂A per example for {@link #binaryCrossEntropy}: -(y / p) + (1 - y) / (1 - p) where the
   * clip is inactive, and 0 where it holds p constant (the derivative of the cost that is
   * reported). dA may be A.
   */
  public static void binaryCrossEntropyGradient(Matrix A, Matrix Y, Matrix dA) {
    Shapes.requireSame("Y", Y, A.rows, A.cols);
    Shapes.requireSame("dA", dA, A.rows, A.cols);
    for (int i = 0, n = A.size(); i < n; i++) {
      double a = A.data[A.offset + i];
      double y = Y.data[Y.offset + i];
      dA.data[dA.offset + i] = a > CLIP && a < 1 - CLIP ? -(y / a) + (1 - y) / (1 - a) : 0;
    }
  }

  /** J = (1/2m) Σ (a - y)², summed over every entry of A. */
  public static double meanSquaredError(Matrix A, Matrix Y) {
    Shapes.requireSame("Y", Y, A.rows, A.cols);
    double sum = 0;
    for (int i = 0, n = A.size(); i < n; i++) {
      double d = A.data[A.offset + i] - Y.data[Y.offset + i];
      sum += d * d;
    }
    return sum / (2.0 * A.cols);
  }

  /**
   * dA = ∂J/∂A per example for {@link #meanSquaredError}: a - y. Also the fused output gradient dZ
   * = A - Y of a sigmoid output under binary cross-entropy and of a softmax output under
   * categorical cross-entropy. dA may be A or Y.
   */
  public static void outputError(Matrix A, Matrix Y, Matrix dA) {
    Kernel.subtract(A, Y, dA);
  }

  /**
   * log(1 + e) for e in [0, 1]. Math.log1p is not a JIT intrinsic and costs several times Math.log,
   * which is. Forming u = 1 + e rounds e, so log(u) alone loses digits for small e; scaling by e /
   * (u - 1) puts back exactly what the rounding took (Goldberg's correction), which keeps the
   * result within a few ulps.
   */
  static double log1p(double e) {
    double u = 1 + e;
    return u == 1 ? e : Math.log(u) * e / (u - 1);
  }

  private static double clip(double a) {
    return a < CLIP ? CLIP : a > 1 - CLIP ? 1 - CLIP : a;
  }
}
