package dev.unroll.training;

/** θ ← θ - α ∂J/∂θ. See {@link Optimizer#gradientDescent(double)}. */
final class GradientDescent implements Optimizer {
  private final double learningRate;

  GradientDescent(double learningRate) {
    this.learningRate = Hyper.positive("learning rate", learningRate);
  }

  @Override
  public void step(double[] parameters, double[] gradient) {
    Hyper.sameLength(parameters, gradient, parameters.length);
    for (int i = 0; i < parameters.length; i++) {
      parameters[i] -= learningRate * gradient[i];
    }
  }

  @Override
  public void reset() {}

  @Override
  public double learningRate() {
    return learningRate;
  }

  @Override
  public String toString() {
    return "gradient descent (α = " + learningRate + ")";
  }
}
