package dev.unroll;

/**
 * How the generated code computes a layer's products.
 *
 * <p>Small layers run fastest as straight-line arithmetic: one expression per unit, weights in
 * local variables, only the loop over examples left. Large layers need a real matrix kernel, which
 * the runtime provides. The processor chooses per layer unless told otherwise.
 */
public enum Unrolling {
  /**
   * Scalar code for every layer with at most {@code -Aunroll.scalarLimit} weights (64 unless set),
   * the runtime kernel for larger ones.
   */
  AUTO,
  /** Scalar code for every layer; a layer of more than 1024 weights is a compile error. */
  SCALAR,
  /** The runtime kernel for every layer. */
  KERNEL
}
