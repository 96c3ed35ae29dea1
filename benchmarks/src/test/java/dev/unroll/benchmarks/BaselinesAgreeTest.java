package dev.unroll.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.runtime.Gradients;
import dev.unroll.runtime.Model;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The benchmark compares like with like: the naive baseline and the EJML version compute the same
 * cost as the generated model on every case they are timed on. (WIDE is left out here: the naive
 * version takes seconds on it.)
 */
class BaselinesAgreeTest {
  @ParameterizedTest
  @EnumSource(
      value = Case.class,
      names = {"TINY", "SMALL", "MEDIUM"})
  void naiveAndEjmlComputeTheGeneratedModelsCost(Case c) {
    Model model = c.model();
    Gradients g = model.backward(c.x(), c.y());
    double naive =
        new NaiveBackprop(c.dims, c.activations, model.parameters())
            .backward(
                c.inputs(),
                c.labels(),
                new double[c.activations.length][][],
                new double[c.activations.length][]);
    double ejml =
        new EjmlBackprop(c.dims, c.activations, model.parameters(), c.m)
            .backward(new DMatrixRMaj(c.inputs()), new DMatrixRMaj(c.labels()));
    assertEquals(g.cost(), naive, 1e-9 * Math.abs(g.cost()));
    assertEquals(g.cost(), ejml, 1e-9 * Math.abs(g.cost()));
  }
}
