package dev.unroll.training;

import dev.unroll.Activation;
import dev.unroll.Layer;
import dev.unroll.Loss;
import dev.unroll.Network;
import dev.unroll.runtime.Dense;

/** The smallest problem a straight line cannot separate. */
@Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)
class Xor {
  @Layer(units = 8, activation = Activation.TANH)
  Dense hidden;

  @Layer(units = 1, activation = Activation.SIGMOID)
  Dense output;
}
