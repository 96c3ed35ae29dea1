package dev.unroll.runtime;

import java.util.Arrays;

/**
 * The one matrix product behind the kernel's three: C = alpha · op(A) · op(B) (+ b added to every
 * column), where op transposes or not, optionally followed by an element-wise finishing step
 * ({@link Finish}) applied to each block of C while it is still in cache.
 *
 * <p>How it is fast: the sum over the inner dimension is cut into blocks, and each block of op(B)
 * is first packed by the kernel in use into the layout its inner loop reads from index 0 (rows for
 * the plain kernel, column panels for the vector one), so W·A, dZ·Aᵀ and Wᵀ·dZ all run the same
 * inner loop and no transposed copy of a whole matrix is ever made. Large products split their rows
 * of C between a fixed team of threads ({@link Team}); each entry of C is summed by one thread in
 * one order, so results do not depend on the thread count.
 *
 * <p>Buffers are kept per thread and grown as needed, so steady-state calls do not allocate.
 */
final class Gemm {
  private Gemm() {}

  /** Products smaller than this many multiply-adds stay on the calling thread. */
  static final long PARALLEL_THRESHOLD = 1L << 20;

  /**
   * Products of at most this many multiply-adds may skip packing (if the kernel has a direct path):
   * for a 16 x 16 layer on 64 examples, packing costs as much as the product.
   */
  static final long DIRECT_WORK = 1L << 16;

  /** Rows of op(B) per packed block. */
  static final int K_BLOCK = 128;

  /** Columns of op(B) per packed block: 256 x 256 doubles are 512 KB, within a 1 MB L2. */
  static final int N_BLOCK = 256;

  private static final int THREADS =
      Math.max(1, Integer.getInteger("unroll.threads", Runtime.getRuntime().availableProcessors()));

  /** Threads that share the rows of large products; created when first needed. */
  private static final class Shared {
    static final Team TEAM = new Team(THREADS);
  }

  /**
   * What happens to each finished block of C: nothing, an activation written to {@code out}
   * (forward), or the product turned in place into dZ = C ∘ g'(·) from the layer's cache (backward,
   * where C holds dA).
   */
  enum Finish {
    NONE,
    /** out = max(0, C). */
    RELU,
    /** out = sigmoid(C). */
    SIGMOID,
    /** out = tanh(C). */
    TANH,
    /** C = C ∘ (cache &gt; 0), with cache = Z. */
    RELU_BACKWARD,
    /** C = C ∘ cache ∘ (1 - cache), with cache = A = sigmoid(Z). */
    SIGMOID_BACKWARD,
    /** C = C ∘ (1 - cache²), with cache = A = tanh(Z). */
    TANH_BACKWARD
  }

  /**
   * One block of one product: its arguments and the packed block of op(B). Each thread that calls
   * {@link #multiply} owns one, so a call allocates nothing; team workers read the caller's.
   */
  static final class Job {
    boolean transA;
    double alpha;
    Matrix A;
    Matrix b;
    Matrix C;
    int k0;
    int k1;
    int j0;
    int width;

    /** The first inner block: C starts from b (or zero) instead of its old value. */
    boolean first;

    /** The last inner block: the finishing step runs after it. */
    boolean last;

    Finish finish = Finish.NONE;
    Matrix cache;
    Matrix out;

    /** The plain kernel's packing: row p - k0 of op(B), columns j0 ... j0 + width. */
    double[][] rows = new double[0][];

    /** The vector kernel's packing: panels of columns, each k1 - k0 rows deep. */
    double[] panels = new double[0];

    double[][] rows(int count, int length) {
      if (rows.length < count || (count > 0 && rows[0].length < length)) {
        int capacity = Math.max(length, count > 0 && rows.length > 0 ? rows[0].length : 0);
        rows = new double[Math.max(count, rows.length)][capacity];
      }
      return rows;
    }

    double[] panels(int length) {
      if (panels.length < length) {
        panels = new double[length];
      }
      return panels;
    }

    double bias(int i) {
      return b == null ? 0 : b.data[b.offset + i];
    }

    void clear() {
      A = null;
      b = null;
      C = null;
      cache = null;
      out = null;
    }
  }

  private static final ThreadLocal<Job> JOB = ThreadLocal.withInitial(Job::new);

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
    multiply(THREADS, transA, transB, alpha, A, B, b, C, n, k, m, Finish.NONE, null, null);
  }

  /** As above, then the finishing step over C; {@code cache} and {@code out} as it needs. */
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
      int m,
      Finish finish,
      Matrix cache,
      Matrix out) {
    multiply(THREADS, transA, transB, alpha, A, B, b, C, n, k, m, finish, cache, out);
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
      int m,
      Finish finish,
      Matrix cache,
      Matrix out) {
    if (n == 0 || m == 0) {
      return;
    }
    Job job = JOB.get();
    job.transA = transA;
    job.alpha = alpha;
    job.A = A;
    job.b = b;
    job.C = C;
    job.finish = finish;
    job.cache = cache;
    job.out = out;
    try {
      if (k == 0) {
        for (int i = 0; i < n; i++) {
          Arrays.fill(C.data, C.offset + i * C.cols, C.offset + i * C.cols + m, job.bias(i));
        }
        job.j0 = 0;
        job.width = m;
        PLAIN.finish(job, 0, n);
        return;
      }
      if ((long) n * k * m <= DIRECT_WORK && k <= K_BLOCK && m <= N_BLOCK) {
        job.j0 = 0;
        job.width = m;
        job.k0 = 0;
        job.k1 = k;
        job.first = true;
        job.last = true;
        if (KERNEL.direct(job, transB, B, n, k, m)) {
          return;
        }
      }
      // Blocks of op(B), K_BLOCK rows by N_BLOCK columns, small enough to stay in the L2 cache
      // while every row of C passes over them.
      for (int j0 = 0; j0 < m; j0 += N_BLOCK) {
        job.j0 = j0;
        job.width = Math.min(N_BLOCK, m - j0);
        for (int k0 = 0; k0 < k; k0 += K_BLOCK) {
          job.k0 = k0;
          job.k1 = Math.min(k, k0 + K_BLOCK);
          job.first = k0 == 0;
          job.last = job.k1 == k;
          KERNEL.pack(transB, B, job);
          long work = (long) n * (job.k1 - k0) * job.width;
          int parts = Math.min(threads, THREADS);
          if (parts > 1
              && work >= PARALLEL_THRESHOLD
              && n >= 2 * parts
              && Shared.TEAM.run(job, n, parts)) {
            continue;
          }
          KERNEL.rows(job, 0, n);
        }
      }
    } finally {
      job.clear();
    }
  }

  /** Computes rows of C from a packed block of op(B); the plain and the vector versions. */
  interface RowKernel {
    /** A short description, for the log. */
    String name();

    /**
     * Packs rows [k0, k1) and columns [j0, j0 + width) of op(B) into the job, in this kernel's
     * layout.
     */
    void pack(boolean transB, Matrix B, Job job);

    /**
     * Rows [from, to) and columns [j0, j0 + width) of C for the job's inner block: C = (first ? b :
     * C) + alpha · op(A) · op(B), and after the last block the job's finishing step.
     */
    void rows(Job job, int from, int to);

    /**
     * Computes a whole small product at once, without packing, and returns true; or returns false
     * to have it blocked and packed as usual. The job's fields are set, with j0 = 0, width = m and
     * first and last true; the finishing step is part of the work.
     */
    default boolean direct(Job job, boolean transB, Matrix B, int n, int k, int m) {
      return false;
    }

    /** Where a team should cut rows [0, n) into parts: a multiple of the kernel's row tile. */
    default int boundary(int n, int index, int parts) {
      return (int) ((long) n * index / parts);
    }
  }

  /** The plain-Java rows: auto-vectorised by C2, and the fallback without the Vector API. */
  static final class PlainRows implements RowKernel {
    @Override
    public String name() {
      return "plain Java";
    }

    /**
     * Separate row arrays, because C2 on JDK 17 vectorises {@code c[j] += a * b[j]} over two
     * distinct arrays from index 0 but not over one flat array at an offset.
     */
    @Override
    public void pack(boolean transB, Matrix B, Job job) {
      int k0 = job.k0;
      int k1 = job.k1;
      int j0 = job.j0;
      int width = job.width;
      double[][] packed = job.rows(k1 - k0, width);
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

    @Override
    public void rows(Job job, int from, int to) {
      rows(
          job.transA,
          job.alpha,
          job.A,
          job.rows,
          job.first ? job.b : null,
          job.C,
          from,
          to,
          job.k0,
          job.k1,
          job.j0,
          job.width,
          job.first,
          row(job.width));
      if (job.last) {
        finish(job, from, to);
      }
    }

    /**
     * The product's rows with every argument passed in: C2 vectorises the inner loop of this shape,
     * and did not when the same loop read its bounds and arrays from the job's fields.
     */
    private static void rows(
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
        int m,
        boolean first,
        double[] c) {
      double[] a = A.data;
      for (int i = from; i < to; i++) {
        int ci = C.offset + i * C.cols + j0;
        if (first) {
          Arrays.fill(c, 0, m, b == null ? 0 : b.data[b.offset + i]);
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

    /** The job's finishing step over rows [from, to) and columns [j0, j0 + width) of C. */
    void finish(Job job, int from, int to) {
      if (job.finish == Finish.NONE) {
        return;
      }
      for (int i = from; i < to; i++) {
        int start = job.C.offset + i * job.C.cols + job.j0;
        finishSpan(job, start, start + job.width);
      }
    }
  }

  /**
   * The finishing step one entry at a time, over entries [start, end) of C's storage; {@code cache}
   * and {@code out} have C's shape, so an entry sits at the same distance from each one's offset.
   */
  static void finishSpan(Job job, int start, int end) {
    double[] c = job.C.data;
    switch (job.finish) {
      case NONE:
        return;
      case RELU:
        {
          double[] o = job.out.data;
          int d = job.out.offset - job.C.offset;
          for (int x = start; x < end; x++) {
            o[x + d] = Math.max(c[x], 0); // keeps NaN visible, unlike c > 0 ? c : 0
          }
          return;
        }
      case SIGMOID:
        {
          double[] o = job.out.data;
          int d = job.out.offset - job.C.offset;
          for (int x = start; x < end; x++) {
            o[x + d] = Kernel.sigmoid(c[x]);
          }
          return;
        }
      case TANH:
        {
          double[] o = job.out.data;
          int d = job.out.offset - job.C.offset;
          for (int x = start; x < end; x++) {
            o[x + d] = Math.tanh(c[x]);
          }
          return;
        }
      case RELU_BACKWARD:
        {
          double[] z = job.cache.data;
          int d = job.cache.offset - job.C.offset;
          for (int x = start; x < end; x++) {
            c[x] = z[x + d] > 0 ? c[x] : 0;
          }
          return;
        }
      case SIGMOID_BACKWARD:
        {
          double[] s = job.cache.data;
          int d = job.cache.offset - job.C.offset;
          for (int x = start; x < end; x++) {
            double y = s[x + d];
            c[x] = c[x] * y * (1 - y);
          }
          return;
        }
      case TANH_BACKWARD:
        {
          double[] t = job.cache.data;
          int d = job.cache.offset - job.C.offset;
          for (int x = start; x < end; x++) {
            double y = t[x + d];
            c[x] = c[x] * (1 - y * y);
          }
          return;
        }
      default:
        throw new AssertionError(job.finish);
    }
  }

  static final PlainRows PLAIN = new PlainRows();

  /** The kernel in use: the Vector API one when available, else the plain one. */
  static final RowKernel KERNEL = Vectorization.choose();

  private static final ThreadLocal<double[][]> ROW =
      ThreadLocal.withInitial(() -> new double[1][0]);

  /** The calling thread's row of scratch, at least {@code width} long. */
  static double[] row(int width) {
    double[][] holder = ROW.get();
    if (holder[0].length < width) {
      holder[0] = new double[width];
    }
    return holder[0];
  }
}
