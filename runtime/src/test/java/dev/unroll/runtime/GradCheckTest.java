package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Protects {@link GradCheck}: the relative difference of an analytic gradient against central
 * differences of a known cost, the lab's PASSED / WARNING / FAILED thresholds, the ranking of the
 * worst entries by name, the seeded choice of sampled parameters, and the argument checks.
 */
class GradCheckTest {
  private final Architecture lab = LabNetwork.architecture();

  /** A point in the lab network's 13-dimensional parameter space. */
  private static final double[] THETA = {
    0.3, -1.2, 0.7, 2.0, -0.4, 1.1, 0.05, -0.9, 0.6, 1.5, -0.25, 0.8, -1.7,
  };

  /** J(θ) = Σ c_i θ_i² with c_i = i + 1. */
  private static double cost(double[] theta) {
    double sum = 0;
    for (int i = 0; i < theta.length; i++) {
      sum += (i + 1) * theta[i] * theta[i];
    }
    return sum;
  }

  /** ∂J/∂θ_i = 2 c_i θ_i, exactly. */
  private static double[] exactGradient() {
    double[] g = new double[THETA.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = 2 * (i + 1) * THETA[i];
    }
    return g;
  }

  /** Runs the check the way a generated model does: perturb, measure, restore. */
  private GradCheck check(double[] analytic, double epsilon, int samples, long seed) {
    GradCheck.Recorder recorder = GradCheck.recorder(lab, analytic, epsilon, samples, seed);
    double[] theta = THETA.clone();
    for (int i : recorder.indices()) {
      theta[i] = THETA[i] + epsilon;
      double plus = cost(theta);
      theta[i] = THETA[i] - epsilon;
      double minus = cost(theta);
      theta[i] = THETA[i];
      recorder.record(i, plus, minus);
    }
    return recorder.finish();
  }

  /**
   * A full check whose numeric derivatives are exactly {@code numeric}: with ε = 1/2, (J+ - J-) /
   * 2ε = J+ - J-, so J+ = n_i and J- = 0 give n_i.
   */
  private GradCheck withNumeric(double[] analytic, double[] numeric) {
    GradCheck.Recorder recorder = GradCheck.recorder(lab, analytic, 0.5, GradCheck.ALL, 0);
    for (int i : recorder.indices()) {
      recorder.record(i, numeric[i], 0);
    }
    return recorder.finish();
  }

  // ---------------------------------------------------------------- agreement

  @Test
  void exactGradientOfAQuadraticPasses() {
    GradCheck result = check(exactGradient(), GradCheck.DEFAULT_EPSILON, GradCheck.ALL, 1);

    assertEquals(13, result.checkedCount());
    assertTrue(result.relativeDifference() < 1e-7, "difference " + result.relativeDifference());
    assertEquals(GradCheck.Verdict.PASSED, result.verdict());
    assertTrue(result.passed());
    assertEquals(GradCheck.DEFAULT_EPSILON, result.epsilon());
    List<GradCheck.Entry> entries = result.entries();
    for (int i = 0; i < 13; i++) {
      GradCheck.Entry e = entries.get(i);
      assertEquals(i, e.index());
      assertEquals(lab.parameterName(i), e.name());
      assertEquals(exactGradient()[i], e.analytic(), 0.0);
      // The central difference of a quadratic is exact up to rounding.
      assertEquals(exactGradient()[i], e.numeric(), 1e-6, e.name());
    }
  }

  @Test
  void aWrongEntryFailsAndIsNamedFirstAmongTheWorst() {
    double[] analytic = exactGradient();
    analytic[5] += 10; // hidden.weights[2][1]

    GradCheck result = check(analytic, GradCheck.DEFAULT_EPSILON, GradCheck.ALL, 1);

    assertEquals(GradCheck.Verdict.FAILED, result.verdict());
    assertFalse(result.passed());
    GradCheck.Entry worst = result.worst().get(0);
    assertEquals(5, worst.index());
    assertEquals("hidden.weights[2][1]", worst.name());
    assertEquals("hidden", worst.layer());
    assertEquals(10, worst.absoluteError(), 1e-6);
  }

  @Test
  void worstListsAtMostFiveEntriesLargestErrorFirst() {
    double[] numeric = new double[13];
    double[] analytic = new double[13];
    // Absolute errors 1, 2, ..., 13 at indices 0..12; index 12 (output.bias[0]) is worst.
    for (int i = 0; i < 13; i++) {
      numeric[i] = 1;
      analytic[i] = 1 + i + 1;
    }
    List<GradCheck.Entry> worst = withNumeric(analytic, numeric).worst();

    assertEquals(5, worst.size());
    assertEquals("output.bias[0]", worst.get(0).name());
    assertEquals("output", worst.get(0).layer());
    int[] indices = worst.stream().mapToInt(GradCheck.Entry::index).toArray();
    assertArrayEquals(new int[] {12, 11, 10, 9, 8}, indices);
  }

  @Test
  void worstBreaksTiesByIndex() {
    double[] numeric = new double[13];
    double[] analytic = new double[13];
    analytic[7] = 1;
    analytic[2] = 1;
    List<GradCheck.Entry> worst = withNumeric(analytic, numeric).worst();
    assertEquals(2, worst.get(0).index());
    assertEquals(7, worst.get(1).index());
  }

  // ---------------------------------------------------------------- thresholds

  @Test
  void relativeDifferenceJustBelowAndAboveTheThresholdsGivesTheLabsVerdicts() {
    assertVerdict(0.99 * GradCheck.PASS_THRESHOLD, GradCheck.Verdict.PASSED);
    assertVerdict(1.01 * GradCheck.PASS_THRESHOLD, GradCheck.Verdict.WARNING);
    assertVerdict(0.99 * GradCheck.WARNING_THRESHOLD, GradCheck.Verdict.WARNING);
    assertVerdict(1.01 * GradCheck.WARNING_THRESHOLD, GradCheck.Verdict.FAILED);
  }

  @Test
  void thresholdsAreTheLabs() {
    assertEquals(1e-5, GradCheck.PASS_THRESHOLD);
    assertEquals(1e-3, GradCheck.WARNING_THRESHOLD);
    assertEquals(1e-7, GradCheck.DEFAULT_EPSILON);
  }

  /**
   * Scales the numeric gradient by s so that ‖sn - n‖ / (‖sn‖ + ‖n‖) = (s - 1) / (s + 1) = r, that
   * is s = (1 + r) / (1 - r).
   */
  private void assertVerdict(double r, GradCheck.Verdict expected) {
    double[] numeric = exactGradient();
    double s = (1 + r) / (1 - r);
    double[] analytic = Arrays.stream(numeric).map(n -> s * n).toArray();

    GradCheck result = withNumeric(analytic, numeric);

    assertEquals(r, result.relativeDifference(), 1e-9 * r);
    assertEquals(expected, result.verdict(), "relative difference " + r);
    assertEquals(expected == GradCheck.Verdict.PASSED, result.passed());
  }

  @Test
  void relativeDifferenceIsScaleFree() {
    double[] numeric = exactGradient();
    double[] analytic = Arrays.stream(numeric).map(n -> 1.001 * n).toArray();
    double[] tinyNumeric = Arrays.stream(numeric).map(n -> 1e-6 * n).toArray();
    double[] tinyAnalytic = Arrays.stream(analytic).map(n -> 1e-6 * n).toArray();

    double big = withNumeric(analytic, numeric).relativeDifference();
    double tiny = withNumeric(tinyAnalytic, tinyNumeric).relativeDifference();

    // (1.001 - 1) / (1.001 + 1) ≈ 5.0e-4 at either scale.
    assertEquals(0.001 / 2.001, big, 1e-12);
    assertEquals(big, tiny, 1e-12);
  }

  @Test
  void allZeroGradientsHaveRelativeDifferenceZero() {
    GradCheck result = withNumeric(new double[13], new double[13]);
    assertEquals(0.0, result.relativeDifference(), 0.0);
    assertEquals(GradCheck.Verdict.PASSED, result.verdict());
    for (GradCheck.Entry e : result.entries()) {
      assertEquals(0.0, e.relativeError(), 0.0, e.name());
    }
  }

  @Test
  void aNanGradientFails() {
    double[] analytic = exactGradient();
    analytic[3] = Double.NaN;
    GradCheck result = withNumeric(analytic, exactGradient());
    assertTrue(Double.isNaN(result.relativeDifference()));
    assertEquals(GradCheck.Verdict.FAILED, result.verdict());
  }

  @Test
  void entryErrorsFollowTheirFormulas() {
    GradCheck.Entry e = new GradCheck.Entry(0, "hidden.weights[0][0]", 3, 1, 0, 0, false, false);
    // |3 - 1| = 2; 2 / (|3| + |1|) = 0.5.
    assertEquals(2, e.absoluteError(), 0.0);
    assertEquals(0.5, e.relativeError(), 0.0);
    assertEquals(0.0, new GradCheck.Entry(0, "a.b", 0, 0, 0, 0, false, false).relativeError(), 0.0);
  }

  // ---------------------------------------------------------------- sampling

  @Test
  void samplingPicksDistinctSortedIndicesReproduciblyFromTheSeed() {
    double[] analytic = exactGradient();
    int[] first = GradCheck.recorder(lab, analytic, 1e-7, 5, 42).indices();
    int[] again = GradCheck.recorder(lab, analytic, 1e-7, 5, 42).indices();

    assertEquals(5, first.length);
    assertArrayEquals(first, again);
    for (int i = 0; i < first.length; i++) {
      assertTrue(first[i] >= 0 && first[i] < 13, Arrays.toString(first));
      if (i > 0) {
        assertTrue(first[i - 1] < first[i], "not distinct and sorted: " + Arrays.toString(first));
      }
    }

    boolean differs = false;
    for (long seed = 0; seed < 20 && !differs; seed++) {
      differs = !Arrays.equals(first, GradCheck.recorder(lab, analytic, 1e-7, 5, seed).indices());
    }
    assertTrue(differs, "every seed drew " + Arrays.toString(first));
  }

  @Test
  void sampledCheckRecordsOnlyTheChosenParameters() {
    GradCheck result = check(exactGradient(), 1e-5, 4, 7);
    int[] chosen = GradCheck.recorder(lab, exactGradient(), 1e-5, 4, 7).indices();

    assertEquals(4, result.checkedCount());
    int[] checked = result.entries().stream().mapToInt(GradCheck.Entry::index).toArray();
    assertArrayEquals(chosen, checked);
    assertEquals(GradCheck.Verdict.PASSED, result.verdict());
  }

  @Test
  void allOrAnySampleSizeNotBelowTheCountChecksEveryIndex() {
    int[] every = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    double[] analytic = exactGradient();
    assertArrayEquals(every, GradCheck.recorder(lab, analytic, 1e-7, GradCheck.ALL, 3).indices());
    assertArrayEquals(every, GradCheck.recorder(lab, analytic, 1e-7, 13, 3).indices());
    assertArrayEquals(every, GradCheck.recorder(lab, analytic, 1e-7, 100, 3).indices());
  }

  @Test
  void recorderKeepsItsOwnCopiesOfTheAnalyticGradientAndIndices() {
    double[] analytic = exactGradient();
    GradCheck.Recorder recorder = GradCheck.recorder(lab, analytic, 0.5, GradCheck.ALL, 0);
    analytic[0] = 1000;
    recorder.indices()[0] = 12;

    assertEquals(0, recorder.indices()[0]);
    assertEquals(0.5, recorder.epsilon());
    recorder.record(0, 0, 0);
    assertEquals(exactGradient()[0], recorder.finish().entries().get(0).analytic(), 0.0);
  }

  @Test
  void recordWithTheStepActuallyTakenDividesByThatStep() {
    GradCheck.Recorder recorder = GradCheck.recorder(lab, exactGradient(), 0.5, GradCheck.ALL, 0);
    recorder.record(0, 3, 1, 0.25); // (3 - 1) / 0.25 = 8
    recorder.record(1, 3, 1); // (3 - 1) / (2 · 0.5) = 2
    List<GradCheck.Entry> entries = recorder.finish().entries();
    assertEquals(8, entries.get(0).numeric(), 0.0);
    assertEquals(2, entries.get(1).numeric(), 0.0);
  }

  // ---------------------------------------------------------------- argument checks

  @Test
  void invalidEpsilonIsRejected() {
    double[] analytic = exactGradient();
    for (double epsilon : new double[] {0, -1e-7, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> GradCheck.recorder(lab, analytic, epsilon, GradCheck.ALL, 0));
      assertTrue(e.getMessage().contains("epsilon"), e.getMessage());
    }
  }

  @Test
  void invalidSampleSizesAndGradientLengthsAreRejected() {
    double[] analytic = exactGradient();
    for (int samples : new int[] {0, -1, Integer.MIN_VALUE}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> GradCheck.recorder(lab, analytic, 1e-7, samples, 0));
      assertTrue(e.getMessage().contains("samples"), e.getMessage());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GradCheck.recorder(lab, new double[12], 1e-7, GradCheck.ALL, 0));
    assertTrue(e.getMessage().contains("13") && e.getMessage().contains("12"), e.getMessage());
  }

  @Test
  void resultsCannotBeChangedFromOutside() {
    GradCheck result = check(exactGradient(), 1e-5, GradCheck.ALL, 0);
    GradCheck.Entry extra = new GradCheck.Entry(0, "hidden.bias[0]", 1, 2, 0, 0, false, false);
    assertThrows(UnsupportedOperationException.class, () -> result.entries().add(extra));
  }

  // ---------------------------------------------------------------- text

  @Test
  void toStringStatesTheVerdictAndNamesTheWorstEntry() {
    double[] analytic = exactGradient();
    analytic[12] += 3; // output.bias[0]
    String failed = check(analytic, 1e-5, GradCheck.ALL, 0).toString();
    assertTrue(failed.contains("FAILED"), failed);
    assertTrue(failed.contains("output.bias[0]"), failed);
    assertTrue(failed.contains("13 parameters"), failed);

    String passed = check(exactGradient(), 1e-5, GradCheck.ALL, 0).toString();
    assertTrue(passed.contains("PASSED"), passed);
    assertNotEquals(failed, passed);
  }
}
