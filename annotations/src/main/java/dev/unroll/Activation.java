package dev.unroll;

/**
 * The non-linearity g applied element-wise after a layer's affine step, A = g(Z).
 *
 * <p>Each constant names the function and the derivative g' that backpropagation multiplies by in
 * dZ = dA ∘ g'(Z).
 */
public enum Activation {
  /** g(z) = max(0, z); g'(z) = 1 for z &gt; 0, else 0 (taken as 0 at the kink z = 0). */
  RELU,
  /** g(z) = 1 / (1 + e^-z), in (0, 1); g'(z) = g(z) (1 - g(z)). */
  SIGMOID,
  /** g(z) = tanh z, in (-1, 1); g'(z) = 1 - tanh² z. */
  TANH,
  /** g(z) = z; g'(z) = 1. The usual output for regression with mean squared error. */
  LINEAR,
  /**
   * For the output layer of a classifier with two or more classes: each column of Z becomes a
   * probability distribution, a_i = e^{z_i} / Σ_k e^{z_k} (computed with the column's maximum
   * subtracted first, so no exponential overflows). Only with {@link
   * Loss#CATEGORICAL_CROSS_ENTROPY}, where the two derivatives combine into dZ = A - Y and the
   * softmax Jacobian is never formed.
   */
  SOFTMAX
}
