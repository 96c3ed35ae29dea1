package dev.unroll.training;

/**
 * Training stopped because the cost or a parameter became NaN or infinite. The message names the
 * epoch, the batch and, for a parameter, the layer and entry, and suggests what to change.
 */
public final class TrainingDivergedException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  private final int epoch;

  /**
   * For trainers of other kinds (such as the Spark module's) that report divergence the same way.
   *
   * @param epoch the epoch or step, from 1, in which training diverged
   * @param message what became non-finite, where, and what to change
   */
  public TrainingDivergedException(int epoch, String message) {
    super(message);
    this.epoch = epoch;
  }

  /** The epoch (from 1) in which training diverged. */
  public int epoch() {
    return epoch;
  }
}
