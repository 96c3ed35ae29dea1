package dev.unroll.runtime;

import java.util.Arrays;

/**
 * What one backward pass computed: the cost, the network's output, and the gradient of the cost
 * with respect to every weight and bias.
 */
public final class Gradients {
  private final Architecture architecture;
  private final double cost;
  private final Matrix output;
  private final double[] flat;

  private Gradients(Architecture architecture, double cost, Matrix output, double[] flat) {
    this.architecture = architecture;
    this.cost = cost;
    this.output = output;
    this.flat = flat;
  }

  /**
   * Wraps the results of a backward pass. The new object takes ownership of {@code output} and
   * {@code gradient}; the caller must not change them afterwards.
   *
   * @param gradient ∂J/∂θ in the order of {@link Model#parameters()}
   */
  public static Gradients of(
      Architecture architecture, double cost, Matrix output, double[] gradient) {
    if (gradient.length != architecture.parameterCount()) {
      throw new IllegalArgumentException(
          "expected "
              + architecture.parameterCount()
              + " gradient entries but got "
              + gradient.length);
    }
    return new Gradients(architecture, cost, output, gradient);
  }

  /** The cost J of the batch, as {@link Model#cost} reports it. */
  public double cost() {
    return cost;
  }

  /** The network's output A_L for the batch, outputs x m. */
  public Matrix output() {
    return output.copy();
  }

  /** The whole gradient, flattened in the order of {@link Model#parameters()}; a copy. */
  public double[] toArray() {
    return flat.clone();
  }

  /** ∂J/∂W of the named layer, units x fanIn; a copy. */
  public Matrix dW(String layer) {
    Architecture.LayerSpec spec = architecture.layer(layer);
    return Matrix.view(flat, spec.weightsOffset(), spec.units(), spec.fanIn()).copy();
  }

  /** ∂J/∂b of the named layer, units x 1; a copy. */
  public Matrix db(String layer) {
    Architecture.LayerSpec spec = architecture.layer(layer);
    return Matrix.view(flat, spec.biasOffset(), spec.units(), 1).copy();
  }

  /** ∂J/∂W of layer {@code l}, counted from 1 as in the lab's dW1, dW2, ... */
  public Matrix dW(int l) {
    return dW(layerName(l));
  }

  /** ∂J/∂b of layer {@code l}, counted from 1 as in the lab's db1, db2, ... */
  public Matrix db(int l) {
    return db(layerName(l));
  }

  private String layerName(int l) {
    if (l < 1 || l > architecture.layers().size()) {
      throw new IndexOutOfBoundsException(
          "layer " + l + " does not exist; layers are numbered 1.." + architecture.layers().size());
    }
    return architecture.layers().get(l - 1).name();
  }

  /** The architecture these gradients belong to. */
  public Architecture architecture() {
    return architecture;
  }

  /** The Euclidean norm of the whole gradient. */
  public double norm() {
    double sum = 0;
    for (double g : flat) {
      sum += g * g;
    }
    return Math.sqrt(sum);
  }

  /** The cost, then each layer's dW and db. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("cost ").append(cost);
    int l = 1;
    for (Architecture.LayerSpec spec : architecture.layers()) {
      sb.append("\ndW")
          .append(l)
          .append(" (")
          .append(spec.name())
          .append("): ")
          .append(dW(spec.name()));
      sb.append("\ndb")
          .append(l)
          .append(" (")
          .append(spec.name())
          .append("): ")
          .append(db(spec.name()));
      l++;
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Gradients)) {
      return false;
    }
    Gradients other = (Gradients) o;
    return Double.compare(cost, other.cost) == 0
        && output.equals(other.output)
        && Arrays.equals(flat, other.flat);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(flat) + Double.hashCode(cost);
  }
}
