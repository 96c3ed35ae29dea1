package dev.unroll.runtime;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The product on the Vector API, laid out the way BLAS libraries do it.
 *
 * <p>op(B) is packed into panels of {@code NR} = two vectors of columns, each panel's rows
 * contiguous; op(A), already scaled by alpha, into slivers of {@code MR} = 4 rows, each column of
 * a sliver contiguous. The inner loop then reads both from consecutive addresses: per step of the
 * inner dimension, two vector loads of B, four broadcasts of A and eight fused multiply-adds into
 * a 4 x NR tile of C held in registers. A block of {@code MC} rows of packed A stays in the L2
 * cache while one panel of B, in L1, meets every sliver. Tiles that stick out past C's last row or
 * column run on zero padding in a small buffer and copy back only what belongs to C.
 *
 * <p>After the last inner block, the finishing step (activation or activation derivative) runs on
 * the rows just computed, with the Vector API's own tanh and exp.
 *
 * <p>Loaded by {@link Vectorization} only when jdk.incubator.vector is present; no other class
 * mentions its types.
 */
final class VectorRows implements Gemm.RowKernel {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int V = SPECIES.length();
  private static final int MR = 8;
  private static final int NR = 2 * V;

  /** Rows of packed A per block: 64 x 256 doubles are 128 KB, well within L2. */
  private static final int MC = 64;

  /** Per-thread packed A and edge tile. */
  private static final class Scratch {
    double[] slivers = new double[0];
    final double[] tile = new double[MR * NR];

    double[] slivers(int length) {
      if (slivers.length < length) {
        slivers = new double[length];
      }
      return slivers;
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  @Override
  public String name() {
    return "Vector API, " + V * 64 + "-bit";
  }

  /** Whether the vectors are wide enough to pay off: at least four doubles. */
  static boolean worthwhile() {
    return V >= 4;
  }

  @Override
  public int boundary(int n, int index, int parts) {
    if (index >= parts) {
      return n;
    }
    return (int) ((long) n * index / parts) / MR * MR;
  }

  @Override
  public void pack(boolean transB, Matrix B, Gemm.Job job) {
    int kc = job.k1 - job.k0;
    int width = job.width;
    int count = (width + NR - 1) / NR;
    double[] panels = job.panels(count * kc * NR);
    double[] data = B.data;
    int stride = B.cols;
    for (int q = 0; q < count; q++) {
      int base = q * kc * NR;
      int cols = Math.min(NR, width - q * NR);
      if (!transB) {
        int from = B.offset + job.k0 * stride + job.j0 + q * NR;
        for (int p = 0; p < kc; p++) {
          int to = base + p * NR;
          System.arraycopy(data, from + p * stride, panels, to, cols);
          for (int jj = cols; jj < NR; jj++) {
            panels[to + jj] = 0;
          }
        }
      } else {
        // op(B) = Bᵀ: column j of the panel is row j0 + q * NR + j of B, read contiguously.
        for (int jj = 0; jj < NR; jj++) {
          if (jj < cols) {
            int from = B.offset + (job.j0 + q * NR + jj) * stride + job.k0;
            for (int p = 0; p < kc; p++) {
              panels[base + p * NR + jj] = data[from + p];
            }
          } else {
            for (int p = 0; p < kc; p++) {
              panels[base + p * NR + jj] = 0;
            }
          }
        }
      }
    }
  }

  @Override
  public void rows(Gemm.Job job, int from, int to) {
    Scratch scratch = SCRATCH.get();
    int kc = job.k1 - job.k0;
    int width = job.width;
    int count = (width + NR - 1) / NR;
    Matrix C = job.C;
    double[] panels = job.panels;
    for (int i0 = from; i0 < to; i0 += MC) {
      int i1 = Math.min(to, i0 + MC);
      int groups = (i1 - i0 + MR - 1) / MR;
      double[] slivers = scratch.slivers(groups * MR * kc);
      packA(job, i0, i1, kc, slivers);
      for (int q = 0; q < count; q++) {
        int bo = q * kc * NR;
        int cols = Math.min(NR, width - q * NR);
        for (int g = 0; g < groups; g++) {
          int i = i0 + g * MR;
          int ao = g * kc * MR;
          int co = C.offset + i * C.cols + job.j0 + q * NR;
          if (i + MR <= i1 && cols == NR) {
            tile(slivers, ao, panels, bo, kc, C.data, co, C.cols, job.first, job, i);
          } else {
            edge(job, slivers, ao, panels, bo, kc, scratch.tile, co, Math.min(MR, i1 - i), cols, i);
          }
        }
      }
      if (job.last) {
        finish(job, i0, i1);
      }
    }
  }

  /**
   * Small products straight from A and B, without packing: rows of B are contiguous already when
   * B is not transposed (a vector of C's columns at a time), and when it is, each entry of C is a
   * dot product of two contiguous rows (A's must not be transposed then).
   */
  @Override
  public boolean direct(Gemm.Job job, boolean transB, Matrix B, int n, int k, int m) {
    if (!transB) {
      if (m < V) {
        return false;
      }
      directRows(job, B, n, k, m);
    } else {
      if (job.transA || k < V) {
        return false;
      }
      directDots(job, B, n, k, m);
    }
    finish(job, 0, n);
    return true;
  }

  /** C[i][j] = b_i + Σ_p alpha · op(A)[i][p] · B[p][j], four vectors of j at a time. */
  private static void directRows(Gemm.Job job, Matrix B, int n, int k, int m) {
    Matrix A = job.A;
    Matrix C = job.C;
    double[] a = A.data;
    double[] b = B.data;
    double[] c = C.data;
    double alpha = job.alpha;
    int rowStep = job.transA ? 1 : A.cols; // from op(A)[i][p] to op(A)[i + 1][p]
    int step = job.transA ? A.cols : 1; // from op(A)[i][p] to op(A)[i][p + 1]
    int wide = m / (4 * V) * (4 * V);
    int vectors = m / V * V;
    for (int i = 0; i < n; i++) {
      int ai = A.offset + i * rowStep;
      int ci = C.offset + i * C.cols;
      double bias = job.bias(i);
      int j = 0;
      for (; j < wide; j += 4 * V) {
        DoubleVector c0 = DoubleVector.broadcast(SPECIES, bias);
        DoubleVector c1 = c0;
        DoubleVector c2 = c0;
        DoubleVector c3 = c0;
        for (int p = 0; p < k; p++) {
          DoubleVector x = DoubleVector.broadcast(SPECIES, alpha * a[ai + p * step]);
          int bp = B.offset + p * B.cols + j;
          c0 = DoubleVector.fromArray(SPECIES, b, bp).fma(x, c0);
          c1 = DoubleVector.fromArray(SPECIES, b, bp + V).fma(x, c1);
          c2 = DoubleVector.fromArray(SPECIES, b, bp + 2 * V).fma(x, c2);
          c3 = DoubleVector.fromArray(SPECIES, b, bp + 3 * V).fma(x, c3);
        }
        c0.intoArray(c, ci + j);
        c1.intoArray(c, ci + j + V);
        c2.intoArray(c, ci + j + 2 * V);
        c3.intoArray(c, ci + j + 3 * V);
      }
      for (; j < vectors; j += V) {
        DoubleVector c0 = DoubleVector.broadcast(SPECIES, bias);
        for (int p = 0; p < k; p++) {
          DoubleVector x = DoubleVector.broadcast(SPECIES, alpha * a[ai + p * step]);
          c0 = DoubleVector.fromArray(SPECIES, b, B.offset + p * B.cols + j).fma(x, c0);
        }
        c0.intoArray(c, ci + j);
      }
      for (; j < m; j++) {
        double sum = bias;
        for (int p = 0; p < k; p++) {
          sum = Math.fma(alpha * a[ai + p * step], b[B.offset + p * B.cols + j], sum);
        }
        c[ci + j] = sum;
      }
    }
  }

  /** C[i][j] = b_i + alpha · Σ_p A[i][p] · B[j][p]: a dot product of two contiguous rows. */
  private static void directDots(Gemm.Job job, Matrix B, int n, int k, int m) {
    Matrix A = job.A;
    Matrix C = job.C;
    double[] a = A.data;
    double[] b = B.data;
    double[] c = C.data;
    int vectors = k / V * V;
    for (int i = 0; i < n; i++) {
      int ai = A.offset + i * A.cols;
      int ci = C.offset + i * C.cols;
      double bias = job.bias(i);
      for (int j = 0; j < m; j++) {
        int bj = B.offset + j * B.cols;
        DoubleVector acc = DoubleVector.zero(SPECIES);
        int p = 0;
        for (; p < vectors; p += V) {
          acc =
              DoubleVector.fromArray(SPECIES, a, ai + p)
                  .fma(DoubleVector.fromArray(SPECIES, b, bj + p), acc);
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        for (; p < k; p++) {
          sum = Math.fma(a[ai + p], b[bj + p], sum);
        }
        c[ci + j] = bias + job.alpha * sum;
      }
    }
  }

  /** alpha · op(A) for rows [i0, i1) into slivers of MR rows, zero past i1. */
  private static void packA(Gemm.Job job, int i0, int i1, int kc, double[] slivers) {
    Matrix A = job.A;
    double[] a = A.data;
    double alpha = job.alpha;
    int groups = (i1 - i0 + MR - 1) / MR;
    for (int g = 0; g < groups; g++) {
      int base = g * kc * MR;
      for (int r = 0; r < MR; r++) {
        int i = i0 + g * MR + r;
        if (i >= i1) {
          for (int p = 0; p < kc; p++) {
            slivers[base + p * MR + r] = 0;
          }
        } else if (job.transA) {
          // op(A)[i][p] = A[p][i]
          int at = A.offset + job.k0 * A.cols + i;
          for (int p = 0; p < kc; p++) {
            slivers[base + p * MR + r] = alpha * a[at + p * A.cols];
          }
        } else {
          int at = A.offset + i * A.cols + job.k0;
          for (int p = 0; p < kc; p++) {
            slivers[base + p * MR + r] = alpha * a[at + p];
          }
        }
      }
    }
  }

  /**
   * The 4 x NR tile of C at {@code co} (rows {@code ldc} apart): starts from the bias of rows i to
   * i + 3 when {@code fresh}, from the tile's current values otherwise.
   */
  private static void tile(
      double[] slivers,
      int ao,
      double[] panels,
      int bo,
      int kc,
      double[] c,
      int co,
      int ldc,
      boolean fresh,
      Gemm.Job job,
      int i) {
    DoubleVector c00, c01, c10, c11, c20, c21, c30, c31;
    DoubleVector c40, c41, c50, c51, c60, c61, c70, c71;
    if (fresh) {
      c00 = c01 = DoubleVector.broadcast(SPECIES, job.bias(i));
      c10 = c11 = DoubleVector.broadcast(SPECIES, job.bias(i + 1));
      c20 = c21 = DoubleVector.broadcast(SPECIES, job.bias(i + 2));
      c30 = c31 = DoubleVector.broadcast(SPECIES, job.bias(i + 3));
      c40 = c41 = DoubleVector.broadcast(SPECIES, job.bias(i + 4));
      c50 = c51 = DoubleVector.broadcast(SPECIES, job.bias(i + 5));
      c60 = c61 = DoubleVector.broadcast(SPECIES, job.bias(i + 6));
      c70 = c71 = DoubleVector.broadcast(SPECIES, job.bias(i + 7));
    } else {
      c00 = DoubleVector.fromArray(SPECIES, c, co);
      c01 = DoubleVector.fromArray(SPECIES, c, co + V);
      c10 = DoubleVector.fromArray(SPECIES, c, co + ldc);
      c11 = DoubleVector.fromArray(SPECIES, c, co + ldc + V);
      c20 = DoubleVector.fromArray(SPECIES, c, co + 2 * ldc);
      c21 = DoubleVector.fromArray(SPECIES, c, co + 2 * ldc + V);
      c30 = DoubleVector.fromArray(SPECIES, c, co + 3 * ldc);
      c31 = DoubleVector.fromArray(SPECIES, c, co + 3 * ldc + V);
      c40 = DoubleVector.fromArray(SPECIES, c, co + 4 * ldc);
      c41 = DoubleVector.fromArray(SPECIES, c, co + 4 * ldc + V);
      c50 = DoubleVector.fromArray(SPECIES, c, co + 5 * ldc);
      c51 = DoubleVector.fromArray(SPECIES, c, co + 5 * ldc + V);
      c60 = DoubleVector.fromArray(SPECIES, c, co + 6 * ldc);
      c61 = DoubleVector.fromArray(SPECIES, c, co + 6 * ldc + V);
      c70 = DoubleVector.fromArray(SPECIES, c, co + 7 * ldc);
      c71 = DoubleVector.fromArray(SPECIES, c, co + 7 * ldc + V);
    }
    for (int p = 0; p < kc; p++) {
      int bx = bo + p * NR;
      DoubleVector b0 = DoubleVector.fromArray(SPECIES, panels, bx);
      DoubleVector b1 = DoubleVector.fromArray(SPECIES, panels, bx + V);
      int ax = ao + p * MR;
      DoubleVector x = DoubleVector.broadcast(SPECIES, slivers[ax]);
      c00 = b0.fma(x, c00);
      c01 = b1.fma(x, c01);
      x = DoubleVector.broadcast(SPECIES, slivers[ax + 1]);
      c10 = b0.fma(x, c10);
      c11 = b1.fma(x, c11);
      x = DoubleVector.broadcast(SPECIES, slivers[ax + 2]);
      c20 = b0.fma(x, c20);
      c21 = b1.fma(x, c21);
      x = DoubleVector.broadcast(SPECIES, slivers[ax + 3]);
      c30 = b0.fma(x, c30);
      c31 = b1.fma(x, c31);
      x = DoubleVector.broadcast(SPECIES, slivers[ax + 4]);
      c40 = b0.fma(x, c40);
      c41 = b1.fma(x, c41);
      x = DoubleVector.broadcast(SPECIES, slivers[ax + 5]);
      c50 = b0.fma(x, c50);
      c51 = b1.fma(x, c51);
      x = DoubleVector.broadcast(SPECIES, slivers[ax + 6]);
      c60 = b0.fma(x, c60);
      c61 = b1.fma(x, c61);
      x = DoubleVector.broadcast(SPECIES, slivers[ax + 7]);
      c70 = b0.fma(x, c70);
      c71 = b1.fma(x, c71);
    }
    c00.intoArray(c, co);
    c01.intoArray(c, co + V);
    c10.intoArray(c, co + ldc);
    c11.intoArray(c, co + ldc + V);
    c20.intoArray(c, co + 2 * ldc);
    c21.intoArray(c, co + 2 * ldc + V);
    c30.intoArray(c, co + 3 * ldc);
    c31.intoArray(c, co + 3 * ldc + V);
    c40.intoArray(c, co + 4 * ldc);
    c41.intoArray(c, co + 4 * ldc + V);
    c50.intoArray(c, co + 5 * ldc);
    c51.intoArray(c, co + 5 * ldc + V);
    c60.intoArray(c, co + 6 * ldc);
    c61.intoArray(c, co + 6 * ldc + V);
    c70.intoArray(c, co + 7 * ldc);
    c71.intoArray(c, co + 7 * ldc + V);
  }

  /** A tile that is cut by C's last row or column: computed in {@code buffer}, then copied. */
  private static void edge(
      Gemm.Job job,
      double[] slivers,
      int ao,
      double[] panels,
      int bo,
      int kc,
      double[] buffer,
      int co,
      int rows,
      int cols,
      int i) {
    double[] c = job.C.data;
    int ldc = job.C.cols;
    for (int r = 0; r < MR; r++) {
      for (int j = 0; j < NR; j++) {
        double start = 0;
        if (r < rows && j < cols) {
          start = job.first ? job.bias(i + r) : c[co + r * ldc + j];
        }
        buffer[r * NR + j] = start;
      }
    }
    // The buffer already holds the starting values, so the tile loads them.
    tile(slivers, ao, panels, bo, kc, buffer, 0, NR, false, job, i);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(buffer, r * NR, c, co + r * ldc, cols);
    }
  }

  /** The finishing step over rows [from, to) and the job's columns, a vector at a time. */
  private static void finish(Gemm.Job job, int from, int to) {
    if (job.finish == Gemm.Finish.NONE) {
      return;
    }
    Matrix C = job.C;
    double[] c = C.data;
    for (int i = from; i < to; i++) {
      int start = C.offset + i * C.cols + job.j0;
      int end = start + job.width;
      int x = start;
      switch (job.finish) {
        case RELU:
          {
            double[] o = job.out.data;
            int d = job.out.offset - C.offset;
            for (; x + V <= end; x += V) {
              // MAX keeps NaN, like Math.max
              DoubleVector.fromArray(SPECIES, c, x)
                  .lanewise(VectorOperators.MAX, 0)
                  .intoArray(o, x + d);
            }
            break;
          }
        case SIGMOID:
          {
            double[] o = job.out.data;
            int d = job.out.offset - C.offset;
            for (; x + V <= end; x += V) {
              sigmoid(DoubleVector.fromArray(SPECIES, c, x)).intoArray(o, x + d);
            }
            break;
          }
        case TANH:
          {
            double[] o = job.out.data;
            int d = job.out.offset - C.offset;
            for (; x + V <= end; x += V) {
              DoubleVector.fromArray(SPECIES, c, x)
                  .lanewise(VectorOperators.TANH)
                  .intoArray(o, x + d);
            }
            break;
          }
        case RELU_BACKWARD:
          {
            double[] z = job.cache.data;
            int d = job.cache.offset - C.offset;
            DoubleVector zero = DoubleVector.zero(SPECIES);
            for (; x + V <= end; x += V) {
              VectorMask<Double> active =
                  DoubleVector.fromArray(SPECIES, z, x + d).compare(VectorOperators.GT, 0);
              zero.blend(DoubleVector.fromArray(SPECIES, c, x), active).intoArray(c, x);
            }
            break;
          }
        case SIGMOID_BACKWARD:
          {
            double[] s = job.cache.data;
            int d = job.cache.offset - C.offset;
            for (; x + V <= end; x += V) {
              DoubleVector y = DoubleVector.fromArray(SPECIES, s, x + d);
              DoubleVector.fromArray(SPECIES, c, x)
                  .mul(y)
                  .mul(y.neg().add(1))
                  .intoArray(c, x);
            }
            break;
          }
        case TANH_BACKWARD:
          {
            double[] t = job.cache.data;
            int d = job.cache.offset - C.offset;
            for (; x + V <= end; x += V) {
              DoubleVector y = DoubleVector.fromArray(SPECIES, t, x + d);
              DoubleVector.fromArray(SPECIES, c, x)
                  .mul(y.mul(y).neg().add(1))
                  .intoArray(c, x);
            }
            break;
          }
        default:
          throw new AssertionError(job.finish);
      }
      Gemm.finishSpan(job, x, end);
    }
  }

  /**
   * The logistic function without overflow: with e = exp(-|z|), 1 / (1 + e) for z ≥ 0 and e / (1
   * + e) below, as {@link Kernel#sigmoid(double)} does one value at a time.
   */
  private static DoubleVector sigmoid(DoubleVector z) {
    DoubleVector e = z.abs().neg().lanewise(VectorOperators.EXP);
    DoubleVector r = DoubleVector.broadcast(SPECIES, 1).div(e.add(1));
    return r.blend(e.mul(r), z.compare(VectorOperators.LT, 0));
  }
}
