package dev.unroll.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Matrix;
import dev.unroll.runtime.Model;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainerTest {
  private static final Matrix XOR_X = Matrix.of(new double[][] {{0, 0, 1, 1}, {0, 1, 0, 1}});
  private static final Matrix XOR_Y = Matrix.of(new double[][] {{0, 1, 1, 0}});

  /** Three clusters around (0, 2), (2, -1) and (-2, -1), one-hot labels. */
  private static Matrix[] clusters(int perClass, long seed) {
    Random random = new Random(seed);
    double[][] centres = {{0, 2}, {2, -1}, {-2, -1}};
    int n = 3 * perClass;
    Matrix x = Matrix.zeros(2, n);
    Matrix y = Matrix.zeros(3, n);
    for (int j = 0; j < n; j++) {
      int c = j % 3;
      x.set(0, j, centres[c][0] + 0.6 * random.nextGaussian());
      x.set(1, j, centres[c][1] + 0.6 * random.nextGaussian());
      y.set(c, j, 1);
    }
    return new Matrix[] {x, y};
  }

  @Test
  void learnsXor() {
    Model model = new UnrolledXor(3);
    History history =
        Trainer.of(model)
            .optimizer(Optimizer.adam(0.05))
            .epochs(400)
            .batchSize(4)
            .fit(XOR_X, XOR_Y);
    assertEquals(400, history.epochs().size());
    assertEquals(1.0, model.accuracy(XOR_X, XOR_Y));
    assertTrue(history.last().loss() < 0.05, "loss " + history.last().loss());
    assertTrue(history.losses()[0] > 5 * history.last().loss(), Arrays.toString(history.losses()));
  }

  @Test
  void learnsThreeClustersWithSoftmax() {
    Matrix[] train = clusters(60, 1);
    Matrix[] test = clusters(30, 2);
    Model model = new UnrolledThreeClasses(5);
    History history =
        Trainer.of(model)
            .optimizer(Optimizer.momentum(0.05))
            .epochs(60)
            .batchSize(16)
            .validation(test[0], test[1])
            .fit(train[0], train[1]);
    assertTrue(history.last().validated());
    assertTrue(model.accuracy(test[0], test[1]) >= 0.95, history.last().describe());
    int[] predicted = model.predict(test[0]);
    assertEquals(test[0].cols(), predicted.length);
    assertTrue(Arrays.stream(predicted).allMatch(c -> c >= 0 && c < 3));
  }

  @Test
  void theSameSeedGivesTheSameParameters() {
    Matrix[] data = clusters(20, 3);
    double[] first = train(new UnrolledThreeClasses(9), data, 7).parameters();
    double[] again = train(new UnrolledThreeClasses(9), data, 7).parameters();
    double[] other = train(new UnrolledThreeClasses(9), data, 8).parameters();
    assertArrayEquals(first, again);
    assertFalse(Arrays.equals(first, other), "another shuffle seed should train differently");
  }

  private static Model train(Model model, Matrix[] data, long seed) {
    // 60 examples in batches of 16: three full batches and a remainder of 12 per epoch.
    Trainer.of(model).epochs(5).batchSize(16).seed(seed).fit(data[0], data[1]);
    return model;
  }

  @Test
  void weightDecayShrinksWeightsAndLeavesBiases() {
    Model decayed = new UnrolledXor(4);
    Model plain = new UnrolledXor(4);
    double[] before = plain.parameters();
    double alpha = 0.1;
    double lambda = 0.5;
    Trainer.of(decayed)
        .optimizer(Optimizer.gradientDescent(alpha))
        .weightDecay(lambda)
        .step(XOR_X, XOR_Y);
    Trainer.of(plain).optimizer(Optimizer.gradientDescent(alpha)).step(XOR_X, XOR_Y);
    double[] a = decayed.parameters();
    double[] b = plain.parameters();
    for (var layer : plain.architecture().layers()) {
      for (int i = layer.weightsOffset(); i < layer.biasOffset(); i++) {
        assertEquals(-alpha * lambda * before[i], a[i] - b[i], 1e-15, "weight " + i);
      }
      for (int i = layer.biasOffset(); i < layer.biasOffset() + layer.units(); i++) {
        assertEquals(b[i], a[i], "bias " + i);
      }
    }
  }

  /** Gradient descent that breaks one parameter at a given step, as a diverging run would. */
  private static final class Breaking implements Optimizer {
    private final Optimizer inner = Optimizer.gradientDescent(0.1);
    private final int atStep;
    private final int index;
    private int steps;

    Breaking(int atStep, int index) {
      this.atStep = atStep;
      this.index = index;
    }

    @Override
    public void step(double[] parameters, double[] gradient) {
      inner.step(parameters, gradient);
      if (++steps == atStep) {
        parameters[index] = Double.POSITIVE_INFINITY;
      }
    }

    @Override
    public void reset() {
      steps = 0;
    }

    @Override
    public double learningRate() {
      return inner.learningRate();
    }
  }

  @Test
  void aNonFiniteParameterStopsTrainingNamingEpochBatchAndLayer() {
    Model model = new UnrolledXor(1);
    // Xor: hidden has 8 x 2 weights and 8 biases (24 parameters); index 25 is the output
    // layer's second weight. Two batches of 2 per epoch: step 5 is epoch 3, batch 1.
    TrainingDivergedException e =
        assertThrows(
            TrainingDivergedException.class,
            () -> Trainer.of(model).optimizer(new Breaking(5, 25)).batchSize(2).fit(XOR_X, XOR_Y));
    assertEquals(3, e.epoch());
    String message = e.getMessage();
    assertTrue(message.contains("training diverged in epoch 3, batch 1 of 2"), message);
    assertTrue(
        message.contains("parameter output.weights[0][1] of layer 2 (output) became Infinity"),
        message);
    assertTrue(message.contains("lower the learning rate (now 0.1"), message);
  }

  @Test
  void aNonFiniteCostStopsTrainingBeforeTheStep() {
    Matrix x = Matrix.of(new double[][] {{0, Double.NaN, 1, 1}, {0, 1, 0, 1}});
    Model model = new UnrolledXor(1);
    double[] before = model.parameters();
    TrainingDivergedException e =
        assertThrows(
            TrainingDivergedException.class, () -> Trainer.of(model).batchSize(4).fit(x, XOR_Y));
    assertTrue(
        e.getMessage().startsWith("training diverged in epoch 1, batch 1 of 1: the cost became"),
        e.getMessage());
    assertArrayEquals(before, model.parameters(), "no step may be applied from a NaN cost");
  }

  @Test
  void earlyStoppingKeepsTheBestEpoch() {
    // Labels that are pure noise: the validation loss can only get worse as the network fits
    // the training set's noise.
    Random random = new Random(5);
    Matrix x = Matrix.zeros(2, 40);
    Matrix y = Matrix.zeros(1, 40);
    Matrix vx = Matrix.zeros(2, 40);
    Matrix vy = Matrix.zeros(1, 40);
    for (int j = 0; j < 40; j++) {
      x.set(0, j, random.nextGaussian());
      x.set(1, j, random.nextGaussian());
      y.set(0, j, random.nextInt(2));
      vx.set(0, j, random.nextGaussian());
      vx.set(1, j, random.nextGaussian());
      vy.set(0, j, random.nextInt(2));
    }
    Model model = new UnrolledXor(2);
    History history =
        Trainer.of(model)
            .optimizer(Optimizer.adam(0.05))
            .epochs(500)
            .batchSize(8)
            .validation(vx, vy)
            .earlyStopping(5)
            .fit(x, y);
    assertTrue(history.stoppedEarly());
    assertEquals(history.bestEpoch() + 5, history.last().number());
    double best = Arrays.stream(history.validationLosses()).min().orElseThrow();
    assertEquals(best, history.epochs().get(history.bestEpoch() - 1).validationLoss());
    assertEquals(best, model.cost(vx, vy), "the model must hold the best epoch's parameters");
  }

  @Test
  void earlyStoppingNeedsAValidationSet() {
    Trainer trainer = Trainer.of(new UnrolledXor(1)).earlyStopping(3);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> trainer.fit(XOR_X, XOR_Y));
    assertTrue(e.getMessage().contains("validation(x, y)"), e.getMessage());
  }

  @Test
  void badDataIsRefusedWithBothShapes() {
    Trainer trainer = Trainer.of(new UnrolledXor(1));
    IllegalArgumentException rows =
        assertThrows(IllegalArgumentException.class, () -> trainer.fit(Matrix.zeros(3, 4), XOR_Y));
    assertTrue(rows.getMessage().contains("must have 2 rows"), rows.getMessage());
    assertTrue(rows.getMessage().contains("3 x 4"), rows.getMessage());
    IllegalArgumentException labels =
        assertThrows(IllegalArgumentException.class, () -> trainer.fit(XOR_X, Matrix.zeros(1, 5)));
    assertTrue(labels.getMessage().contains("must be 1 x 4"), labels.getMessage());
  }

  @Test
  void stepsAllocateNothingOnceWarm() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Matrix[] full = clusters(20, 6); // 60 examples
    Matrix[] rest = clusters(4, 7); // 12: a smaller last batch, as in an epoch
    Trainer trainer = Trainer.of(new UnrolledThreeClasses(3)).optimizer(Optimizer.adam(0.001));
    for (int i = 0; i < 2000; i++) {
      trainer.step(full[0], full[1]);
      trainer.step(rest[0], rest[1]);
    }
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < 500; i++) {
      trainer.step(full[0], full[1]);
      trainer.step(rest[0], rest[1]);
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertTrue(allocated < 1000, allocated + " bytes allocated by 1000 steps");
  }

  @Test
  void progressLinesStayShortInLogs() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Trainer.of(new UnrolledXor(3))
        .epochs(200)
        .batchSize(4)
        .listener(Progress.lines(out))
        .fit(XOR_X, XOR_Y);
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertTrue(lines[0].startsWith("training for 200 epochs on 4 examples"), lines[0]);
    assertEquals(21, lines.length, String.join("\n", lines));
    assertTrue(lines[20].startsWith("epoch 200: loss "), lines[20]);
  }

  @Test
  void progressOnATerminalRedrawsOneLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Trainer.of(new UnrolledXor(3))
        .epochs(10)
        .batchSize(4)
        .listener(Progress.bar(out))
        .fit(XOR_X, XOR_Y);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(10, text.split("\r", -1).length - 1, "one carriage return per epoch: " + text);
    assertTrue(text.endsWith("\n"), "the bar ends its line when training ends");
    assertEquals(1, text.split("\n", -1).length - 1, text);
    String last = text.substring(text.lastIndexOf('\r') + 1).trim();
    assertTrue(last.startsWith("[" + "=".repeat(30) + "] 10/10  loss "), last);
  }
}
