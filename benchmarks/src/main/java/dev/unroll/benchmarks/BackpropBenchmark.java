package dev.unroll.benchmarks;

import dev.unroll.runtime.Gradients;
import dev.unroll.runtime.Matrix;
import dev.unroll.runtime.Model;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One forward + cost + backward call of the lab's algorithm, per case and implementation: the
 * generated model, the naive Java baseline and EJML. Average time per call in microseconds; add
 * {@code -prof gc} for bytes allocated per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class BackpropBenchmark {
  @Param({"TINY", "SMALL", "MEDIUM", "WIDE"})
  public String network;

  private Model model;
  private double[] gradient;
  private Matrix x;
  private Matrix y;
  private NaiveBackprop naive;
  private double[][] xs;
  private double[][] ys;
  private double[][][] dW;
  private double[][] db;
  private EjmlBackprop ejml;
  private DMatrixRMaj ex;
  private DMatrixRMaj ey;

  @Setup(Level.Trial)
  public void setUp() {
    Case c = Case.valueOf(network);
    model = c.model();
    gradient = new double[model.parameterCount()];
    x = c.x();
    y = c.y();
    xs = c.inputs();
    ys = c.labels();
    naive = new NaiveBackprop(c.dims, c.activations, model.parameters());
    dW = new double[c.activations.length][][];
    db = new double[c.activations.length][];
    ejml = new EjmlBackprop(c.dims, c.activations, model.parameters(), c.m);
    ex = new DMatrixRMaj(xs);
    ey = new DMatrixRMaj(ys);
  }

  /** The generated model's backward pass. */
  @Benchmark
  public Gradients generated() {
    return model.backward(x, y);
  }

  /** The allocation-free form a training loop uses: the gradient into a reused array. */
  @Benchmark
  public double generatedInto() {
    return model.backward(x, y, gradient);
  }

  /** Plain Java loops, as a first implementation would have them. */
  @Benchmark
  public double naive() {
    return naive.backward(xs, ys, dW, db);
  }

  /** EJML's CommonOps with preallocated buffers. */
  @Benchmark
  public double ejml() {
    return ejml.backward(ex, ey);
  }
}
