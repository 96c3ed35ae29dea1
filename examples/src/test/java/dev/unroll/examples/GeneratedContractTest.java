package dev.unroll.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.GradCheck;
import dev.unroll.runtime.Gradients;
import dev.unroll.runtime.Matrix;
import dev.unroll.runtime.Model;
import dev.unroll.runtime.Models;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated lab model as a user meets it: bad input is refused with both shapes named, and the
 * gradient check leaves the model exactly as it found it.
 */
class GeneratedContractTest {
  private final Model net = new UnrolledLab(42L);
  private final Matrix x = LabDemo.labInputs();
  private final Matrix y = LabDemo.labLabels();

  @Test
  void inputWithTheWrongNumberOfRowsNamesBothShapes() {
    Matrix wrong = Matrix.zeros(3, 4);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> net.forward(wrong));
    assertTrue(e.getMessage().contains("x must be 2 x m"), e.getMessage());
    assertTrue(e.getMessage().contains("3 x 4"), e.getMessage());
  }

  @Test
  void transposedInputGetsAHint() {
    Matrix transposed = Matrix.zeros(4, 2);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> net.cost(transposed, y));
    assertTrue(e.getMessage().contains("transpose"), e.getMessage());
  }

  @Test
  void labelsOfAnotherShapeAreRefusedNotBroadcast() {
    for (Matrix wrong : new Matrix[] {Matrix.zeros(1, 3), Matrix.zeros(2, 4), Matrix.zeros(4, 1)}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> net.backward(x, wrong));
      assertTrue(e.getMessage().contains("y must be 1 x 4"), e.getMessage());
      assertTrue(e.getMessage().contains(wrong.shape()), e.getMessage());
    }
  }

  @Test
  void parameterVectorOfTheWrongLengthStatesBothLengths() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> net.setParameters(new double[12]));
    assertTrue(e.getMessage().contains("13"), e.getMessage());
    assertTrue(e.getMessage().contains("12"), e.getMessage());
  }

  @Test
  void parameterVectorWithNaNIsRefusedAndTheModelIsUnchanged() {
    double[] before = net.parameters();
    double[] values = before.clone();
    values[4] = Double.NaN;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> net.setParameters(values));
    assertTrue(e.getMessage().contains("parameter 4"), e.getMessage());
    assertArrayEquals(before, net.parameters());
  }

  @Test
  void backwardIntoAnArrayGivesTheSameGradientAndCost() {
    double[] gradient = new double[13];
    double cost = net.backward(x, y, gradient);
    Gradients g = net.backward(x, y);
    assertEquals(g.cost(), cost);
    assertArrayEquals(g.toArray(), gradient);
    // A second call with the same batch size reuses the buffers and gives the same answer.
    double[] again = new double[13];
    assertEquals(cost, net.backward(x, y, again));
    assertArrayEquals(gradient, again);
  }

  @Test
  void backwardIntoAnArrayOfTheWrongLengthNamesBothLengths() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> net.backward(x, y, new double[5]));
    assertTrue(e.getMessage().contains("13") && e.getMessage().contains("5"), e.getMessage());
  }

  @Test
  void parametersIsACopy() {
    double[] p = net.parameters();
    p[0] += 1;
    assertTrue(net.parameters()[0] != p[0]);
  }

  @Test
  void gradientCheckRestoresEveryParameterBitForBit() {
    double[] before = net.parameters();
    GradCheck check = net.gradcheck(x, y);
    assertArrayEquals(before, net.parameters());
    assertEquals(13, check.checkedCount());
    assertTrue(check.passed(), check.toString());
  }

  @Test
  void reluKinkIsReportedAsNonDifferentiableNotAsAFailure() {
    // Hidden unit 0 gets Z = 1e-9 for every example: any step of 1e-7 in its bias or weights
    // puts Z on both sides of 0, where ReLU has no derivative.
    double[] p = net.parameters();
    p[0] = 0;
    p[1] = 0;
    p[6] = 1e-9;
    net.setParameters(p);
    GradCheck check = net.gradcheck(x, y);
    List<String> kinks = check.kinks().stream().map(GradCheck.Entry::name).toList();
    assertTrue(kinks.contains("hidden.bias[0]"), check.toString());
    assertTrue(check.failures().isEmpty(), check.toString());
    assertTrue(check.passed(), check.toString());
    assertTrue(check.toString().contains("non-differentiable here"), check.toString());
  }

  @Test
  void assertPassedThrowsWithTheReportWhenTheGradientIsWrong() {
    GradCheck.assertPasses(net, x, y);

    // A backward pass that doubles every gradient, checked against the real cost.
    double[] doubled = net.backward(x, y).toArray();
    for (int i = 0; i < doubled.length; i++) {
      doubled[i] *= 2;
    }
    GradCheck.Recorder check = GradCheck.recorder(net.architecture(), doubled, GradCheck.options());
    double[] theta = net.parameters();
    for (int i : check.indices()) {
      double[] q = theta.clone();
      q[i] = theta[i] + check.epsilon();
      net.setParameters(q);
      double plus = net.cost(x, y);
      q[i] = theta[i] - check.epsilon();
      net.setParameters(q);
      check.record(i, plus, net.cost(x, y));
    }
    GradCheck wrong = check.finish();
    AssertionError e = assertThrows(AssertionError.class, wrong::assertPassed);
    assertTrue(e.getMessage().contains("gradient check FAILED"), e.getMessage());
    assertTrue(e.getMessage().contains("output.weights[0][0]"), e.getMessage());
  }

  @Test
  void directionalCheckPassesOnTheLabAndRestoresTheParameters() {
    double[] before = net.parameters();
    GradCheck check = net.gradcheck(x, y, GradCheck.options().directional(5L));
    assertEquals(1, check.checkedCount());
    assertTrue(check.passed(), check.toString());
    assertArrayEquals(before, net.parameters());
  }

  @Test
  void stopAtFirstFailureStopsEarly() {
    GradCheck check =
        net.gradcheck(x, y, GradCheck.options().tolerances(0, 0).stopAtFirstFailure());
    assertTrue(check.stoppedEarly(), check.toString());
    assertEquals(1, check.failures().size(), check.toString());
    assertTrue(check.checkedCount() < 13, check.toString());
  }

  @Test
  void sampledGradientCheckIsReproducible() {
    GradCheck a = net.gradcheck(x, y, 1e-7, 5, 3L);
    GradCheck b = net.gradcheck(x, y, 1e-7, 5, 3L);
    assertEquals(5, a.checkedCount());
    assertEquals(a.entries(), b.entries());
  }

  @Test
  void backwardAgreesWithForwardAndCost() {
    Gradients g = net.backward(x, y);
    assertEquals(net.forward(x), g.output());
    assertEquals(net.cost(x, y), g.cost());
    assertEquals(13, g.toArray().length);
    assertEquals(g.dW("hidden"), g.dW(1));
    assertEquals(g.db("output"), g.db(2));
  }

  @Test
  void modelsFindsTheGeneratedClassFromTheDeclaration() {
    Model found = Models.create(Lab.class, 42L);
    assertTrue(found instanceof UnrolledLab);
    assertArrayEquals(net.parameters(), found.parameters());
  }

  @Test
  void gradientsBelongToTheLayersInParameterOrder() {
    Gradients g = net.backward(x, y);
    double[] flat = g.toArray();
    Matrix dW1 = g.dW("hidden");
    assertEquals(flat[1], dW1.get(0, 1));
    assertEquals(flat[6], g.db("hidden").get(0, 0));
    assertEquals(flat[9], g.dW("output").get(0, 0));
    assertEquals(flat[12], g.db("output").get(0, 0));
  }
}
