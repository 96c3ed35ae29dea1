package dev.unroll.runtime;

/**
 * The backprop lab's network as an {@link Architecture}, shared by the tests: 2 inputs, a 3-unit
 * ReLU layer named {@code hidden} and a 1-unit sigmoid layer named {@code output}, under binary
 * cross-entropy. Its 13 parameters sit at W1 = 0..5, b1 = 6..8, W2 = 9..11, b2 = 12.
 */
final class LabNetwork {
  private LabNetwork() {}

  /** The 2-3-1 architecture. */
  static Architecture architecture() {
    return Architecture.builder("Lab", 2, "binary cross-entropy")
        .dense("hidden", 3, "relu")
        .dense("output", 1, "sigmoid")
        .build();
  }
}
