package dev.unroll.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The result of a numerical gradient check: backpropagation's gradient compared with central
 * differences of the cost.
 *
 * <p>For each checked parameter θ_i the numeric derivative is (J(θ_i + ε) - J(θ_i - ε)) / 2ε, whose
 * error shrinks with ε² (a one-sided difference only with ε). The overall measure is the lab's
 * relative difference over all checked entries, ‖a - n‖ / (‖a‖ + ‖n‖) with Euclidean norms, which
 * is scale-free: it means the same for gradients of size 1e-6 and of size 10. The lab's thresholds
 * give the {@linkplain #verdict() verdict}: below 1e-5 the check passes, below 1e-3 it warns,
 * otherwise it fails.
 *
 * <p>To say where to look, each entry is also judged on its own: it <em>fails</em> when |a - n|
 * &gt; atol + rtol · max(|a|, |n|) (see {@link Options}). An entry whose two perturbations put a
 * ReLU input on different sides of 0 is a <em>kink</em>: the cost has no derivative there, so the
 * entry is reported as "non-differentiable here" and left out of the relative difference and of the
 * failures. {@code toString()} prints a report per layer.
 *
 * <p>Unlike the lab's check, ours compares each analytic entry with the numeric derivative of the
 * <em>same</em> parameter: the lab flattens its gradients in sorted key order (dW1, dW2, db1, db2)
 * but its parameters layer by layer (W1, b1, W2, b2), so for two or more layers it compares
 * mismatched entries.
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
   * How to check: the step, the per-entry tolerances, which parameters, and when to stop. Every
   * method returns a changed copy; start from {@link GradCheck#options()}.
   */
  public static final class Options {
    private final double epsilon;
    private final double absoluteTolerance;
    private final double relativeTolerance;
    private final int samples;
    private final boolean perLayer;
    private final long seed;
    private final boolean stopAtFirstFailure;
    private final boolean directional;

    private Options(
        double epsilon,
        double absoluteTolerance,
        double relativeTolerance,
        int samples,
        boolean perLayer,
        long seed,
        boolean stopAtFirstFailure,
        boolean directional) {
      this.epsilon = epsilon;
      this.absoluteTolerance = absoluteTolerance;
      this.relativeTolerance = relativeTolerance;
      this.samples = samples;
      this.perLayer = perLayer;
      this.seed = seed;
      this.stopAtFirstFailure = stopAtFirstFailure;
      this.directional = directional;
    }

    /** The step ε, positive and finite. Default 1e-7. */
    public Options epsilon(double value) {
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("epsilon must be positive and finite, not " + value);
      }
      return new Options(
          value,
          absoluteTolerance,
          relativeTolerance,
          samples,
          perLayer,
          seed,
          stopAtFirstFailure,
          directional);
    }

    /**
     * Per-entry tolerances: an entry fails when |a - n| &gt; atol + rtol · max(|a|, |n|). Defaults
     * 1e-6 and 1e-4.
     */
    public Options tolerances(double atol, double rtol) {
      if (!(atol >= 0) || !(rtol >= 0)) {
        throw new IllegalArgumentException(
            "tolerances must not be negative, not atol " + atol + ", rtol " + rtol);
      }
      return new Options(
          epsilon, atol, rtol, samples, perLayer, seed, stopAtFirstFailure, directional);
    }

    /** Checks {@code n} parameters drawn from all of them with {@code seed}, as the lab does. */
    public Options sample(int n, long seed) {
      return withSamples(n, false, seed);
    }

    /** Checks {@code n} parameters of every layer (or all of a smaller layer), seeded. */
    public Options samplePerLayer(int n, long seed) {
      return withSamples(n, true, seed);
    }

    /** Checks every parameter (the default). */
    public Options everyParameter() {
      return withSamples(ALL, false, seed);
    }

    private Options withSamples(int n, boolean perLayer, long seed) {
      if (n < 1) {
        throw new IllegalArgumentException("samples must be at least 1, not " + n);
      }
      return new Options(
          epsilon,
          absoluteTolerance,
          relativeTolerance,
          n,
          perLayer,
          seed,
          stopAtFirstFailure,
          directional);
    }

    /** Stops after the first failing entry, for a quick answer on a large network. */
    public Options stopAtFirstFailure() {
      return new Options(
          epsilon,
          absoluteTolerance,
          relativeTolerance,
          samples,
          perLayer,
          seed,
          true,
          directional);
    }

    /**
     * Checks one seeded random direction d instead of single parameters: compares the directional
     * derivative ∇J · d with (J(θ + εd) - J(θ - εd)) / 2ε. It costs two forward passes whatever the
     * network's size, but it is weaker than the full check: errors that cancel along d, or that sit
     * in parameters d barely moves, go unnoticed. Use it for networks too large to check entry by
     * entry, and repeat it with other seeds.
     */
    public Options directional(long seed) {
      return new Options(
          epsilon,
          absoluteTolerance,
          relativeTolerance,
          samples,
          perLayer,
          seed,
          stopAtFirstFailure,
          true);
    }

    /** The step ε. */
    public double epsilon() {
      return epsilon;
    }

    /** atol of the per-entry test. */
    public double absoluteTolerance() {
      return absoluteTolerance;
    }

    /** rtol of the per-entry test. */
    public double relativeTolerance() {
      return relativeTolerance;
    }

    /** Whether this is a single-direction check. */
    public boolean isDirectional() {
      return directional;
    }

    @Override
    public String toString() {
      String which =
          directional
              ? "one random direction (seed " + seed + ")"
              : samples == ALL
                  ? "every parameter"
                  : samples + (perLayer ? " per layer" : "") + " sampled (seed " + seed + ")";
      return String.format(
          Locale.ROOT,
          "epsilon %.1e, atol %.1e, rtol %.1e, %s%s",
          epsilon,
          absoluteTolerance,
          relativeTolerance,
          which,
          stopAtFirstFailure ? ", stop at first failure" : "");
    }
  }

  /** The default options: every parameter, ε = 1e-7, atol 1e-6, rtol 1e-4. */
  public static Options options() {
    return new Options(DEFAULT_EPSILON, 1e-6, 1e-4, ALL, false, 0L, false, false);
  }

  /**
   * One checked parameter (or, for a directional check, the one direction).
   *
   * @param index position in the flat parameter vector; -1 for a direction
   * @param name readable name, such as {@code hidden.weights[2][1]}
   * @param analytic backpropagation's ∂J/∂θ
   * @param numeric the central difference
   * @param costPlus J at θ + ε
   * @param costMinus J at θ - ε
   * @param kink whether a ReLU input crossed 0 between the two, so J has no derivative here
   * @param failed whether the entry is outside the tolerances (never for a kink)
   */
  public record Entry(
      int index,
      String name,
      double analytic,
      double numeric,
      double costPlus,
      double costMinus,
      boolean kink,
      boolean failed) {
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
      int dot = name.indexOf('.');
      return dot < 0 ? name : name.substring(0, dot);
    }
  }

  /**
   * What the check found in one layer.
   *
   * @param layer the layer's name
   * @param checked entries checked, kinks included
   * @param worstRelativeError the largest relative error among differentiable entries
   * @param worstAbsoluteError the largest absolute error among differentiable entries
   * @param failures the entries outside the tolerances
   * @param kinks the entries where the cost has no derivative
   */
  public record LayerReport(
      String layer,
      int checked,
      double worstRelativeError,
      double worstAbsoluteError,
      List<Entry> failures,
      List<Entry> kinks) {}

  private static final int WORST_SHOWN = 5;

  private final Options options;
  private final List<Entry> entries;
  private final List<LayerReport> layers;
  private final double relativeDifference;
  private final boolean stoppedEarly;

  private GradCheck(
      Options options, Architecture architecture, List<Entry> entries, boolean stoppedEarly) {
    this.options = options;
    this.entries = Collections.unmodifiableList(entries);
    this.stoppedEarly = stoppedEarly;
    double diff = 0;
    double a = 0;
    double n = 0;
    for (Entry e : entries) {
      if (!e.kink()) {
        diff += (e.analytic - e.numeric) * (e.analytic - e.numeric);
        a += e.analytic * e.analytic;
        n += e.numeric * e.numeric;
      }
    }
    double denominator = Math.sqrt(a) + Math.sqrt(n);
    this.relativeDifference = denominator == 0 ? 0 : Math.sqrt(diff) / denominator;
    this.layers = Collections.unmodifiableList(reportLayers(architecture, entries));
  }

  private static List<LayerReport> reportLayers(Architecture architecture, List<Entry> entries) {
    Map<String, List<Entry>> byLayer = new LinkedHashMap<>();
    for (Architecture.LayerSpec layer : architecture.layers()) {
      byLayer.put(layer.name(), new ArrayList<>());
    }
    for (Entry e : entries) {
      byLayer.computeIfAbsent(e.layer(), k -> new ArrayList<>()).add(e);
    }
    List<LayerReport> reports = new ArrayList<>();
    for (Map.Entry<String, List<Entry>> layer : byLayer.entrySet()) {
      if (layer.getValue().isEmpty()) {
        continue;
      }
      double worstRelative = 0;
      double worstAbsolute = 0;
      List<Entry> failures = new ArrayList<>();
      List<Entry> kinks = new ArrayList<>();
      for (Entry e : layer.getValue()) {
        if (e.kink()) {
          kinks.add(e);
          continue;
        }
        worstRelative = Math.max(worstRelative, e.relativeError());
        worstAbsolute = Math.max(worstAbsolute, e.absoluteError());
        if (e.failed()) {
          failures.add(e);
        }
      }
      reports.add(
          new LayerReport(
              layer.getKey(),
              layer.getValue().size(),
              worstRelative,
              worstAbsolute,
              List.copyOf(failures),
              List.copyOf(kinks)));
    }
    return reports;
  }

  /**
   * ‖a - n‖ / (‖a‖ + ‖n‖) over all checked entries that are not kinks; 0 when both gradients are 0.
   */
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

  /** The options the check ran with. */
  public Options optionsUsed() {
    return options;
  }

  /** The step ε used. */
  public double epsilon() {
    return options.epsilon();
  }

  /** Every checked entry, in the order checked. */
  public List<Entry> entries() {
    return entries;
  }

  /** How many parameters (or directions) were checked, kinks included. */
  public int checkedCount() {
    return entries.size();
  }

  /** The entries outside the tolerances, kinks excluded. */
  public List<Entry> failures() {
    List<Entry> failures = new ArrayList<>();
    layers.forEach(l -> failures.addAll(l.failures()));
    return failures;
  }

  /** The entries where a ReLU input crossed 0, so the cost has no derivative. */
  public List<Entry> kinks() {
    List<Entry> kinks = new ArrayList<>();
    layers.forEach(l -> kinks.addAll(l.kinks()));
    return kinks;
  }

  /** One report per layer that had entries checked, input side first. */
  public List<LayerReport> layers() {
    return layers;
  }

  /** Whether the check stopped at the first failure before checking everything it chose. */
  public boolean stoppedEarly() {
    return stoppedEarly;
  }

  /** The differentiable entries with the largest absolute error, worst first (at most five). */
  public List<Entry> worst() {
    List<Entry> sorted = new ArrayList<>();
    for (Entry e : entries) {
      if (!e.kink()) {
        sorted.add(e);
      }
    }
    sorted.sort(
        Comparator.comparingDouble(Entry::absoluteError).reversed().thenComparingInt(Entry::index));
    return sorted.subList(0, Math.min(WORST_SHOWN, sorted.size()));
  }

  /**
   * Throws an {@link AssertionError} carrying this report unless the check passed and no entry
   * failed; for use in a test.
   */
  public GradCheck assertPassed() {
    if (!passed() || !failures().isEmpty()) {
      throw new AssertionError(toString());
    }
    return this;
  }

  /**
   * Runs the full check on {@code model} and fails with its report unless it passes, so a test
   * suite can hold a model to it in one line.
   */
  public static GradCheck assertPasses(Model model, Matrix x, Matrix y) {
    return model.gradcheck(x, y).assertPassed();
  }

  /** The verdict, one line per layer, the failing entries, the kinks and the worst entries. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "gradient check %s: relative difference %.3e over %d %s%n  (%s)",
            verdict(),
            relativeDifference,
            entries.size(),
            options.isDirectional() ? "direction" : "parameters",
            options));
    if (stoppedEarly) {
      sb.append("\n  stopped at the first failing entry");
    }
    if (!layers.isEmpty() && !options.isDirectional()) {
      int width = "layer".length();
      for (LayerReport layer : layers) {
        width = Math.max(width, layer.layer().length());
      }
      String row = "%n  %-" + width + "s  %7s  %13s  %13s  %7s  %5s";
      sb.append(
          String.format(
              Locale.ROOT, row, "layer", "checked", "worst rel", "worst abs", "failing", "kinks"));
      for (LayerReport layer : layers) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%n  %-" + width + "s  %7d  %13.3e  %13.3e  %7d  %5d",
                layer.layer(),
                layer.checked(),
                layer.worstRelativeError(),
                layer.worstAbsoluteError(),
                layer.failures().size(),
                layer.kinks().size()));
      }
    }
    List<Entry> failures = failures();
    if (!failures.isEmpty()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%n  failing entries (|a - n| > %.1e + %.1e max(|a|, |n|)):",
              options.absoluteTolerance(),
              options.relativeTolerance()));
      appendTable(sb, failures, true);
    }
    List<Entry> kinks = kinks();
    if (!kinks.isEmpty()) {
      sb.append("\n  non-differentiable here (a ReLU input crosses 0 within ±epsilon):");
      appendTable(sb, kinks, true);
    }
    if (failures.isEmpty() && !worst().isEmpty()) {
      sb.append("\n  worst entries:");
      appendTable(sb, worst(), false);
    }
    return sb.toString();
  }

  private static void appendTable(StringBuilder sb, List<Entry> rows, boolean costs) {
    int width = "parameter".length();
    for (Entry e : rows) {
      width = Math.max(width, e.name().length());
    }
    String head = "%n    %-" + width + "s  %15s  %15s  %10s";
    String line = "%n    %-" + width + "s  %15.8e  %15.8e  %10.2e";
    if (costs) {
      head += "  %22s  %22s";
      line += "  %22.15e  %22.15e";
    }
    sb.append(
        String.format(
            Locale.ROOT,
            head,
            "parameter",
            "analytic",
            "numeric",
            "abs error",
            "J(θ + ε)",
            "J(θ - ε)"));
    for (Entry e : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              line,
              e.name(),
              e.analytic(),
              e.numeric(),
              e.absoluteError(),
              e.costPlus(),
              e.costMinus()));
    }
  }

  // ---------------------------------------------------------------- running a check

  /**
   * Starts a check with the default options and a seeded sample of {@code samples} parameters.
   *
   * @see #recorder(Architecture, double[], Options)
   */
  public static Recorder recorder(
      Architecture architecture, double[] analytic, double epsilon, int samples, long seed) {
    return recorder(architecture, analytic, options().epsilon(epsilon).sample(samples, seed));
  }

  /**
   * Starts a check: chooses which parameters to perturb and collects the costs measured at θ_i ± ε.
   * Generated models drive it from their {@code gradcheck} method.
   *
   * @param analytic backpropagation's gradient, in parameter order
   */
  public static Recorder recorder(Architecture architecture, double[] analytic, Options options) {
    if (analytic.length != architecture.parameterCount()) {
      throw new IllegalArgumentException(
          "expected "
              + architecture.parameterCount()
              + " gradient entries but got "
              + analytic.length);
    }
    return new Recorder(architecture, analytic, options);
  }

  private static int[] choose(Architecture architecture, Options options) {
    int count = architecture.parameterCount();
    if (!options.perLayer) {
      return draw(0, count, options.samples, new Random(options.seed));
    }
    Random random = new Random(options.seed);
    int[] chosen = new int[0];
    for (Architecture.LayerSpec layer : architecture.layers()) {
      int[] part = draw(layer.weightsOffset(), layer.parameterCount(), options.samples, random);
      int[] joined = Arrays.copyOf(chosen, chosen.length + part.length);
      System.arraycopy(part, 0, joined, chosen.length, part.length);
      chosen = joined;
    }
    return chosen;
  }

  /** {@code samples} distinct indices from [from, from + count), ascending. */
  private static int[] draw(int from, int count, int samples, Random random) {
    int[] all = new int[count];
    Arrays.setAll(all, i -> from + i);
    if (samples >= count) {
      return all;
    }
    // A partial Fisher-Yates shuffle draws `samples` distinct indices.
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

  /** Collects the two costs of each perturbation and judges each entry as it comes. */
  public static final class Recorder {
    private final Architecture architecture;
    private final double[] analytic;
    private final Options options;
    private final int[] indices;
    private final List<Entry> entries = new ArrayList<>();
    private boolean stopped;
    private double[] direction;

    private Recorder(Architecture architecture, double[] analytic, Options options) {
      this.architecture = architecture;
      this.analytic = analytic.clone();
      this.options = options;
      this.indices = options.directional ? new int[0] : choose(architecture, options);
    }

    /** The step ε. */
    public double epsilon() {
      return options.epsilon;
    }

    /** Whether to check one random direction rather than single parameters. */
    public boolean directional() {
      return options.directional;
    }

    /** The parameter indices to perturb, one at a time. */
    public int[] indices() {
      return indices.clone();
    }

    /** Records J(θ_i + ε) and J(θ_i - ε) for parameter {@code index}, with the step 2ε. */
    public void record(int index, double costPlus, double costMinus) {
      record(index, costPlus, costMinus, 2 * options.epsilon, false);
    }

    /** Records the two costs of parameter {@code index}, with the step as actually taken. */
    public void record(int index, double costPlus, double costMinus, double step) {
      record(index, costPlus, costMinus, step, false);
    }

    /**
     * Records the two costs of parameter {@code index}.
     *
     * @param step the step as actually taken, (θ_i + ε) - (θ_i - ε) in doubles, which rounding
     *     makes differ slightly from 2ε
     * @param kink whether a ReLU input lay on different sides of 0 at the two points
     */
    public void record(int index, double costPlus, double costMinus, double step, boolean kink) {
      double numeric = (costPlus - costMinus) / step;
      add(
          index,
          architecture.parameterName(index),
          analytic[index],
          numeric,
          costPlus,
          costMinus,
          kink);
    }

    /** Whether {@link Options#stopAtFirstFailure()} asked to stop and an entry has failed. */
    public boolean stopped() {
      return stopped;
    }

    /** A unit vector d of random direction, one entry per parameter, for a directional check. */
    public double[] direction() {
      if (direction == null) {
        direction = drawDirection();
      }
      return direction.clone();
    }

    private double[] drawDirection() {
      Random random = new Random(options.seed);
      double[] d = new double[analytic.length];
      double norm = 0;
      for (int i = 0; i < d.length; i++) {
        d[i] = random.nextGaussian();
        norm += d[i] * d[i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < d.length; i++) {
        d[i] /= norm;
      }
      return d;
    }

    /** Records J(θ + εd) and J(θ - εd) for the direction d of {@link #direction()}. */
    public void recordDirection(double costPlus, double costMinus) {
      double[] d = direction == null ? drawDirection() : direction;
      double slope = 0;
      for (int i = 0; i < d.length; i++) {
        slope += analytic[i] * d[i];
      }
      double numeric = (costPlus - costMinus) / (2 * options.epsilon);
      add(-1, "direction", slope, numeric, costPlus, costMinus, false);
    }

    private void add(
        int index,
        String name,
        double a,
        double n,
        double costPlus,
        double costMinus,
        boolean kink) {
      double allowed =
          options.absoluteTolerance
              + options.relativeTolerance * Math.max(Math.abs(a), Math.abs(n));
      boolean failed = !kink && !(Math.abs(a - n) <= allowed);
      entries.add(new Entry(index, name, a, n, costPlus, costMinus, kink, failed));
      if (failed && options.stopAtFirstFailure) {
        stopped = true;
      }
    }

    /** The finished check. */
    public GradCheck finish() {
      boolean early = stopped && entries.size() < Math.max(indices.length, 1);
      return new GradCheck(options, architecture, new ArrayList<>(entries), early);
    }
  }
}
