package dev.unroll.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import dev.unroll.Activation;
import dev.unroll.Loss;
import dev.unroll.runtime.GradCheck;
import dev.unroll.runtime.Matrix;
import dev.unroll.runtime.Model;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Gradients are the derivative of the cost, for random networks: every activation in every position
 * (binary cross-entropy only after the sigmoid output it requires), both losses, depth 1 to 5,
 * widths 1 to 12, batches of 1 to 16.
 *
 * <p>All networks are declared in one source file and compiled once. Each is checked twice: by its
 * own generated gradient check, and against {@link ReferenceNetwork}, an independent plain
 * implementation. A failure prints the seed and the declaration to reproduce it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RandomNetworkPropertyTest {
  private static final long SEED = 20261203L;
  private static final int NETWORKS = 240;

  /** Every activation but SOFTMAX, which belongs on the output under its own loss. */
  private static final Activation[] ACTIVATIONS = {
    Activation.RELU, Activation.SIGMOID, Activation.TANH, Activation.LINEAR
  };

  private static final Loss[] LOSSES = Loss.values();

  private final List<Case> cases = new ArrayList<>();
  private ClassLoader loader;

  /** One random declaration. */
  record Case(int index, int[] dims, Activation[] activations, Loss loss) {
    String className() {
      return "Net" + index;
    }

    String declaration() {
      return declaration(className(), "");
    }

    /** The same network with every layer on the runtime kernel instead of scalar code. */
    String kernelDeclaration() {
      return declaration(className() + "Kernel", ", unrolling = Unrolling.KERNEL");
    }

    /**
     * The same network with every layer as scalar code; layers wider than 6 units with a fan-in of
     * 12 split into several blocks, each adding its share of dA.
     */
    String scalarDeclaration() {
      return declaration(className() + "Scalar", ", unrolling = Unrolling.SCALAR");
    }

    private String declaration(String name, String extra) {
      StringBuilder sb = new StringBuilder();
      sb.append("@Network(inputs = ")
          .append(dims[0])
          .append(", loss = Loss.")
          .append(loss)
          .append(extra)
          .append(")\nclass ")
          .append(name)
          .append(" {\n");
      for (int l = 0; l < activations.length; l++) {
        sb.append("  @Layer(units = ")
            .append(dims[l + 1])
            .append(", activation = Activation.")
            .append(activations[l])
            .append(") Dense layer")
            .append(l + 1)
            .append(";\n");
      }
      return sb.append("}\n").toString();
    }
  }

  @BeforeAll
  void compileAll() {
    Random random = new Random(SEED);
    StringBuilder source = new StringBuilder();
    for (int i = 0; i < NETWORKS; i++) {
      int depth = 1 + random.nextInt(5);
      int[] dims = new int[depth + 1];
      for (int l = 0; l <= depth; l++) {
        dims[l] = 1 + random.nextInt(12);
      }
      Activation[] activations = new Activation[depth];
      for (int l = 0; l < depth; l++) {
        activations[l] = ACTIVATIONS[random.nextInt(ACTIVATIONS.length)];
      }
      Loss loss = LOSSES[random.nextInt(LOSSES.length)];
      if (loss == Loss.BINARY_CROSS_ENTROPY) {
        // The only output binary cross-entropy accepts (others are a compile error).
        activations[depth - 1] = Activation.SIGMOID;
      } else if (loss == Loss.CATEGORICAL_CROSS_ENTROPY) {
        // Softmax over at least two classes, the only output it accepts.
        activations[depth - 1] = Activation.SOFTMAX;
        dims[depth] = Math.max(2, dims[depth]);
      }
      Case c = new Case(i, dims, activations, loss);
      cases.add(c);
      source
          .append(c.declaration())
          .append('\n')
          .append(c.kernelDeclaration())
          .append('\n')
          .append(c.scalarDeclaration())
          .append('\n');
    }
    // Stacked sigmoids are drawn on purpose here, to reach every activation in every position.
    Compilation compilation =
        Sources.compiler()
            .withOptions("-Xlint:all", "-Aunroll.suppress=stacked-sigmoid")
            .compile(Sources.demo("Net0", source.toString()));
    assertThat(compilation).succeededWithoutWarnings();
    loader = Sources.classLoader(compilation);
  }

  @Test
  void casesCoverEveryActivationInEveryPositionWithEveryLoss() {
    Set<String> outputs = new HashSet<>();
    Set<Activation> hidden = EnumSet.noneOf(Activation.class);
    for (Case c : cases) {
      int last = c.activations().length - 1;
      outputs.add(c.activations()[last] + "/" + c.loss());
      for (int l = 0; l < last; l++) {
        hidden.add(c.activations()[l]);
      }
    }
    // Every output but softmax under mean squared error, the sigmoid under binary
    // cross-entropy and softmax under categorical cross-entropy.
    assertEquals(ACTIVATIONS.length + 2, outputs.size(), outputs.toString());
    assertEquals(EnumSet.complementOf(EnumSet.of(Activation.SOFTMAX)), hidden);
    // Some layer is big enough for its scalar form to split into several blocks.
    boolean split = false;
    for (Case c : cases) {
      for (int l = 1; l < c.dims().length; l++) {
        split |= c.dims()[l] * c.dims()[l - 1] > ScalarLayerWriter.BLOCK_WEIGHTS;
      }
    }
    assertTrue(split, "no case exercises scalar code split into blocks");
  }

  @Test
  void backpropagationMatchesCentralDifferencesAndTheReference() throws Exception {
    Random random = new Random(SEED + 1);
    double worstCheck = 0;
    for (Case c : cases) {
      Model model =
          (Model)
              loader
                  .loadClass("demo.Unrolled" + c.className())
                  .getConstructor(long.class)
                  .newInstance(c.index());
      ReferenceNetwork reference = new ReferenceNetwork(c.dims(), c.activations(), c.loss());
      int m = 1 + random.nextInt(16);
      double[][] x = new double[c.dims()[0]][m];
      double[][] y = new double[model.outputSize()][m];
      double[] theta = model.parameters();
      drawAwayFromKinks(random, c, reference, theta, x, y);
      model.setParameters(theta);
      Matrix mx = Matrix.of(x);
      Matrix my = Matrix.of(y);

      // AUTO, all-kernel and all-scalar code must agree with the reference alike.
      Model kernel =
          (Model)
              loader
                  .loadClass("demo.Unrolled" + c.className() + "Kernel")
                  .getConstructor(long.class)
                  .newInstance(c.index());
      kernel.setParameters(theta);
      Model scalar =
          (Model)
              loader
                  .loadClass("demo.Unrolled" + c.className() + "Scalar")
                  .getConstructor(long.class)
                  .newInstance(c.index());
      scalar.setParameters(theta);
      for (Model candidate : List.of(model, kernel, scalar)) {
        String where =
            "seed "
                + SEED
                + ", case "
                + c.index()
                + " ("
                + candidate.getClass().getSimpleName()
                + "), m = "
                + m
                + ":\n"
                + c.declaration();
        assertClose(reference.cost(theta, x, y), candidate.cost(mx, my), 1e-12, where + "cost");
        double[] expected = reference.gradient(theta, x, y);
        double[] actual = candidate.backward(mx, my).toArray();
        for (int i = 0; i < expected.length; i++) {
          assertClose(expected[i], actual[i], 1e-9, where + "gradient entry " + i);
        }
        GradCheck check = candidate.gradcheck(mx, my, 1e-6, GradCheck.ALL, 0L);
        worstCheck = Math.max(worstCheck, check.relativeDifference());
        assertTrue(check.relativeDifference() < 1e-6, where + check);
        assertTrue(
            java.util.Arrays.equals(theta, candidate.parameters()),
            where + "the gradient check must restore every parameter exactly");
      }
    }
    assertTrue(worstCheck < 1e-6, "worst relative difference " + worstCheck);
  }

  /**
   * Draws inputs, labels and biases, and redraws while any ReLU pre-activation lies within 1e-3 of
   * its kink, where the central difference would straddle two slopes.
   */
  private static void drawAwayFromKinks(
      Random random,
      Case c,
      ReferenceNetwork reference,
      double[] theta,
      double[][] x,
      double[][] y) {
    double[] initial = theta.clone();
    for (int attempt = 0; attempt < 1000; attempt++) {
      for (double[] row : x) {
        for (int j = 0; j < row.length; j++) {
          row[j] = random.nextGaussian();
        }
      }
      for (int i = 0; i < theta.length; i++) {
        // He-initialised weights as generated, plus small random biases.
        theta[i] = initial[i] == 0 ? 0.1 * random.nextGaussian() : initial[i];
      }
      for (double[] row : y) {
        for (int j = 0; j < row.length; j++) {
          row[j] =
              c.loss() == Loss.BINARY_CROSS_ENTROPY ? random.nextInt(2) : random.nextGaussian();
        }
      }
      if (c.loss() == Loss.CATEGORICAL_CROSS_ENTROPY) {
        // One-hot columns: one class per example.
        for (int j = 0; j < y[0].length; j++) {
          int label = random.nextInt(y.length);
          for (int i = 0; i < y.length; i++) {
            y[i][j] = i == label ? 1 : 0;
          }
        }
      }
      if (minimumReluDistance(c, reference.preActivations(theta, x)) > 1e-3) {
        return;
      }
    }
    fail("no draw keeps ReLU pre-activations away from 0 for case " + c.index());
  }

  private static double minimumReluDistance(Case c, double[][][] z) {
    double min = Double.POSITIVE_INFINITY;
    for (int l = 0; l < z.length; l++) {
      if (c.activations()[l] != Activation.RELU) {
        continue;
      }
      for (double[] row : z[l]) {
        for (double v : row) {
          min = Math.min(min, Math.abs(v));
        }
      }
    }
    return min;
  }

  private static void assertClose(double expected, double actual, double relative, String what) {
    double tolerance = relative * Math.max(Math.abs(expected), 1e-3);
    if (!(Math.abs(expected - actual) <= tolerance)) {
      fail(what + ": expected " + expected + " but got " + actual);
    }
  }
}
