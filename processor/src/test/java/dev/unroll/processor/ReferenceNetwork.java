package dev.unroll.processor;

import dev.unroll.Activation;
import dev.unroll.Loss;

/**
 * A second, deliberately plain implementation of the lab's mathematics over {@code double[][]} with
 * a loop over layers and a switch on the activation: everything the generated code is not. Tests
 * compare the two.
 */
final class ReferenceNetwork {
  final int[] dims;
  final Activation[] activations;
  final Loss loss;

  ReferenceNetwork(int[] dims, Activation[] activations, Loss loss) {
    this.dims = dims;
    this.activations = activations;
    this.loss = loss;
  }

  /** Z of every layer for a batch, given flat parameters in the model's order. */
  double[][][] preActivations(double[] theta, double[][] x) {
    int layers = activations.length;
    double[][][] z = new double[layers][][];
    double[][] a = x;
    int offset = 0;
    for (int l = 0; l < layers; l++) {
      int n = dims[l + 1];
      int k = dims[l];
      int m = x[0].length;
      z[l] = new double[n][m];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double s = theta[offset + n * k + i];
          for (int p = 0; p < k; p++) {
            s += theta[offset + i * k + p] * a[p][j];
          }
          z[l][i][j] = s;
        }
      }
      a = apply(activations[l], z[l]);
      offset += n * k + n;
    }
    return z;
  }

  double[][] output(double[] theta, double[][] x) {
    double[][][] z = preActivations(theta, x);
    return apply(activations[activations.length - 1], z[z.length - 1]);
  }

  double cost(double[] theta, double[][] x, double[][] y) {
    double[][][] z = preActivations(theta, x);
    double[][] zl = z[z.length - 1];
    double[][] al = apply(activations[activations.length - 1], zl);
    int m = y[0].length;
    double sum = 0;
    if (loss == Loss.CATEGORICAL_CROSS_ENTROPY) {
      // -Σ y log a with a = softmax(z), summed plainly (al is computed without a max shift).
      for (int i = 0; i < y.length; i++) {
        for (int j = 0; j < m; j++) {
          sum -= y[i][j] * Math.log(al[i][j]);
        }
      }
      return sum / m;
    }
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < m; j++) {
        double t = y[i][j];
        if (loss == Loss.MEAN_SQUARED_ERROR) {
          sum += (al[i][j] - t) * (al[i][j] - t) / 2;
        } else {
          // Binary cross-entropy, which the processor allows only after a sigmoid output.
          double v = zl[i][j];
          sum += Math.max(v, 0) - v * t + Math.log1p(Math.exp(-Math.abs(v)));
        }
      }
    }
    return sum / m;
  }

  /** The gradient by backpropagation, with dZ carrying the 1/m from the start. */
  double[] gradient(double[] theta, double[][] x, double[][] y) {
    int layers = activations.length;
    int m = x[0].length;
    double[][][] z = preActivations(theta, x);
    double[][][] a = new double[layers + 1][][];
    a[0] = x;
    for (int l = 0; l < layers; l++) {
      a[l + 1] = apply(activations[l], z[l]);
    }
    int[] offsets = new int[layers];
    for (int l = 1; l < layers; l++) {
      offsets[l] = offsets[l - 1] + dims[l] * dims[l - 1] + dims[l];
    }
    double[] grad = new double[theta.length];

    Activation last = activations[layers - 1];
    double[][] al = a[layers];
    double[][] dz = new double[al.length][m];
    for (int i = 0; i < al.length; i++) {
      for (int j = 0; j < m; j++) {
        if (loss == Loss.MEAN_SQUARED_ERROR) {
          dz[i][j] = (al[i][j] - y[i][j]) * derivative(last, z[layers - 1][i][j]) / m;
        } else {
          // Sigmoid output with binary cross-entropy, or softmax with categorical
          // cross-entropy: the output's derivative cancels against the loss's.
          dz[i][j] = (al[i][j] - y[i][j]) / m;
        }
      }
    }
    for (int l = layers - 1; l >= 0; l--) {
      int n = dims[l + 1];
      int k = dims[l];
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < k; p++) {
          double s = 0;
          for (int j = 0; j < m; j++) {
            s += dz[i][j] * a[l][p][j];
          }
          grad[offsets[l] + i * k + p] = s;
        }
        double s = 0;
        for (int j = 0; j < m; j++) {
          s += dz[i][j];
        }
        grad[offsets[l] + n * k + i] = s;
      }
      if (l > 0) {
        double[][] prev = new double[k][m];
        for (int p = 0; p < k; p++) {
          for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
              s += theta[offsets[l] + i * k + p] * dz[i][j];
            }
            prev[p][j] = s * derivative(activations[l - 1], z[l - 1][p][j]);
          }
        }
        dz = prev;
      }
    }
    return grad;
  }

  private static double[][] apply(Activation g, double[][] z) {
    if (g == Activation.SOFTMAX) {
      int m = z[0].length;
      double[][] out = new double[z.length][m];
      for (int j = 0; j < m; j++) {
        double total = 0;
        for (int i = 0; i < z.length; i++) {
          out[i][j] = Math.exp(z[i][j]);
          total += out[i][j];
        }
        for (int i = 0; i < z.length; i++) {
          out[i][j] /= total;
        }
      }
      return out;
    }
    double[][] out = new double[z.length][];
    for (int i = 0; i < z.length; i++) {
      out[i] = new double[z[i].length];
      for (int j = 0; j < z[i].length; j++) {
        double v = z[i][j];
        switch (g) {
          case RELU:
            out[i][j] = Math.max(0, v);
            break;
          case SIGMOID:
            out[i][j] = 1 / (1 + Math.exp(-v));
            break;
          case TANH:
            out[i][j] = Math.tanh(v);
            break;
          default:
            out[i][j] = v;
        }
      }
    }
    return out;
  }

  private static double derivative(Activation g, double v) {
    switch (g) {
      case RELU:
        return v > 0 ? 1 : 0;
      case SIGMOID:
        double s = 1 / (1 + Math.exp(-v));
        return s * (1 - s);
      case TANH:
        double t = Math.tanh(v);
        return 1 - t * t;
      default:
        return 1;
    }
  }
}
