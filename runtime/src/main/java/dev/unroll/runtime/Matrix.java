package dev.unroll.runtime;

import java.util.Arrays;

/**
 * A dense matrix of doubles, stored row by row in one array.
 *
 * <p>Data follow the backprop lab's layout: a batch of m examples is a matrix with one
 * <em>column</em> per example, so an input X of n features is n x m and a layer's activations A are
 * units x m.
 *
 * <p>Storage: entry (r, c) lives at {@code data[offset + r * cols + c]}.
 *
 * <pre>
 *   rows = 2, cols = 3, offset = 4
 *   data: [ . . . . | a00 a01 a02 | a10 a11 a12 | . . ]
 *                     ^ offset      ^ offset + cols
 * </pre>
 *
 * <p>A matrix made by {@link #of} or {@link #zeros} owns its array. A matrix made by {@link #view}
 * shares the caller's array: the generated models hold their weights and biases as views into one
 * flat parameter vector, so writing through a view changes the model.
 */
public final class Matrix {
  final double[] data;
  final int offset;
  final int rows;
  final int cols;

  private Matrix(double[] data, int offset, int rows, int cols) {
    this.data = data;
    this.offset = offset;
    this.rows = rows;
    this.cols = cols;
  }

  /**
   * Copies a rectangular array, one inner array per row.
   *
   * @throws IllegalArgumentException if the rows differ in length
   */
  public static Matrix of(double[][] rows) {
    if (rows == null) {
      throw new IllegalArgumentException("rows must not be null");
    }
    int cols = rows.length == 0 ? 0 : length(rows[0], 0);
    Matrix m = zeros(rows.length, cols);
    for (int r = 0; r < rows.length; r++) {
      if (length(rows[r], r) != cols) {
        throw new IllegalArgumentException(
            "row "
                + r
                + " has "
                + rows[r].length
                + " entries but row 0 has "
                + cols
                + "; a matrix must be rectangular");
      }
      System.arraycopy(rows[r], 0, m.data, r * cols, cols);
    }
    return m;
  }

  private static int length(double[] row, int index) {
    if (row == null) {
      throw new IllegalArgumentException("row " + index + " is null");
    }
    return row.length;
  }

  /** A single column, for example one example's features or a bias vector. */
  public static Matrix column(double... values) {
    Matrix m = zeros(values.length, 1);
    System.arraycopy(values, 0, m.data, 0, values.length);
    return m;
  }

  /** A single row, for example the labels of a batch with one output. */
  public static Matrix row(double... values) {
    Matrix m = zeros(1, values.length);
    System.arraycopy(values, 0, m.data, 0, values.length);
    return m;
  }

  /** A new rows x cols matrix of zeros. */
  public static Matrix zeros(int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("a matrix cannot be " + rows + " x " + cols);
    }
    long size = (long) rows * cols;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          rows + " x " + cols + " has " + size + " entries, more than one Java array holds");
    }
    return new Matrix(new double[(int) size], 0, rows, cols);
  }

  /**
   * The class of each column: for a single row, 1 where the entry is at least 0.5 and 0 elsewhere
   * (a probability of class 1, or a 0/1 label); for several rows, the index of the column's largest
   * entry, the first on ties (a probability distribution, or a one-hot label).
   */
  public static int[] classes(Matrix columns) {
    int[] result = new int[columns.cols];
    for (int j = 0; j < columns.cols; j++) {
      if (columns.rows == 1) {
        result[j] = columns.data[columns.offset + j] >= 0.5 ? 1 : 0;
        continue;
      }
      int best = 0;
      double max = columns.data[columns.offset + j];
      for (int i = 1; i < columns.rows; i++) {
        double v = columns.data[columns.offset + i * columns.cols + j];
        if (v > max) {
          max = v;
          best = i;
        }
      }
      result[j] = best;
    }
    return result;
  }

  /**
   * A rows x cols matrix backed by {@code data[offset .. offset + rows * cols)}, row by row.
   * Changes to the array show in the matrix and the other way round.
   */
  public static Matrix view(double[] data, int offset, int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("a matrix cannot be " + rows + " x " + cols);
    }
    long end = offset + (long) rows * cols;
    if (offset < 0 || end > data.length) {
      throw new IllegalArgumentException(
          "a "
              + rows
              + " x "
              + cols
              + " view at offset "
              + offset
              + " needs "
              + end
              + " entries, but the array has "
              + data.length);
    }
    return new Matrix(data, offset, rows, cols);
  }

  /**
   * The array behind this matrix, for kernels and generated code that index it directly: entry (r,
   * c) is at {@code storage()[offset() + r * cols() + c]}. Writes change the matrix.
   */
  public double[] storage() {
    return data;
  }

  /** Where entry (0, 0) sits in {@link #storage()}. */
  public int offset() {
    return offset;
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** Number of columns; for a batch, the number of examples m. */
  public int cols() {
    return cols;
  }

  /** Number of entries, rows x cols. */
  public int size() {
    return rows * cols;
  }

  /** The entry at (row, col), both counted from 0. */
  public double get(int row, int col) {
    return data[index(row, col)];
  }

  /** Sets the entry at (row, col), both counted from 0. */
  public void set(int row, int col, double value) {
    data[index(row, col)] = value;
  }

  private int index(int row, int col) {
    if (row < 0 || row >= rows || col < 0 || col >= cols) {
      throw new IndexOutOfBoundsException(
          "(" + row + ", " + col + ") is outside a " + rows + " x " + cols + " matrix");
    }
    return offset + row * cols + col;
  }

  /** A copy that owns its storage. */
  public Matrix copy() {
    Matrix m = zeros(rows, cols);
    System.arraycopy(data, offset, m.data, 0, size());
    return m;
  }

  /** Copies {@code source}'s entries into this matrix, which must have the same shape. */
  public void copyFrom(Matrix source) {
    Shapes.requireSame("source", source, rows, cols);
    System.arraycopy(source.data, source.offset, data, offset, size());
  }

  /** Sets every entry to {@code value}. */
  public void fill(double value) {
    Arrays.fill(data, offset, offset + size(), value);
  }

  /** The entries as a new array of rows. */
  public double[][] toArray() {
    double[][] out = new double[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = Arrays.copyOfRange(data, offset + r * cols, offset + (r + 1) * cols);
    }
    return out;
  }

  /** The entries, row by row, as a new flat array. */
  public double[] toFlatArray() {
    return Arrays.copyOfRange(data, offset, offset + size());
  }

  /** The shape as text, {@code "rows x cols"}, as error messages print it. */
  public String shape() {
    return rows + " x " + cols;
  }

  /** Equal when the shapes and every entry are equal ({@link Double#compare} semantics). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Matrix)) {
      return false;
    }
    Matrix other = (Matrix) o;
    if (rows != other.rows || cols != other.cols) {
      return false;
    }
    return Arrays.equals(
        data, offset, offset + size(), other.data, other.offset, other.offset + other.size());
  }

  @Override
  public int hashCode() {
    int h = 31 * rows + cols;
    for (int i = offset; i < offset + size(); i++) {
      long bits = Double.doubleToLongBits(data[i]);
      h = 31 * h + (int) (bits ^ (bits >>> 32));
    }
    return h;
  }

  /** The shape, then one line per row. */
  @Override
  public String toString() {
    // Fixed-point columns line up and read easily; tiny or huge entries need exponents.
    boolean fixed = true;
    for (int i = offset; i < offset + size(); i++) {
      double a = Math.abs(data[i]);
      fixed &= a == 0 || (a >= 1e-4 && a < 1e6);
    }
    String format = fixed ? "%13.6f" : "%14.6e";
    StringBuilder sb = new StringBuilder(shape()).append(" matrix");
    for (int r = 0; r < rows; r++) {
      sb.append('\n').append('[');
      for (int c = 0; c < cols; c++) {
        sb.append(String.format(java.util.Locale.ROOT, format, get(r, c)));
      }
      sb.append(" ]");
    }
    return sb.toString();
  }
}
