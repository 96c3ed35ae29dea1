package dev.unroll.benchmarks;

import dev.unroll.Activation;
import dev.unroll.Layer;
import dev.unroll.Loss;
import dev.unroll.Network;
import dev.unroll.Unrolling;
import dev.unroll.runtime.Dense;

/** The four benchmark networks, declared as a user would. */
final class Networks {
  private Networks() {}

  /** The lab's network: 2-3-1, relu then sigmoid. */
  @Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)
  abstract static class Tiny {
    @Layer(units = 3, activation = Activation.RELU)
    Dense hidden;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }

  /** 2-16-16-1, relu, relu, sigmoid. */
  @Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)
  abstract static class Small {
    @Layer(units = 16, activation = Activation.RELU)
    Dense first;

    @Layer(units = 16, activation = Activation.RELU)
    Dense second;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }

  /** 784-128-64-10, relu, relu, sigmoid: an MNIST-sized classifier. */
  @Network(inputs = 784, loss = Loss.BINARY_CROSS_ENTROPY)
  abstract static class Medium {
    @Layer(units = 128, activation = Activation.RELU)
    Dense first;

    @Layer(units = 64, activation = Activation.RELU)
    Dense second;

    @Layer(units = 10, activation = Activation.SIGMOID)
    Dense output;
  }

  /** 1024-1024-1024-1, tanh, tanh, sigmoid: where matrix products dominate. */
  @Network(inputs = 1024, loss = Loss.BINARY_CROSS_ENTROPY)
  abstract static class Wide {
    @Layer(units = 1024, activation = Activation.TANH)
    Dense first;

    @Layer(units = 1024, activation = Activation.TANH)
    Dense second;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }

  /** The lab's network on the runtime kernel, to compare with its scalar form. */
  @Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY, unrolling = Unrolling.KERNEL)
  abstract static class TinyKernel {
    @Layer(units = 3, activation = Activation.RELU)
    Dense hidden;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }

  /** SMALL on the runtime kernel, to compare with its scalar form. */
  @Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY, unrolling = Unrolling.KERNEL)
  abstract static class SmallKernel {
    @Layer(units = 16, activation = Activation.RELU)
    Dense first;

    @Layer(units = 16, activation = Activation.RELU)
    Dense second;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }

  /** 64 inputs, two tanh layers of 16, one sigmoid output. */
  @Network(inputs = 64, loss = Loss.BINARY_CROSS_ENTROPY)
  abstract static class Width16 {
    @Layer(units = 16, activation = Activation.TANH)
    Dense first;

    @Layer(units = 16, activation = Activation.TANH)
    Dense second;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }

  /** 64 inputs, two tanh layers of 32, one sigmoid output. */
  @Network(inputs = 64, loss = Loss.BINARY_CROSS_ENTROPY)
  abstract static class Width32 {
    @Layer(units = 32, activation = Activation.TANH)
    Dense first;

    @Layer(units = 32, activation = Activation.TANH)
    Dense second;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }

  /** 64 inputs, two tanh layers of 64, one sigmoid output. */
  @Network(inputs = 64, loss = Loss.BINARY_CROSS_ENTROPY)
  abstract static class Width64 {
    @Layer(units = 64, activation = Activation.TANH)
    Dense first;

    @Layer(units = 64, activation = Activation.TANH)
    Dense second;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }

  /** 64 inputs, two tanh layers of 128, one sigmoid output. */
  @Network(inputs = 64, loss = Loss.BINARY_CROSS_ENTROPY)
  abstract static class Width128 {
    @Layer(units = 128, activation = Activation.TANH)
    Dense first;

    @Layer(units = 128, activation = Activation.TANH)
    Dense second;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }

  /** 64 inputs, two tanh layers of 256, one sigmoid output. */
  @Network(inputs = 64, loss = Loss.BINARY_CROSS_ENTROPY)
  abstract static class Width256 {
    @Layer(units = 256, activation = Activation.TANH)
    Dense first;

    @Layer(units = 256, activation = Activation.TANH)
    Dense second;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }

  /** 64 inputs, two tanh layers of 512, one sigmoid output. */
  @Network(inputs = 64, loss = Loss.BINARY_CROSS_ENTROPY)
  abstract static class Width512 {
    @Layer(units = 512, activation = Activation.TANH)
    Dense first;

    @Layer(units = 512, activation = Activation.TANH)
    Dense second;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }

  /** 64 inputs, two tanh layers of 1024, one sigmoid output. */
  @Network(inputs = 64, loss = Loss.BINARY_CROSS_ENTROPY)
  abstract static class Width1024 {
    @Layer(units = 1024, activation = Activation.TANH)
    Dense first;

    @Layer(units = 1024, activation = Activation.TANH)
    Dense second;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }
}
