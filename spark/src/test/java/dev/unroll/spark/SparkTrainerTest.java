package dev.unroll.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.data.Csv;
import dev.unroll.data.Dataset;
import dev.unroll.data.Datasets;
import dev.unroll.data.Standardizer;
import dev.unroll.runtime.Model;
import dev.unroll.spark.example.UnrolledDigits;
import dev.unroll.training.History;
import dev.unroll.training.Optimizer;
import dev.unroll.training.Trainer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synchronous data-parallel training on a local Spark with two worker threads, compared with the
 * single-machine trainer: K full-batch steps must give the same parameters to 1e-12 relative.
 */
class SparkTrainerTest {
  private static final double RELATIVE = 1e-12;
  private static JavaSparkContext spark;

  @BeforeAll
  static void startSpark() {
    SparkConf conf =
        new SparkConf()
            // local[2, 4]: two worker threads, and a failed task is tried up to four times
            .setMaster("local[2,4]")
            .setAppName("unroll-spark-test")
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1");
    spark = new JavaSparkContext(conf);
    spark.setLogLevel("WARN");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static Dataset moons() {
    Dataset data = Datasets.moons(400, 0.2, 11);
    return Standardizer.fit(data).apply(data);
  }

  private static Dataset digits() throws IOException, URISyntaxException {
    Path file = Path.of(SparkTrainerTest.class.getResource("/data/digits.csv").toURI());
    Dataset data = Csv.read(file, "digit");
    return Standardizer.fit(data).apply(data);
  }

  private static JavaRDD<LabeledExample> rdd(Dataset data, int partitions) {
    return spark.parallelize(LabeledExample.fromColumns(data.x(), data.y()), partitions);
  }

  /** The single-machine result: the same optimizer, full batches, K epochs. */
  private static double[] alone(Model model, Dataset data, Optimizer optimizer, int steps) {
    Trainer.of(model)
        .optimizer(optimizer)
        .epochs(steps)
        .batchSize(data.size())
        .fit(data.x(), data.y());
    return model.parameters();
  }

  private static void assertClose(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length);
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      double tolerance = RELATIVE * Math.max(Math.abs(expected[i]), 1e-3 * scale);
      assertEquals(expected[i], actual[i], tolerance, "parameter " + i);
    }
  }

  @Test
  void labSizedNetworkMatchesTheSingleMachineTrainer() throws IOException {
    Dataset data = moons();
    double[] expected = alone(new UnrolledNetworks_LabSized(3), data, Optimizer.adam(0.05), 25);
    Model model = new UnrolledNetworks_LabSized(3);
    History history =
        SparkTrainer.of(UnrolledNetworks_LabSized::new)
            .optimizer(Optimizer.adam(0.05))
            .steps(25)
            .fit(model, rdd(data, 5));
    assertEquals(25, history.epochs().size());
    assertTrue(history.last().loss() < history.losses()[0], "the cost should fall");
    assertClose(expected, model.parameters());
  }

  @Test
  void digitsNetworkMatchesTheSingleMachineTrainer() throws Exception {
    Dataset data = digits();
    assertEquals(1797, data.size());
    double[] expected = alone(new UnrolledDigits(5), data, Optimizer.momentum(0.1), 15);
    Model model = new UnrolledDigits(5);
    SparkTrainer.of(UnrolledDigits::new)
        .optimizer(Optimizer.momentum(0.1))
        .steps(15)
        .fit(model, rdd(data, 4));
    assertClose(expected, model.parameters());
    assertTrue(model.accuracy(data.x(), data.y()) > 0.8, "15 steps should learn most digits");
  }

  @Test
  void treeCombineAgreesAndOrderedCombineIsReproducible() throws IOException {
    Dataset data = moons();
    JavaRDD<LabeledExample> examples = rdd(data, 6);
    double[][] ordered = new double[2][];
    for (int run = 0; run < 2; run++) {
      Model model = new UnrolledNetworks_LabSized(4);
      SparkTrainer.of(UnrolledNetworks_LabSized::new)
          .optimizer(Optimizer.adam(0.05))
          .steps(10)
          .sampleFraction(0.5)
          .seed(9)
          .fit(model, examples);
      ordered[run] = model.parameters();
    }
    assertArrayEquals(ordered[0], ordered[1], "same data, seed and partitions: same bits");

    Model tree = new UnrolledNetworks_LabSized(4);
    SparkTrainer.of(UnrolledNetworks_LabSized::new)
        .optimizer(Optimizer.adam(0.05))
        .steps(10)
        .sampleFraction(0.5)
        .seed(9)
        .combine(SparkTrainer.Combine.TREE)
        .fit(tree, examples);
    assertClose(ordered[0], tree.parameters());
  }

  @Test
  void aFailedTaskIsRetriedAndTheStepStillSumsEveryPartition() throws IOException {
    Dataset data = moons();
    Model expected = new UnrolledNetworks_LabSized(6);
    SparkTrainer.of(UnrolledNetworks_LabSized::new)
        .optimizer(Optimizer.gradientDescent(0.5))
        .steps(3)
        .fit(expected, rdd(data, 4));

    Model model = new UnrolledNetworks_LabSized(6);
    // The first attempt of partition 2's task fails in every step; Spark retries it.
    ModelFactory flaky =
        seed -> {
          TaskContext task = TaskContext.get();
          if (task != null && task.partitionId() == 2 && task.attemptNumber() == 0) {
            throw new IllegalStateException("simulated executor failure");
          }
          return new UnrolledNetworks_LabSized(seed);
        };
    SparkTrainer.of(flaky)
        .optimizer(Optimizer.gradientDescent(0.5))
        .steps(3)
        .fit(model, rdd(data, 4));
    assertArrayEquals(expected.parameters(), model.parameters());
  }

  @Test
  void aCheckpointResumesWhereTheJobStopped(@TempDir Path folder) throws IOException {
    Dataset data = moons();
    Model uninterrupted = new UnrolledNetworks_LabSized(8);
    SparkTrainer.of(UnrolledNetworks_LabSized::new)
        .optimizer(Optimizer.gradientDescent(0.5))
        .steps(6)
        .fit(uninterrupted, rdd(data, 3));

    Path file = folder.resolve("lab.model");
    Model firstJob = new UnrolledNetworks_LabSized(8);
    SparkTrainer.of(UnrolledNetworks_LabSized::new)
        .optimizer(Optimizer.gradientDescent(0.5))
        .steps(3)
        .checkpoint(file, 2)
        .fit(firstJob, rdd(data, 3));
    assertEquals("3", Files.readString(folder.resolve("lab.model.step")).strip());

    // A new job, a fresh model: it loads the checkpoint and runs steps 4 to 6.
    Model secondJob = new UnrolledNetworks_LabSized(99);
    History rest =
        SparkTrainer.of(UnrolledNetworks_LabSized::new)
            .optimizer(Optimizer.gradientDescent(0.5))
            .steps(6)
            .checkpoint(file, 2)
            .fit(secondJob, rdd(data, 3));
    assertEquals(List.of(4, 5, 6), rest.epochs().stream().map(e -> e.number()).toList());
    assertArrayEquals(uninterrupted.parameters(), secondJob.parameters());
  }
}
