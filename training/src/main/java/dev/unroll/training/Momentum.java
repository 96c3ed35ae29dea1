package dev.unroll.training;

/** v ← β v + ∂J/∂θ, θ ← θ - α v. See {@link Optimizer#momentum(double, double)}. */
final class Momentum implements Optimizer {
  static final double DEFAULT_BETA = 0.9;

  private final double learningRate;
  private final double beta;
  private double[] velocity;

  Momentum(double learningRate, double beta) {
    this.learningRate = Hyper.positive("learning rate", learningRate);
    this.beta = Hyper.fraction("momentum β", beta);
  }

  @Override
  public void step(double[] parameters, double[] gradient) {
    Hyper.sameLength(parameters, gradient, velocity == null ? parameters.length : velocity.length);
    if (velocity == null) {
      velocity = new double[parameters.length];
    }
    for (int i = 0; i < parameters.length; i++) {
      velocity[i] = beta * velocity[i] + gradient[i];
      parameters[i] -= learningRate * velocity[i];
    }
  }

  @Override
  public void reset() {
    velocity = null;
  }

  @Override
  public double learningRate() {
    return learningRate;
  }

  @Override
  public String toString() {
    return "momentum (α = " + learningRate + ", β = " + beta + ")";
  }
}
