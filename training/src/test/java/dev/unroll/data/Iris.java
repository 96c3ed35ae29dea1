package dev.unroll.data;

import dev.unroll.Activation;
import dev.unroll.Layer;
import dev.unroll.Loss;
import dev.unroll.Network;
import dev.unroll.runtime.Dense;

/** A small softmax classifier for the four iris measurements. */
@Network(inputs = 4, loss = Loss.CATEGORICAL_CROSS_ENTROPY)
class Iris {
  @Layer(units = 8, activation = Activation.TANH)
  Dense hidden;

  @Layer(units = 3, activation = Activation.SOFTMAX)
  Dense output;
}
