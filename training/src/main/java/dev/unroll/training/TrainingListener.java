package dev.unroll.training;

/** Hears about a training run as it goes: for progress bars, logs and learning curves. */
@FunctionalInterface
public interface TrainingListener {
  /** Before the first epoch. */
  default void started(int epochs, int examples, int batchSize) {}

  /** After each epoch. */
  void epochEnded(Epoch epoch);

  /** After the last epoch, or when early stopping ends the run. */
  default void finished(History history) {}
}
