package dev.unroll.spark;

import dev.unroll.Activation;
import dev.unroll.Layer;
import dev.unroll.Loss;
import dev.unroll.Network;
import dev.unroll.runtime.Dense;

/** The networks the Spark tests train. */
final class Networks {
  private Networks() {}

  /** The backprop lab's shape: 2 inputs, 3 ReLU units, a sigmoid output. */
  @Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)
  abstract static class LabSized {
    @Layer(units = 3, activation = Activation.RELU)
    Dense hidden;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }
}
