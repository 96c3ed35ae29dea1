package dev.unroll.training;

/**
 * A rule that moves the parameters θ against the gradient ∂J/∂θ, one step per mini-batch.
 *
 * <p>Optimizers work on the model's flat parameter vector (every W row by row, then b, layer by
 * layer), so one implementation serves every generated model. Each keeps whatever state it needs
 * (velocities, moment estimates) in arrays allocated at its first step and reused after, so a
 * training loop allocates nothing per step. An optimizer belongs to one training run: call {@link
 * #reset()} before reusing it for another.
 */
public interface Optimizer {
  /**
   * Updates {@code parameters} in place from {@code gradient}, both laid out like {@code
   * Model.parameters()}.
   *
   * @throws IllegalArgumentException if the two arrays differ in length, or differ from the length
   *     of the previous step
   */
  void step(double[] parameters, double[] gradient);

  /** Forgets the state built up by previous steps (velocities, moments, step count). */
  void reset();

  /** The learning rate α, which a diverging run should lower first. */
  double learningRate();

  /** Plain gradient descent, θ ← θ - α ∂J/∂θ. */
  static Optimizer gradientDescent(double learningRate) {
    return new GradientDescent(learningRate);
  }

  /**
   * Gradient descent with momentum β = 0.9: v ← β v + ∂J/∂θ, θ ← θ - α v.
   *
   * @see #momentum(double, double)
   */
  static Optimizer momentum(double learningRate) {
    return new Momentum(learningRate, Momentum.DEFAULT_BETA);
  }

  /** Gradient descent with momentum: v ← β v + ∂J/∂θ, θ ← θ - α v. */
  static Optimizer momentum(double learningRate, double beta) {
    return new Momentum(learningRate, beta);
  }

  /**
   * Adam with the usual β₁ = 0.9, β₂ = 0.999, ε = 1e-8; a learning rate of 0.001 to 0.01 suits most
   * small networks.
   */
  static Optimizer adam(double learningRate) {
    return new Adam(learningRate, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPSILON);
  }

  /**
   * Adam (Kingma and Ba, 2015): bias-corrected moving averages of the gradient and of its square, m
   * ← β₁ m + (1 - β₁) g, v ← β₂ v + (1 - β₂) g², θ ← θ - α m̂ / (√v̂ + ε), with m̂ = m / (1 - β₁ᵗ)
   * and v̂ = v / (1 - β₂ᵗ).
   */
  static Optimizer adam(double learningRate, double beta1, double beta2, double epsilon) {
    return new Adam(learningRate, beta1, beta2, epsilon);
  }
}
