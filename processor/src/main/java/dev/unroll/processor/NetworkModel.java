package dev.unroll.processor;

import dev.unroll.Activation;
import dev.unroll.Loss;
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
   */
  record LayerModel(
      String name, int number, int units, int fanIn, Activation activation, int weightsOffset) {

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
    List<LayerModel> layers = new java.util.ArrayList<>();
    int fanIn = inputs;
    int offset = 0;
    for (int i = 0; i < names.size(); i++) {
      int n = units.get(i);
      layers.add(new LayerModel(names.get(i), i + 1, n, fanIn, activations.get(i), offset));
      offset = Math.addExact(offset, Math.addExact(Math.multiplyExact(n, fanIn), n));
      fanIn = n;
    }
    return new NetworkModel(packageName, declaration, generatedName, inputs, loss, layers);
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
