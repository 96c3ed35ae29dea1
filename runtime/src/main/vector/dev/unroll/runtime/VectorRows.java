package dev.unroll.runtime;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The product's inner work on the Vector API: a register tile of 4 rows of C by two vectors of
 * columns, eight accumulators updated with fused multiply-adds, so each packed row of op(B) is
 * loaded once for four rows of C. Rows and columns that do not fill a tile go through the
 * plain loops. Loaded by {@link Vectorization} only when jdk.incubator.vector is present; no
 * other class mentions its types.
 */
final class VectorRows implements Gemm.RowKernel {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int V = SPECIES.length();
  private static final int ROWS = 4;

  @Override
  public String name() {
    return "Vector API, " + V * 64 + "-bit";
  }

  /** Whether the vectors are wide enough to pay off: at least four doubles. */
  static boolean worthwhile() {
    return V >= 4;
  }

  @Override
  public void rows(
      boolean transA,
      double alpha,
      Matrix A,
      double[][] packed,
      Matrix b,
      Matrix C,
      int from,
      int to,
      int k0,
      int k1,
      int j0,
      int width,
      boolean first,
      double[] c) {
    int tiled = from + (to - from) / ROWS * ROWS;
    int wide = width / (2 * V) * (2 * V);
    int stride = C.cols;
    double[] a = A.data;
    double[] out = C.data;
    int step = transA ? A.cols : 1;
    for (int i = from; i < tiled; i += ROWS) {
      int at0 = A.offset + (transA ? i : i * A.cols);
      int rowStep = transA ? 1 : A.cols;
      for (int j = 0; j < wide; j += 2 * V) {
        DoubleVector c00, c01, c10, c11, c20, c21, c30, c31;
        int o0 = C.offset + i * stride + j0 + j;
        int o1 = o0 + stride;
        int o2 = o1 + stride;
        int o3 = o2 + stride;
        if (first) {
          c00 = c01 = DoubleVector.broadcast(SPECIES, bias(b, i));
          c10 = c11 = DoubleVector.broadcast(SPECIES, bias(b, i + 1));
          c20 = c21 = DoubleVector.broadcast(SPECIES, bias(b, i + 2));
          c30 = c31 = DoubleVector.broadcast(SPECIES, bias(b, i + 3));
        } else {
          c00 = DoubleVector.fromArray(SPECIES, out, o0);
          c01 = DoubleVector.fromArray(SPECIES, out, o0 + V);
          c10 = DoubleVector.fromArray(SPECIES, out, o1);
          c11 = DoubleVector.fromArray(SPECIES, out, o1 + V);
          c20 = DoubleVector.fromArray(SPECIES, out, o2);
          c21 = DoubleVector.fromArray(SPECIES, out, o2 + V);
          c30 = DoubleVector.fromArray(SPECIES, out, o3);
          c31 = DoubleVector.fromArray(SPECIES, out, o3 + V);
        }
        for (int p = k0; p < k1; p++) {
          double[] row = packed[p - k0];
          DoubleVector b0 = DoubleVector.fromArray(SPECIES, row, j);
          DoubleVector b1 = DoubleVector.fromArray(SPECIES, row, j + V);
          int ap = at0 + p * step;
          DoubleVector x = DoubleVector.broadcast(SPECIES, alpha * a[ap]);
          c00 = b0.fma(x, c00);
          c01 = b1.fma(x, c01);
          x = DoubleVector.broadcast(SPECIES, alpha * a[ap + rowStep]);
          c10 = b0.fma(x, c10);
          c11 = b1.fma(x, c11);
          x = DoubleVector.broadcast(SPECIES, alpha * a[ap + 2 * rowStep]);
          c20 = b0.fma(x, c20);
          c21 = b1.fma(x, c21);
          x = DoubleVector.broadcast(SPECIES, alpha * a[ap + 3 * rowStep]);
          c30 = b0.fma(x, c30);
          c31 = b1.fma(x, c31);
        }
        c00.intoArray(out, o0);
        c01.intoArray(out, o0 + V);
        c10.intoArray(out, o1);
        c11.intoArray(out, o1 + V);
        c20.intoArray(out, o2);
        c21.intoArray(out, o2 + V);
        c30.intoArray(out, o3);
        c31.intoArray(out, o3 + V);
      }
      if (wide < width) {
        for (int r = 0; r < ROWS; r++) {
          Gemm.PLAIN.columns(
              transA, alpha, A, packed, b, C, i + r, k0, k1, j0, wide, width, first);
        }
      }
    }
    if (tiled < to) {
      Gemm.PLAIN.rows(transA, alpha, A, packed, b, C, tiled, to, k0, k1, j0, width, first, c);
    }
  }

  private static double bias(Matrix b, int i) {
    return b == null ? 0 : b.data[b.offset + i];
  }
}
