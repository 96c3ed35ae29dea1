package dev.unroll;

/** The cost J(A, Y) that training minimises, averaged over the m examples (columns) of a batch. */
public enum Loss {
  /**
   * J = -(1/m) Σ [y log a + (1 - y) log(1 - a)], for labels y in {0, 1} and outputs a in (0, 1).
   * After a {@link Activation#SIGMOID SIGMOID} output the generated code computes it from the
   * pre-activation z, which is exact where a saturates to 0 or 1.
   */
  BINARY_CROSS_ENTROPY,
  /** J = (1/2m) Σ (a - y)², summed over every output and example. */
  MEAN_SQUARED_ERROR,
  /**
   * J = -(1/m) Σ_examples Σ_classes y log a, for one-hot labels Y (one row per class) after a
   * {@link Activation#SOFTMAX SOFTMAX} output. The generated code computes it from the
   * pre-activation as log-sum-exp minus the labelled class's z, so it never takes log(0).
   */
  CATEGORICAL_CROSS_ENTROPY
}
