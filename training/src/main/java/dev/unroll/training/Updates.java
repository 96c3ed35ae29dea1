package dev.unroll.training;

import dev.unroll.runtime.Architecture;

/**
 * The steps every trainer takes around the optimizer, shared so that the single-machine {@link
 * Trainer} and others (such as the Spark module's) treat weight decay and divergence alike.
 */
public final class Updates {
  private Updates() {}

  /**
   * Adds λ · W to the gradient of every weight (not of the biases): the gradient of λ/2 ‖W‖².
   *
   * @param parameters the current parameters, laid out as {@code architecture} says
   * @param gradient the gradient to add to, laid out the same way
   */
  public static void addWeightDecay(
      Architecture architecture, double lambda, double[] parameters, double[] gradient) {
    if (lambda == 0) {
      return;
    }
    for (Architecture.LayerSpec layer : architecture.layers()) {
      for (int i = layer.weightsOffset(), end = layer.biasOffset(); i < end; i++) {
        gradient[i] += lambda * parameters[i];
      }
    }
  }

  /**
   * What to change when training diverges, naming the optimizer and its current learning rate: "The
   * step is too large for these inputs: lower the learning rate (now 0.5, Adam (...)), or
   * standardise the features."
   */
  public static String divergenceAdvice(Optimizer optimizer) {
    return "The step is too large for these inputs: lower the learning rate (now "
        + optimizer.learningRate()
        + ", "
        + optimizer
        + "), or standardise the features.";
  }

  /**
   * Describes the first NaN or infinite parameter, such as {@code "parameter output.weights[0][1]
   * of layer 2 (output) became Infinity"}, or returns null if all are finite.
   */
  public static String firstNonFinite(Architecture architecture, double[] parameters) {
    for (int i = 0; i < parameters.length; i++) {
      if (!Double.isFinite(parameters[i])) {
        Architecture.LayerSpec layer = architecture.layerOf(i);
        return "parameter "
            + architecture.parameterName(i)
            + " of layer "
            + (architecture.layers().indexOf(layer) + 1)
            + " ("
            + layer.name()
            + ") became "
            + parameters[i];
      }
    }
    return null;
  }
}
