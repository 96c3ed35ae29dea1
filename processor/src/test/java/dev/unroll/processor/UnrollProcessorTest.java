package dev.unroll.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.unroll.runtime.Dense;
import dev.unroll.runtime.Matrix;
import dev.unroll.runtime.Model;
import java.util.Arrays;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor end to end on the lab's declaration: what it writes, that the result compiles
 * without a warning, and that the generated class keeps the public contract.
 */
class UnrollProcessorTest {
  static final JavaFileObject LAB =
      Sources.demo(
          "Lab",
          "@Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)",
          "class Lab {",
          "  @Layer(units = 3, activation = Activation.RELU) Dense hidden;",
          "  @Layer(units = 1, activation = Activation.SIGMOID) Dense output;",
          "}");

  @Test
  void labDeclarationCompilesWithoutWarningsUnderXlintAll() {
    Compilation compilation = Sources.compiler().compile(LAB);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("demo.UnrolledLab");
  }

  @Test
  void labNetworkIsWrittenAsScalarCodeWithLiteralShapes() {
    String source = Sources.generatedSource(Sources.compiler().compile(LAB), "demo.UnrolledLab");
    assertTrue(source.contains("public final class UnrolledLab implements Model"), source);
    assertTrue(source.contains("@Generated(\"dev.unroll.processor.UnrollProcessor\")"), source);
    assertTrue(source.contains("public UnrolledLab(long seed)"), source);
    // Scalar code reads the parameter vector itself: no matrix views of W and b are declared.
    assertFalse(source.contains("Matrix W1 ="), source);
    assertTrue(source.contains("Init.he(this.hidden.weights(), random);"), source);
    assertTrue(source.contains("double W_0_0 = p[0], W_0_1 = p[1], b_0 = p[6];"), source);
    // Layer 1, unit 2: one expression over the two inputs, then the ReLU.
    assertTrue(source.contains("double z2 = b_2 + W_2_0 * x0 + W_2_1 * x1;"), source);
    assertTrue(source.contains("a[2 * m + j] = Math.max(z2, 0);"), source);
    assertTrue(source.contains("forward1(X, Z1, A1);"), source);
    assertTrue(source.contains("backward2(dZ2, A1, gradient, dA1);"), source);
    assertTrue(source.contains("Costs.binaryCrossEntropyFromLogits(w.Z2, Y)"), source);
    assertTrue(source.contains("Kernel.reluBackward(dA1, Z1, dZ1);"), source);
    assertTrue(source.contains("public Dense hidden()"), source);
    assertFalse(source.contains("Kernel.affine"), source);
    // Unrolled: no loop over layers or units, and no switch on the activation at run time;
    // what loops is the batch (one loop per scalar method) and the gradient check.
    assertFalse(source.contains("switch"), source);
    String forward = method(source, "private void forwardPass");
    assertFalse(forward.contains("for ("), forward);
  }

  @Test
  void kernelUnrollingSpellsOutEachLayerAsKernelCalls() {
    JavaFileObject lab =
        Sources.demo(
            "Lab",
            "@Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY, unrolling = Unrolling.KERNEL)",
            "class Lab {",
            "  @Layer(units = 3, activation = Activation.RELU) Dense hidden;",
            "  @Layer(units = 1, activation = Activation.SIGMOID) Dense output;",
            "}");
    Compilation compilation = Sources.compiler().compile(lab);
    assertThat(compilation).succeededWithoutWarnings();
    String source = Sources.generatedSource(compilation, "demo.UnrolledLab");
    assertTrue(source.contains("Kernel.affineRelu(W1, X, b1, Z1, A1);"), source);
    assertTrue(source.contains("Kernel.affineSigmoid(W2, A1, b2, Z2, A2);"), source);
    assertTrue(source.contains("Kernel.backpropRelu(W2, dZ2, Z1, dZ1);"), source);
    assertTrue(source.contains("Kernel.multiplyTransposeB(1.0 / m, dZ2, A1, dW2);"), source);
    assertFalse(source.contains("forward1("), source);
    String backward = method(source, "public Gradients backward");
    assertFalse(backward.contains("for ("), backward);
  }

  /** The text of the method whose declaration starts with {@code start}. */
  private static String method(String source, String start) {
    int from = source.indexOf(start);
    assertTrue(from >= 0, start + " not found in\n" + source);
    return source.substring(from, source.indexOf("\n  }\n", from));
  }

  @Test
  void generatedSourceHasNoTrailingBlanksAndNoLongLines() {
    String source = Sources.generatedSource(Sources.compiler().compile(LAB), "demo.UnrolledLab");
    for (String line : Sources.lines(source)) {
      assertTrue(!line.endsWith(" "), "trailing blank: '" + line + "'");
      assertTrue(line.length() <= 100, "line over 100 columns: " + line);
    }
  }

  @Test
  void sameDeclarationGivesTheSameBytes() {
    String first = Sources.generatedSource(Sources.compiler().compile(LAB), "demo.UnrolledLab");
    String second = Sources.generatedSource(Sources.compiler().compile(LAB), "demo.UnrolledLab");
    assertEquals(first, second);
  }

  @Test
  void generatedClassKeepsTheContract() throws Exception {
    Compilation compilation = Sources.compiler().compile(LAB);
    Class<?> type = Sources.classLoader(compilation).loadClass("demo.UnrolledLab");
    assertTrue(java.lang.reflect.Modifier.isFinal(type.getModifiers()));
    assertTrue(java.lang.reflect.Modifier.isPublic(type.getModifiers()));
    Model model = (Model) type.getConstructor(long.class).newInstance(42L);

    assertEquals(2, model.inputSize());
    assertEquals(1, model.outputSize());
    assertEquals(13, model.parameterCount());
    Dense hidden = (Dense) type.getMethod("hidden").invoke(model);
    assertEquals(3, hidden.weights().rows());
    assertEquals(2, hidden.weights().cols());
    assertEquals(3, hidden.bias().rows());

    // He initialisation: seeded weights, zero biases, the same seed the same model.
    double[] p = model.parameters();
    Model again = (Model) type.getConstructor(long.class).newInstance(42L);
    assertTrue(Arrays.equals(p, again.parameters()));
    assertEquals(0.0, p[6]);
    assertEquals(0.0, p[12]);
    assertTrue(p[0] != 0.0);

    // The accessor's matrices are live views of the parameters.
    hidden.weights().set(2, 1, 7.5);
    assertEquals(7.5, model.parameters()[5]);
    double[] values = new double[13];
    values[12] = -3;
    model.setParameters(values);
    Dense output = (Dense) type.getMethod("output").invoke(model);
    assertEquals(-3, output.bias().get(0, 0));
    assertSame(hidden, type.getMethod("hidden").invoke(model));

    Matrix x = Matrix.of(new double[][] {{1.5, 0.5, 2.5, -0.5}, {2.0, -1.0, 1.5, 0.8}});
    assertEquals(1, model.forward(x).rows());
    assertEquals(4, model.forward(x).cols());
    assertTrue(model.summary().contains("hidden"));
    assertTrue(model.toString().contains("total"));
  }

  @Test
  void javadocTableIsTheTableThatSummaryPrints() throws Exception {
    // The processor and the runtime each format the table; this keeps the two identical.
    Compilation compilation = Sources.compiler().compile(LAB);
    String source = Sources.generatedSource(compilation, "demo.UnrolledLab");
    Model model =
        (Model)
            Sources.classLoader(compilation)
                .loadClass("demo.UnrolledLab")
                .getConstructor(long.class)
                .newInstance(1L);
    String[] summary = model.summary().split("\n");
    for (int i = 1; i < summary.length; i++) {
      assertTrue(source.contains("\n * " + summary[i] + "\n"), summary[i] + "\n" + source);
    }
  }

  @Test
  void staticNestedDeclarationGetsAnUnderscoredName() {
    Compilation compilation =
        Sources.compiler()
            .compile(
                Sources.demo(
                    "Outer",
                    "class Outer {",
                    "  @Network(inputs = 1, loss = Loss.MEAN_SQUARED_ERROR)",
                    "  static class Inner {",
                    "    @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
                    "  }",
                    "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("demo.UnrolledOuter_Inner");
  }

  @Test
  void layerNamedLikeAGeneratedFieldStillCompiles() {
    Compilation compilation =
        Sources.compiler()
            .compile(
                Sources.demo(
                    "Clash",
                    "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
                    "class Clash {",
                    "  @Layer(units = 2, activation = Activation.TANH) Dense W1;",
                    "  @Layer(units = 1, activation = Activation.LINEAR) Dense ARCHITECTURE;",
                    "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }
}
