package dev.unroll.benchmarks;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The lab's algorithm on EJML's dense row-major matrices and {@code CommonOps_DDRM}, with buffers
 * allocated once, as an EJML user would write it for speed.
 */
final class EjmlBackprop {
  private final String[] activations;
  private final DMatrixRMaj[] w;
  private final DMatrixRMaj[] b;
  private final DMatrixRMaj[] z;
  private final DMatrixRMaj[] a;
  private final DMatrixRMaj[] dW;
  private final DMatrixRMaj[] db;
  private final DMatrixRMaj[] dz;
  private final DMatrixRMaj[] da;
  private final DMatrixRMaj ones;

  EjmlBackprop(int[] dims, String[] activations, double[] parameters, int m) {
    this.activations = activations;
    int layers = activations.length;
    w = new DMatrixRMaj[layers];
    b = new DMatrixRMaj[layers];
    z = new DMatrixRMaj[layers];
    a = new DMatrixRMaj[layers + 1];
    dW = new DMatrixRMaj[layers];
    db = new DMatrixRMaj[layers];
    dz = new DMatrixRMaj[layers];
    da = new DMatrixRMaj[layers];
    ones = new DMatrixRMaj(m, 1);
    ones.fill(1);
    int offset = 0;
    for (int l = 0; l < layers; l++) {
      int n = dims[l + 1];
      int k = dims[l];
      w[l] = new DMatrixRMaj(n, k);
      System.arraycopy(parameters, offset, w[l].data, 0, n * k);
      offset += n * k;
      b[l] = new DMatrixRMaj(n, 1);
      System.arraycopy(parameters, offset, b[l].data, 0, n);
      offset += n;
      z[l] = new DMatrixRMaj(n, m);
      a[l + 1] = new DMatrixRMaj(n, m);
      dW[l] = new DMatrixRMaj(n, k);
      db[l] = new DMatrixRMaj(n, 1);
      dz[l] = new DMatrixRMaj(n, m);
      da[l] = new DMatrixRMaj(k, m);
    }
  }

  /** Returns the cost; the gradients are left in the dW and db buffers. */
  double backward(DMatrixRMaj x, DMatrixRMaj y) {
    int layers = activations.length;
    int m = x.numCols;
    a[0] = x;
    for (int l = 0; l < layers; l++) {
      CommonOps_DDRM.mult(w[l], a[l], z[l]);
      for (int i = 0; i < z[l].numRows; i++) {
        double bias = b[l].data[i];
        for (int j = 0; j < m; j++) {
          z[l].data[i * m + j] += bias;
        }
      }
      activate(activations[l], z[l], a[l + 1]);
    }
    DMatrixRMaj out = a[layers];
    double cost = 0;
    for (int i = 0; i < out.data.length; i++) {
      double p = Math.min(Math.max(out.data[i], 1e-15), 1 - 1e-15);
      cost -= y.data[i] * Math.log(p) + (1 - y.data[i]) * Math.log(1 - p);
    }
    CommonOps_DDRM.subtract(out, y, dz[layers - 1]);
    for (int l = layers - 1; l >= 0; l--) {
      CommonOps_DDRM.multTransB(1.0 / m, dz[l], a[l], dW[l]);
      CommonOps_DDRM.mult(1.0 / m, dz[l], ones, db[l]);
      if (l > 0) {
        CommonOps_DDRM.multTransA(w[l], dz[l], da[l]);
        derivative(activations[l - 1], z[l - 1], a[l], da[l], dz[l - 1]);
      }
    }
    return cost / m;
  }

  private static void activate(String g, DMatrixRMaj z, DMatrixRMaj a) {
    for (int i = 0; i < z.data.length; i++) {
      double v = z.data[i];
      a.data[i] =
          g.equals("relu")
              ? Math.max(0, v)
              : g.equals("tanh") ? Math.tanh(v) : 1 / (1 + Math.exp(-v));
    }
  }

  private static void derivative(
      String g, DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj da, DMatrixRMaj dz) {
    for (int i = 0; i < z.data.length; i++) {
      double s =
          g.equals("relu")
              ? (z.data[i] > 0 ? 1 : 0)
              : g.equals("tanh") ? 1 - a.data[i] * a.data[i] : a.data[i] * (1 - a.data[i]);
      dz.data[i] = da.data[i] * s;
    }
  }
}
