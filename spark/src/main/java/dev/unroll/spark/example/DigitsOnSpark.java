package dev.unroll.spark.example;

import dev.unroll.data.Csv;
import dev.unroll.data.Dataset;
import dev.unroll.data.Standardizer;
import dev.unroll.spark.LabeledExample;
import dev.unroll.spark.SparkTrainer;
import dev.unroll.training.ModelFile;
import dev.unroll.training.Optimizer;
import dev.unroll.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The same training twice: full-batch gradient steps for the digits network, once with the
 * single-machine {@link Trainer} and once with {@link SparkTrainer}, then the time per step of each
 * and the largest difference between the two sets of parameters.
 *
 * <p>Arguments: the digits CSV (a header row, 64 pixel columns and a {@code digit} column), the
 * number of steps (default 100) and where to save the Spark-trained model (default {@code
 * digits.model}). Run it with {@code spark-submit}, which sets the master; started directly, it
 * uses a local Spark with two threads.
 */
public final class DigitsOnSpark {
  private DigitsOnSpark() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: DigitsOnSpark digits.csv [steps] [model file]");
      System.exit(2);
    }
    Dataset raw = Csv.read(Path.of(args[0]), "digit");
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Path output = Path.of(args.length > 2 ? args[2] : "digits.model");
    Dataset data = Standardizer.fit(raw).apply(raw);

    UnrolledDigits alone = new UnrolledDigits(42L);
    long start = System.nanoTime();
    Trainer.of(alone)
        .optimizer(Optimizer.momentum(0.1))
        .epochs(steps)
        .batchSize(data.size())
        .fit(data.x(), data.y());
    double aloneMillis = (System.nanoTime() - start) / 1e6 / steps;

    SparkConf conf =
        new SparkConf().setAppName("unroll-digits").setIfMissing("spark.master", "local[2]");
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      JavaRDD<LabeledExample> examples =
          spark
              .parallelize(
                  LabeledExample.fromColumns(data.x(), data.y()), spark.defaultParallelism())
              .cache();
      examples.count(); // load the cache before timing
      UnrolledDigits distributed = new UnrolledDigits(42L);
      start = System.nanoTime();
      SparkTrainer.of(UnrolledDigits::new)
          .optimizer(Optimizer.momentum(0.1))
          .steps(steps)
          .fit(distributed, examples);
      double sparkMillis = (System.nanoTime() - start) / 1e6 / steps;
      ModelFile.save(distributed, output);

      double[] a = alone.parameters();
      double[] b = distributed.parameters();
      double largest = 0;
      for (int i = 0; i < a.length; i++) {
        largest = Math.max(largest, Math.abs(a[i] - b[i]));
      }
      System.out.printf(
          Locale.ROOT,
          "%d full-batch steps on %d digits (%s, %d partitions)%n"
              + "  one machine: %.2f ms per step, accuracy %.1f%%%n"
              + "  Spark:       %.2f ms per step, accuracy %.1f%%%n"
              + "  largest parameter difference: %.1e; model saved to %s%n",
          steps,
          data.size(),
          spark.master(),
          examples.getNumPartitions(),
          aloneMillis,
          100 * alone.accuracy(data.x(), data.y()),
          sparkMillis,
          100 * distributed.accuracy(data.x(), data.y()),
          largest,
          output);
    }
  }
}
