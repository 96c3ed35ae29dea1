package dev.unroll.spark;

import dev.unroll.runtime.Model;
import java.io.Serializable;

/**
 * Makes the generated model inside each Spark task. Generated classes are not serializable and need
 * not be: a task receives this factory (a constructor reference such as {@code UnrolledDigits::new}
 * is serializable when its target type is) and the current parameters as a {@code double[]}, and
 * rebuilds the model on the executor.
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {
  /** A new model; the seed only decides initial parameters, which the task replaces. */
  Model create(long seed);
}
