package dev.unroll.runtime;

/**
 * One dense layer of a generated model: Z = W · A_prev + b, A = g(Z).
 *
 * <p>A user declares fields of this type with {@code @Layer} to name the layers; the generated
 * model returns one {@code Dense} per layer from the accessor named after the field. {@link
 * #weights()} and {@link #bias()} are <em>views</em> into the model's parameter vector: they always
 * show the current parameters, and writing to them changes the model.
 */
public final class Dense {
  private final Architecture.LayerSpec spec;
  private final Matrix weights;
  private final Matrix bias;

  /**
   * Binds a layer's description to views of its parameters.
   *
   * @param parameters the model's flat parameter vector, laid out as {@link Architecture} says
   */
  public Dense(Architecture.LayerSpec spec, double[] parameters) {
    this.spec = spec;
    this.weights = Matrix.view(parameters, spec.weightsOffset(), spec.units(), spec.fanIn());
    this.bias = Matrix.view(parameters, spec.biasOffset(), spec.units(), 1);
  }

  /** The name of the annotated field. */
  public String name() {
    return spec.name();
  }

  /** Number of units: the rows of W and b. */
  public int units() {
    return spec.units();
  }

  /** Number of inputs to this layer: the columns of W. */
  public int fanIn() {
    return spec.fanIn();
  }

  /** The activation's name in lower case, for example {@code "relu"}. */
  public String activation() {
    return spec.activation();
  }

  /** W, units x fanIn: a live view into the model's parameters. */
  public Matrix weights() {
    return weights;
  }

  /** b, units x 1: a live view into the model's parameters. */
  public Matrix bias() {
    return bias;
  }

  /** units x fanIn + units. */
  public int parameterCount() {
    return spec.parameterCount();
  }

  @Override
  public String toString() {
    return "Dense " + name() + ": " + fanIn() + " -> " + units() + ", " + activation();
  }
}
