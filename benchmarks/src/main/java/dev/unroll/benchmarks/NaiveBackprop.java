package dev.unroll.benchmarks;

/**
 * The lab's algorithm as a Java programmer would first write it: {@code double[][]} matrices,
 * triple loops, a loop over layers with a switch on the activation, new arrays on every call. The
 * baseline the generated code is measured against.
 */
final class NaiveBackprop {
  private final int[] dims;
  private final String[] activations;
  private final double[][][] w;
  private final double[][] b;

  NaiveBackprop(int[] dims, String[] activations, double[] parameters) {
    this.dims = dims;
    this.activations = activations;
    int layers = activations.length;
    w = new double[layers][][];
    b = new double[layers][];
    int offset = 0;
    for (int l = 0; l < layers; l++) {
      int n = dims[l + 1];
      int k = dims[l];
      w[l] = new double[n][k];
      for (int i = 0; i < n; i++) {
        System.arraycopy(parameters, offset + i * k, w[l][i], 0, k);
      }
      offset += n * k;
      b[l] = new double[n];
      System.arraycopy(parameters, offset, b[l], 0, n);
      offset += n;
    }
  }

  /** Returns the cost; the gradients land in {@code dW} and {@code db}. */
  double backward(double[][] x, double[][] y, double[][][] dW, double[][] db) {
    int layers = activations.length;
    int m = x[0].length;
    double[][][] a = new double[layers + 1][][];
    double[][][] z = new double[layers][][];
    a[0] = x;
    for (int l = 0; l < layers; l++) {
      z[l] = new double[dims[l + 1]][m];
      for (int i = 0; i < dims[l + 1]; i++) {
        for (int j = 0; j < m; j++) {
          double s = b[l][i];
          for (int p = 0; p < dims[l]; p++) {
            s += w[l][i][p] * a[l][p][j];
          }
          z[l][i][j] = s;
        }
      }
      a[l + 1] = activate(activations[l], z[l]);
    }

    double[][] out = a[layers];
    double cost = 0;
    double[][] dz = new double[out.length][m];
    for (int i = 0; i < out.length; i++) {
      for (int j = 0; j < m; j++) {
        double p = Math.min(Math.max(out[i][j], 1e-15), 1 - 1e-15);
        cost -= y[i][j] * Math.log(p) + (1 - y[i][j]) * Math.log(1 - p);
        dz[i][j] = out[i][j] - y[i][j];
      }
    }
    cost /= m;

    for (int l = layers - 1; l >= 0; l--) {
      int n = dims[l + 1];
      int k = dims[l];
      dW[l] = new double[n][k];
      db[l] = new double[n];
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < k; p++) {
          double s = 0;
          for (int j = 0; j < m; j++) {
            s += dz[i][j] * a[l][p][j];
          }
          dW[l][i][p] = s / m;
        }
        double s = 0;
        for (int j = 0; j < m; j++) {
          s += dz[i][j];
        }
        db[l][i] = s / m;
      }
      if (l > 0) {
        double[][] da = new double[k][m];
        for (int p = 0; p < k; p++) {
          for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
              s += w[l][i][p] * dz[i][j];
            }
            da[p][j] = s;
          }
        }
        dz = derivative(activations[l - 1], z[l - 1], a[l], da);
      }
    }
    return cost;
  }

  private static double[][] activate(String g, double[][] z) {
    double[][] a = new double[z.length][z[0].length];
    for (int i = 0; i < z.length; i++) {
      for (int j = 0; j < z[i].length; j++) {
        double v = z[i][j];
        switch (g) {
          case "relu":
            a[i][j] = Math.max(0, v);
            break;
          case "tanh":
            a[i][j] = Math.tanh(v);
            break;
          default:
            a[i][j] = 1 / (1 + Math.exp(-v));
        }
      }
    }
    return a;
  }

  private static double[][] derivative(String g, double[][] z, double[][] a, double[][] da) {
    double[][] dz = new double[z.length][z[0].length];
    for (int i = 0; i < z.length; i++) {
      for (int j = 0; j < z[i].length; j++) {
        double slope;
        switch (g) {
          case "relu":
            slope = z[i][j] > 0 ? 1 : 0;
            break;
          case "tanh":
            slope = 1 - a[i][j] * a[i][j];
            break;
          default:
            slope = a[i][j] * (1 - a[i][j]);
        }
        dz[i][j] = da[i][j] * slope;
      }
    }
    return dz;
  }
}
