package dev.unroll.examples.training;

import dev.unroll.Activation;
import dev.unroll.Layer;
import dev.unroll.Loss;
import dev.unroll.Network;
import dev.unroll.runtime.Dense;

/** Two inputs, two hidden ReLU layers of 16, one sigmoid output: a binary classifier. */
@Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)
abstract class Moons {
  @Layer(units = 16, activation = Activation.RELU)
  Dense hidden1;

  @Layer(units = 16, activation = Activation.RELU)
  Dense hidden2;

  @Layer(units = 1, activation = Activation.SIGMOID)
  Dense output;
}
