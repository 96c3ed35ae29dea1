package dev.unroll.training;

import dev.unroll.Activation;
import dev.unroll.Layer;
import dev.unroll.Loss;
import dev.unroll.Network;
import dev.unroll.runtime.Dense;

/** A softmax classifier over three classes, on the kernel path for its hidden layer. */
@Network(inputs = 2, loss = Loss.CATEGORICAL_CROSS_ENTROPY)
class ThreeClasses {
  @Layer(units = 40, activation = Activation.RELU)
  Dense hidden;

  @Layer(units = 3, activation = Activation.SOFTMAX)
  Dense output;
}
