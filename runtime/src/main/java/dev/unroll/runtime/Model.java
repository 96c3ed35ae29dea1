package dev.unroll.runtime;

/**
 * A network that Unroll generated: forward pass, cost, backpropagation and gradient check.
 *
 * <p>Every batch is a matrix with one column per example: X is inputs x m, Y and the output are
 * outputs x m. Parameters are flattened layer by layer, input side first, each layer's weights W
 * row by row and then its bias b (see {@link Architecture}).
 *
 * <p>A model is not thread-safe: calls that perturb or replace parameters ({@link #gradcheck},
 * {@link #setParameters}) must not overlap with other calls.
 */
public interface Model {
  /** Input features: the rows X must have. */
  int inputSize();

  /** Outputs: the rows of the output and of Y. */
  int outputSize();

  /** Total number of weights and biases. */
  int parameterCount();

  /** A copy of every weight and bias, flattened layer by layer (W row-major, then b). */
  double[] parameters();

  /**
   * Replaces every weight and bias, in the order of {@link #parameters()}.
   *
   * @throws IllegalArgumentException if {@code values} has the wrong length (the message states
   *     both lengths) or holds a NaN or infinite value
   */
  void setParameters(double[] values);

  /**
   * The network's output A_L for a batch.
   *
   * @param x inputs x m, one column per example
   * @return outputs x m
   * @throws IllegalArgumentException if x does not have {@link #inputSize()} rows
   */
  Matrix forward(Matrix x);

  /**
   * The cost J of a batch under the network's loss.
   *
   * @throws IllegalArgumentException if x or y has the wrong shape
   */
  double cost(Matrix x, Matrix y);

  /**
   * One forward and one backward pass: the cost, the output and ∂J/∂W, ∂J/∂b of every layer.
   *
   * @throws IllegalArgumentException if x or y has the wrong shape
   */
  Gradients backward(Matrix x, Matrix y);

  /**
   * Backpropagation without allocating: writes ∂J/∂θ into {@code gradient} in the order of {@link
   * #parameters()} and returns the cost. With the same batch size as the previous call, every
   * buffer is reused, which is what a training loop wants.
   *
   * @throws IllegalArgumentException if x or y has the wrong shape, or gradient the wrong length
   */
  double backward(Matrix x, Matrix y, double[] gradient);

  /**
   * Compares {@link #backward} with central differences of {@link #cost} for every parameter, with
   * ε = 1e-7. Each parameter is perturbed in place and restored exactly.
   */
  default GradCheck gradcheck(Matrix x, Matrix y) {
    return gradcheck(x, y, GradCheck.options());
  }

  /**
   * Like {@link #gradcheck(Matrix, Matrix)}, with a chosen step and a seeded sample of parameters
   * (the lab checks 20).
   *
   * @param samples how many parameters to check; {@link GradCheck#ALL} checks every one
   */
  default GradCheck gradcheck(Matrix x, Matrix y, double epsilon, int samples, long seed) {
    return gradcheck(x, y, GradCheck.options().epsilon(epsilon).sample(samples, seed));
  }

  /**
   * The gradient check with every option: step, tolerances, which parameters, stop at the first
   * failure, or a single random direction. Parameters are perturbed in place and restored exactly,
   * even when the check throws.
   */
  GradCheck gradcheck(Matrix x, Matrix y, GradCheck.Options options);

  /** Layers, shapes and loss as data. */
  Architecture architecture();

  /**
   * The class the network predicts for each example (column) of x: for one output unit, 1 where the
   * output is at least 0.5 and 0 elsewhere (a sigmoid's probability of class 1); for several, the
   * index of the largest output (a softmax's most probable class). {@link #forward} gives the
   * probabilities themselves.
   *
   * @throws IllegalArgumentException if x does not have {@link #inputSize()} rows
   */
  default int[] predict(Matrix x) {
    return Matrix.classes(forward(x));
  }

  /**
   * The fraction of examples whose predicted class ({@link #predict}) is their label's class: y
   * holds 0/1 labels for one output unit, one-hot columns for several.
   *
   * @throws IllegalArgumentException if x or y has the wrong shape
   */
  default double accuracy(Matrix x, Matrix y) {
    Shapes.requireLabels(y, outputSize(), x.cols());
    int[] predicted = predict(x);
    int[] labels = Matrix.classes(y);
    int correct = 0;
    for (int j = 0; j < labels.length; j++) {
      if (predicted[j] == labels[j]) {
        correct++;
      }
    }
    return labels.length == 0 ? Double.NaN : (double) correct / labels.length;
  }

  /** A table of the layers, their shapes and parameter counts. */
  default String summary() {
    return architecture().summary();
  }
}
