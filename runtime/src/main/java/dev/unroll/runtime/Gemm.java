package dev.unroll.runtime;

/**
 * The one matrix product behind the kernel's three: C = alpha · op(A) · op(B) (+ b added to every
 * column), where op transposes or not.
 *
 * <p>How it is fast in plain Java: op(B) is first packed into separate row arrays, so W·A, dZ·Aᵀ
 * and Wᵀ·dZ all run the same inner loop, {@code c[j] += a * b[j]} over two distinct arrays from
 * index 0, which C2 turns into SIMD code (over one flat array with offsets it does not, on JDK 17).
 * The sum over the inner dimension is cut into blocks whose packed rows fit in the L2 cache. Large
 * products split their rows of C between a fixed team of threads ({@link Team}); each entry of C is
 * summed by one thread in one order, so results do not depend on the thread count.
 *
 * <p>Buffers are kept per thread and grown as needed, so steady-state calls do not allocate.
 */
final class Gemm {
  private Gemm() {}

  /** Products smaller than this many multiply-adds stay on the calling thread. */
  static final long PARALLEL_THRESHOLD = 1L << 20;

  /** Rows of op(B) per packed block. */
  private static final int K_BLOCK = 128;

  /** Columns of op(B) per packed block: 128 x 256 doubles are 256 KB, half of a Zen 3 L2. */
  private static final int N_BLOCK = 256;

  private static final int THREADS =
      Math.max(1, Integer.getInteger("unroll.threads", Runtime.getRuntime().availableProcessors()));

  /** Threads that share the rows of large products; created when first needed. */
  private static final class Shared {
    static final Team TEAM = new Team(THREADS);
  }

  /** Per-thread scratch: packed rows of op(B) and one row of C. */
  private static final class Scratch {
    double[][] rows = new double[0][];
    double[] row = new double[0];

    double[][] rows(int count, int length) {
      if (rows.length < count || (count > 0 && rows[0].length < length)) {
        int capacity = Math.max(length, count > 0 && rows.length > 0 ? rows[0].length : 0);
        rows = new double[Math.max(count, rows.length)][capacity];
      }
      return rows;
    }

    double[] row(int length) {
      if (row.length < length) {
        row = new double[length];
      }
      return row;
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * C = alpha · op(A) · op(B), plus {@code b} in every column when it is not null.
   *
   * @param n rows of op(A) and of C
   * @param k columns of op(A), rows of op(B)
   * @param m columns of op(B) and of C
   */
  static void multiply(
      boolean transA,
      boolean transB,
      double alpha,
      Matrix A,
      Matrix B,
      Matrix b,
      Matrix C,
      int n,
      int k,
      int m) {
    multiply(THREADS, transA, transB, alpha, A, B, b, C, n, k, m);
  }

  /** As above, on at most {@code threads} threads; tests compare thread counts with it. */
  static void multiply(
      int threads,
      boolean transA,
      boolean transB,
      double alpha,
      Matrix A,
      Matrix B,
      Matrix b,
      Matrix C,
      int n,
      int k,
      int m) {
    if (n == 0 || m == 0) {
      return;
    }
    if (k == 0) {
      for (int i = 0; i < n; i++) {
        double start = b == null ? 0 : b.data[b.offset + i];
        java.util.Arrays.fill(C.data, C.offset + i * C.cols, C.offset + i * C.cols + m, start);
      }
      return;
    }
    Scratch scratch = SCRATCH.get();
    // Blocks of op(B), K_BLOCK rows by N_BLOCK columns, small enough to stay in the L2 cache
    // while every row of C passes over them.
    for (int j0 = 0; j0 < m; j0 += N_BLOCK) {
      int width = Math.min(N_BLOCK, m - j0);
      for (int k0 = 0; k0 < k; k0 += K_BLOCK) {
        int k1 = Math.min(k, k0 + K_BLOCK);
        double[][] packed = scratch.rows(k1 - k0, width);
        pack(transB, B, k0, k1, j0, width, packed);
        boolean first = k0 == 0;
        long work = (long) n * (k1 - k0) * width;
        int parts = Math.min(threads, THREADS);
        if (parts > 1 && work >= PARALLEL_THRESHOLD && n >= 2 * parts) {
          if (Shared.TEAM.run(transA, alpha, A, packed, b, C, n, k0, k1, j0, width, first, parts)) {
            continue;
          }
          KERNEL.rows(
              transA, alpha, A, packed, b, C, 0, n, k0, k1, j0, width, first, scratch.row(width));
        } else {
          KERNEL.rows(
              transA, alpha, A, packed, b, C, 0, n, k0, k1, j0, width, first, scratch.row(width));
        }
      }
    }
  }

  /** Copies rows [k0, k1) and columns [j0, j0 + width) of op(B) into {@code packed}. */
  private static void pack(
      boolean transB, Matrix B, int k0, int k1, int j0, int width, double[][] packed) {
    double[] data = B.data;
    int stride = B.cols;
    if (!transB) {
      for (int p = k0; p < k1; p++) {
        System.arraycopy(data, B.offset + p * stride + j0, packed[p - k0], 0, width);
      }
      return;
    }
    // op(B) = Bᵀ: row p of op(B) is column p of B.
    for (int j = 0; j < width; j++) {
      int at = B.offset + (j0 + j) * stride;
      for (int p = k0; p < k1; p++) {
        packed[p - k0][j] = data[at + p];
      }
    }
  }

  /** Computes rows of C from packed rows of op(B); the plain and the vector versions. */
  interface RowKernel {
    /** A short description, for the log. */
    String name();

    /**
     * Rows [from, to) and columns [j0, j0 + width) of C for the inner block [k0, k1): C = (first ?
     * b : C) + alpha · op(A) · packed.
     *
     * @param c scratch of at least width entries
     */
    void rows(
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
        double[] c);
  }

  /** The plain-Java rows: auto-vectorised by C2, and the fallback without the Vector API. */
  static final class PlainRows implements RowKernel {
    @Override
    public String name() {
      return "plain Java";
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
      double[] a = A.data;
      int m = width;
      for (int i = from; i < to; i++) {
        int ci = C.offset + i * C.cols + j0;
        if (first) {
          double start = b == null ? 0 : b.data[b.offset + i];
          for (int j = 0; j < m; j++) {
            c[j] = start;
          }
        } else {
          System.arraycopy(C.data, ci, c, 0, m);
        }
        // op(A)[i][p] is a[at + p * step]: A is n x k, or k x n when transposed.
        int at = A.offset + (transA ? i : i * A.cols);
        int step = transA ? A.cols : 1;
        int p = k0;
        // Eight rows of op(B) per pass over c: eight multiply-adds for each load and store of c[j].
        for (; p + 7 < k1; p += 8) {
          double a0 = alpha * a[at + p * step];
          double a1 = alpha * a[at + (p + 1) * step];
          double a2 = alpha * a[at + (p + 2) * step];
          double a3 = alpha * a[at + (p + 3) * step];
          double a4 = alpha * a[at + (p + 4) * step];
          double a5 = alpha * a[at + (p + 5) * step];
          double a6 = alpha * a[at + (p + 6) * step];
          double a7 = alpha * a[at + (p + 7) * step];
          double[] r0 = packed[p - k0];
          double[] r1 = packed[p + 1 - k0];
          double[] r2 = packed[p + 2 - k0];
          double[] r3 = packed[p + 3 - k0];
          double[] r4 = packed[p + 4 - k0];
          double[] r5 = packed[p + 5 - k0];
          double[] r6 = packed[p + 6 - k0];
          double[] r7 = packed[p + 7 - k0];
          for (int j = 0; j < m; j++) {
            c[j] +=
                a0 * r0[j]
                    + a1 * r1[j]
                    + a2 * r2[j]
                    + a3 * r3[j]
                    + a4 * r4[j]
                    + a5 * r5[j]
                    + a6 * r6[j]
                    + a7 * r7[j];
          }
        }
        for (; p < k1; p++) {
          double ap = alpha * a[at + p * step];
          double[] row = packed[p - k0];
          for (int j = 0; j < m; j++) {
            c[j] += ap * row[j];
          }
        }
        System.arraycopy(c, 0, C.data, ci, m);
      }
    }

    /**
     * Columns [j0 + from, j0 + to) of row i, one entry at a time: the edges a vector tile leaves.
     */
    void columns(
        boolean transA,
        double alpha,
        Matrix A,
        double[][] packed,
        Matrix b,
        Matrix C,
        int i,
        int k0,
        int k1,
        int j0,
        int from,
        int to,
        boolean first) {
      int at = A.offset + (transA ? i : i * A.cols);
      int step = transA ? A.cols : 1;
      for (int j = from; j < to; j++) {
        int cj = C.offset + i * C.cols + j0 + j;
        double sum = first ? (b == null ? 0 : b.data[b.offset + i]) : C.data[cj];
        for (int p = k0; p < k1; p++) {
          sum += alpha * A.data[at + p * step] * packed[p - k0][j];
        }
        C.data[cj] = sum;
      }
    }
  }

  static final PlainRows PLAIN = new PlainRows();

  /** The kernel in use: the Vector API one when available, else the plain one. */
  static final RowKernel KERNEL = Vectorization.choose();

  /** The calling thread's row of scratch, at least {@code width} long. */
  static double[] scratchRow(int width) {
    return SCRATCH.get().row(width);
  }
}
