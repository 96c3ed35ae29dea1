package dev.unroll.training;

import java.util.List;

/**
 * The record of one training run: every epoch, and why it stopped.
 *
 * @param epochs one entry per epoch run, in order
 * @param stoppedEarly whether early stopping ended the run before the last epoch
 * @param bestEpoch the epoch whose parameters the model holds at the end: the one with the lowest
 *     validation loss under early stopping, otherwise the last
 */
public record History(List<Epoch> epochs, boolean stoppedEarly, int bestEpoch) {
  public History {
    epochs = List.copyOf(epochs);
  }

  /** The training loss of each epoch, for a learning curve. */
  public double[] losses() {
    return epochs.stream().mapToDouble(Epoch::loss).toArray();
  }

  /** The validation loss of each epoch (NaN where there was no validation set). */
  public double[] validationLosses() {
    return epochs.stream().mapToDouble(Epoch::validationLoss).toArray();
  }

  /** The last epoch run. */
  public Epoch last() {
    return epochs.get(epochs.size() - 1);
  }
}
