package dev.unroll.processor;

import dev.unroll.Activation;
import dev.unroll.Loss;
import dev.unroll.Unrolling;
import java.util.List;

/**
 * A validated network declaration as plain values: everything the writer needs, nothing from the
 * annotation-processing API, so shapes and emitted code can be tested without javac.
 *
 * @param packageName the declaration's package ("" for the unnamed package)
 * @param declaration the declaration's name relative to its package, such as {@code Lab} or {@code
 *     Outer.Inner}
 * @param generatedName the generated class's simple name, such as {@code UnrolledLab}
 * @param inputs input features
 * @param loss the cost
 * @param layers the dense layers, input side first
 */
record NetworkModel(
    String packageName,
    String declaration,
    String generatedName,
    int inputs,
    Loss loss,
    List<LayerModel> layers) {

  /**
   * Layers of at most this many weights are written as scalar code under {@code AUTO}. Measured
   * (BENCHMARKS.md): on the lab's 2-3-1 network scalar code is about 4 times as fast as kernel
   * calls, but a 16 x 16 layer at a batch of 64 runs faster on the kernel; 64 weights keeps the
   * lab's layers and SMALL's outer layers scalar and its 16 x 16 layer on the kernel.
   */
  static final int DEFAULT_SCALAR_LIMIT = 64;

  /** Under AUTO, the most weights all scalar layers of one network may hold together. */
  static final int MAX_SCALAR_TOTAL = 2048;

  /**
   * No layer may be scalar beyond this: the class would grow to megabytes of bytecode for no gain,
   * since the kernel is faster at such sizes.
   */
  static final int MAX_SCALAR_WEIGHTS = 4096;

  NetworkModel {
    layers = List.copyOf(layers);
  }

  /**
   * One dense layer.
   *
   * @param name the annotated field's name
   * @param number position counted from 1, as in the lab's W1, b1, Z1, A1
   * @param units rows of W and b
   * @param fanIn columns of W
   * @param activation the non-linearity
   * @param weightsOffset index of W's first entry in the flat parameter vector
   * @param scalar whether the layer is written as straight-line scalar code rather than kernel
   *     calls
   */
  record LayerModel(
      String name,
      int number,
      int units,
      int fanIn,
      Activation activation,
      int weightsOffset,
      boolean scalar) {

    int biasOffset() {
      return weightsOffset + units * fanIn;
    }

    int parameterCount() {
      return units * fanIn + units;
    }
  }

  /** The last layer's units. */
  int outputs() {
    return layers.get(layers.size() - 1).units();
  }

  LayerModel outputLayer() {
    return layers.get(layers.size() - 1);
  }

  /** Total number of weights and biases. */
  int parameterCount() {
    LayerModel last = outputLayer();
    return last.biasOffset() + last.units();
  }

  /**
   * Lays out layers from their declared sizes: each layer's fan-in is the previous layer's units,
   * and parameters follow each other layer by layer.
   *
   * @param units each layer's units, input side first
   * @throws ArithmeticException if the parameter count does not fit in an int
   */
  static NetworkModel of(
      String packageName,
      String declaration,
      String generatedName,
      int inputs,
      Loss loss,
      List<String> names,
      List<Integer> units,
      List<Activation> activations) {
    return of(
        packageName,
        declaration,
        generatedName,
        inputs,
        loss,
        names,
        units,
        activations,
        Unrolling.AUTO,
        DEFAULT_SCALAR_LIMIT);
  }

  /**
   * Lays out layers as {@link #of(String, String, String, int, Loss, List, List, List)} does,
   * choosing scalar code for a layer of at most {@code scalarLimit} weights under {@code AUTO}.
   */
  static NetworkModel of(
      String packageName,
      String declaration,
      String generatedName,
      int inputs,
      Loss loss,
      List<String> names,
      List<Integer> units,
      List<Activation> activations,
      Unrolling unrolling,
      int scalarLimit) {
    // Under AUTO, a network whose small layers add up to more than MAX_SCALAR_TOTAL weights
    // stays on the kernel: tens of thousands of generated lines cost seconds of javac time and
    // crowd the instruction cache for no gain.
    long scalarTotal = 0;
    int width = inputs;
    for (int n : units) {
      if (small(n, width, scalarLimit)) {
        scalarTotal += (long) n * width;
      }
      width = n;
    }
    boolean autoScalar = unrolling == Unrolling.AUTO && scalarTotal <= MAX_SCALAR_TOTAL;

    List<LayerModel> layers = new java.util.ArrayList<>();
    int fanIn = inputs;
    int offset = 0;
    for (int i = 0; i < names.size(); i++) {
      int n = units.get(i);
      boolean scalar =
          unrolling == Unrolling.SCALAR || (autoScalar && small(n, fanIn, scalarLimit));
      layers.add(new LayerModel(names.get(i), i + 1, n, fanIn, activations.get(i), offset, scalar));
      offset = Math.addExact(offset, Math.addExact(Math.multiplyExact(n, fanIn), n));
      fanIn = n;
    }
    return new NetworkModel(packageName, declaration, generatedName, inputs, loss, layers);
  }

  /** Whether a layer is small enough for scalar code under {@code AUTO}. */
  private static boolean small(int units, int fanIn, int scalarLimit) {
    return (long) units * fanIn <= scalarLimit && fanIn <= ScalarLayerWriter.BLOCK_WEIGHTS;
  }

  /**
   * The number of parameters such a network would have, in a long so that an overflowing
   * declaration can be reported with its real size.
   */
  static long parameterCount(int inputs, List<Integer> units) {
    long total = 0;
    long fanIn = inputs;
    for (int n : units) {
      total += n * fanIn + n;
      fanIn = n;
    }
    return total;
  }
}
