package dev.unroll.plot;

import dev.unroll.Activation;
import dev.unroll.Layer;
import dev.unroll.Loss;
import dev.unroll.Network;
import dev.unroll.runtime.Dense;

/**
 * Two inputs, two hidden units, one output: small enough that its parameters can be set by hand to
 * a known decision boundary.
 */
@Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)
class Tiny {
  @Layer(units = 2, activation = Activation.RELU)
  Dense hidden;

  @Layer(units = 1, activation = Activation.SIGMOID)
  Dense output;
}
