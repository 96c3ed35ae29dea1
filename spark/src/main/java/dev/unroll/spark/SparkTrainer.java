package dev.unroll.spark;

import dev.unroll.runtime.Architecture;
import dev.unroll.runtime.Matrix;
import dev.unroll.runtime.Model;
import dev.unroll.training.Epoch;
import dev.unroll.training.History;
import dev.unroll.training.ModelFile;
import dev.unroll.training.Optimizer;
import dev.unroll.training.TrainingDivergedException;
import dev.unroll.training.TrainingListener;
import dev.unroll.training.Updates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Trains a generated model on a Spark RDD by synchronous data parallelism: each step broadcasts the
 * parameters, every partition computes the gradient and cost of its examples with the generated
 * code, summed, and the driver adds the partitions' sums, divides by the number of examples and
 * applies the optimizer. The result is the single-machine full-batch (or mini-batch) gradient step,
 * up to the order of summation.
 *
 * <pre>{@code
 * JavaRDD<LabeledExample> data = spark.parallelize(LabeledExample.fromColumns(x, y), 8);
 * UnrolledDigits model = new UnrolledDigits(42L);
 * History history = SparkTrainer.of(UnrolledDigits::new)
 *     .optimizer(Optimizer.adam(0.01))
 *     .steps(200)
 *     .listener(Progress.toConsole())
 *     .fit(model, data);
 * }</pre>
 *
 * <p>Only the parameters ({@code double[]}) and the {@link ModelFactory} travel to the executors;
 * each task rebuilds the model there, so generated classes need not be serializable. A step applies
 * nothing until every partition has answered: Spark retries a failed task, and if the job fails the
 * step fails with it, with the model still holding the previous step's parameters.
 *
 * <p>Every {@link TrainingListener} of the training module works here; each step is reported as one
 * {@link Epoch} (its number is the step's, its loss and accuracy are those of the step's batch
 * before the update, and there is no validation).
 */
public final class SparkTrainer {
  /** How partitions' sums are combined on the driver. */
  public enum Combine {
    /**
     * Collect every partition's sum and add them on the driver in partition order: the same data,
     * partitioning and parameters always give bit-identical results. The default.
     */
    ORDERED,
    /**
     * Spark's {@code treeAggregate}: partial sums are combined on the executors in a tree, so the
     * driver receives a few vectors however many partitions there are. Spark combines them in the
     * order tasks finish, so results can differ in the last bits from run to run.
     */
    TREE
  }

  private final ModelFactory factory;
  private Optimizer optimizer = Optimizer.adam(0.01);
  private int steps = 100;
  private double fraction = 1.0;
  private long seed = 1;
  private double weightDecay;
  private Combine combine = Combine.ORDERED;
  private Path checkpoint;
  private int checkpointEvery;
  private final List<TrainingListener> listeners = new ArrayList<>();

  private SparkTrainer(ModelFactory factory) {
    if (factory == null) {
      throw new IllegalArgumentException("the model factory must not be null");
    }
    this.factory = factory;
  }

  /**
   * A trainer whose tasks build their models with {@code factory}, for example {@code
   * UnrolledDigits::new}; Adam (α = 0.01), 100 full-batch steps by default.
   */
  public static SparkTrainer of(ModelFactory factory) {
    return new SparkTrainer(factory);
  }

  /** The optimizer; Adam with α = 0.01 by default. */
  public SparkTrainer optimizer(Optimizer optimizer) {
    if (optimizer == null) {
      throw new IllegalArgumentException("optimizer must not be null");
    }
    this.optimizer = optimizer;
    return this;
  }

  /** How many steps to run in total (counting those a resumed checkpoint already ran). */
  public SparkTrainer steps(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be at least 1, but was " + steps);
    }
    this.steps = steps;
    return this;
  }

  /**
   * Mini-batches: each step trains on a sample of about this fraction of the data, drawn without
   * replacement with a seed derived from {@link #seed} and the step number. 1, the default, trains
   * on every example at every step (full batch).
   */
  public SparkTrainer sampleFraction(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "the sample fraction must be in (0, 1], but was " + fraction);
    }
    this.fraction = fraction;
    return this;
  }

  /** The seed of the mini-batch samples; 1 by default. */
  public SparkTrainer seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** L2 weight decay λ on the weights (not the biases), as {@code Trainer.weightDecay}. */
  public SparkTrainer weightDecay(double lambda) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("weight decay must be 0 or more, but was " + lambda);
    }
    this.weightDecay = lambda;
    return this;
  }

  /** How partitions' sums are combined; {@link Combine#ORDERED} by default. */
  public SparkTrainer combine(Combine combine) {
    if (combine == null) {
      throw new IllegalArgumentException("combine must not be null");
    }
    this.combine = combine;
    return this;
  }

  /**
   * Saves the model to {@code file} (a {@link ModelFile}, with the step number in {@code file.step}
   * beside it) every {@code everySteps} steps and at the end. If the file exists when {@link #fit}
   * starts, training resumes from it: the saved parameters are loaded and counting continues after
   * the saved step. The optimizer's own state (momentum, Adam's moments) is not saved and starts
   * again from zero on resuming, so a resumed run matches an uninterrupted one exactly only with
   * plain gradient descent.
   */
  public SparkTrainer checkpoint(Path file, int everySteps) {
    if (file == null || everySteps < 1) {
      throw new IllegalArgumentException(
          "a checkpoint needs a file and a positive interval, but got "
              + file
              + " every "
              + everySteps
              + " steps");
    }
    this.checkpoint = file;
    this.checkpointEvery = everySteps;
    return this;
  }

  /** Adds a listener, told about every step. */
  public SparkTrainer listener(TrainingListener listener) {
    if (listener == null) {
      throw new IllegalArgumentException("listener must not be null");
    }
    listeners.add(listener);
    return this;
  }

  /**
   * Trains {@code model} on {@code data}: the model supplies the starting parameters (unless a
   * checkpoint is resumed) and holds the trained ones at the end.
   *
   * @throws IllegalArgumentException if the factory makes models of another architecture, or an
   *     example does not fit the model
   * @throws IllegalStateException if a step's partitions did not account for every example
   * @throws TrainingDivergedException if the cost or a parameter becomes NaN or infinite
   * @throws IOException if a checkpoint cannot be read or written
   */
  public History fit(Model model, JavaRDD<LabeledExample> data) throws IOException {
    Architecture architecture = model.architecture();
    Model probe = factory.create(0);
    if (probe.parameterCount() != model.parameterCount()
        || probe.inputSize() != model.inputSize()
        || probe.outputSize() != model.outputSize()) {
      throw new IllegalArgumentException(
          "the factory makes "
              + probe.architecture().summary()
              + " but the model to train is "
              + architecture.summary());
    }
    int first = 1;
    if (checkpoint != null && Files.exists(checkpoint)) {
      ModelFile.load(model, checkpoint);
      first = readStep() + 1;
    }
    double[] theta = model.parameters();
    double[] gradient = new double[theta.length];
    long total = data.count();
    if (total == 0) {
      throw new IllegalArgumentException("the RDD has no examples");
    }
    optimizer.reset();
    for (TrainingListener listener : listeners) {
      listener.started(steps, (int) Math.min(total, Integer.MAX_VALUE), -1);
    }
    JavaSparkContext spark = JavaSparkContext.fromSparkContext(data.context());
    List<Epoch> record = new ArrayList<>();
    for (int step = first; step <= steps; step++) {
      long start = System.nanoTime();
      Broadcast<double[]> parameters = spark.broadcast(theta.clone());
      Partial sum;
      try {
        JavaRDD<LabeledExample> batch =
            fraction < 1 ? data.sample(false, fraction, seed * 1_000_003L + step) : data;
        JavaRDD<Partial> partials =
            batch.mapPartitions(new PartitionGradient(factory, parameters, theta.length));
        sum = combine(partials, theta.length);
      } finally {
        parameters.destroy();
      }
      if (fraction == 1 && sum.count != total) {
        throw new IllegalStateException(
            "step "
                + step
                + " summed "
                + sum.count
                + " examples but the data has "
                + total
                + "; the step was not applied");
      }
      if (sum.count == 0) {
        continue; // a sample can be empty; nothing to learn from in this step
      }
      double cost = sum.cost / sum.count;
      if (!Double.isFinite(cost)) {
        throw new TrainingDivergedException(
            step, "training diverged in step " + step + ": the cost became " + cost);
      }
      for (int i = 0; i < theta.length; i++) {
        gradient[i] = sum.gradient[i] / sum.count;
      }
      Updates.addWeightDecay(architecture, weightDecay, theta, gradient);
      optimizer.step(theta, gradient);
      String broken = Updates.firstNonFinite(architecture, theta);
      if (broken != null) {
        throw new TrainingDivergedException(
            step,
            "training diverged in step "
                + step
                + ": "
                + broken
                + " after the optimizer step. "
                + Updates.divergenceAdvice(optimizer));
      }
      model.setParameters(theta);
      Epoch result =
          new Epoch(
              step,
              cost,
              (double) sum.correct / sum.count,
              Double.NaN,
              Double.NaN,
              (System.nanoTime() - start) / 1_000_000);
      record.add(result);
      for (TrainingListener listener : listeners) {
        listener.epochEnded(result);
      }
      if (checkpoint != null && (step % checkpointEvery == 0 || step == steps)) {
        save(model, step);
      }
    }
    History history = new History(record, false, steps);
    for (TrainingListener listener : listeners) {
      listener.finished(history);
    }
    return history;
  }

  private Partial combine(JavaRDD<Partial> partials, int parameters) {
    if (combine == Combine.TREE) {
      return partials.treeAggregate(
          new Partial(parameters), (a, b) -> a.add(b), (a, b) -> a.add(b));
    }
    Partial sum = new Partial(parameters);
    for (Partial part : partials.collect()) { // in partition order
      sum.add(part);
    }
    return sum;
  }

  private void save(Model model, int step) throws IOException {
    ModelFile.save(model, checkpoint);
    Path marker = stepFile();
    Path temporary = marker.resolveSibling(marker.getFileName() + ".tmp");
    Files.writeString(temporary, step + "\n", StandardCharsets.UTF_8);
    Files.move(temporary, marker, StandardCopyOption.REPLACE_EXISTING);
  }

  private int readStep() throws IOException {
    Path marker = stepFile();
    if (!Files.exists(marker)) {
      throw new IOException(
          "checkpoint "
              + checkpoint
              + " exists but "
              + marker
              + ", which records its step, does not; delete the checkpoint to start afresh");
    }
    String text = Files.readString(marker, StandardCharsets.UTF_8).strip();
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IOException(marker + " should hold a step number but holds \"" + text + "\"", e);
    }
  }

  private Path stepFile() {
    return checkpoint.resolveSibling(checkpoint.getFileName() + ".step");
  }

  /** The task: one partition's summed gradient, cost, count and correct predictions. */
  private static final class PartitionGradient
      implements org.apache.spark.api.java.function.FlatMapFunction<
          Iterator<LabeledExample>, Partial> {
    private static final long serialVersionUID = 1L;

    private final ModelFactory factory;
    private final Broadcast<double[]> parameters;
    private final int count;

    PartitionGradient(ModelFactory factory, Broadcast<double[]> parameters, int count) {
      this.factory = factory;
      this.parameters = parameters;
      this.count = count;
    }

    @Override
    public Iterator<Partial> call(Iterator<LabeledExample> examples) {
      List<LabeledExample> list = new ArrayList<>();
      examples.forEachRemaining(list::add);
      Partial partial = new Partial(count);
      if (list.isEmpty()) {
        return List.of(partial).iterator();
      }
      Model model = factory.create(0);
      model.setParameters(parameters.value());
      int m = list.size();
      Matrix x = Matrix.zeros(model.inputSize(), m);
      Matrix y = Matrix.zeros(model.outputSize(), m);
      for (int j = 0; j < m; j++) {
        list.get(j).copyInto(x, y, j);
      }
      // backward averages over the m examples; partitions add sums, so undo the 1/m here.
      double cost = model.backward(x, y, partial.gradient);
      for (int i = 0; i < count; i++) {
        partial.gradient[i] *= m;
      }
      partial.cost = cost * m;
      partial.count = m;
      partial.correct = Math.round(model.accuracy(x, y) * m);
      return List.of(partial).iterator();
    }
  }
}
