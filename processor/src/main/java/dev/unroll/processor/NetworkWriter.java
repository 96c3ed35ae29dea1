package dev.unroll.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeSpec;
import dev.unroll.Activation;
import dev.unroll.Loss;
import dev.unroll.processor.NetworkModel.LayerModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Writes the source of {@code Unrolled<Name>} from a {@link NetworkModel}: one paragraph of
 * statements per layer and direction, every shape a literal, each step headed by the formula it
 * computes in the backprop lab's notation.
 */
final class NetworkWriter {
  private static final String RUNTIME = "dev.unroll.runtime";
  private static final ClassName MODEL = ClassName.get(RUNTIME, "Model");
  private static final ClassName MATRIX = ClassName.get(RUNTIME, "Matrix");
  private static final ClassName DENSE = ClassName.get(RUNTIME, "Dense");
  private static final ClassName GRADIENTS = ClassName.get(RUNTIME, "Gradients");
  private static final ClassName GRAD_CHECK = ClassName.get(RUNTIME, "GradCheck");
  private static final ClassName RECORDER = GRAD_CHECK.nestedClass("Recorder");
  private static final ClassName OPTIONS = GRAD_CHECK.nestedClass("Options");
  private static final ClassName ARCHITECTURE = ClassName.get(RUNTIME, "Architecture");
  private static final ClassName KERNEL = ClassName.get(RUNTIME, "Kernel");
  private static final ClassName COSTS = ClassName.get(RUNTIME, "Costs");
  private static final ClassName SHAPES = ClassName.get(RUNTIME, "Shapes");
  private static final ClassName INIT = ClassName.get(RUNTIME, "Init");
  private static final ClassName RANDOM = ClassName.get("java.util", "Random");

  /** How many batch sizes' workspaces a model keeps. */
  private static final int WORKSPACES = 4;

  private static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");

  private final NetworkModel net;
  private final ClassName declaration;
  private final ClassName generated;
  private final ClassName workspace;
  private final ScalarLayerWriter scalar;

  /** Field names of the {@code Dense} accessors' backing fields, by layer name. */
  private final Map<String, String> denseFields = new HashMap<>();

  NetworkWriter(NetworkModel net) {
    this.net = net;
    String[] parts = net.declaration().split("\\.");
    ClassName d = ClassName.get(net.packageName(), parts[0]);
    for (int i = 1; i < parts.length; i++) {
      d = d.nestedClass(parts[i]);
    }
    this.declaration = d;
    this.generated = ClassName.get(net.packageName(), net.generatedName());
    this.workspace = generated.nestedClass("Workspace");
    this.scalar = new ScalarLayerWriter();

    // Layer fields are named after the user's fields; NameAllocator keeps them clear of the
    // generated class's own fields whatever the user calls a layer.
    NameAllocator names = new NameAllocator();
    names.newName("ARCHITECTURE");
    names.newName("parameters");
    names.newName("workspace");
    names.newName("workspaces");
    for (LayerModel layer : net.layers()) {
      names.newName(weights(layer));
      names.newName(bias(layer));
    }
    for (LayerModel layer : net.layers()) {
      denseFields.put(layer.name(), names.newName(layer.name()));
    }
  }

  /** The complete source file. */
  JavaFile file(Element origin) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(generated)
            .addOriginatingElement(origin)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(MODEL)
            .addAnnotation(
                AnnotationSpec.builder(GENERATED)
                    .addMember("value", "$S", UnrollProcessor.class.getName())
                    .build())
            .addJavadoc(classJavadoc());

    addFields(type);
    type.addMethod(constructor());
    for (LayerModel layer : net.layers()) {
      type.addMethod(accessor(layer));
    }
    type.addMethod(constant("inputSize", net.inputs(), "Input features: the rows of X."));
    type.addMethod(constant("outputSize", net.outputs(), "Outputs: the rows of Y."));
    type.addMethod(
        constant("parameterCount", net.parameterCount(), "Total number of weights and biases."));
    type.addMethod(parametersGetter());
    type.addMethod(parametersSetter());
    type.addMethod(architectureGetter());
    type.addType(workspaceClass());
    type.addMethod(workspaceFor());
    type.addMethod(forwardPass());
    for (LayerModel layer : net.layers()) {
      if (layer.scalar()) {
        type.addMethods(scalar.forward(layer));
      }
    }
    type.addMethod(forward());
    type.addMethod(costOfCache());
    type.addMethod(cost());
    type.addMethod(backward());
    type.addMethod(backwardInto());
    for (LayerModel layer : net.layers()) {
      if (layer.scalar()) {
        type.addMethods(scalar.backward(layer));
      }
    }
    type.addMethod(gradcheck());
    type.addMethod(directionalCheck());
    type.addMethod(toStringMethod());

    return JavaFile.builder(net.packageName(), type.build())
        .addFileComment(
            "Generated by Unroll from $L. Do not edit: change $L and recompile.",
            net.declaration(),
            net.declaration())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  // ---------------------------------------------------------------- class and fields

  private CodeBlock classJavadoc() {
    CodeBlock.Builder doc = CodeBlock.builder();
    doc.add(
        "The network declared by {@link $T}, unrolled: its forward pass, backpropagation and\n"
            + "gradient check written out step by step for these shapes.\n\n",
        declaration);
    doc.add("<pre>\n");
    for (String line : SummaryTable.lines(net)) {
      doc.add("$L\n", line.replace("<", "&lt;").replace(">", "&gt;"));
    }
    doc.add("</pre>\n\n");
    doc.add("<p>Loss: $L.$L\n\n", lossName(net.loss()), lossDetail());
    doc.add(
        "<p>Data layout, as in the backprop lab: one column per example. X is $L x m; Y\n"
            + "and the output are $L x m. Parameters are flattened layer by layer, W row by row\n"
            + "and then b, in the order $L.\n\n",
        net.inputs(),
        net.outputs(),
        parameterOrder());
    doc.add(
        "<p>The lab keeps a cache (A_prev, W, b, Z) per layer for the backward pass; here\n"
            + "the forward pass writes every Z and A into a workspace allocated once per batch\n"
            + "size, and the backward pass reads them from there. W and b are views of the\n"
            + "parameters.\n\n");
    doc.add(
        "<p>{@link #backward} returns the cost, the output and dW, db of every layer;\n"
            + "{@link #gradcheck} compares them with central differences of {@link #cost}.\n"
            + "Instances are not thread-safe.\n");
    return doc.build();
  }

  private String lossDetail() {
    LayerModel out = net.outputLayer();
    if (net.loss() == Loss.CATEGORICAL_CROSS_ENTROPY) {
      return String.format(
          Locale.ROOT,
          "\nIt is computed from the pre-activation Z%d as log-sum-exp minus the labelled\n"
              + "class's z, so it never takes log(0), and backpropagation starts from\n"
              + "dZ%d = A%d - Y: the softmax Jacobian and the loss's derivative cancel.",
          out.number(),
          out.number(),
          out.number());
    }
    if (fusedOutputError()) {
      return String.format(
          Locale.ROOT,
          "\nIt is computed from the pre-activation Z%d, which keeps every digit where the\n"
              + "sigmoid saturates, and backpropagation starts from dZ%d = A%d - Y.",
          out.number(),
          out.number(),
          out.number());
    }
    return "";
  }

  private String parameterOrder() {
    List<String> parts = new ArrayList<>();
    for (LayerModel layer : net.layers()) {
      parts.add(weights(layer));
      parts.add(bias(layer));
    }
    return String.join(", ", parts);
  }

  private void addFields(TypeSpec.Builder type) {
    CodeBlock.Builder architecture =
        CodeBlock.builder()
            .add(
                "\n$>$>$T.builder($S, $L, $S)$>$>",
                ARCHITECTURE,
                net.generatedName(),
                net.inputs(),
                lossName(net.loss()));
    for (LayerModel layer : net.layers()) {
      architecture.add(
          "\n.dense($S, $L, $S)", layer.name(), layer.units(), activationName(layer.activation()));
    }
    architecture.add("\n.build()$<$<$<$<");
    type.addField(
        FieldSpec.builder(
                ARCHITECTURE, "ARCHITECTURE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc(
                "Layers, shapes and loss as data; also the layout of {@link #parameters()}.\n")
            .initializer(architecture.build())
            .build());

    type.addField(
        FieldSpec.builder(double[].class, "parameters", Modifier.PRIVATE, Modifier.FINAL)
            .addJavadoc("Every weight and bias, flattened: $L.\n", parameterOrder())
            .initializer("new double[$L]", net.parameterCount())
            .build());

    type.addField(
        FieldSpec.builder(
                ArrayTypeName.of(workspace), "workspaces", Modifier.PRIVATE, Modifier.FINAL)
            .initializer("new $T[$L]", workspace, WORKSPACES)
            .addJavadoc(
                "Buffers of the $L batch sizes used most recently, the latest first: a training\n"
                    + "loop's mini-batch, an epoch's smaller last batch, and the training and\n"
                    + "validation sets it is evaluated on.\n",
                WORKSPACES)
            .build());

    for (LayerModel layer : net.layers()) {
      if (layer.scalar()) {
        continue; // scalar code reads the parameter vector directly
      }
      type.addField(
          FieldSpec.builder(MATRIX, weights(layer), Modifier.PRIVATE, Modifier.FINAL)
              .addJavadoc(
                  "$L, the weights of layer $L ($L), $L x $L: a view of parameters[$L..$L).\n",
                  weights(layer),
                  layer.number(),
                  layer.name(),
                  layer.units(),
                  layer.fanIn(),
                  layer.weightsOffset(),
                  layer.biasOffset())
              .initializer(
                  "$T.view(parameters, $L, $L, $L)",
                  MATRIX,
                  layer.weightsOffset(),
                  layer.units(),
                  layer.fanIn())
              .build());
      type.addField(
          FieldSpec.builder(MATRIX, bias(layer), Modifier.PRIVATE, Modifier.FINAL)
              .addJavadoc(
                  "$L, the bias of layer $L ($L), $L x 1: a view of parameters[$L..$L).\n",
                  bias(layer),
                  layer.number(),
                  layer.name(),
                  layer.units(),
                  layer.biasOffset(),
                  layer.biasOffset() + layer.units())
              .initializer(
                  "$T.view(parameters, $L, $L, 1)", MATRIX, layer.biasOffset(), layer.units())
              .build());
    }
    for (LayerModel layer : net.layers()) {
      type.addField(
          FieldSpec.builder(DENSE, denseFields.get(layer.name()), Modifier.PRIVATE, Modifier.FINAL)
              .initializer(
                  "new $T(ARCHITECTURE.layers().get($L), parameters)", DENSE, layer.number() - 1)
              .build());
    }
  }

  private MethodSpec constructor() {
    MethodSpec.Builder method =
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addParameter(long.class, "seed")
            .addJavadoc(
                "A model with He-initialised weights (normal, mean 0, variance 2 / fan-in)\n"
                    + "drawn from {@code seed}, and zero biases. The same seed gives the same\n"
                    + "model.\n")
            .addStatement("$T random = new $T(seed)", RANDOM, RANDOM);
    for (LayerModel layer : net.layers()) {
      // this. keeps a layer named like the constructor's own locals (seed, random) apart.
      method.addStatement("$T.he(this.$N.weights(), random)", INIT, denseFields.get(layer.name()));
    }
    return method.build();
  }

  private MethodSpec accessor(LayerModel layer) {
    return MethodSpec.methodBuilder(layer.name())
        .addModifiers(Modifier.PUBLIC)
        .returns(DENSE)
        .addJavadoc(
            "Layer $L, {@code $L}: dense $L -> $L, $L. Its weights and bias are live views\n"
                + "of this model's parameters: they show every change, and writing to them\n"
                + "changes the model.\n",
            layer.number(),
            layer.name(),
            layer.fanIn(),
            layer.units(),
            activationName(layer.activation()))
        .addStatement("return $N", denseFields.get(layer.name()))
        .build();
  }

  private static MethodSpec constant(String name, int value, String doc) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(int.class)
        .addJavadoc("$L\n", doc)
        .addStatement("return $L", value)
        .build();
  }

  private MethodSpec parametersGetter() {
    return MethodSpec.methodBuilder("parameters")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(double[].class)
        .addStatement("return parameters.clone()")
        .build();
  }

  private MethodSpec parametersSetter() {
    return MethodSpec.methodBuilder("setParameters")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(double[].class, "values")
        .addStatement("$T.requireParameters(values, $L)", SHAPES, net.parameterCount())
        .addStatement(
            "$T.arraycopy(values, 0, parameters, 0, $L)", System.class, net.parameterCount())
        .build();
  }

  private MethodSpec architectureGetter() {
    return MethodSpec.methodBuilder("architecture")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(ARCHITECTURE)
        .addStatement("return ARCHITECTURE")
        .build();
  }

  private MethodSpec toStringMethod() {
    return MethodSpec.methodBuilder("toString")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addJavadoc("The architecture table, as {@link #summary()} prints it.\n")
        .addStatement("return summary()")
        .build();
  }

  // ---------------------------------------------------------------- forward pass

  private TypeSpec workspaceClass() {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(workspace)
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc(
                "Buffers for one batch size m: what the forward pass keeps for\n"
                    + "backpropagation (every layer's Z and A, the lab's caches) and the\n"
                    + "backward pass's dZ and dA. Allocated once per batch size, so repeated\n"
                    + "calls allocate almost nothing.\n");
    MethodSpec.Builder constructor =
        MethodSpec.constructorBuilder().addParameter(int.class, "m").addStatement("this.m = m");
    type.addField(int.class, "m", Modifier.FINAL);
    for (LayerModel layer : net.layers()) {
      for (String buffer : buffers(layer)) {
        type.addField(MATRIX, buffer, Modifier.FINAL);
        String alias = aliasOf(layer, buffer);
        if (alias != null) {
          constructor.addStatement("$N = $N", buffer, alias);
        } else {
          constructor.addStatement("$N = $T.zeros($L, m)", buffer, MATRIX, layer.units());
        }
      }
    }
    if (hasKernelLayer()) {
      type.addField(double[].class, "gradient", Modifier.PRIVATE);
      MethodSpec.Builder bind =
          MethodSpec.methodBuilder("bind")
              .addParameter(double[].class, "target")
              .addJavadoc(
                  "Points the kernel layers' dW and db views at {@code target}, making new views\n"
                      + "only when the caller passes a different array than last time.\n")
              .beginControlFlow("if (gradient == target)")
              .addStatement("return")
              .endControlFlow()
              .addStatement("gradient = target");
      for (LayerModel layer : net.layers()) {
        if (layer.scalar()) {
          continue;
        }
        type.addField(MATRIX, "d" + weights(layer));
        type.addField(MATRIX, "d" + bias(layer));
        bind.addStatement(
            "$N = $T.view(target, $L, $L, $L)",
            "d" + weights(layer),
            MATRIX,
            layer.weightsOffset(),
            layer.units(),
            layer.fanIn());
        bind.addStatement(
            "$N = $T.view(target, $L, $L, 1)",
            "d" + bias(layer),
            MATRIX,
            layer.biasOffset(),
            layer.units());
      }
      type.addMethod(bind.build());
    }
    return type.addMethod(constructor.build()).build();
  }

  private boolean hasKernelLayer() {
    return net.layers().stream().anyMatch(layer -> !layer.scalar());
  }

  /** The workspace matrices of a layer, in the order they are filled. */
  private List<String> buffers(LayerModel layer) {
    List<String> names = new ArrayList<>(List.of(z(layer), a(layer)));
    boolean output = layer == net.outputLayer();
    if (output ? needsOutputDa() : !nextIsKernel(layer)) {
      names.add("d" + a(layer));
    }
    names.add("d" + z(layer));
    return names;
  }

  /** The buffer another one of the same layer stands for, or null if it has storage of its own. */
  private String aliasOf(LayerModel layer, String buffer) {
    if (layer.activation() != Activation.LINEAR) {
      return null;
    }
    if (buffer.equals(a(layer))) {
      return z(layer); // A = Z
    }
    if (buffer.equals("d" + z(layer)) && buffers(layer).contains("d" + a(layer))) {
      return "d" + a(layer); // dZ = dA ∘ 1
    }
    return null;
  }

  /** Whether the output layer needs dA before dZ: mean squared error after a non-linear g. */
  private boolean needsOutputDa() {
    return !fusedOutputError() && net.outputLayer().activation() != Activation.LINEAR;
  }

  private MethodSpec workspaceFor() {
    return MethodSpec.methodBuilder("workspace")
        .addModifiers(Modifier.PRIVATE)
        .returns(workspace)
        .addParameter(int.class, "m")
        .addJavadoc(
            "The workspace for batches of m examples: a recent one when m matches, moved to the\n"
                + "front, or a new one in place of the least recently used.\n")
        .addStatement("int found = workspaces.length - 1")
        .beginControlFlow("for (int i = 0; i < workspaces.length; i++)")
        .beginControlFlow("if (workspaces[i] == null || workspaces[i].m == m)")
        .addStatement("found = i")
        .addStatement("break")
        .endControlFlow()
        .endControlFlow()
        .addStatement("$T w = workspaces[found]", workspace)
        .beginControlFlow("if (w == null || w.m != m)")
        .addStatement("w = new $T(m)", workspace)
        .endControlFlow()
        .addStatement("$T.arraycopy(workspaces, 0, workspaces, 1, found)", System.class)
        .addStatement("workspaces[0] = w")
        .addStatement("return w")
        .build();
  }

  private MethodSpec forwardPass() {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("forwardPass")
            .addModifiers(Modifier.PRIVATE)
            .addParameter(MATRIX, "X")
            .addParameter(workspace, "w")
            .addJavadoc("The forward pass for a checked batch X, into the workspace's Z and A.\n");
    for (LayerModel layer : net.layers()) {
      String aPrev = layer.number() == 1 ? "X" : a(previous(layer));
      if (layer.number() > 1) {
        method.addCode("\n");
      }
      method.addComment(
          "Layer $L ($L): dense $L -> $L, $L",
          layer.number(),
          layer.name(),
          layer.fanIn(),
          layer.units(),
          activationName(layer.activation()));
      method.addStatement("$T $N = w.$N", MATRIX, z(layer), z(layer));
      method.addStatement("$T $N = w.$N", MATRIX, a(layer), a(layer));
      method.addComment(
          "$L = $L · $L + $L   ($L x $L)($L x m) + ($L x 1)",
          z(layer),
          weights(layer),
          aPrev,
          bias(layer),
          layer.units(),
          layer.fanIn(),
          layer.fanIn(),
          layer.units());
      if (layer.scalar()) {
        Activation g = layer.activation();
        if (g == Activation.LINEAR) {
          method.addComment("$L = $L   (linear: the same matrix)", a(layer), z(layer));
        } else if (g != Activation.SOFTMAX) {
          method.addComment("$L = $L($L)", a(layer), activationName(g), z(layer));
        }
        method.addComment(
            "written out unit by unit in $L, which loops over the m examples",
            ScalarLayerWriter.forwardName(layer));
        method.addStatement(
            "$L($N, $N, $N)", ScalarLayerWriter.forwardName(layer), aPrev, z(layer), a(layer));
        if (g == Activation.SOFTMAX) {
          softmax(method, layer);
        }
        continue;
      }
      if (layer.activation() == Activation.LINEAR) {
        method.addStatement(
            "$T.affine($N, $N, $N, $N)", KERNEL, weights(layer), aPrev, bias(layer), z(layer));
        method.addComment("$L = $L   (linear: the same matrix)", a(layer), z(layer));
      } else if (layer.activation() == Activation.SOFTMAX) {
        method.addStatement(
            "$T.affine($N, $N, $N, $N)", KERNEL, weights(layer), aPrev, bias(layer), z(layer));
        softmax(method, layer);
      } else {
        String fn = activationName(layer.activation());
        method.addComment(
            "$L = $L($L)   (applied to each block of $L as the product finishes it)",
            a(layer),
            fn,
            z(layer),
            z(layer));
        method.addStatement(
            "$T.affine$L($N, $N, $N, $N, $N)",
            KERNEL,
            capitalized(fn),
            weights(layer),
            aPrev,
            bias(layer),
            z(layer),
            a(layer));
      }
    }
    return method.build();
  }

  /** A = softmax(Z), one column (example) at a time. */
  private void softmax(MethodSpec.Builder method, LayerModel layer) {
    method.addComment(
        "$L = softmax($L): per column, e^(z - max) / Σ e^(z - max), so nothing overflows",
        a(layer),
        z(layer));
    method.addStatement("$T.softmax($N, $N)", KERNEL, z(layer), a(layer));
  }

  private MethodSpec forward() {
    LayerModel out = net.outputLayer();
    return MethodSpec.methodBuilder("forward")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(MATRIX)
        .addParameter(MATRIX, "X")
        .addJavadoc(
            "The output $L ($L x m) for a batch X ($L x m).\n", a(out), out.units(), net.inputs())
        .addStatement("$T.requireInputs(X, $L)", SHAPES, net.inputs())
        .addStatement("$T w = workspace(X.cols())", workspace)
        .addStatement("forwardPass(X, w)")
        .addStatement("return w.$N.copy()", a(out))
        .build();
  }

  private MethodSpec costOfCache() {
    LayerModel out = net.outputLayer();
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("cost")
            .addModifiers(Modifier.PRIVATE)
            .returns(double.class)
            .addParameter(workspace, "w")
            .addParameter(MATRIX, "Y");
    if (net.loss() == Loss.CATEGORICAL_CROSS_ENTROPY) {
      method.addComment(
          "Categorical cross-entropy of A$L = softmax(Z$L), from Z$L itself:",
          out.number(),
          out.number(),
          out.number());
      method.addComment("J = (1/m) Σ_columns Σ_classes y (log Σ_k e^z_k - z)");
      method.addStatement("return $T.categoricalCrossEntropyFromLogits(w.$N, Y)", COSTS, z(out));
    } else if (fusedOutputError()) {
      method.addComment(
          "Binary cross-entropy of A$L = sigmoid(Z$L), from Z$L itself:",
          out.number(),
          out.number(),
          out.number());
      method.addComment("J = (1/m) Σ [max(z, 0) - z y + log(1 + e^-|z|)]");
      method.addStatement("return $T.binaryCrossEntropyFromLogits(w.$N, Y)", COSTS, z(out));
    } else {
      method.addComment("J = (1/2m) Σ (a - y)²");
      method.addStatement("return $T.meanSquaredError(w.$N, Y)", COSTS, a(out));
    }
    return method.build();
  }

  private MethodSpec cost() {
    return MethodSpec.methodBuilder("cost")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(double.class)
        .addParameter(MATRIX, "X")
        .addParameter(MATRIX, "Y")
        .addJavadoc("The $L of a batch.\n", lossName(net.loss()))
        .addStatement("$T.requireInputs(X, $L)", SHAPES, net.inputs())
        .addStatement("$T.requireLabels(Y, $L, X.cols())", SHAPES, net.outputs())
        .addCode(labelDistributions())
        .addStatement("$T w = workspace(X.cols())", workspace)
        .addStatement("forwardPass(X, w)")
        .addStatement("return cost(w, Y)")
        .build();
  }

  /** Categorical cross-entropy's gradient A - Y needs every column of Y to sum to 1. */
  private CodeBlock labelDistributions() {
    if (net.loss() != Loss.CATEGORICAL_CROSS_ENTROPY) {
      return CodeBlock.of("");
    }
    return CodeBlock.builder().addStatement("$T.requireDistributions(Y)", SHAPES).build();
  }

  // ---------------------------------------------------------------- backward pass

  private MethodSpec backward() {
    return MethodSpec.methodBuilder("backward")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(GRADIENTS)
        .addParameter(MATRIX, "X")
        .addParameter(MATRIX, "Y")
        .addJavadoc("Backpropagation: the cost, the output and ∂J/∂W, ∂J/∂b of every layer.\n")
        .addStatement("double[] gradient = new double[$L]", net.parameterCount())
        .addStatement("double cost = backward(X, Y, gradient)")
        .addStatement(
            "return $T.of(ARCHITECTURE, cost, workspaces[0].$N.copy(), gradient)",
            GRADIENTS,
            a(net.outputLayer()))
        .build();
  }

  private MethodSpec backwardInto() {
    LayerModel out = net.outputLayer();
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("backward")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(double.class)
            .addParameter(MATRIX, "X")
            .addParameter(MATRIX, "Y")
            .addParameter(double[].class, "gradient")
            .addJavadoc(
                "Backpropagation for training loops: ∂J/∂θ into {@code gradient}, laid out like\n"
                    + "the parameters, and the cost returned. With the same batch size as the\n"
                    + "last call it reuses every buffer.\n")
            .addStatement("$T.requireInputs(X, $L)", SHAPES, net.inputs())
            .addStatement("int m = X.cols()")
            .addStatement("$T.requireLabels(Y, $L, m)", SHAPES, net.outputs())
            .addCode(labelDistributions())
            .addStatement(
                "$T.requireLength($S, gradient, $L)", SHAPES, "gradient", net.parameterCount())
            .addCode("\n")
            .addStatement("$T w = workspace(m)", workspace)
            .addStatement("forwardPass(X, w)")
            .addStatement("double cost = cost(w, Y)");
    for (LayerModel layer : net.layers()) {
      for (String buffer : buffers(layer)) {
        if (!buffer.equals(z(layer)) || needsZ(layer)) {
          method.addStatement("$T $N = w.$N", MATRIX, buffer, buffer);
        }
      }
    }

    method.addCode("\n");
    method.addComment(
        "Gradients, laid out like the parameters: $L",
        parameterOrder().replace("W", "dW").replace("b", "db"));
    if (hasKernelLayer()) {
      method.addStatement("w.bind(gradient)");
    }
    for (LayerModel layer : net.layers()) {
      if (!layer.scalar()) { // scalar layers' backward methods write straight into gradient
        method.addStatement("$T $N = w.$N", MATRIX, "d" + weights(layer), "d" + weights(layer));
        method.addStatement("$T $N = w.$N", MATRIX, "d" + bias(layer), "d" + bias(layer));
      }
    }

    for (int i = net.layers().size() - 1; i >= 0; i--) {
      LayerModel layer = net.layers().get(i);
      method.addCode("\n");
      method.addComment("Layer $L ($L), backward", layer.number(), layer.name());
      if (layer == out) {
        outputDelta(method, layer);
      } else if (nextIsKernel(layer)) {
        method.addComment(
            "d$L was computed with d$L by layer $L's product, above",
            z(layer),
            a(layer),
            layer.number() + 1);
      } else {
        activationDelta(method, layer);
      }
      String aPrev = layer.number() == 1 ? "X" : a(previous(layer));
      if (layer.scalar()) {
        method.addComment("d$L = d$L · $Lᵀ / m", weights(layer), z(layer), aPrev);
        method.addComment("d$L = Σ_columns d$L / m", bias(layer), z(layer));
        if (layer.number() > 1) {
          method.addComment("d$L = $Lᵀ · d$L", aPrev, weights(layer), z(layer));
        }
        method.addComment(
            "written out weight by weight in $L, summing over the m examples",
            ScalarLayerWriter.backwardName(layer));
        method.addStatement(
            "$L($N, $N, gradient$L)",
            ScalarLayerWriter.backwardName(layer),
            "d" + z(layer),
            aPrev,
            layer.number() > 1 ? ", d" + aPrev : "");
        continue;
      }
      method.addComment("d$L = d$L · $Lᵀ / m", weights(layer), z(layer), aPrev);
      method.addStatement(
          "$T.multiplyTransposeB(1.0 / m, $N, $N, $N)",
          KERNEL,
          "d" + z(layer),
          aPrev,
          "d" + weights(layer));
      method.addComment("d$L = Σ_columns d$L / m", bias(layer), z(layer));
      method.addStatement("$T.rowSums(1.0 / m, $N, $N)", KERNEL, "d" + z(layer), "d" + bias(layer));
      if (layer.number() > 1) {
        backpropagate(method, layer, previous(layer));
      }
    }
    method.addCode("\n");
    method.addStatement("return cost");
    return method.build();
  }

  /**
   * dA_prev = Wᵀ · dZ of a kernel layer, and the previous layer's dZ = dA_prev ∘ g'(·) in the same
   * pass: the product's finishing step applies g' to each block of dA_prev as it is completed.
   */
  private void backpropagate(MethodSpec.Builder method, LayerModel layer, LayerModel prev) {
    String dzPrev = "d" + z(prev);
    method.addComment("d$L = $Lᵀ · d$L", a(prev), weights(layer), z(layer));
    switch (prev.activation()) {
      case LINEAR:
        method.addComment(
            "$L = d$L   (layer $L is linear: g'(Z) = 1)", dzPrev, a(prev), prev.number());
        method.addStatement(
            "$T.multiplyTransposeA($N, $N, $N)", KERNEL, weights(layer), "d" + z(layer), dzPrev);
        return;
      case RELU:
        method.addComment(
            "$L = d$L ∘ relu'($L)   (in the same pass, as each block of d$L is finished)",
            dzPrev,
            a(prev),
            z(prev),
            a(prev));
        method.addStatement(
            "$T.backpropRelu($N, $N, $N, $N)",
            KERNEL,
            weights(layer),
            "d" + z(layer),
            z(prev),
            dzPrev);
        return;
      case SIGMOID:
        method.addComment(
            "$L = d$L ∘ $L ∘ (1 - $L)   (sigmoid'; in the same pass)",
            dzPrev,
            a(prev),
            a(prev),
            a(prev));
        method.addStatement(
            "$T.backpropSigmoid($N, $N, $N, $N)",
            KERNEL,
            weights(layer),
            "d" + z(layer),
            a(prev),
            dzPrev);
        return;
      case TANH:
        method.addComment(
            "$L = d$L ∘ (1 - $L²)   (tanh'; in the same pass)", dzPrev, a(prev), a(prev));
        method.addStatement(
            "$T.backpropTanh($N, $N, $N, $N)",
            KERNEL,
            weights(layer),
            "d" + z(layer),
            a(prev),
            dzPrev);
        return;
      default:
        throw new IllegalStateException("no derivative for " + prev.activation());
    }
  }

  /** Whether the layer after this one runs on the kernel (and so writes this layer's dZ). */
  private boolean nextIsKernel(LayerModel layer) {
    return layer != net.outputLayer() && !net.layers().get(layer.number()).scalar();
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** dZ of the output layer, from the loss. */
  private void outputDelta(MethodSpec.Builder method, LayerModel out) {
    String dz = "d" + z(out);
    if (net.loss() == Loss.CATEGORICAL_CROSS_ENTROPY) {
      method.addComment(
          "$L = $L - Y   (softmax output with categorical cross-entropy: the Jacobian cancels)",
          dz,
          a(out));
      method.addStatement("$T.outputError($N, Y, $N)", COSTS, a(out), dz);
      return;
    }
    if (fusedOutputError()) {
      method.addComment(
          "$L = $L - Y   (sigmoid output with binary cross-entropy: σ'(Z) cancels)", dz, a(out));
      method.addStatement("$T.outputError($N, Y, $N)", COSTS, a(out), dz);
      return;
    }
    if (net.loss() == Loss.MEAN_SQUARED_ERROR && out.activation() == Activation.LINEAR) {
      method.addComment("$L = $L - Y   (mean squared error with a linear output)", dz, a(out));
      method.addStatement("$T.outputError($N, Y, $N)", COSTS, a(out), dz);
      return;
    }
    // Mean squared error after a non-linear output; NetworkReader admits binary cross-entropy
    // only after a sigmoid, which the fused case above handles.
    String da = "d" + a(out);
    method.addComment("$L = $L - Y   (∂J/∂A per example; 1/m comes with dW and db)", da, a(out));
    method.addStatement("$T.outputError($N, Y, $N)", COSTS, a(out), da);
    activationDelta(method, out);
  }

  /** dZ = dA ∘ g'(Z), written for the layer's own g. */
  private void activationDelta(MethodSpec.Builder method, LayerModel layer) {
    String dz = "d" + z(layer);
    String da = "d" + a(layer);
    switch (layer.activation()) {
      case LINEAR:
        method.addComment("$L = $L   (linear: g'(Z) = 1, the same matrix)", dz, da);
        return;
      case RELU:
        method.addComment("$L = $L ∘ relu'($L)", dz, da, z(layer));
        method.addStatement("$T.reluBackward($N, $N, $N)", KERNEL, da, z(layer), dz);
        return;
      case SIGMOID:
        method.addComment(
            "$L = $L ∘ sigmoid'($L), where sigmoid'($L) = $L ∘ (1 - $L)",
            dz,
            da,
            z(layer),
            z(layer),
            a(layer),
            a(layer));
        method.addStatement("$T.sigmoidBackward($N, $N, $N)", KERNEL, da, a(layer), dz);
        return;
      case TANH:
        method.addComment(
            "$L = $L ∘ tanh'($L), where tanh'($L) = 1 - $L²", dz, da, z(layer), z(layer), a(layer));
        method.addStatement("$T.tanhBackward($N, $N, $N)", KERNEL, da, a(layer), dz);
        return;
      default:
        throw new IllegalStateException("no derivative for " + layer.activation());
    }
  }

  /** Whether the backward pass reads the layer's Z (only ReLU's derivative needs it). */
  private boolean needsZ(LayerModel layer) {
    return layer.activation() == Activation.RELU;
  }

  // ---------------------------------------------------------------- gradient check

  private MethodSpec gradcheck() {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("gradcheck")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(GRAD_CHECK)
            .addParameter(MATRIX, "X")
            .addParameter(MATRIX, "Y")
            .addParameter(OPTIONS, "options")
            .addJavadoc(
                "Compares backpropagation with central differences of the cost, perturbing\n"
                    + "this model's own parameters in place and restoring each exactly.\n")
            .addStatement("$T analytic = backward(X, Y)", GRADIENTS)
            .addStatement(
                "$T check = $T.recorder(ARCHITECTURE, analytic.toArray(), options)",
                RECORDER,
                GRAD_CHECK)
            .beginControlFlow("if (check.directional())")
            .addStatement("return directionalCheck(X, Y, check)")
            .endControlFlow()
            .addStatement("double epsilon = check.epsilon()")
            .addStatement("$T plus = new $T(X.cols())", workspace, workspace)
            .addStatement("$T minus = new $T(X.cols())", workspace, workspace)
            .addCode("\n")
            .addComment(
                "For each chosen θ_i: J at θ_i + ε and at θ_i - ε, then θ_i exactly as it was.")
            .addComment("(J(θ + ε) - J(θ - ε)) / 2ε is off by O(ε²), against O(ε) for a one-sided")
            .addComment("difference. The step is measured as it was stored, (θ + ε) - (θ - ε),")
            .addComment("since rounding makes it differ slightly from 2ε. The relative difference")
            .addComment(
                "‖a - n‖ / (‖a‖ + ‖n‖) then judges all entries at once, whatever their scale.")
            .beginControlFlow("for (int i : check.indices())")
            .addStatement("double saved = parameters[i]")
            .beginControlFlow("try")
            .addStatement("parameters[i] = saved + epsilon")
            .addStatement("double up = parameters[i]")
            .addStatement("forwardPass(X, plus)")
            .addStatement("parameters[i] = saved - epsilon")
            .addStatement("double down = parameters[i]")
            .addStatement("forwardPass(X, minus)");
    List<String> relu = new ArrayList<>();
    for (LayerModel layer : net.layers()) {
      if (layer.activation() == Activation.RELU) {
        relu.add(
            String.format(Locale.ROOT, "$T.crossesZero(plus.%s, minus.%s)", z(layer), z(layer)));
      }
    }
    if (relu.isEmpty()) {
      method.addComment("No ReLU layer, so the cost is smooth: no kinks to look for.");
      method.addStatement("boolean kink = false");
    } else {
      method.addComment("A ReLU input on different sides of 0 at the two points: no derivative.");
      Object[] kernels = new Object[relu.size()];
      Arrays.fill(kernels, KERNEL);
      method.addStatement(
          "boolean kink =" + (relu.size() == 1 ? " " : "\n") + String.join("\n|| ", relu), kernels);
    }
    method
        .addStatement("check.record(i, cost(plus, Y), cost(minus, Y), up - down, kink)")
        .nextControlFlow("finally")
        .addStatement("parameters[i] = saved")
        .endControlFlow()
        .beginControlFlow("if (check.stopped())")
        .addStatement("break")
        .endControlFlow()
        .endControlFlow()
        .addStatement("return check.finish()");
    return method.build();
  }

  private MethodSpec directionalCheck() {
    return MethodSpec.methodBuilder("directionalCheck")
        .addModifiers(Modifier.PRIVATE)
        .returns(GRAD_CHECK)
        .addParameter(MATRIX, "X")
        .addParameter(MATRIX, "Y")
        .addParameter(RECORDER, "check")
        .addJavadoc(
            "The fast check: every parameter moves at once along one random unit direction d,\n"
                + "and (J(θ + εd) - J(θ - εd)) / 2ε is compared with ∇J · d. Two forward passes\n"
                + "whatever the size, but weaker than checking each parameter.\n")
        .addStatement("double epsilon = check.epsilon()")
        .addStatement("double[] d = check.direction()")
        .addStatement("double[] saved = parameters.clone()")
        .addStatement("$T w = new $T(X.cols())", workspace, workspace)
        .beginControlFlow("try")
        .beginControlFlow("for (int i = 0; i < $L; i++)", net.parameterCount())
        .addStatement("parameters[i] = saved[i] + epsilon * d[i]")
        .endControlFlow()
        .addStatement("forwardPass(X, w)")
        .addStatement("double costPlus = cost(w, Y)")
        .beginControlFlow("for (int i = 0; i < $L; i++)", net.parameterCount())
        .addStatement("parameters[i] = saved[i] - epsilon * d[i]")
        .endControlFlow()
        .addStatement("forwardPass(X, w)")
        .addStatement("double costMinus = cost(w, Y)")
        .addStatement("check.recordDirection(costPlus, costMinus)")
        .nextControlFlow("finally")
        .addStatement(
            "$T.arraycopy(saved, 0, parameters, 0, $L)", System.class, net.parameterCount())
        .endControlFlow()
        .addStatement("return check.finish()")
        .build();
  }

  // ---------------------------------------------------------------- names

  private LayerModel previous(LayerModel layer) {
    return net.layers().get(layer.number() - 2);
  }

  private static String weights(LayerModel layer) {
    return "W" + layer.number();
  }

  private static String bias(LayerModel layer) {
    return "b" + layer.number();
  }

  private static String z(LayerModel layer) {
    return "Z" + layer.number();
  }

  private static String a(LayerModel layer) {
    return "A" + layer.number();
  }

  /** Whether the output layer's dZ is simply A - Y: sigmoid with BCE, softmax with CCE. */
  private boolean fusedOutputError() {
    Activation output = net.outputLayer().activation();
    return (net.loss() == Loss.BINARY_CROSS_ENTROPY && output == Activation.SIGMOID)
        || (net.loss() == Loss.CATEGORICAL_CROSS_ENTROPY && output == Activation.SOFTMAX);
  }

  static String activationName(Activation activation) {
    return activation.name().toLowerCase(Locale.ROOT);
  }

  static String lossName(Loss loss) {
    switch (loss) {
      case BINARY_CROSS_ENTROPY:
        return "binary cross-entropy";
      case MEAN_SQUARED_ERROR:
        return "mean squared error";
      case CATEGORICAL_CROSS_ENTROPY:
        return "categorical cross-entropy";
      default:
        throw new IllegalStateException("unknown loss " + loss);
    }
  }
}
