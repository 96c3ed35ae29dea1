package dev.unroll.runtime;

/**
 * The matrix operations a dense layer's forward and backward steps need. Generated models call only
 * these, so the kernels behind them can be retuned without regenerating user code.
 *
 * <p>Conventions: capital letters are matrices, the output argument comes last and is overwritten,
 * and every shape is checked before any entry is written (an {@link IllegalArgumentException} names
 * the expected and the actual shape). Element-wise operations may write into one of their inputs;
 * products may not.
 */
public final class Kernel {
  private Kernel() {}

  // ---------------------------------------------------------------- products

  /**
   * Z = W · A + b, the affine step of a layer: b (units x 1) is added to every column.
   *
   * @param W units x n weights
   * @param A n x m activations of the previous layer, one column per example
   * @param b units x 1 bias
   * @param Z units x m, overwritten
   */
  public static void affine(Matrix W, Matrix A, Matrix b, Matrix Z) {
    Shapes.requireSame("A", A, W.cols, A.cols);
    Shapes.requireSame("b", b, W.rows, 1);
    Shapes.requireSame("Z", Z, W.rows, A.cols);
    Shapes.requireDistinct("Z", Z, "W", W);
    Shapes.requireDistinct("Z", Z, "A", A);
    Shapes.requireDistinct("Z", Z, "b", b);
    Gemm.multiply(false, false, 1.0, W, A, b, Z, W.rows, W.cols, A.cols);
  }

  /**
   * Z = W · A + b and Out = max(0, Z) in one pass: the activation is applied to each block of Z as
   * soon as it is complete, while it is still in cache, and on the same threads.
   *
   * @param Z units x m, overwritten with the pre-activation (backpropagation needs it)
   * @param Out units x m, overwritten with the activation; must not be Z
   */
  public static void affineRelu(Matrix W, Matrix A, Matrix b, Matrix Z, Matrix Out) {
    affine(W, A, b, Z, Gemm.Finish.RELU, Out);
  }

  /** Z = W · A + b and Out = sigmoid(Z) in one pass, as {@link #affineRelu} does for ReLU. */
  public static void affineSigmoid(Matrix W, Matrix A, Matrix b, Matrix Z, Matrix Out) {
    affine(W, A, b, Z, Gemm.Finish.SIGMOID, Out);
  }

  /** Z = W · A + b and Out = tanh(Z) in one pass, as {@link #affineRelu} does for ReLU. */
  public static void affineTanh(Matrix W, Matrix A, Matrix b, Matrix Z, Matrix Out) {
    affine(W, A, b, Z, Gemm.Finish.TANH, Out);
  }

  private static void affine(
      Matrix W, Matrix A, Matrix b, Matrix Z, Gemm.Finish finish, Matrix Out) {
    Shapes.requireSame("A", A, W.cols, A.cols);
    Shapes.requireSame("b", b, W.rows, 1);
    Shapes.requireSame("Z", Z, W.rows, A.cols);
    Shapes.requireSame("Out", Out, W.rows, A.cols);
    Shapes.requireDistinct("Z", Z, "W", W);
    Shapes.requireDistinct("Z", Z, "A", A);
    Shapes.requireDistinct("Z", Z, "b", b);
    Shapes.requireDistinct("Out", Out, "Z", Z);
    Shapes.requireDistinct("Out", Out, "W", W);
    Shapes.requireDistinct("Out", Out, "A", A);
    Gemm.multiply(false, false, 1.0, W, A, b, Z, W.rows, W.cols, A.cols, finish, null, Out);
  }

  /**
   * C = alpha · A · Bᵀ. With A = dZ, B = A_prev and alpha = 1/m this is a layer's weight gradient
   * dW.
   *
   * @param A p x m
   * @param B q x m
   * @param C p x q, overwritten
   */
  public static void multiplyTransposeB(double alpha, Matrix A, Matrix B, Matrix C) {
    Shapes.requireSame("B", B, B.rows, A.cols);
    Shapes.requireSame("C", C, A.rows, B.rows);
    Shapes.requireDistinct("C", C, "A", A);
    Shapes.requireDistinct("C", C, "B", B);
    Gemm.multiply(false, true, alpha, A, B, null, C, A.rows, A.cols, B.rows);
  }

  /**
   * C = Aᵀ · B. With A = W and B = dZ this is the gradient passed to the previous layer, dA_prev =
   * Wᵀ · dZ.
   *
   * @param A p x q
   * @param B p x m
   * @param C q x m, overwritten
   */
  public static void multiplyTransposeA(Matrix A, Matrix B, Matrix C) {
    Shapes.requireSame("B", B, A.rows, B.cols);
    Shapes.requireSame("C", C, A.cols, B.cols);
    Shapes.requireDistinct("C", C, "A", A);
    Shapes.requireDistinct("C", C, "B", B);
    Gemm.multiply(true, false, 1.0, A, B, null, C, A.cols, A.rows, B.cols);
  }

  /**
   * dZ_prev = (Wᵀ · dZ) ∘ relu'(Z_prev): the gradient passed back through a layer and through the
   * previous layer's ReLU in one pass, without a separate dA_prev.
   *
   * @param W p x q weights of the layer
   * @param dZ p x m, the layer's dZ
   * @param Zprev q x m, the previous layer's pre-activation (its cache)
   * @param dZprev q x m, overwritten; must not be Zprev
   */
  public static void backpropRelu(Matrix W, Matrix dZ, Matrix Zprev, Matrix dZprev) {
    backprop(W, dZ, "Zprev", Zprev, dZprev, Gemm.Finish.RELU_BACKWARD);
  }

  /**
   * dZ_prev = (Wᵀ · dZ) ∘ Aprev ∘ (1 - Aprev), where Aprev = sigmoid(Z_prev) is the previous
   * layer's cached output; one pass, as {@link #backpropRelu} does for ReLU.
   */
  public static void backpropSigmoid(Matrix W, Matrix dZ, Matrix Aprev, Matrix dZprev) {
    backprop(W, dZ, "Aprev", Aprev, dZprev, Gemm.Finish.SIGMOID_BACKWARD);
  }

  /**
   * dZ_prev = (Wᵀ · dZ) ∘ (1 - Aprev²), where Aprev = tanh(Z_prev) is the previous layer's cached
   * output; one pass, as {@link #backpropRelu} does for ReLU.
   */
  public static void backpropTanh(Matrix W, Matrix dZ, Matrix Aprev, Matrix dZprev) {
    backprop(W, dZ, "Aprev", Aprev, dZprev, Gemm.Finish.TANH_BACKWARD);
  }

  private static void backprop(
      Matrix W, Matrix dZ, String cacheName, Matrix cache, Matrix dZprev, Gemm.Finish finish) {
    Shapes.requireSame("dZ", dZ, W.rows, dZ.cols);
    Shapes.requireSame(cacheName, cache, W.cols, dZ.cols);
    Shapes.requireSame("dZprev", dZprev, W.cols, dZ.cols);
    Shapes.requireDistinct("dZprev", dZprev, "W", W);
    Shapes.requireDistinct("dZprev", dZprev, "dZ", dZ);
    Shapes.requireDistinct("dZprev", dZprev, cacheName, cache);
    Gemm.multiply(
        true, false, 1.0, W, dZ, null, dZprev, W.cols, W.rows, dZ.cols, finish, cache, null);
  }

  /**
   * c = alpha · Σ_columns A, one sum per row. With A = dZ and alpha = 1/m this is a layer's bias
   * gradient db.
   *
   * @param A p x m
   * @param c p x 1, overwritten
   */
  public static void rowSums(double alpha, Matrix A, Matrix c) {
    Shapes.requireSame("c", c, A.rows, 1);
    for (int i = 0; i < A.rows; i++) {
      int ai = A.offset + i * A.cols;
      double sum = 0;
      for (int j = 0; j < A.cols; j++) {
        sum += A.data[ai + j];
      }
      c.data[c.offset + i] = alpha * sum;
    }
  }

  // ---------------------------------------------------------------- activations

  /** A = max(0, Z), element-wise. A may be Z itself. */
  public static void relu(Matrix Z, Matrix A) {
    Shapes.requireSame("A", A, Z.rows, Z.cols);
    for (int i = 0, n = Z.size(); i < n; i++) {
      double z = Z.data[Z.offset + i];
      A.data[A.offset + i] = Math.max(z, 0); // keeps NaN visible, unlike z > 0 ? z : 0
    }
  }

  /**
   * A = 1 / (1 + e^-Z), element-wise, without overflow: for z &lt; 0 it computes e^z / (1 + e^z),
   * so e^-z is never formed for large negative z. A may be Z itself.
   */
  public static void sigmoid(Matrix Z, Matrix A) {
    Shapes.requireSame("A", A, Z.rows, Z.cols);
    for (int i = 0, n = Z.size(); i < n; i++) {
      A.data[A.offset + i] = sigmoid(Z.data[Z.offset + i]);
    }
  }

  /** The logistic function of one value, stable for any finite z. */
  public static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }

  /** A = tanh(Z), element-wise. A may be Z itself. */
  public static void tanh(Matrix Z, Matrix A) {
    Shapes.requireSame("A", A, Z.rows, Z.cols);
    for (int i = 0, n = Z.size(); i < n; i++) {
      A.data[A.offset + i] = Math.tanh(Z.data[Z.offset + i]);
    }
  }

  /**
   * A = softmax(Z), column by column: a_ij = e^{z_ij - max_j} / Σ_k e^{z_kj - max_j}, where max_j
   * is the largest entry of column j, so no exponential overflows and each column sums to 1. A must
   * not be Z.
   */
  public static void softmax(Matrix Z, Matrix A) {
    Shapes.requireSame("A", A, Z.rows, Z.cols);
    Shapes.requireDistinct("A", A, "Z", Z);
    int classes = Z.rows;
    int m = Z.cols;
    for (int j = 0; j < m; j++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < classes; i++) {
        max = Math.max(max, Z.data[Z.offset + i * m + j]);
      }
      double total = 0;
      for (int i = 0; i < classes; i++) {
        double e = Math.exp(Z.data[Z.offset + i * m + j] - max);
        A.data[A.offset + i * m + j] = e;
        total += e;
      }
      for (int i = 0; i < classes; i++) {
        A.data[A.offset + i * m + j] /= total;
      }
    }
  }

  // ---------------------------------------------------------------- activation derivatives

  /** dZ = dA ∘ relu'(Z), where relu'(z) = 1 for z &gt; 0 and 0 otherwise. dZ may be dA. */
  public static void reluBackward(Matrix dA, Matrix Z, Matrix dZ) {
    Shapes.requireSame("Z", Z, dA.rows, dA.cols);
    Shapes.requireSame("dZ", dZ, dA.rows, dA.cols);
    for (int i = 0, n = dA.size(); i < n; i++) {
      dZ.data[dZ.offset + i] = Z.data[Z.offset + i] > 0 ? dA.data[dA.offset + i] : 0;
    }
  }

  /**
   * dZ = dA ∘ sigmoid'(Z), using the cached output: sigmoid'(z) = a (1 - a) with a = sigmoid(z). dZ
   * may be dA.
   */
  public static void sigmoidBackward(Matrix dA, Matrix A, Matrix dZ) {
    Shapes.requireSame("A", A, dA.rows, dA.cols);
    Shapes.requireSame("dZ", dZ, dA.rows, dA.cols);
    for (int i = 0, n = dA.size(); i < n; i++) {
      double a = A.data[A.offset + i];
      dZ.data[dZ.offset + i] = dA.data[dA.offset + i] * a * (1 - a);
    }
  }

  /**
   * dZ = dA ∘ tanh'(Z), using the cached output: tanh'(z) = 1 - a² with a = tanh(z). dZ may be dA.
   */
  public static void tanhBackward(Matrix dA, Matrix A, Matrix dZ) {
    Shapes.requireSame("A", A, dA.rows, dA.cols);
    Shapes.requireSame("dZ", dZ, dA.rows, dA.cols);
    for (int i = 0, n = dA.size(); i < n; i++) {
      double a = A.data[A.offset + i];
      dZ.data[dZ.offset + i] = dA.data[dA.offset + i] * (1 - a * a);
    }
  }

  /**
   * Whether some entry is positive in one matrix and not in the other: a ReLU unit whose input lies
   * on different sides of its kink at two points, where the gradient check's central difference
   * straddles two slopes.
   */
  public static boolean crossesZero(Matrix Z1, Matrix Z2) {
    Shapes.requireSame("Z2", Z2, Z1.rows, Z1.cols);
    for (int i = 0, n = Z1.size(); i < n; i++) {
      if ((Z1.data[Z1.offset + i] > 0) != (Z2.data[Z2.offset + i] > 0)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- element-wise helpers

  /** C = A - B, element-wise. C may be A or B. */
  public static void subtract(Matrix A, Matrix B, Matrix C) {
    Shapes.requireSame("B", B, A.rows, A.cols);
    Shapes.requireSame("C", C, A.rows, A.cols);
    for (int i = 0, n = A.size(); i < n; i++) {
      C.data[C.offset + i] = A.data[A.offset + i] - B.data[B.offset + i];
    }
  }
}
