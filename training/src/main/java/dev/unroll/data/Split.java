package dev.unroll.data;

/**
 * A data set divided into a part to train on and a part held back to measure how well the trained
 * model does on examples it has not seen. Made by {@link Dataset#split}.
 *
 * @param train the examples to fit the model (and any {@link Standardizer}) on
 * @param test the held-back examples, for the final accuracy or cost
 */
public record Split(Dataset train, Dataset test) {
  /**
   * Checks that both parts are there and describe the same thing: a model trained on one part is
   * only meaningfully tested on the other if their features and classes match.
   */
  public Split {
    Dataset.require(train != null, "train must not be null");
    Dataset.require(test != null, "test must not be null");
    Dataset.require(
        train.features().equals(test.features()),
        "train has features "
            + train.features()
            + " but test has "
            + test.features()
            + "; split one data set instead of pairing two");
    Dataset.require(
        train.classes().equals(test.classes()),
        "train has classes "
            + train.classes()
            + " but test has "
            + test.classes()
            + "; split one data set instead of pairing two");
  }
}
