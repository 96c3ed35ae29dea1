package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Protects {@link Shapes}, the checks behind every error a user sees for a badly shaped batch or
 * parameter vector: each message names the argument, the expected shape and the actual one, and
 * hints at a transposed input.
 */
class ShapesTest {

  @Test
  void requireInputsAcceptsFeaturesInRowsAndAtLeastOneExample() {
    assertDoesNotThrow(() -> Shapes.requireInputs(Matrix.zeros(2, 1), 2));
    assertDoesNotThrow(() -> Shapes.requireInputs(Matrix.zeros(2, 50), 2));
  }

  @Test
  void requireInputsNamesTheExpectedAndTheActualShape() {
    String message = messageOf(() -> Shapes.requireInputs(Matrix.zeros(3, 4), 2));
    assertTrue(message.contains("x must be 2 x m"), message);
    assertTrue(message.contains("3 x 4"), message);
    assertFalse(message.contains("transpose"), message);
  }

  @Test
  void requireInputsHintsAtTheTransposeWhenExamplesAreInRows() {
    // 4 examples of 2 features passed as 4 x 2 instead of 2 x 4.
    String message = messageOf(() -> Shapes.requireInputs(Matrix.zeros(4, 2), 2));
    assertTrue(message.contains("x must be 2 x m"), message);
    assertTrue(message.contains("4 x 2"), message);
    assertTrue(message.contains("transpose"), message);

    // One example of 3 features as a row.
    String row = messageOf(() -> Shapes.requireInputs(Matrix.row(1, 2, 3), 3));
    assertTrue(row.contains("1 x 3") && row.contains("transpose"), row);
  }

  @Test
  void requireInputsRejectsAnEmptyBatchAndNull() {
    String message = messageOf(() -> Shapes.requireInputs(Matrix.zeros(2, 0), 2));
    assertTrue(message.contains("2 x 0"), message);
    assertTrue(messageOf(() -> Shapes.requireInputs(null, 2)).contains("x must not be null"));
  }

  @Test
  void requireLabelsNamesTheExpectedAndTheActualShape() {
    assertDoesNotThrow(() -> Shapes.requireLabels(Matrix.zeros(1, 4), 1, 4));

    String message = messageOf(() -> Shapes.requireLabels(Matrix.zeros(4, 1), 1, 4));
    assertTrue(message.contains("y must be 1 x 4"), message);
    assertTrue(message.contains("4 x 1"), message);

    String columns = messageOf(() -> Shapes.requireLabels(Matrix.zeros(1, 3), 1, 4));
    assertTrue(columns.contains("1 x 4") && columns.contains("1 x 3"), columns);
    assertTrue(messageOf(() -> Shapes.requireLabels(null, 1, 4)).contains("y must not be null"));
  }

  @Test
  void requireSameNamesTheArgument() {
    assertDoesNotThrow(() -> Shapes.requireSame("W", Matrix.zeros(3, 2), 3, 2));
    String message = messageOf(() -> Shapes.requireSame("W", Matrix.zeros(2, 3), 3, 2));
    assertTrue(message.startsWith("W must be 3 x 2"), message);
    assertTrue(message.contains("2 x 3"), message);
  }

  @Test
  void requireParametersStatesBothLengths() {
    assertDoesNotThrow(() -> Shapes.requireParameters(new double[13], 13));
    String message = messageOf(() -> Shapes.requireParameters(new double[12], 13));
    assertTrue(message.contains("13") && message.contains("12"), message);
    assertTrue(messageOf(() -> Shapes.requireParameters(null, 13)).contains("null"));
  }

  @Test
  void requireParametersRejectsNonFiniteValuesNamingTheIndex() {
    for (double bad :
        new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      double[] values = new double[13];
      values[7] = bad;
      String message = messageOf(() -> Shapes.requireParameters(values, 13));
      assertTrue(message.contains("parameter 7"), message);
      assertTrue(message.contains(String.valueOf(bad)), message);
    }
  }

  @Test
  void requireDistinctAllowsNeighboursAndRejectsOverlap() {
    double[] data = new double[8];
    Matrix left = Matrix.view(data, 0, 2, 2); // 0..3
    Matrix right = Matrix.view(data, 4, 2, 2); // 4..7
    Matrix middle = Matrix.view(data, 3, 1, 2); // 3..4

    assertDoesNotThrow(() -> Shapes.requireDistinct("C", right, "A", left));
    assertDoesNotThrow(() -> Shapes.requireDistinct("C", Matrix.zeros(2, 2), "A", left));
    assertTrue(
        messageOf(() -> Shapes.requireDistinct("C", middle, "A", left))
            .contains("C shares storage with A"));
    assertThrows(
        IllegalArgumentException.class, () -> Shapes.requireDistinct("C", middle, "B", right));
  }

  private static String messageOf(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }
}
