package dev.unroll.processor;

import java.util.Locale;

/**
 * Every diagnostic the processor can report, in one place. Each has a stable id, printed in
 * brackets at the start of the message ({@code [unroll:layer-units]}), so that tests and users can
 * refer to it whatever the wording becomes.
 */
enum Problem {
  NETWORK_KIND(
      "network-kind",
      "@Network goes on a class, but %s is %s. Declare the network as a class with one @Layer"
          + " field per layer."),
  NETWORK_INNER(
      "network-inner",
      "@Network class %s is an inner class; the generated class could not create it on its"
          + " own. Make it a top-level class or a static nested class."),
  NETWORK_INNER_OUTER(
      "network-inner",
      "@Network class %s is inside %s, an inner class; the generated class could not create it"
          + " on its own. Make %s static."),
  NETWORK_LOCAL(
      "network-local",
      "@Network class %s is local or anonymous; generated code cannot refer to it. Move it to"
          + " the top level of its file."),
  NETWORK_PRIVATE(
      "network-private",
      "@Network class %s is private; the generated class in package %s cannot see it. Make it"
          + " package-private or public."),
  NETWORK_PRIVATE_OUTER(
      "network-private",
      "@Network class %s is inside private class %s; the generated class in package %s cannot"
          + " see it. Make %s package-private or public."),
  NETWORK_NAME_TAKEN_TWICE(
      "network-name-taken",
      "the generated class would be named %s, but %s, declared earlier, generates a class of"
          + " that name too. Rename one of the two."),
  NETWORK_NAME_TAKEN(
      "network-name-taken",
      "the generated class would be named %s, but a type of that name already exists. Rename"
          + " %s or the existing type."),
  NETWORK_NO_LAYERS(
      "network-no-layers",
      "@Network class %s declares no layers. Add one field per dense layer, for example"
          + " @Layer(units = 1, activation = Activation.SIGMOID) Dense output;"),
  NETWORK_INPUTS(
      "network-inputs",
      "inputs = %d, but a network needs at least 1 input feature. Set inputs to the number of"
          + " rows of X."),
  NETWORK_TOO_LARGE(
      "network-too-large",
      "this network has %,d parameters, more than one Java array can hold (%,d); layer %s"
          + " passes the limit. Use fewer or smaller layers."),
  LOSS_OUTPUT(
      "loss-output",
      "BINARY_CROSS_ENTROPY takes the logarithm of the outputs, so they must lie in (0, 1), but"
          + " output layer %s uses %s, whose outputs range over %s. Use activation ="
          + " Activation.SIGMOID on the output layer, or loss = Loss.MEAN_SQUARED_ERROR."),
  LOSS_SOFTMAX(
      "loss-softmax",
      "output layer %s uses SOFTMAX, which Unroll pairs only with CATEGORICAL_CROSS_ENTROPY (the"
          + " two derivatives combine into dZ = A - Y), but loss = %s. Use loss ="
          + " Loss.CATEGORICAL_CROSS_ENTROPY, or Activation.SIGMOID for one output with"
          + " BINARY_CROSS_ENTROPY."),
  LOSS_CATEGORICAL(
      "loss-categorical",
      "CATEGORICAL_CROSS_ENTROPY needs each column of outputs to be a probability distribution"
          + " over the classes, but output layer %s uses %s. Use activation ="
          + " Activation.SOFTMAX on the output layer."),
  SOFTMAX_HIDDEN(
      "softmax-hidden",
      "layer %s uses SOFTMAX, which Unroll supports only on the output layer (its gradient is"
          + " computed together with the loss). Use RELU, TANH or SIGMOID for hidden layers."),
  SOFTMAX_ONE_UNIT(
      "softmax-one-unit",
      "output layer %s has 1 unit with SOFTMAX, whose output is then always 1 and learns"
          + " nothing. Give it one unit per class (2 or more), or use 1 unit with"
          + " Activation.SIGMOID and Loss.BINARY_CROSS_ENTROPY."),
  STACKED_SIGMOID(
      "stacked-sigmoid",
      "hidden layers %s and %s are stacked SIGMOID layers. Sigmoid's slope is at most 1/4, so"
          + " each such layer shrinks the gradient at least fourfold and the first layers"
          + " barely learn (vanishing gradients). Prefer RELU or TANH for hidden layers. To keep"
          + " this design, put @SuppressWarnings(\"unroll:%s\") on the class, or pass"
          + " -Aunroll.suppress=%s to javac."),
  SCALAR_TOO_LARGE(
      "scalar-too-large",
      "unrolling = SCALAR, but layer %s has %,d weights and a fan-in of %d; scalar code takes"
          + " at most %,d weights and a fan-in of %d, so that every method stays small enough"
          + " for the JIT. Use Unrolling.AUTO, which keeps large layers on the runtime kernel."),
  LAYER_UNITS(
      "layer-units",
      "units = %d, but layer %s needs at least 1 unit. Set units to the layer's width."),
  LAYER_MODIFIER(
      "layer-modifier",
      "@Layer field %s is %s; a layer must be a non-private instance field that is not final."
          + " Remove the %s modifier."),
  LAYER_TYPE("layer-type", "@Layer field %s has type %s; declare it as dev.unroll.runtime.Dense."),
  LAYER_OUTSIDE_NETWORK(
      "layer-outside-network",
      "@Layer field %s is in %s, which has no @Network annotation. Add @Network(inputs = ...,"
          + " loss = ...) to the class."),
  LAYER_NAME_RESERVED(
      "layer-name-reserved",
      "layer %s would get an accessor %s(), which the generated class already has (from %s)."
          + " Rename the field."),
  OPTION_SCALAR_LIMIT(
      "option-scalar-limit",
      "-Aunroll.scalarLimit=%s is not a number of weights from 0 to %d; using the default."),
  WRITE_FAILED(
      "write-failed",
      "could not write %s.java: %s. Check that the generated-sources folder is writable."),
  UNEXPECTED(
      "internal",
      "Unroll could not process %s because of an unexpected %s. This is a bug in Unroll;"
          + " please report it with this message.%n%s");

  private final String id;
  private final String template;

  Problem(String id, String template) {
    this.id = id;
    this.template = template;
  }

  /** The stable id, such as {@code layer-units}. */
  String id() {
    return id;
  }

  /** The full message: the bracketed id, then the template filled with {@code args}. */
  String format(Object... args) {
    return "[unroll:" + id + "] " + String.format(Locale.ROOT, template, args);
  }
}
