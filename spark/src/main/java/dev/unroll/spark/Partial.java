package dev.unroll.spark;

import java.io.Serializable;

/**
 * What one partition contributes to a step: the gradient and the cost summed (not averaged) over
 * its examples, how many examples that was, and how many of them the model classified correctly.
 * Sums of sums are sums, so partitions combine by adding.
 */
final class Partial implements Serializable {
  private static final long serialVersionUID = 1L;

  final double[] gradient;
  double cost;
  long count;
  long correct;

  Partial(int parameters) {
    this.gradient = new double[parameters];
  }

  /** Adds {@code other} into this one and returns this one. */
  Partial add(Partial other) {
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] += other.gradient[i];
    }
    cost += other.cost;
    count += other.count;
    correct += other.correct;
    return this;
  }
}
