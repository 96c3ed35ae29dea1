package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Protects {@link Dense}: its weights and bias are live views of the right slices of the model's
 * flat parameter vector, so reads see parameter changes and writes change the model, and its
 * description repeats the layer's spec.
 */
class DenseTest {
  private final Architecture lab = LabNetwork.architecture();

  /** Entry i of the parameters holds i, so every view shows where it reads from. */
  private static double[] indexedParameters() {
    double[] parameters = new double[13];
    for (int i = 0; i < parameters.length; i++) {
      parameters[i] = i;
    }
    return parameters;
  }

  @Test
  void weightsAndBiasAreTheLayersSlicesOfTheParameters() {
    double[] parameters = indexedParameters();
    Dense hidden = new Dense(lab.layer("hidden"), parameters);
    Dense output = new Dense(lab.layer("output"), parameters);

    // W1 = entries 0..5 as 3 x 2, b1 = 6..8, W2 = 9..11 as 1 x 3, b2 = 12.
    assertEquals(Matrix.of(new double[][] {{0, 1}, {2, 3}, {4, 5}}), hidden.weights());
    assertEquals(Matrix.column(6, 7, 8), hidden.bias());
    assertEquals(Matrix.row(9, 10, 11), output.weights());
    assertEquals(Matrix.column(12), output.bias());
  }

  @Test
  void writesThroughTheViewsChangeTheParameters() {
    double[] parameters = indexedParameters();
    Dense hidden = new Dense(lab.layer("hidden"), parameters);
    Dense output = new Dense(lab.layer("output"), parameters);

    hidden.weights().set(2, 1, -1); // W1 (2, 1) is entry 2 · 2 + 1 = 5
    hidden.bias().set(0, 0, -2); // b1 (0) is entry 6
    output.weights().set(0, 2, -3); // W2 (0, 2) is entry 9 + 2 = 11
    output.bias().fill(-4); // b2 is entry 12

    assertArrayEquals(new double[] {0, 1, 2, 3, 4, -1, -2, 7, 8, 9, 10, -3, -4}, parameters, 0.0);
  }

  @Test
  void viewsSeeLaterChangesToTheParameters() {
    double[] parameters = indexedParameters();
    Dense hidden = new Dense(lab.layer("hidden"), parameters);
    Matrix weights = hidden.weights();

    parameters[3] = 42; // W1 (1, 1)
    parameters[8] = 43; // b1 (2)

    assertEquals(42, weights.get(1, 1));
    assertEquals(43, hidden.bias().get(2, 0));
  }

  @Test
  void describesTheLayerItWasBuiltFrom() {
    Dense hidden = new Dense(lab.layer("hidden"), new double[13]);
    assertEquals("hidden", hidden.name());
    assertEquals(3, hidden.units());
    assertEquals(2, hidden.fanIn());
    assertEquals("relu", hidden.activation());
    assertEquals(9, hidden.parameterCount());
    assertEquals("3 x 2", hidden.weights().shape());
    assertEquals("3 x 1", hidden.bias().shape());
    assertEquals("Dense hidden: 2 -> 3, relu", hidden.toString());
  }

  @Test
  void rejectsAParameterVectorTooShortForTheLayer() {
    // output's bias sits at entry 12, so 12 entries are one too few.
    assertThrows(
        IllegalArgumentException.class, () -> new Dense(lab.layer("output"), new double[12]));
  }
}
