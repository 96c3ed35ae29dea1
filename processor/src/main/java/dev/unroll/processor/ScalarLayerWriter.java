package dev.unroll.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import dev.unroll.Activation;
import dev.unroll.processor.NetworkModel.LayerModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Modifier;

/**
 * Writes a small layer as straight-line scalar code: one expression per unit, its weights read once
 * into local variables, and only the loop over the batch's examples left. For the lab's 2-3-1
 * network this is the whole computation, with no kernel call and no loop over units.
 *
 * <p>HotSpot never compiles a method of more than 8000 bytes of bytecode, and straight-line code
 * costs some 30 to 60 bytes per weight. So a layer's units are split into blocks of at most {@link
 * #BLOCK_WEIGHTS} weights, each its own method; a layer that fits in one block is one method. A
 * test measures the bytecode of the largest layers allowed.
 */
final class ScalarLayerWriter {
  /** The most weights one generated method handles; keeps every method near 5000 bytes. */
  static final int BLOCK_WEIGHTS = 80;

  private static final ClassName MATRIX = ClassName.get("dev.unroll.runtime", "Matrix");
  private static final ClassName KERNEL = ClassName.get("dev.unroll.runtime", "Kernel");

  ScalarLayerWriter() {}

  static String forwardName(LayerModel layer) {
    return "forward" + layer.number();
  }

  static String backwardName(LayerModel layer) {
    return "backward" + layer.number();
  }

  /** Units per block: as many as fit in {@link #BLOCK_WEIGHTS} weights, at least one. */
  private static List<int[]> blocks(LayerModel layer) {
    int size = Math.max(1, BLOCK_WEIGHTS / layer.fanIn());
    List<int[]> blocks = new ArrayList<>();
    for (int from = 0; from < layer.units(); from += size) {
      blocks.add(new int[] {from, Math.min(layer.units(), from + size)});
    }
    return blocks;
  }

  private static String input(LayerModel layer) {
    return layer.number() == 1 ? "X" : "A" + (layer.number() - 1);
  }

  // ---------------------------------------------------------------- forward

  /**
   * {@code forwardN(A_prev, Z, A)}: Z = W · A_prev + b and A = g(Z), unit by unit for each example;
   * for a layer of several blocks, this method calls one per block.
   */
  List<MethodSpec> forward(LayerModel layer) {
    int n = layer.number();
    String in = input(layer);
    List<int[]> blocks = blocks(layer);
    List<MethodSpec> methods = new ArrayList<>();
    MethodSpec.Builder main =
        forwardSignature(forwardName(layer), layer)
            .addJavadoc(
                "Layer $L ($L) forward, unrolled: Z$L = W$L · $L + b$L and A$L = $L(Z$L), one\n"
                    + "expression per unit.\n",
                n,
                layer.name(),
                n,
                n,
                in,
                n,
                n,
                NetworkWriter.activationName(layer.activation()),
                n);
    if (blocks.size() == 1) {
      forwardBody(main, layer, 0, layer.units());
      methods.add(main.build());
      return methods;
    }
    for (int b = 0; b < blocks.size(); b++) {
      int[] block = blocks.get(b);
      String name = forwardName(layer) + "_" + b;
      main.addStatement("$L($N, Z$L, A$L)", name, in, n, n);
      MethodSpec.Builder part =
          forwardSignature(name, layer)
              .addJavadoc("Units $L to $L of layer $L forward.\n", block[0], block[1] - 1, n);
      forwardBody(part, layer, block[0], block[1]);
      methods.add(part.build());
    }
    methods.add(0, main.build());
    return methods;
  }

  private static MethodSpec.Builder forwardSignature(String name, LayerModel layer) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE)
        .addParameter(MATRIX, input(layer))
        .addParameter(MATRIX, "Z" + layer.number())
        .addParameter(MATRIX, "A" + layer.number());
  }

  private static void forwardBody(MethodSpec.Builder method, LayerModel layer, int from, int to) {
    int n = layer.number();
    String in = input(layer);
    readWeights(method, layer, from, to, true);
    method
        .addStatement("int m = $N.cols()", in)
        .addStatement("double[] in = $N.storage()", in)
        .addStatement("int at = $N.offset()", in)
        .addComment("Workspace matrices own their arrays from index 0.")
        .addStatement("double[] z = Z$L.storage()", n);
    // A linear layer's A is its Z; a softmax layer's A needs every unit, so the caller forms it.
    boolean linear =
        layer.activation() == Activation.LINEAR || layer.activation() == Activation.SOFTMAX;
    if (!linear) {
      method.addStatement("double[] a = A$L.storage()", n);
    }
    method.beginControlFlow("for (int j = 0; j < m; j++)");
    method.addComment("x: example j's column of $L", in);
    readColumn(method, "in", "at", layer.fanIn(), "x");
    for (int i = from; i < to; i++) {
      method.addComment(unitComment(layer, i));
      method.addStatement("double z$L = $L", i, weightedSum(layer, i));
      method.addStatement("z[$L] = z$L", row(i), i);
      if (layer.activation() == Activation.SIGMOID) {
        method.addStatement("a[$L] = $T.sigmoid(z$L)", row(i), KERNEL, i);
      } else if (layer.activation() == Activation.RELU) {
        method.addStatement("a[$L] = Math.max(z$L, 0)", row(i), i);
      } else if (layer.activation() == Activation.TANH) {
        method.addStatement("a[$L] = Math.tanh(z$L)", row(i), i);
      }
    }
    method.endControlFlow();
  }

  /** "unit 0: z = b + Σ W x, a = relu(z)" in the layer's own names. */
  private static String unitComment(LayerModel layer, int i) {
    int n = layer.number();
    String z = String.format(Locale.ROOT, "Z%d[%d]", n, i);
    String formula =
        String.format(Locale.ROOT, "unit %d: %s = W%d[%d] · %s + b%d[%d]", i, z, n, i, "x", n, i);
    switch (layer.activation()) {
      case LINEAR:
        return formula + ", A" + n + "[" + i + "] = " + z;
      case SOFTMAX:
        return formula + " (softmax over all units follows)";
      default:
        return formula
            + ", A"
            + n
            + "["
            + i
            + "] = "
            + NetworkWriter.activationName(layer.activation())
            + "("
            + z
            + ")";
    }
  }

  // ---------------------------------------------------------------- backward

  /**
   * {@code backwardN(dZ, A_prev, gradient[, dA_prev])}: dW = dZ · A_prevᵀ / m and db = Σ_columns dZ
   * / m straight into the gradient vector, and dA_prev = Wᵀ · dZ; for a layer of several blocks,
   * this method calls one per block, each adding its units' share of dA_prev.
   */
  List<MethodSpec> backward(LayerModel layer) {
    int n = layer.number();
    String in = input(layer);
    boolean passBack = n > 1;
    List<int[]> blocks = blocks(layer);
    MethodSpec.Builder main =
        backwardSignature(backwardName(layer), layer)
            .addJavadoc(
                "Layer $L ($L) backward, unrolled: dW$L = dZ$L · $Lᵀ / m and db$L = Σ_columns"
                    + " dZ$L / m,\naccumulated per weight over the examples and written into"
                    + " gradient$L.\n",
                n,
                layer.name(),
                n,
                n,
                in,
                n,
                n,
                passBack ? String.format(Locale.ROOT, ", and d%s = W%dᵀ · dZ%d", in, n, n) : "");
    List<MethodSpec> methods = new ArrayList<>();
    if (blocks.size() == 1) {
      backwardBody(main, layer, 0, layer.units(), true);
      methods.add(main.build());
      return methods;
    }
    for (int b = 0; b < blocks.size(); b++) {
      int[] block = blocks.get(b);
      String name = backwardName(layer) + "_" + b;
      main.addStatement("$L(dZ$L, $N, gradient$L)", name, n, in, passBack ? ", d" + in : "");
      MethodSpec.Builder part =
          backwardSignature(name, layer)
              .addJavadoc(
                  "Units $L to $L of layer $L backward$L.\n",
                  block[0],
                  block[1] - 1,
                  n,
                  passBack && b > 0 ? ", adding their share to d" + in : "");
      backwardBody(part, layer, block[0], block[1], b == 0);
      methods.add(part.build());
    }
    methods.add(0, main.build());
    return methods;
  }

  private static MethodSpec.Builder backwardSignature(String name, LayerModel layer) {
    String in = input(layer);
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(name)
            .addModifiers(Modifier.PRIVATE)
            .addParameter(MATRIX, "dZ" + layer.number())
            .addParameter(MATRIX, in)
            .addParameter(double[].class, "gradient");
    if (layer.number() > 1) {
      method.addParameter(MATRIX, "d" + in);
    }
    return method;
  }

  /**
   * @param first whether this block writes dA_prev (the first) or adds to it (the others)
   */
  private static void backwardBody(
      MethodSpec.Builder method, LayerModel layer, int from, int to, boolean first) {
    int n = layer.number();
    String in = input(layer);
    boolean passBack = n > 1;
    if (passBack) {
      readWeights(method, layer, from, to, false);
    }
    method
        .addStatement("int m = dZ$L.cols()", n)
        .addStatement("double[] dz = dZ$L.storage()", n)
        .addStatement("double[] in = $N.storage()", in)
        .addStatement("int at = $N.offset()", in);
    if (passBack) {
      method.addStatement("double[] da = d$L.storage()", in);
    }
    method.addComment("Sums over the examples, one per weight and bias");
    for (int i = from; i < to; i++) {
      List<String> sums = new ArrayList<>();
      for (int k = 0; k < layer.fanIn(); k++) {
        sums.add(String.format(Locale.ROOT, "sW_%d_%d = 0", i, k));
      }
      sums.add("sb_" + i + " = 0");
      method.addStatement("double $L", String.join(", ", sums));
    }
    method.beginControlFlow("for (int j = 0; j < m; j++)");
    method.addComment("x: example j's column of $L", in);
    readColumn(method, "in", "at", layer.fanIn(), "x");
    method.addComment("d: example j's column of dZ$L", layer.number());
    for (int i = from; i < to; i++) {
      method.addStatement("double d$L = dz[$L]", i, row(i));
    }
    method.addComment("dW$L[i][k] += d[i] · x[k], db$L[i] += d[i]", layer.number(), layer.number());
    for (int i = from; i < to; i++) {
      for (int k = 0; k < layer.fanIn(); k++) {
        method.addStatement("sW_$L_$L += d$L * x$L", i, k, i, k);
      }
      method.addStatement("sb_$L += d$L", i, i);
    }
    if (passBack) {
      method.addComment(
          "d$L[k] = Σ_i W$L[i][k] · d[i]: column j of W$Lᵀ · dZ$L",
          in,
          layer.number(),
          layer.number(),
          layer.number());
      for (int k = 0; k < layer.fanIn(); k++) {
        List<String> terms = new ArrayList<>();
        for (int i = from; i < to; i++) {
          terms.add(String.format(Locale.ROOT, "W_%d_%d * d%d", i, k, i));
        }
        method.addStatement("da[$L] $L $L", row(k), first ? "=" : "+=", String.join(" + ", terms));
      }
    }
    method.endControlFlow();
    method.addComment("Sums to averages: the 1/m of dW = dZ · A_prevᵀ / m and db = Σ dZ / m");
    method.addStatement("double scale = 1.0 / m");
    for (int i = from; i < to; i++) {
      for (int k = 0; k < layer.fanIn(); k++) {
        method.addStatement(
            "gradient[$L] = sW_$L_$L * scale", layer.weightsOffset() + i * layer.fanIn() + k, i, k);
      }
    }
    for (int i = from; i < to; i++) {
      method.addStatement("gradient[$L] = sb_$L * scale", layer.biasOffset() + i, i);
    }
  }

  // ---------------------------------------------------------------- shared pieces

  /** One local per weight (and bias) of units [from, to), read from the parameters once. */
  private static void readWeights(
      MethodSpec.Builder method, LayerModel layer, int from, int to, boolean bias) {
    method.addComment(
        "W$L ($L x $L)$L, read once",
        layer.number(),
        layer.units(),
        layer.fanIn(),
        bias ? " and b" + layer.number() : "");
    method.addStatement("double[] p = parameters");
    for (int i = from; i < to; i++) {
      List<String> row = new ArrayList<>();
      for (int k = 0; k < layer.fanIn(); k++) {
        row.add(
            String.format(
                Locale.ROOT,
                "W_%d_%d = p[%d]",
                i,
                k,
                layer.weightsOffset() + i * layer.fanIn() + k));
      }
      if (bias) {
        row.add(String.format(Locale.ROOT, "b_%d = p[%d]", i, layer.biasOffset() + i));
      }
      method.addStatement("double $L", String.join(", ", row));
    }
  }

  /** Reads column j of a matrix with {@code rows} rows into locals {@code prefix0..}. */
  private static void readColumn(
      MethodSpec.Builder method, String array, String offset, int rows, String prefix) {
    for (int k = 0; k < rows; k++) {
      method.addStatement("double $L$L = $L[$L + $L]", prefix, k, array, offset, row(k));
    }
  }

  private static String row(int i) {
    return i == 0 ? "j" : i == 1 ? "m + j" : i + " * m + j";
  }

  private static String weightedSum(LayerModel layer, int unit) {
    StringBuilder sum = new StringBuilder("b_" + unit);
    for (int k = 0; k < layer.fanIn(); k++) {
      sum.append(String.format(Locale.ROOT, " + W_%d_%d * x%d", unit, k, k));
    }
    return sum.toString();
  }
}
