package dev.unroll.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each optimizer's first steps against the same steps worked out by hand from its formulas. */
class OptimizerTest {
  private static final double EXACT = 1e-15;

  @Test
  void gradientDescentSubtractsTheScaledGradient() {
    double[] theta = {1.0, -2.0, 0.5};
    Optimizer.gradientDescent(0.1).step(theta, new double[] {0.5, -1.0, 0.0});
    // 1 - 0.1 * 0.5, -2 - 0.1 * (-1), 0.5 - 0
    assertArrayEquals(new double[] {0.95, -1.9, 0.5}, theta, EXACT);
  }

  @Test
  void momentumAccumulatesAVelocity() {
    double[] theta = {1.0, 2.0};
    Optimizer momentum = Optimizer.momentum(0.1, 0.5);
    momentum.step(theta, new double[] {1.0, -2.0});
    // v = (1, -2); θ = (1 - 0.1, 2 + 0.2)
    assertArrayEquals(new double[] {0.9, 2.2}, theta, EXACT);
    momentum.step(theta, new double[] {1.0, 0.0});
    // v = 0.5 * (1, -2) + (1, 0) = (1.5, -1); θ = (0.9 - 0.15, 2.2 + 0.1)
    assertArrayEquals(new double[] {0.75, 2.3}, theta, EXACT);

    momentum.reset();
    momentum.step(theta, new double[] {1.0, 0.0});
    // the velocity starts again from zero: v = (1, 0)
    assertArrayEquals(new double[] {0.65, 2.3}, theta, EXACT);
  }

  @Test
  void adamCorrectsTheBiasOfItsMoments() {
    double alpha = 0.01;
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-8;
    double[] theta = {0.5};
    Optimizer adam = Optimizer.adam(alpha, b1, b2, eps);

    // Step 1, g = 2: m = 0.2, v = 0.004; m̂ = 2, v̂ = 4; step α · 2 / (2 + ε).
    adam.step(theta, new double[] {2.0});
    double expected = 0.5 - alpha * 2.0 / (2.0 + eps);
    assertEquals(expected, theta[0], EXACT);

    // Step 2, g = -1: m = 0.9 · 0.2 - 0.1 = 0.08, v = 0.999 · 0.004 + 0.001 = 0.004996;
    // m̂ = 0.08 / 0.19, v̂ = 0.004996 / 0.001999.
    adam.step(theta, new double[] {-1.0});
    double mHat = 0.08 / (1 - b1 * b1);
    double vHat = 0.004996 / (1 - b2 * b2);
    expected -= alpha * mHat / (Math.sqrt(vHat) + eps);
    assertEquals(expected, theta[0], 1e-14);
  }

  @Test
  void adamsDefaultsAreTheUsualOnes() {
    String description = Optimizer.adam(0.001).toString();
    assertTrue(description.contains("β₁ = 0.9"), description);
    assertTrue(description.contains("β₂ = 0.999"), description);
    assertTrue(description.contains("ε = 1.0E-8"), description);
  }

  @Test
  void badHyperParametersAndLengthsAreRefusedWithTheValue() {
    IllegalArgumentException rate =
        assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(-0.1));
    assertTrue(rate.getMessage().contains("-0.1"), rate.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Optimizer.momentum(0.1, 1.0));
    assertThrows(IllegalArgumentException.class, () -> Optimizer.gradientDescent(Double.NaN));

    Optimizer adam = Optimizer.adam(0.1);
    adam.step(new double[3], new double[3]);
    IllegalArgumentException length =
        assertThrows(IllegalArgumentException.class, () -> adam.step(new double[4], new double[4]));
    assertTrue(length.getMessage().contains("expected 3"), length.getMessage());
  }
}
