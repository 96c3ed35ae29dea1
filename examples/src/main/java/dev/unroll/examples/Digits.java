package dev.unroll.examples;

import dev.unroll.Activation;
import dev.unroll.Layer;
import dev.unroll.Loss;
import dev.unroll.Network;
import dev.unroll.runtime.Dense;

/**
 * A classifier for 8 x 8 images of handwritten digits: 64 pixel intensities in, ten classes out.
 * Its layers are large enough to run on the matrix kernel, so its generated source shows the kernel
 * form of every step, where {@link Lab}'s shows the scalar form.
 */
@Network(inputs = 64, loss = Loss.CATEGORICAL_CROSS_ENTROPY)
public abstract class Digits {
  @Layer(units = 32, activation = Activation.RELU)
  Dense hidden1;

  @Layer(units = 16, activation = Activation.RELU)
  Dense hidden2;

  @Layer(units = 10, activation = Activation.SOFTMAX)
  Dense output;
}
