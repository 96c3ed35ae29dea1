package dev.unroll.processor;

import dev.unroll.Activation;
import dev.unroll.Layer;
import dev.unroll.Loss;
import dev.unroll.Network;
import dev.unroll.Unrolling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Reads a {@code @Network} declaration through the annotation-processing API, reports every problem
 * it finds, and builds a {@link NetworkModel} when there are none.
 *
 * <p>Annotation values are read as mirrors, not through the loaded annotation, so a half-broken
 * declaration still gets a precise error instead of an exception.
 */
final class NetworkReader {
  static final String NETWORK = Network.class.getCanonicalName();
  static final String LAYER = Layer.class.getCanonicalName();
  static final String DENSE = "dev.unroll.runtime.Dense";
  static final String PREFIX = "Unrolled";

  /** Accessors the generated class has already: a layer may not take one of these names. */
  private static final Map<String, String> RESERVED =
      Map.ofEntries(
          Map.entry("inputSize", "Model"),
          Map.entry("outputSize", "Model"),
          Map.entry("parameterCount", "Model"),
          Map.entry("parameters", "Model"),
          Map.entry("architecture", "Model"),
          Map.entry("summary", "Model"),
          Map.entry("toString", "Object"),
          Map.entry("hashCode", "Object"),
          Map.entry("getClass", "Object"),
          Map.entry("clone", "Object"),
          Map.entry("finalize", "Object"),
          Map.entry("notify", "Object"),
          Map.entry("notifyAll", "Object"),
          Map.entry("wait", "Object"));

  private static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8;

  private final Elements elements;
  private final Reporter reporter;
  private final Set<? extends Element> rootElements;
  private final Set<String> suppressedIds;
  private final int scalarLimit;

  /**
   * @param rootElements the types compiled in this round, to tell a real name collision from a
   *     stale class file of an earlier build
   * @param suppressedIds ids of warnings switched off for the whole compilation
   * @param scalarLimit the most weights a layer may have to be unrolled under {@code AUTO}
   */
  NetworkReader(
      Elements elements,
      Reporter reporter,
      Set<? extends Element> rootElements,
      Set<String> suppressedIds,
      int scalarLimit) {
    this.elements = elements;
    this.reporter = reporter;
    this.rootElements = rootElements;
    this.suppressedIds = suppressedIds;
    this.scalarLimit = scalarLimit;
  }

  /** The model of {@code type}'s network, or empty after reporting why there is none. */
  Optional<NetworkModel> read(Element element) {
    int errorsBefore = reporter.errorCount();
    AnnotationMirror network = mirror(element, NETWORK);

    if (element.getKind() != ElementKind.CLASS) {
      reporter.error(element, Problem.NETWORK_KIND, element.getSimpleName(), describe(element));
      return Optional.empty();
    }
    TypeElement type = (TypeElement) element;
    if (!checkPlacement(type)) {
      return Optional.empty();
    }

    Integer inputs = intValue(network, "inputs");
    if (inputs != null && inputs < 1) {
      reporter.error(type, network, value(network, "inputs"), Problem.NETWORK_INPUTS, inputs);
    }
    Loss loss = enumValue(network, "loss", Loss.class);
    Unrolling unrolling = enumValue(network, "unrolling", Unrolling.class);

    List<LayerDeclaration> layers = new ArrayList<>();
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      AnnotationMirror layer = mirror(field, LAYER);
      if (layer == null) {
        continue;
      }
      checkField(field);
      Integer n = intValue(layer, "units");
      if (n != null && n < 1) {
        reporter.error(
            field, layer, value(layer, "units"), Problem.LAYER_UNITS, n, field.getSimpleName());
      }
      layers.add(
          new LayerDeclaration(
              field, layer, n == null ? 1 : n, enumValue(layer, "activation", Activation.class)));
    }
    if (layers.isEmpty()) {
      reporter.error(type, Problem.NETWORK_NO_LAYERS, type.getSimpleName());
    } else {
      checkLossFitsOutput(loss, layers.get(layers.size() - 1));
      checkSoftmaxPlacement(layers);
      warnAboutStackedSigmoids(type, layers);
    }

    String packageName = packageOf(type).getQualifiedName().toString();
    String declaration = relativeName(type);
    String generatedName = PREFIX + declaration.replace('.', '_');
    checkNameFree(type, packageName, generatedName);

    List<String> names = new ArrayList<>();
    List<Integer> units = new ArrayList<>();
    List<Activation> activations = new ArrayList<>();
    for (LayerDeclaration layer : layers) {
      names.add(layer.field().getSimpleName().toString());
      units.add(layer.units());
      activations.add(layer.activation());
    }
    if (reporter.errorCount() > errorsBefore
        || inputs == null
        || loss == null
        || activations.contains(null)) {
      // Either we reported a problem, or javac did (an unresolvable annotation value).
      return Optional.empty();
    }
    if (!checkSize(inputs, layers) || !checkScalar(type, network, unrolling, inputs, layers)) {
      return Optional.empty();
    }
    return Optional.of(
        NetworkModel.of(
            packageName,
            declaration,
            generatedName,
            inputs,
            loss,
            names,
            units,
            activations,
            unrolling == null ? Unrolling.AUTO : unrolling,
            scalarLimit));
  }

  /** Under {@code Unrolling.SCALAR}, every layer must be small enough to unroll. */
  private boolean checkScalar(
      TypeElement type,
      AnnotationMirror network,
      Unrolling unrolling,
      int inputs,
      List<LayerDeclaration> layers) {
    if (unrolling != Unrolling.SCALAR) {
      return true;
    }
    long fanIn = inputs;
    for (LayerDeclaration layer : layers) {
      long weights = fanIn * layer.units();
      if (weights > NetworkModel.MAX_SCALAR_WEIGHTS || fanIn > ScalarLayerWriter.BLOCK_WEIGHTS) {
        reporter.error(
            type,
            network,
            value(network, "unrolling"),
            Problem.SCALAR_TOO_LARGE,
            layer.field().getSimpleName(),
            weights,
            fanIn,
            NetworkModel.MAX_SCALAR_WEIGHTS,
            ScalarLayerWriter.BLOCK_WEIGHTS);
        return false;
      }
      fanIn = layer.units();
    }
    return true;
  }

  /** One {@code @Layer} field as declared, before validation has finished. */
  private record LayerDeclaration(
      VariableElement field, AnnotationMirror annotation, int units, Activation activation) {}

  /**
   * The loss and the output activation must fit: binary cross-entropy takes logarithms of the
   * outputs, so they must lie in (0, 1); softmax and categorical cross-entropy only come together.
   */
  private void checkLossFitsOutput(Loss loss, LayerDeclaration output) {
    Activation activation = output.activation();
    if (loss == null || activation == null) {
      return;
    }
    AnnotationValue where = value(output.annotation(), "activation");
    if (activation == Activation.SOFTMAX && loss != Loss.CATEGORICAL_CROSS_ENTROPY) {
      reporter.error(
          output.field(),
          output.annotation(),
          where,
          Problem.LOSS_SOFTMAX,
          output.field().getSimpleName(),
          loss);
    } else if (loss == Loss.CATEGORICAL_CROSS_ENTROPY && activation != Activation.SOFTMAX) {
      reporter.error(
          output.field(),
          output.annotation(),
          where,
          Problem.LOSS_CATEGORICAL,
          output.field().getSimpleName(),
          activation);
    } else if (loss == Loss.BINARY_CROSS_ENTROPY && activation != Activation.SIGMOID) {
      reporter.error(
          output.field(),
          output.annotation(),
          where,
          Problem.LOSS_OUTPUT,
          output.field().getSimpleName(),
          activation,
          range(activation));
    } else if (activation == Activation.SOFTMAX && output.units() == 1) {
      reporter.error(
          output.field(),
          output.annotation(),
          value(output.annotation(), "units"),
          Problem.SOFTMAX_ONE_UNIT,
          output.field().getSimpleName());
    }
  }

  /** SOFTMAX belongs on the output layer only. */
  private void checkSoftmaxPlacement(List<LayerDeclaration> layers) {
    for (int i = 0; i < layers.size() - 1; i++) {
      LayerDeclaration layer = layers.get(i);
      if (layer.activation() == Activation.SOFTMAX) {
        reporter.error(
            layer.field(),
            layer.annotation(),
            value(layer.annotation(), "activation"),
            Problem.SOFTMAX_HIDDEN,
            layer.field().getSimpleName());
      }
    }
  }

  private static String range(Activation activation) {
    switch (activation) {
      case RELU:
        return "[0, ∞)";
      case TANH:
        return "(-1, 1)";
      case SOFTMAX:
        return "(0, 1)";
      default:
        return "(-∞, ∞)";
    }
  }

  /**
   * Warns once per run of two or more SIGMOID hidden layers in a row, at the second: each
   * multiplies the gradient by at most 1/4.
   */
  private void warnAboutStackedSigmoids(TypeElement type, List<LayerDeclaration> layers) {
    if (suppressed(type, Problem.STACKED_SIGMOID)) {
      return;
    }
    int run = 0;
    for (int i = 0; i < layers.size() - 1; i++) {
      LayerDeclaration layer = layers.get(i);
      run = layer.activation() == Activation.SIGMOID ? run + 1 : 0;
      if (run == 2) {
        reporter.warning(
            layer.field(),
            layer.annotation(),
            value(layer.annotation(), "activation"),
            Problem.STACKED_SIGMOID,
            layers.get(i - 1).field().getSimpleName(),
            layer.field().getSimpleName(),
            Problem.STACKED_SIGMOID.id(),
            Problem.STACKED_SIGMOID.id());
      }
    }
  }

  /**
   * Whether a warning is switched off, by {@code @SuppressWarnings("unroll:<id>")} on the class or
   * by the processor option {@code -Aunroll.suppress=<id>,...}.
   */
  private boolean suppressed(TypeElement type, Problem problem) {
    if (suppressedIds.contains(problem.id())) {
      return true;
    }
    SuppressWarnings annotation = type.getAnnotation(SuppressWarnings.class);
    return annotation != null
        && Arrays.asList(annotation.value()).contains("unroll:" + problem.id());
  }

  /**
   * Parameters must fit one Java array. Reported at the layer that first passes the limit, with the
   * count computed in a long so the message shows the real size.
   */
  private boolean checkSize(int inputs, List<LayerDeclaration> layers) {
    long total = 0;
    long fanIn = inputs;
    for (LayerDeclaration layer : layers) {
      total += layer.units() * fanIn + layer.units();
      fanIn = layer.units();
      if (total > MAX_PARAMETERS) {
        long all = NetworkModel.parameterCount(inputs, unitsOf(layers));
        reporter.error(
            layer.field(),
            layer.annotation(),
            value(layer.annotation(), "units"),
            Problem.NETWORK_TOO_LARGE,
            all,
            MAX_PARAMETERS,
            layer.field().getSimpleName());
        return false;
      }
    }
    return true;
  }

  private static List<Integer> unitsOf(List<LayerDeclaration> layers) {
    List<Integer> units = new ArrayList<>();
    layers.forEach(l -> units.add(l.units()));
    return units;
  }

  /** Reports a {@code @Layer} field whose class has no {@code @Network}. */
  void reportOrphanLayer(Element field) {
    Element owner = field.getEnclosingElement();
    if (mirror(owner, NETWORK) == null) {
      reporter.error(
          field, Problem.LAYER_OUTSIDE_NETWORK, field.getSimpleName(), owner.getSimpleName());
    }
  }

  private boolean checkPlacement(TypeElement type) {
    NestingKind nesting = type.getNestingKind();
    if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
      reporter.error(type, Problem.NETWORK_LOCAL, type.getSimpleName());
      return false;
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      TypeElement t = (TypeElement) e;
      // A member class of a class, an enum or a record is inner unless declared static.
      if (t.getNestingKind() == NestingKind.MEMBER
          && !t.getModifiers().contains(Modifier.STATIC)
          && t.getEnclosingElement().getKind().isClass()) {
        if (t == type) {
          reporter.error(type, Problem.NETWORK_INNER, relativeName(type));
        } else {
          reporter.error(
              type,
              Problem.NETWORK_INNER_OUTER,
              relativeName(type),
              relativeName(t),
              relativeName(t));
        }
        return false;
      }
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        String packageName = packageOf(type).getQualifiedName().toString();
        if (t == type) {
          reporter.error(type, Problem.NETWORK_PRIVATE, relativeName(type), packageName);
        } else {
          reporter.error(
              type,
              Problem.NETWORK_PRIVATE_OUTER,
              relativeName(type),
              relativeName(t),
              packageName,
              relativeName(t));
        }
        return false;
      }
    }
    return true;
  }

  private void checkField(VariableElement field) {
    for (Modifier modifier : List.of(Modifier.STATIC, Modifier.PRIVATE, Modifier.FINAL)) {
      if (field.getModifiers().contains(modifier)) {
        reporter.error(field, Problem.LAYER_MODIFIER, field.getSimpleName(), modifier, modifier);
      }
    }
    TypeMirror fieldType = field.asType();
    // An unresolved type (TypeKind.ERROR) is reported by javac too; ours adds how to fix it.
    if (!isDense(fieldType)) {
      reporter.error(field, Problem.LAYER_TYPE, field.getSimpleName(), fieldType);
    }
    String name = field.getSimpleName().toString();
    if (RESERVED.containsKey(name)) {
      reporter.error(field, Problem.LAYER_NAME_RESERVED, name, name, RESERVED.get(name));
    }
  }

  private static boolean isDense(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName()
            .contentEquals(DENSE);
  }

  private void checkNameFree(TypeElement type, String packageName, String generatedName) {
    String qualified = packageName.isEmpty() ? generatedName : packageName + "." + generatedName;
    TypeElement existing = elements.getTypeElement(qualified);
    // A class file from an earlier build of the same declaration is no collision: the new
    // source replaces it. Only a type written by the user in this compilation is.
    if (existing != null && rootElements.contains(existing)) {
      reporter.error(type, Problem.NETWORK_NAME_TAKEN, generatedName, type.getSimpleName());
    }
  }

  // ---------------------------------------------------------------- mirrors

  static AnnotationMirror mirror(Element element, String annotationName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement annotation = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotation.getQualifiedName().contentEquals(annotationName)) {
        return mirror;
      }
    }
    return null;
  }

  private AnnotationValue value(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** The int value, or null when javac could not resolve it (and reports that itself). */
  private Integer intValue(AnnotationMirror mirror, String name) {
    AnnotationValue value = value(mirror, name);
    return value != null && value.getValue() instanceof Integer ? (Integer) value.getValue() : null;
  }

  /** The enum constant, or null when javac could not resolve it (and reports that itself). */
  private <E extends Enum<E>> E enumValue(AnnotationMirror mirror, String name, Class<E> type) {
    AnnotationValue value = value(mirror, name);
    if (value == null || !(value.getValue() instanceof VariableElement)) {
      return null;
    }
    String constant = ((VariableElement) value.getValue()).getSimpleName().toString();
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(constant)) {
        return e;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- names

  private static PackageElement packageOf(Element element) {
    Element e = element;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return (PackageElement) e;
  }

  /** {@code Lab}, or {@code Outer.Inner} for a nested class. */
  static String relativeName(TypeElement type) {
    String name = type.getSimpleName().toString();
    Element enclosing = type.getEnclosingElement();
    return enclosing instanceof TypeElement
        ? relativeName((TypeElement) enclosing) + "." + name
        : name;
  }

  private static String describe(Element element) {
    switch (element.getKind()) {
      case INTERFACE:
        return "an interface";
      case ENUM:
        return "an enum";
      case ANNOTATION_TYPE:
        return "an annotation type";
      case RECORD:
        return "a record";
      default:
        return "a " + element.getKind().name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
