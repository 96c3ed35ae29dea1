package dev.unroll.spark.example;

import dev.unroll.Activation;
import dev.unroll.Layer;
import dev.unroll.Loss;
import dev.unroll.Network;
import dev.unroll.runtime.Dense;

/** 8 x 8 images of handwritten digits in, ten classes out. */
@Network(inputs = 64, loss = Loss.CATEGORICAL_CROSS_ENTROPY)
public abstract class Digits {
  @Layer(units = 32, activation = Activation.RELU)
  Dense hidden1;

  @Layer(units = 16, activation = Activation.RELU)
  Dense hidden2;

  @Layer(units = 10, activation = Activation.SOFTMAX)
  Dense output;
}
