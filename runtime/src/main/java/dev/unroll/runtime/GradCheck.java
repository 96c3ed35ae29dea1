package dev.unroll.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The result of a numerical gradient check: backpropagation's gradient compared with central
 * differences of the cost.
 *
 * <p>For each checked parameter θ_i the numeric derivative is (J(θ_i + ε) - J(θ_i - ε)) / 2ε, whose
 * error shrinks with ε² (a one-sided difference only with ε). The measure is the lab's relative
 * difference over all checked entries, ‖a - n‖ / (‖a‖ + ‖n‖) with Euclidean norms, which is
 * scale-free: it means the same for gradients of size 1e-6 and of size 10.
 *
 * <p>The lab's thresholds give the verdict: below 1e-5 the check {@linkplain #passed() passes},
 * below 1e-3 it warns, otherwise it fails. Unlike the lab's check, ours compares each analytic
 * entry with the numeric derivative of the <em>same</em> parameter: the lab flattens its gradients
 * in sorted key order (dW1, dW2, db1, db2) but its parameters layer by layer (W1, b1, W2, b2), so
 * for two or more layers it compares mismatched entries.
 */
public final class GradCheck {
  /** The default step ε, as in the lab. */
  public static final double DEFAULT_EPSILON = 1e-7;

  /** A relative difference below this passes. */
  public static final double PASS_THRESHOLD = 1e-5;

  /** A relative difference below this, but not below {@link #PASS_THRESHOLD}, warns. */
  public static final double WARNING_THRESHOLD = 1e-3;

  /** Pass as the sample size to check every parameter. */
  public static final int ALL = Integer.MAX_VALUE;

  /** The lab's three-way verdict. */
  public enum Verdict {
    /** Relative difference below 1e-5: backpropagation agrees with the numeric derivative. */
    PASSED,
    /** Relative difference below 1e-3: a small discrepancy worth a look. */
    WARNING,
    /** Relative difference of 1e-3 or more: the gradient is wrong somewhere. */
    FAILED
  }

  /**
   * One checked parameter.
   *
   * @param index position in the flat parameter vector
   * @param name readable name, such as {@code hidden.weights[2][1]}
   * @param analytic backpropagation's ∂J/∂θ
   * @param numeric the central difference
   */
  public record Entry(int index, String name, double analytic, double numeric) {
    /** |analytic - numeric|. */
    public double absoluteError() {
      return Math.abs(analytic - numeric);
    }

    /** |analytic - numeric| / (|analytic| + |numeric|), 0 when both are 0. */
    public double relativeError() {
      double scale = Math.abs(analytic) + Math.abs(numeric);
      return scale == 0 ? 0 : absoluteError() / scale;
    }

    /** The layer's name, the part of {@link #name()} before the dot. */
    public String layer() {
      return name.substring(0, name.indexOf('.'));
    }
  }

  private static final int WORST_SHOWN = 5;

  private final double epsilon;
  private final List<Entry> entries;
  private final double relativeDifference;

  private GradCheck(double epsilon, List<Entry> entries) {
    this.epsilon = epsilon;
    this.entries = Collections.unmodifiableList(entries);
    double diff = 0;
    double a = 0;
    double n = 0;
    for (Entry e : entries) {
      diff += (e.analytic - e.numeric) * (e.analytic - e.numeric);
      a += e.analytic * e.analytic;
      n += e.numeric * e.numeric;
    }
    double denominator = Math.sqrt(a) + Math.sqrt(n);
    this.relativeDifference = denominator == 0 ? 0 : Math.sqrt(diff) / denominator;
  }

  /** ‖a - n‖ / (‖a‖ + ‖n‖) over all checked entries; 0 when both gradients are 0. */
  public double relativeDifference() {
    return relativeDifference;
  }

  /** True when the relative difference is below {@link #PASS_THRESHOLD} (1e-5). */
  public boolean passed() {
    return verdict() == Verdict.PASSED;
  }

  /** PASSED below 1e-5, WARNING below 1e-3, FAILED otherwise (also for NaN). */
  public Verdict verdict() {
    if (relativeDifference < PASS_THRESHOLD) {
      return Verdict.PASSED;
    }
    if (relativeDifference < WARNING_THRESHOLD) {
      return Verdict.WARNING;
    }
    return Verdict.FAILED;
  }

  /** The step ε used. */
  public double epsilon() {
    return epsilon;
  }

  /** Every checked entry, in parameter order. */
  public List<Entry> entries() {
    return entries;
  }

  /** How many parameters were checked. */
  public int checkedCount() {
    return entries.size();
  }

  /** The entries with the largest absolute error, worst first (at most five). */
  public List<Entry> worst() {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(
        Comparator.comparingDouble(Entry::absoluteError).reversed().thenComparingInt(Entry::index));
    return sorted.subList(0, Math.min(WORST_SHOWN, sorted.size()));
  }

  /** The verdict, the relative difference and the worst entries as a small table. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "gradient check %s: relative difference %.3e over %d parameters (epsilon %.1e)",
            verdict(),
            relativeDifference,
            entries.size(),
            epsilon));
    List<Entry> worst = worst();
    if (!worst.isEmpty()) {
      int width = "parameter".length();
      for (Entry e : worst) {
        width = Math.max(width, e.name().length());
      }
      String row = "%n  %-" + width + "s  %15s  %15s  %10s";
      sb.append(String.format(Locale.ROOT, row, "parameter", "analytic", "numeric", "abs error"));
      for (Entry e : worst) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%n  %-" + width + "s  %15.8e  %15.8e  %10.2e",
                e.name(),
                e.analytic(),
                e.numeric(),
                e.absoluteError()));
      }
    }
    return sb.toString();
  }

  /**
   * Starts a check: chooses which parameters to perturb and collects the costs measured at θ_i ± ε.
   * Generated models drive it; see their {@code gradcheck} method.
   *
   * @param analytic backpropagation's gradient, in parameter order
   * @param epsilon the step ε, positive
   * @param samples how many parameters to check, drawn without repetition; {@link #ALL} (or any
   *     number not below the parameter count) checks every one
   * @param seed seeds the draw, so a sampled check is reproducible
   */
  public static Recorder recorder(
      Architecture architecture, double[] analytic, double epsilon, int samples, long seed) {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("epsilon must be positive and finite, not " + epsilon);
    }
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be at least 1, not " + samples);
    }
    if (analytic.length != architecture.parameterCount()) {
      throw new IllegalArgumentException(
          "expected "
              + architecture.parameterCount()
              + " gradient entries but got "
              + analytic.length);
    }
    return new Recorder(architecture, analytic, epsilon, choose(analytic.length, samples, seed));
  }

  private static int[] choose(int count, int samples, long seed) {
    int[] all = new int[count];
    Arrays.setAll(all, i -> i);
    if (samples >= count) {
      return all;
    }
    // A partial Fisher-Yates shuffle draws `samples` distinct indices.
    Random random = new Random(seed);
    for (int i = 0; i < samples; i++) {
      int j = i + random.nextInt(count - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] chosen = Arrays.copyOf(all, samples);
    Arrays.sort(chosen);
    return chosen;
  }

  /** Collects the two costs of each perturbed parameter. */
  public static final class Recorder {
    private final Architecture architecture;
    private final double[] analytic;
    private final double epsilon;
    private final int[] indices;
    private final List<Entry> entries = new ArrayList<>();

    private Recorder(Architecture architecture, double[] analytic, double epsilon, int[] indices) {
      this.architecture = architecture;
      this.analytic = analytic.clone();
      this.epsilon = epsilon;
      this.indices = indices;
    }

    /** The step ε. */
    public double epsilon() {
      return epsilon;
    }

    /** The parameter indices to perturb, ascending. */
    public int[] indices() {
      return indices.clone();
    }

    /** Records J(θ_i + ε) and J(θ_i - ε) for parameter {@code index}. */
    public void record(int index, double costPlus, double costMinus) {
      record(index, costPlus, costMinus, 2 * epsilon);
    }

    /**
     * Records the two costs with the step as it was actually taken: (θ_i + ε) - (θ_i - ε) as stored
     * in doubles, which rounding makes differ slightly from 2ε.
     */
    public void record(int index, double costPlus, double costMinus, double step) {
      double numeric = (costPlus - costMinus) / step;
      entries.add(new Entry(index, architecture.parameterName(index), analytic[index], numeric));
    }

    /** The finished check. */
    public GradCheck finish() {
      return new GradCheck(epsilon, new ArrayList<>(entries));
    }
  }
}
