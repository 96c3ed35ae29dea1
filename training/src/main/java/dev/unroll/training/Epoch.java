package dev.unroll.training;

/**
 * What one epoch of training achieved.
 *
 * @param number 1 for the first epoch
 * @param loss the training cost, averaged over the epoch's examples as they were trained on (the
 *     mean of the mini-batch costs, weighted by batch size)
 * @param accuracy the fraction of training examples classified correctly after the epoch
 * @param validationLoss the cost on the validation set after the epoch, or NaN without one
 * @param validationAccuracy the validation accuracy after the epoch, or NaN without one
 * @param millis the epoch's wall-clock time
 */
public record Epoch(
    int number,
    double loss,
    double accuracy,
    double validationLoss,
    double validationAccuracy,
    long millis) {

  /** Whether a validation set was given. */
  public boolean validated() {
    return !Double.isNaN(validationLoss);
  }

  /** One line, such as {@code epoch 12: loss 0.2310, accuracy 91.3%, validation 0.2502, 90.0%}. */
  public String describe() {
    StringBuilder line =
        new StringBuilder(
            String.format(
                java.util.Locale.ROOT,
                "epoch %d: loss %.4f, accuracy %.1f%%",
                number,
                loss,
                100 * accuracy));
    if (validated()) {
      line.append(
          String.format(
              java.util.Locale.ROOT,
              ", validation loss %.4f, accuracy %.1f%%",
              validationLoss,
              100 * validationAccuracy));
    }
    return line.toString();
  }
}
