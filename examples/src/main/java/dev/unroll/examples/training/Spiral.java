package dev.unroll.examples.training;

import dev.unroll.Activation;
import dev.unroll.Layer;
import dev.unroll.Loss;
import dev.unroll.Network;
import dev.unroll.runtime.Dense;

/** Two inputs, two hidden ReLU layers of 64, a softmax over three classes. */
@Network(inputs = 2, loss = Loss.CATEGORICAL_CROSS_ENTROPY)
abstract class Spiral {
  @Layer(units = 64, activation = Activation.RELU)
  Dense hidden1;

  @Layer(units = 64, activation = Activation.RELU)
  Dense hidden2;

  @Layer(units = 3, activation = Activation.SOFTMAX)
  Dense output;
}
