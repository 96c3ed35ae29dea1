package dev.unroll.examples;

import dev.unroll.Activation;
import dev.unroll.Layer;
import dev.unroll.Loss;
import dev.unroll.Network;
import dev.unroll.runtime.Dense;

/**
 * The backprop lab's network: 2 inputs, a hidden layer of 3 ReLU units, one sigmoid output, binary
 * cross-entropy. Compiling this class writes {@code UnrolledLab}.
 */
@Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)
abstract class Lab {
  @Layer(units = 3, activation = Activation.RELU)
  Dense hidden;

  @Layer(units = 1, activation = Activation.SIGMOID)
  Dense output;
}
