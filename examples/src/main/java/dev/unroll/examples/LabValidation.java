package dev.unroll.examples;

import dev.unroll.Activation;
import dev.unroll.Layer;
import dev.unroll.Loss;
import dev.unroll.Network;
import dev.unroll.runtime.Dense;

/**
 * The deeper network of the lab's gradient-shape validation: 3 inputs, then 5 ReLU units, 2 tanh
 * units and one sigmoid output.
 */
@Network(inputs = 3, loss = Loss.BINARY_CROSS_ENTROPY)
abstract class LabValidation {
  @Layer(units = 5, activation = Activation.RELU)
  Dense first;

  @Layer(units = 2, activation = Activation.TANH)
  Dense second;

  @Layer(units = 1, activation = Activation.SIGMOID)
  Dense output;
}
