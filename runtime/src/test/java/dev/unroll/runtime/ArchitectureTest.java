package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Protects {@link Architecture}: the flat parameter layout (layer by layer, W row by row, then b)
 * that models, gradients and the gradient check all index by, the readable parameter names, the
 * builder's argument checks, and the summary table.
 */
class ArchitectureTest {

  @Test
  void labNetworkLaysOutW1B1W2B2InThirteenEntries() {
    Architecture lab = LabNetwork.architecture();
    Architecture.LayerSpec hidden = lab.layers().get(0);
    Architecture.LayerSpec output = lab.layers().get(1);

    // W1 is 3 x 2 (6 entries) at 0, b1 is 3 x 1 at 6, W2 is 1 x 3 at 9, b2 is 1 x 1 at 12.
    assertEquals(0, hidden.weightsOffset());
    assertEquals(6, hidden.biasOffset());
    assertEquals(9, hidden.parameterCount());
    assertEquals(9, output.weightsOffset());
    assertEquals(12, output.biasOffset());
    assertEquals(4, output.parameterCount());
    assertEquals(13, lab.parameterCount());
  }

  @Test
  void fourLayerNetworkChainsFanInsAndOffsets() {
    Architecture net =
        Architecture.builder("deep", 3, "mse")
            .dense("a", 5, "relu")
            .dense("b", 2, "tanh")
            .dense("c", 1, "sigmoid")
            .build();

    // a: W 5 x 3 at 0 (15), b at 15 (5) -> 20
    // b: W 2 x 5 at 20 (10), b at 30 (2) -> 32
    // c: W 1 x 2 at 32 (2), b at 34 (1) -> 35
    List<Architecture.LayerSpec> layers = net.layers();
    assertEquals(3, layers.size());
    assertLayer(layers.get(0), "a", 5, 3, 0, 15);
    assertLayer(layers.get(1), "b", 2, 5, 20, 30);
    assertLayer(layers.get(2), "c", 1, 2, 32, 34);
    assertEquals(35, net.parameterCount());
    assertEquals(3, net.inputs());
    assertEquals(1, net.outputs());
    assertEquals("deep", net.name());
    assertEquals("mse", net.loss());
    assertEquals("tanh", layers.get(1).activation());
  }

  @Test
  void parameterNameNamesEveryEntryOfTheLabNetwork() {
    Architecture lab = LabNetwork.architecture();
    // W1 row-major: index = 2 · row + col; W2 row-major: index = 9 + col.
    String[] expected = {
      "hidden.weights[0][0]",
      "hidden.weights[0][1]",
      "hidden.weights[1][0]",
      "hidden.weights[1][1]",
      "hidden.weights[2][0]",
      "hidden.weights[2][1]",
      "hidden.bias[0]",
      "hidden.bias[1]",
      "hidden.bias[2]",
      "output.weights[0][0]",
      "output.weights[0][1]",
      "output.weights[0][2]",
      "output.bias[0]",
    };
    assertEquals(lab.parameterCount(), expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], lab.parameterName(i), "index " + i);
    }
  }

  @Test
  void layerOfFindsTheOwnerAndRejectsIndicesOutsideTheVector() {
    Architecture lab = LabNetwork.architecture();
    assertEquals("hidden", lab.layerOf(0).name());
    assertEquals("hidden", lab.layerOf(8).name());
    assertEquals("output", lab.layerOf(9).name());
    assertEquals("output", lab.layerOf(12).name());

    IndexOutOfBoundsException e =
        assertThrows(IndexOutOfBoundsException.class, () -> lab.parameterName(13));
    assertTrue(e.getMessage().contains("0..12"), e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> lab.parameterName(-1));
  }

  @Test
  void layerFindsByNameAndAnUnknownNameListsTheLayers() {
    Architecture lab = LabNetwork.architecture();
    assertSame(lab.layers().get(1), lab.layer("output"));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> lab.layer("hiden"));
    assertTrue(e.getMessage().contains("'hiden'"), e.getMessage());
    assertTrue(
        e.getMessage().contains("hidden") && e.getMessage().contains("output"), e.getMessage());
  }

  @Test
  void builderRejectsFewerThanOneInputOrUnit() {
    IllegalArgumentException inputs =
        assertThrows(IllegalArgumentException.class, () -> Architecture.builder("n", 0, "mse"));
    assertTrue(inputs.getMessage().contains("0"), inputs.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Architecture.builder("n", -3, "mse"));

    Architecture.Builder builder = Architecture.builder("n", 2, "mse");
    IllegalArgumentException units =
        assertThrows(IllegalArgumentException.class, () -> builder.dense("empty", 0, "relu"));
    assertTrue(units.getMessage().contains("empty"), units.getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder.dense("negative", -1, "relu"));
  }

  @Test
  void builderRejectsAParameterCountBeyondOneArray() {
    // 50 000 x 50 000 weights alone are 2.5e9 > Integer.MAX_VALUE.
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Architecture.builder("huge", 50_000, "mse").dense("wide", 50_000, "relu"));
    assertTrue(e.getMessage().contains("wide"), e.getMessage());

    // Each layer fits alone (40 000 x 40 000 + 40 000 ≈ 1.6e9) but two together do not.
    Architecture.Builder builder =
        Architecture.builder("huge", 40_000, "mse").dense("first", 40_000, "relu");
    assertThrows(IllegalArgumentException.class, () -> builder.dense("second", 40_000, "relu"));
    // The rejected layer left the builder as it was: 40 000 · 40 000 + 40 000.
    assertEquals(1_600_040_000, builder.build().parameterCount());

    assertThrows(
        IllegalArgumentException.class,
        () ->
            Architecture.builder("huge", Integer.MAX_VALUE, "mse")
                .dense("max", Integer.MAX_VALUE, "relu"));
  }

  @Test
  void buildRequiresAtLeastOneLayer() {
    assertThrows(
        IllegalStateException.class, () -> Architecture.builder("empty", 2, "mse").build());
  }

  @Test
  void layersCannotBeChangedFromOutside() {
    Architecture lab = LabNetwork.architecture();
    Architecture.LayerSpec extra = new Architecture.LayerSpec("extra", 1, 1, "relu", 13);
    assertThrows(UnsupportedOperationException.class, () -> lab.layers().add(extra));
    assertEquals(13, lab.parameterCount());
  }

  @Test
  void summaryShowsEachLayerItsShapesAndTheTotal() {
    String summary = LabNetwork.architecture().summary();

    assertTrue(summary.contains("Lab"), summary);
    assertTrue(summary.contains("binary cross-entropy"), summary);
    assertTrue(summary.contains("hidden"), summary);
    assertTrue(summary.contains("output"), summary);
    assertTrue(summary.contains("3 x 2"), summary); // W1
    assertTrue(summary.contains("3 x 1"), summary); // b1
    assertTrue(summary.contains("1 x 3"), summary); // W2
    assertTrue(summary.contains("relu") && summary.contains("sigmoid"), summary);
    String[] lines = summary.split("\\R");
    String total = lines[lines.length - 1];
    assertTrue(total.contains("total") && total.trim().endsWith("13"), summary);
    assertEquals(summary, LabNetwork.architecture().toString());
  }

  private static void assertLayer(
      Architecture.LayerSpec layer,
      String name,
      int units,
      int fanIn,
      int weightsOffset,
      int biasOffset) {
    assertEquals(name, layer.name());
    assertEquals(units, layer.units(), name + " units");
    assertEquals(fanIn, layer.fanIn(), name + " fanIn");
    assertEquals(weightsOffset, layer.weightsOffset(), name + " weightsOffset");
    assertEquals(biasOffset, layer.biasOffset(), name + " biasOffset");
    assertEquals(units * fanIn + units, layer.parameterCount(), name + " parameterCount");
  }
}
