package dev.unroll.examples;

import dev.unroll.runtime.Costs;
import dev.unroll.runtime.GradCheck;
import dev.unroll.runtime.Gradients;
import dev.unroll.runtime.Matrix;
import dev.unroll.runtime.Model;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Replays the backprop lab with generated code: the cost-function test, Test 1 (every gradient's
 * shape and value), Test 2 (the gradient check) and the two validation tests.
 *
 * <p>Run it with {@code mvn -Pdemo package} from the repository root.
 */
public final class LabDemo {
  private final PrintStream out;
  private int failures;

  private LabDemo(PrintStream out) {
    this.out = out;
  }

  /** Prints the lab's results; fails if any of the lab's checks does not hold. */
  public static void main(String[] args) {
    int failures = run(System.out);
    if (failures > 0) {
      throw new IllegalStateException(failures + " of the lab's checks failed; see above");
    }
  }

  /** Runs every part of the lab, printing to {@code out}; returns the number of failed checks. */
  public static int run(PrintStream out) {
    LabDemo demo = new LabDemo(out);
    demo.costFunctionTest();
    UnrolledLab net = demo.test1();
    demo.test2(net);
    demo.labOrderingSlip(net);
    demo.gradientShapesTest();
    demo.costOrderingTest();
    out.println();
    out.println(
        demo.failures == 0 ? "All of the lab's checks hold." : demo.failures + " check(s) FAILED.");
    return demo.failures;
  }

  private void costFunctionTest() {
    heading("Cost function test");
    Matrix predictions = Matrix.row(0.8, 0.2, 0.9, 0.1);
    Matrix labels = Matrix.row(1, 0, 1, 0);
    double cost = Costs.binaryCrossEntropy(predictions, labels);
    Matrix dA = Matrix.zeros(1, 4);
    Costs.binaryCrossEntropyGradient(predictions, labels, dA);
    out.println("predictions:          " + Arrays.toString(predictions.toFlatArray()));
    out.println("labels:               " + Arrays.toString(labels.toFlatArray()));
    out.printf(Locale.ROOT, "binary cross-entropy: %.4f%n", cost);
    out.println("dJ/dA per example:    " + format(dA.toFlatArray()));
  }

  private UnrolledLab test1() {
    heading("Test 1: simple binary classification");
    UnrolledLab net = new UnrolledLab(42L);
    Matrix x = labInputs();
    Matrix y = labLabels();
    out.print(net.summary());
    out.println("X (2 x 4, one column per example):");
    out.println(x);
    out.println("Y = " + Arrays.toString(y.toFlatArray()));

    Gradients g = net.backward(x, y);
    out.println();
    out.printf(Locale.ROOT, "cost: %.6f%n", g.cost());
    out.println("predictions: " + format(g.output().toFlatArray()));
    out.println();
    out.println("gradient shapes (each must match its parameter's):");
    for (int l = 1; l <= net.architecture().layers().size(); l++) {
      var layer = net.architecture().layers().get(l - 1);
      check(
          g.dW(l).rows() == layer.units()
              && g.dW(l).cols() == layer.fanIn()
              && g.db(l).rows() == layer.units()
              && g.db(l).cols() == 1,
          "dW"
              + l
              + ": "
              + g.dW(l).shape()
              + ", db"
              + l
              + ": "
              + g.db(l).shape()
              + "   ("
              + layer.name()
              + ")");
    }
    out.println();
    out.println("gradient values:");
    for (int l = 1; l <= net.architecture().layers().size(); l++) {
      out.println("dW" + l + " = " + g.dW(l));
      out.println("db" + l + " = " + g.db(l));
    }
    return net;
  }

  private void test2(UnrolledLab net) {
    heading("Test 2: gradient check (central differences)");
    GradCheck all = net.gradcheck(labInputs(), labLabels());
    out.println(all);
    GradCheck sampled = net.gradcheck(labInputs(), labLabels(), GradCheck.DEFAULT_EPSILON, 5, 7L);
    out.println("the same check on a seeded sample of 5 parameters:");
    out.println(sampled);
    out.println();
    check(
        all.passed(),
        "Gradient check "
            + all.verdict()
            + ": backpropagation "
            + (all.passed() ? "is correct." : "disagrees with the numeric derivative."));
  }

  /**
   * The lab's own gradient check flattens its gradients in sorted key order (dW1, dW2, db1, db2)
   * but its parameters layer by layer (W1, b1, W2, b2). Fed the same mismatch, our check fails and
   * names the entries.
   */
  private void labOrderingSlip(UnrolledLab net) {
    heading("What a failing check looks like: the lab's gradient order");
    Matrix x = labInputs();
    Matrix y = labLabels();
    Gradients g = net.backward(x, y);
    double[] sortedKeyOrder =
        concat(
            g.dW(1).toFlatArray(),
            g.dW(2).toFlatArray(),
            g.db(1).toFlatArray(),
            g.db(2).toFlatArray());
    GradCheck.Recorder check =
        GradCheck.recorder(net.architecture(), sortedKeyOrder, GradCheck.options());
    double epsilon = check.epsilon();
    double[] theta = net.parameters();
    for (int i : check.indices()) {
      double[] p = theta.clone();
      p[i] = theta[i] + epsilon;
      net.setParameters(p);
      double plus = net.cost(x, y);
      p[i] = theta[i] - epsilon;
      net.setParameters(p);
      double minus = net.cost(x, y);
      check.record(i, plus, minus);
    }
    net.setParameters(theta);
    GradCheck result = check.finish();
    out.println("gradients in the lab's sorted key order, parameters layer by layer:");
    out.println(result);
    out.println();
    check(
        !result.passed() && !result.failures().isEmpty(),
        "The mismatched order is caught, entry by entry.");
  }

  private static double[] concat(double[]... parts) {
    double[] all = new double[0];
    for (double[] part : parts) {
      double[] joined = Arrays.copyOf(all, all.length + part.length);
      System.arraycopy(part, 0, joined, all.length, part.length);
      all = joined;
    }
    return all;
  }

  private void gradientShapesTest() {
    heading("Validation 1: gradient shapes on [3, 5, 2, 1], relu/tanh/sigmoid");
    Model net = new UnrolledLabValidation(1L);
    Random random = new Random(10);
    double[][] x = new double[3][10];
    double[][] y = new double[1][10];
    for (int j = 0; j < 10; j++) {
      for (int i = 0; i < 3; i++) {
        x[i][j] = random.nextGaussian();
      }
      y[0][j] = random.nextInt(2);
    }
    Gradients g = net.backward(Matrix.of(x), Matrix.of(y));
    boolean ok = true;
    for (int l = 1; l <= 3; l++) {
      var layer = net.architecture().layers().get(l - 1);
      ok &= g.dW(l).rows() == layer.units() && g.dW(l).cols() == layer.fanIn();
      ok &= g.db(l).rows() == layer.units() && g.db(l).cols() == 1;
      out.println("dW" + l + ": " + g.dW(l).shape() + ", db" + l + ": " + g.db(l).shape());
    }
    check(ok, "Gradient shapes match parameter shapes.");
  }

  private void costOrderingTest() {
    heading("Validation 2: cost ordering");
    Matrix labels = Matrix.row(1, 0, 1, 0);
    double perfect = Costs.binaryCrossEntropy(Matrix.row(0.99, 0.01, 0.98, 0.02), labels);
    double random = Costs.binaryCrossEntropy(Matrix.row(0.5, 0.5, 0.5, 0.5), labels);
    double wrong = Costs.binaryCrossEntropy(Matrix.row(0.01, 0.99, 0.02, 0.98), labels);
    out.printf(Locale.ROOT, "near-perfect predictions: %.4f%n", perfect);
    out.printf(Locale.ROOT, "coin-flip predictions:    %.4f%n", random);
    out.printf(Locale.ROOT, "wrong predictions:        %.4f%n", wrong);
    check(perfect < random && random < wrong, "Cost orders perfect < random < wrong.");
  }

  /** The lab's four examples, one per column. */
  static Matrix labInputs() {
    return Matrix.of(new double[][] {{1.5, 0.5, 2.5, -0.5}, {2.0, -1.0, 1.5, 0.8}});
  }

  /** The lab's labels. */
  static Matrix labLabels() {
    return Matrix.row(1, 0, 1, 0);
  }

  private void check(boolean ok, String what) {
    out.println((ok ? "PASSED  " : "FAILED  ") + what);
    if (!ok) {
      failures++;
    }
  }

  private void heading(String title) {
    out.println();
    out.println("== " + title + " " + "=".repeat(Math.max(3, 72 - title.length())));
  }

  private static String format(double[] values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.6f", values[i]));
    }
    return sb.append(']').toString();
  }
}
