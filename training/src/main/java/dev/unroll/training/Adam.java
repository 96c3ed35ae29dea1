package dev.unroll.training;

/** Adam with bias correction. See {@link Optimizer#adam(double, double, double, double)}. */
final class Adam implements Optimizer {
  static final double DEFAULT_BETA1 = 0.9;
  static final double DEFAULT_BETA2 = 0.999;
  static final double DEFAULT_EPSILON = 1e-8;

  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private double[] first;
  private double[] second;
  private double beta1Power = 1;
  private double beta2Power = 1;

  Adam(double learningRate, double beta1, double beta2, double epsilon) {
    this.learningRate = Hyper.positive("learning rate", learningRate);
    this.beta1 = Hyper.fraction("β₁", beta1);
    this.beta2 = Hyper.fraction("β₂", beta2);
    this.epsilon = Hyper.positive("ε", epsilon);
  }

  @Override
  public void step(double[] parameters, double[] gradient) {
    Hyper.sameLength(parameters, gradient, first == null ? parameters.length : first.length);
    if (first == null) {
      first = new double[parameters.length];
      second = new double[parameters.length];
    }
    beta1Power *= beta1;
    beta2Power *= beta2;
    double correction1 = 1 - beta1Power;
    double correction2 = 1 - beta2Power;
    for (int i = 0; i < parameters.length; i++) {
      double g = gradient[i];
      first[i] = beta1 * first[i] + (1 - beta1) * g;
      second[i] = beta2 * second[i] + (1 - beta2) * g * g;
      double mHat = first[i] / correction1;
      double vHat = second[i] / correction2;
      parameters[i] -= learningRate * mHat / (Math.sqrt(vHat) + epsilon);
    }
  }

  @Override
  public void reset() {
    first = null;
    second = null;
    beta1Power = 1;
    beta2Power = 1;
  }

  @Override
  public double learningRate() {
    return learningRate;
  }

  @Override
  public String toString() {
    return "Adam (α = "
        + learningRate
        + ", β₁ = "
        + beta1
        + ", β₂ = "
        + beta2
        + ", ε = "
        + epsilon
        + ")";
  }
}
