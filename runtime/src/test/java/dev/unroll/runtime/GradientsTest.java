package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Protects {@link Gradients}: dW and db, by layer name and by the lab's 1-based layer number, are
 * the right slices of the flat gradient; everything handed out is a copy; and the length check,
 * norm, equality and text form behave.
 */
class GradientsTest {
  private final Architecture lab = LabNetwork.architecture();

  /** Entry i of the gradient holds i, so every slice shows where it came from. */
  private Gradients indexed() {
    double[] flat = new double[13];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = i;
    }
    return Gradients.of(lab, 0.25, Matrix.row(0.1, 0.9), flat);
  }

  @Test
  void dwAndDbByNameAreTheLayersSlicesOfTheFlatGradient() {
    Gradients g = indexed();
    // W1 = entries 0..5 as 3 x 2, b1 = 6..8, W2 = 9..11 as 1 x 3, b2 = 12.
    assertEquals(Matrix.of(new double[][] {{0, 1}, {2, 3}, {4, 5}}), g.dW("hidden"));
    assertEquals(Matrix.column(6, 7, 8), g.db("hidden"));
    assertEquals(Matrix.row(9, 10, 11), g.dW("output"));
    assertEquals(Matrix.column(12), g.db("output"));
  }

  @Test
  void dwAndDbByOneBasedIndexMatchTheNamedLayers() {
    Gradients g = indexed();
    assertEquals(g.dW("hidden"), g.dW(1));
    assertEquals(g.db("hidden"), g.db(1));
    assertEquals(g.dW("output"), g.dW(2));
    assertEquals(g.db("output"), g.db(2));
  }

  @Test
  void layerIndicesOutsideOneToLayerCountAreRejected() {
    Gradients g = indexed();
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> g.dW(0));
    assertTrue(e.getMessage().contains("1..2"), e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> g.db(3));
    assertThrows(IllegalArgumentException.class, () -> g.dW("input"));
  }

  @Test
  void everyAccessorReturnsAnIndependentCopy() {
    Gradients g = indexed();

    g.dW("hidden").set(0, 0, 100);
    g.db(1).set(0, 0, 100);
    g.toArray()[12] = 100;
    g.output().set(0, 0, 100);

    assertEquals(0, g.dW("hidden").get(0, 0));
    assertEquals(6, g.db(1).get(0, 0));
    assertEquals(12, g.toArray()[12]);
    assertEquals(Matrix.row(0.1, 0.9), g.output());
    assertEquals(indexed(), g);
  }

  @Test
  void costOutputAndToArrayReturnWhatWasGiven() {
    Gradients g = indexed();
    assertEquals(0.25, g.cost());
    assertEquals(Matrix.row(0.1, 0.9), g.output());
    double[] expected = new double[13];
    for (int i = 0; i < 13; i++) {
      expected[i] = i;
    }
    assertArrayEquals(expected, g.toArray(), 0.0);
    assertSame(lab, g.architecture());
  }

  @Test
  void ofRejectsAGradientOfTheWrongLength() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Gradients.of(lab, 0, Matrix.row(0), new double[12]));
    assertTrue(e.getMessage().contains("13") && e.getMessage().contains("12"), e.getMessage());
  }

  @Test
  void normIsTheEuclideanNormOfTheWholeGradient() {
    // 0² + 1² + ... + 12² = 12 · 13 · 25 / 6 = 650.
    assertEquals(Math.sqrt(650), indexed().norm(), 1e-12);
  }

  @Test
  void equalsComparesCostOutputAndGradient() {
    Gradients g = indexed();
    assertEquals(indexed(), g);
    assertEquals(indexed().hashCode(), g.hashCode());

    double[] other = g.toArray();
    other[5] = -1;
    assertNotEquals(g, Gradients.of(lab, 0.25, Matrix.row(0.1, 0.9), other));
    assertNotEquals(g, Gradients.of(lab, 0.5, Matrix.row(0.1, 0.9), g.toArray()));
    assertNotEquals(g, Gradients.of(lab, 0.25, Matrix.row(0.2, 0.9), g.toArray()));
  }

  @Test
  void toStringListsTheCostAndEveryLayersGradients() {
    String text = indexed().toString();
    assertTrue(text.startsWith("cost 0.25"), text);
    assertTrue(text.contains("dW1 (hidden)"), text);
    assertTrue(text.contains("db1 (hidden)"), text);
    assertTrue(text.contains("dW2 (output)"), text);
    assertTrue(text.contains("db2 (output)"), text);
  }
}
