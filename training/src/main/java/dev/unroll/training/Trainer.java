package dev.unroll.training;

import dev.unroll.runtime.Architecture;
import dev.unroll.runtime.Matrix;
import dev.unroll.runtime.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains a generated model by mini-batch gradient descent: epochs of seeded, shuffled mini-batches,
 * each one backward pass ({@link Model#backward(Matrix, Matrix, double[])}) and one optimizer step.
 *
 * <pre>{@code
 * History history = Trainer.of(model)
 *     .optimizer(Optimizer.adam(0.01))
 *     .epochs(200)
 *     .batchSize(32)
 *     .validation(test.x(), test.y())
 *     .listener(Progress.toConsole())
 *     .fit(train.x(), train.y());
 * }</pre>
 *
 * <p>Every buffer a step needs (the mini-batch matrices, the gradient, the optimizer's state, the
 * model's workspaces) is allocated in the first epoch, so steps after it allocate nothing. The
 * shuffle is drawn from {@code seed}, so the same seed, data and model give the same parameters.
 *
 * <p>If the cost or a parameter becomes NaN or infinite, training stops with a {@link
 * TrainingDivergedException} that names the epoch, the batch and the layer. A trainer is not
 * thread-safe, and during {@link #fit} it owns the model's parameters.
 */
public final class Trainer {
  private final Model model;
  private final Architecture architecture;
  private Optimizer optimizer = Optimizer.adam(0.01);
  private int epochs = 100;
  private int batchSize = 32;
  private long seed = 1;
  private double weightDecay;
  private Matrix validationX;
  private Matrix validationY;
  private int patience;
  private final List<TrainingListener> listeners = new ArrayList<>();

  // The run's buffers, allocated once per data set size.
  private double[] theta;
  private double[] gradient;
  private int[] order = new int[0];
  private Matrix batchX;
  private Matrix batchY;
  private Matrix restX;
  private Matrix restY;

  // Where the current step is, for messages.
  private int epoch;
  private int batch;
  private int batches;

  private Trainer(Model model) {
    if (model == null) {
      throw new IllegalArgumentException("model must not be null");
    }
    this.model = model;
    this.architecture = model.architecture();
  }

  /** A trainer for {@code model}, with Adam (α = 0.01), 100 epochs and batches of 32. */
  public static Trainer of(Model model) {
    return new Trainer(model);
  }

  /** The optimizer; Adam with α = 0.01 by default. */
  public Trainer optimizer(Optimizer optimizer) {
    if (optimizer == null) {
      throw new IllegalArgumentException("optimizer must not be null");
    }
    this.optimizer = optimizer;
    return this;
  }

  /** How many passes over the training set; 100 by default. */
  public Trainer epochs(int epochs) {
    this.epochs = Hyper.atLeast("epochs", epochs, 1);
    return this;
  }

  /**
   * Examples per step; 32 by default. The last batch of an epoch holds the remainder when the
   * training set is not a multiple of it. A batch size of at least the data set's size trains on
   * the full batch.
   */
  public Trainer batchSize(int batchSize) {
    this.batchSize = Hyper.atLeast("batch size", batchSize, 1);
    return this;
  }

  /** The seed of the shuffle; 1 by default. */
  public Trainer seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * L2 weight decay λ: each step adds λ · W to the gradient of every weight (not of the biases),
   * which is the gradient of λ/2 ‖W‖² added to the cost. The reported loss is the data's cost
   * alone. 0, the default, turns it off.
   */
  public Trainer weightDecay(double lambda) {
    this.weightDecay = Hyper.nonNegative("weight decay", lambda);
    return this;
  }

  /** A validation set, evaluated after each epoch and used by early stopping. */
  public Trainer validation(Matrix x, Matrix y) {
    checkData("validation x", "validation y", x, y);
    this.validationX = x;
    this.validationY = y;
    return this;
  }

  /**
   * Stops when the validation loss has not improved for {@code patience} epochs in a row, and
   * restores the parameters of the best epoch. Needs {@link #validation}.
   */
  public Trainer earlyStopping(int patience) {
    this.patience = Hyper.atLeast("patience", patience, 1);
    return this;
  }

  /** Adds a listener, told about every epoch. */
  public Trainer listener(TrainingListener listener) {
    if (listener == null) {
      throw new IllegalArgumentException("listener must not be null");
    }
    listeners.add(listener);
    return this;
  }

  /**
   * Trains on x (inputs x n, one column per example) and y (outputs x n: 0/1 labels for one output,
   * one-hot columns for several) and returns what each epoch achieved. The model keeps the trained
   * parameters.
   *
   * @throws IllegalArgumentException if x or y has the wrong shape
   * @throws IllegalStateException if early stopping was asked for without a validation set
   * @throws TrainingDivergedException if the cost or a parameter becomes NaN or infinite
   */
  public History fit(Matrix x, Matrix y) {
    checkData("x", "y", x, y);
    if (patience > 0 && validationX == null) {
      throw new IllegalStateException(
          "early stopping compares validation losses; pass a validation set with validation(x, y)");
    }
    int n = x.cols();
    prepare(n);
    optimizer.reset();
    Random random = new Random(seed);
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    int size = Math.min(batchSize, n);
    batches = (n + size - 1) / size;
    for (TrainingListener listener : listeners) {
      listener.started(epochs, n, size);
    }

    List<Epoch> record = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    double[] bestTheta = patience > 0 ? new double[theta.length] : null;
    boolean stoppedEarly = false;
    for (epoch = 1; epoch <= epochs; epoch++) {
      long start = System.nanoTime();
      shuffle(random, n);
      double sum = 0;
      batch = 0;
      for (int from = 0; from < n; from += size) {
        batch++;
        int count = Math.min(size, n - from);
        Matrix bx = count == size ? batchX : restX;
        Matrix by = count == size ? batchY : restY;
        gather(x, from, bx);
        gather(y, from, by);
        sum += update(bx, by) * count;
      }
      double validationLoss = Double.NaN;
      double validationAccuracy = Double.NaN;
      if (validationX != null) {
        validationLoss = model.cost(validationX, validationY);
        validationAccuracy = model.accuracy(validationX, validationY);
      }
      Epoch result =
          new Epoch(
              epoch,
              sum / n,
              model.accuracy(x, y),
              validationLoss,
              validationAccuracy,
              (System.nanoTime() - start) / 1_000_000);
      record.add(result);
      for (TrainingListener listener : listeners) {
        listener.epochEnded(result);
      }
      if (patience > 0) {
        if (validationLoss < best) {
          best = validationLoss;
          bestEpoch = epoch;
          System.arraycopy(theta, 0, bestTheta, 0, theta.length);
        } else if (epoch - bestEpoch >= patience) {
          System.arraycopy(bestTheta, 0, theta, 0, theta.length);
          model.setParameters(theta);
          stoppedEarly = true;
          break;
        }
      }
    }
    History history = new History(record, stoppedEarly, patience > 0 ? bestEpoch : record.size());
    for (TrainingListener listener : listeners) {
      listener.finished(history);
    }
    return history;
  }

  /**
   * One training step on a batch: backward pass, weight decay, optimizer step. Returns the batch's
   * cost before the step. Outside {@link #fit} this is for callers that draw their own batches; the
   * trainer reads the model's parameters at its first step and assumes nothing else changes them
   * between steps.
   *
   * @throws TrainingDivergedException if the cost or a parameter becomes NaN or infinite
   */
  public double step(Matrix x, Matrix y) {
    if (theta == null) {
      prepare(0);
    }
    return update(x, y);
  }

  private double update(Matrix x, Matrix y) {
    double cost = model.backward(x, y, gradient);
    if (!Double.isFinite(cost)) {
      throw diverged("the cost became " + cost);
    }
    Updates.addWeightDecay(architecture, weightDecay, theta, gradient);
    optimizer.step(theta, gradient);
    String broken = Updates.firstNonFinite(architecture, theta);
    if (broken != null) {
      throw diverged(broken + " after the optimizer step");
    }
    model.setParameters(theta);
    return cost;
  }

  private TrainingDivergedException diverged(String what) {
    String where =
        epoch > 0
            ? "training diverged in epoch " + epoch + ", batch " + batch + " of " + batches
            : "training diverged";
    return new TrainingDivergedException(
        epoch, where + ": " + what + ". " + Updates.divergenceAdvice(optimizer));
  }

  private void prepare(int n) {
    theta = model.parameters();
    if (gradient == null || gradient.length != theta.length) {
      gradient = new double[theta.length];
    }
    if (n == 0) {
      return;
    }
    if (order.length != n) {
      order = new int[n];
    }
    int size = Math.min(batchSize, n);
    int rest = n % size == 0 ? size : n % size;
    batchX = Matrix.zeros(model.inputSize(), size);
    batchY = Matrix.zeros(model.outputSize(), size);
    restX = rest == size ? batchX : Matrix.zeros(model.inputSize(), rest);
    restY = rest == size ? batchY : Matrix.zeros(model.outputSize(), rest);
  }

  /** Fisher-Yates over the first n entries of {@link #order}. */
  private void shuffle(Random random, int n) {
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /** Columns order[from], order[from + 1], ... of {@code all} into {@code into}. */
  private void gather(Matrix all, int from, Matrix into) {
    double[] source = all.storage();
    double[] target = into.storage();
    int n = all.cols();
    int count = into.cols();
    for (int i = 0; i < all.rows(); i++) {
      int row = all.offset() + i * n;
      int out = into.offset() + i * count;
      for (int c = 0; c < count; c++) {
        target[out + c] = source[row + order[from + c]];
      }
    }
  }

  private void checkData(String xName, String yName, Matrix x, Matrix y) {
    if (x == null || y == null) {
      throw new IllegalArgumentException(xName + " and " + yName + " must not be null");
    }
    if (x.rows() != model.inputSize()) {
      throw new IllegalArgumentException(
          xName
              + " must have "
              + model.inputSize()
              + " rows (one per input feature, one column per example), but is "
              + x.rows()
              + " x "
              + x.cols());
    }
    if (y.rows() != model.outputSize() || y.cols() != x.cols()) {
      throw new IllegalArgumentException(
          yName
              + " must be "
              + model.outputSize()
              + " x "
              + x.cols()
              + " (one column of labels per example of "
              + xName
              + "), but is "
              + y.rows()
              + " x "
              + y.cols());
    }
    if (x.cols() == 0) {
      throw new IllegalArgumentException(xName + " has no examples (0 columns)");
    }
  }
}
