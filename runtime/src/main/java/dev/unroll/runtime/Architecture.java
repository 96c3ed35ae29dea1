package dev.unroll.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The shape of a network as data: input size, each dense layer's name, units and activation, the
 * loss, and where each layer's parameters sit in the flat parameter vector.
 *
 * <p>The flat order is layer by layer, input side first; within a layer the weights W (units x
 * fanIn) row by row, then the bias b (units x 1). {@link Model#parameters()}, {@link
 * Gradients#toArray()} and the gradient check all use this order.
 */
public final class Architecture {
  /**
   * One dense layer.
   *
   * @param name the annotated field's name
   * @param units rows of W and b
   * @param fanIn columns of W: the previous layer's units, or the input size
   * @param activation the activation's name in lower case, for example {@code "relu"}
   * @param weightsOffset index of W's first entry in the flat parameter vector
   */
  public record LayerSpec(String name, int units, int fanIn, String activation, int weightsOffset) {
    /** Index of b's first entry in the flat parameter vector. */
    public int biasOffset() {
      return weightsOffset + units * fanIn;
    }

    /** units x fanIn + units. */
    public int parameterCount() {
      return units * fanIn + units;
    }
  }

  private final String name;
  private final int inputs;
  private final String loss;
  private final List<LayerSpec> layers;
  private final int parameterCount;

  private Architecture(String name, int inputs, String loss, List<LayerSpec> layers) {
    this.name = name;
    this.inputs = inputs;
    this.loss = loss;
    this.layers = Collections.unmodifiableList(new ArrayList<>(layers));
    LayerSpec last = layers.get(layers.size() - 1);
    this.parameterCount = last.weightsOffset() + last.parameterCount();
  }

  /**
   * Starts describing a network.
   *
   * @param name the network's name, as the summary prints it
   * @param inputs input features
   * @param loss the loss's name, for example {@code "binary cross-entropy"}
   */
  public static Builder builder(String name, int inputs, String loss) {
    return new Builder(name, inputs, loss);
  }

  /** Collects layers in order. */
  public static final class Builder {
    private final String name;
    private final int inputs;
    private final String loss;
    private final List<LayerSpec> layers = new ArrayList<>();
    private int fanIn;
    private long offset;

    private Builder(String name, int inputs, String loss) {
      if (inputs < 1) {
        throw new IllegalArgumentException("a network needs at least 1 input, not " + inputs);
      }
      this.name = name;
      this.inputs = inputs;
      this.loss = loss;
      this.fanIn = inputs;
    }

    /** Appends a dense layer fed by the previous one (or by the inputs, for the first). */
    public Builder dense(String layerName, int units, String activation) {
      if (units < 1) {
        throw new IllegalArgumentException(
            "layer " + layerName + " needs at least 1 unit, not " + units);
      }
      long end = offset + (long) units * fanIn + units;
      if (end > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "layer "
                + layerName
                + " brings the parameter count to "
                + end
                + ", more than one Java array holds");
      }
      layers.add(new LayerSpec(layerName, units, fanIn, activation, (int) offset));
      offset = end;
      fanIn = units;
      return this;
    }

    /** The finished, immutable architecture. */
    public Architecture build() {
      if (layers.isEmpty()) {
        throw new IllegalStateException("a network needs at least one layer");
      }
      return new Architecture(name, inputs, loss, layers);
    }
  }

  /** The network's name. */
  public String name() {
    return name;
  }

  /** Input features: the rows of X. */
  public int inputs() {
    return inputs;
  }

  /** Outputs: the last layer's units, the rows of Y. */
  public int outputs() {
    return layers.get(layers.size() - 1).units();
  }

  /** The loss's name. */
  public String loss() {
    return loss;
  }

  /** The layers, input side first. */
  public List<LayerSpec> layers() {
    return layers;
  }

  /** The layer with this name. */
  public LayerSpec layer(String layerName) {
    for (LayerSpec layer : layers) {
      if (layer.name().equals(layerName)) {
        return layer;
      }
    }
    List<String> names = new ArrayList<>();
    layers.forEach(l -> names.add(l.name()));
    throw new IllegalArgumentException(
        "no layer named '" + layerName + "'; the layers are " + names);
  }

  /** Total number of weights and biases. */
  public int parameterCount() {
    return parameterCount;
  }

  /** The layer that owns entry {@code index} of the flat parameter vector. */
  public LayerSpec layerOf(int index) {
    if (index < 0 || index >= parameterCount) {
      throw new IndexOutOfBoundsException(
          "parameter " + index + " is outside 0.." + (parameterCount - 1));
    }
    LayerSpec owner = layers.get(0);
    for (LayerSpec layer : layers) {
      if (layer.weightsOffset() <= index) {
        owner = layer;
      }
    }
    return owner;
  }

  /**
   * A readable name for entry {@code index} of the flat parameter vector, such as {@code
   * hidden.weights[2][1]} or {@code output.bias[0]}.
   */
  public String parameterName(int index) {
    LayerSpec layer = layerOf(index);
    int local = index - layer.weightsOffset();
    if (index < layer.biasOffset()) {
      return layer.name()
          + ".weights["
          + local / layer.fanIn()
          + "]["
          + local % layer.fanIn()
          + "]";
    }
    return layer.name() + ".bias[" + (index - layer.biasOffset()) + "]";
  }

  /** A table of the layers, their shapes and parameter counts, like Keras' summary(). */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(name)
        .append(": ")
        .append(inputs)
        .append(inputs == 1 ? " input" : " inputs")
        .append(", loss ")
        .append(loss)
        .append('\n');
    int width = "layer".length();
    for (LayerSpec layer : layers) {
      width = Math.max(width, layer.name().length());
    }
    String row = "%3s  %-" + width + "s  %6s  %-10s  %-13s  %-9s  %10s";
    appendRow(
        sb,
        String.format(
            Locale.ROOT,
            row,
            "#",
            "layer",
            "units",
            "activation",
            "weights W",
            "bias b",
            "parameters"));
    int index = 1;
    for (LayerSpec layer : layers) {
      appendRow(
          sb,
          String.format(
              Locale.ROOT,
              row,
              index++,
              layer.name(),
              layer.units(),
              layer.activation(),
              layer.units() + " x " + layer.fanIn(),
              layer.units() + " x 1",
              layer.parameterCount()));
    }
    appendRow(sb, String.format(Locale.ROOT, row, "", "", "", "", "", "total", parameterCount));
    return sb.toString();
  }

  private static void appendRow(StringBuilder sb, String row) {
    sb.append(row.stripTrailing()).append('\n');
  }

  @Override
  public String toString() {
    return summary();
  }
}
