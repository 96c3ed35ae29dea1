package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Protects {@link Matrix}: construction and its argument checks, row-major indexing with bounds
 * checks, the difference between owned copies and views that write through to a shared array, and
 * value semantics (equals, hashCode, toArray, toString).
 */
class MatrixTest {

  // ---------------------------------------------------------------- construction

  @Test
  void ofCopiesRowsAndReportsItsShape() {
    double[][] source = {{1, 2, 3}, {4, 5, 6}};
    Matrix m = Matrix.of(source);

    assertEquals(2, m.rows());
    assertEquals(3, m.cols());
    assertEquals(6, m.size());
    assertEquals("2 x 3", m.shape());
    assertEquals(1, m.get(0, 0));
    assertEquals(3, m.get(0, 2));
    assertEquals(4, m.get(1, 0));
    assertEquals(6, m.get(1, 2));

    source[0][0] = 99;
    assertEquals(1, m.get(0, 0), "of must copy, not wrap, the caller's rows");
  }

  @Test
  void ofAcceptsEmptyInputs() {
    assertEquals("0 x 0", Matrix.of(new double[0][]).shape());
    assertEquals("2 x 0", Matrix.of(new double[][] {{}, {}}).shape());
  }

  @Test
  void ofRejectsRaggedRowsNamingTheRow() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8}}));
    assertTrue(e.getMessage().contains("row 2"), e.getMessage());
    assertTrue(e.getMessage().contains("rectangular"), e.getMessage());

    IllegalArgumentException longer =
        assertThrows(
            IllegalArgumentException.class, () -> Matrix.of(new double[][] {{1, 2}, {3, 4, 5}}));
    assertTrue(longer.getMessage().contains("row 1"), longer.getMessage());
  }

  @Test
  void ofRejectsNullRowsNamingTheRow() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Matrix.of(new double[][] {{1, 2}, null}));
    assertTrue(e.getMessage().contains("row 1 is null"), e.getMessage());

    IllegalArgumentException first =
        assertThrows(
            IllegalArgumentException.class, () -> Matrix.of(new double[][] {null, {1, 2}}));
    assertTrue(first.getMessage().contains("row 0 is null"), first.getMessage());

    assertThrows(IllegalArgumentException.class, () -> Matrix.of(null));
  }

  @Test
  void zerosIsAllZeroAndRejectsNegativeOrHugeSizes() {
    Matrix m = Matrix.zeros(3, 2);
    assertArrayEquals(new double[6], m.toFlatArray(), 0.0);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(-1, 2));
    assertTrue(e.getMessage().contains("-1 x 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(2, -1));
    assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(100_000, 100_000));
  }

  @Test
  void columnAndRowFactoriesBuildVectors() {
    Matrix column = Matrix.column(1, 2, 3);
    assertEquals("3 x 1", column.shape());
    assertEquals(2, column.get(1, 0));

    Matrix row = Matrix.row(1, 2, 3);
    assertEquals("1 x 3", row.shape());
    assertEquals(3, row.get(0, 2));

    double[] values = {7, 8};
    Matrix copied = Matrix.column(values);
    values[0] = 0;
    assertEquals(7, copied.get(0, 0), "column must copy its argument");
  }

  // ---------------------------------------------------------------- indexing

  @Test
  void setChangesOnlyTheAddressedEntry() {
    Matrix m = Matrix.zeros(2, 3);
    m.set(1, 2, 5);
    // Row-major: (1, 2) is flat entry 1 · 3 + 2 = 5.
    assertArrayEquals(new double[] {0, 0, 0, 0, 0, 5}, m.toFlatArray(), 0.0);
  }

  @Test
  void getAndSetRejectIndicesOutsideTheMatrix() {
    Matrix m = Matrix.zeros(2, 3);
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> m.get(2, 0));
    assertTrue(e.getMessage().contains("2 x 3"), e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> m.get(0, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> m.get(-1, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> m.set(0, -1, 1));
    // (0, 3) would be (1, 0) if columns were not checked separately.
    assertThrows(IndexOutOfBoundsException.class, () -> m.set(0, 3, 1));
  }

  // ---------------------------------------------------------------- views and copies

  @Test
  void viewReadsRowMajorFromItsOffset() {
    double[] data = {9, 9, 9, 9, 1, 2, 3, 4, 5, 6, 9, 9};
    Matrix v = Matrix.view(data, 4, 2, 3);
    assertEquals(Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}}), v);
  }

  @Test
  void viewWritesThroughInBothDirections() {
    double[] data = new double[10];
    Matrix v = Matrix.view(data, 3, 2, 2);

    v.set(1, 0, 7);
    // (1, 0) lives at offset + 1 · 2 + 0 = 5.
    assertEquals(7, data[5]);

    data[6] = 8;
    assertEquals(8, v.get(1, 1));

    v.fill(1);
    assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1, 1, 0, 0, 0}, data, 0.0);

    v.copyFrom(Matrix.of(new double[][] {{2, 3}, {4, 5}}));
    assertArrayEquals(new double[] {0, 0, 0, 2, 3, 4, 5, 0, 0, 0}, data, 0.0);
  }

  @Test
  void viewBoundsAreChecked() {
    double[] data = new double[10];
    assertEquals("2 x 5", Matrix.view(data, 0, 2, 5).shape()); // exactly fits
    assertEquals("0 x 3", Matrix.view(data, 10, 0, 3).shape()); // empty, at the end

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Matrix.view(data, 5, 2, 3));
    assertTrue(e.getMessage().contains("11") && e.getMessage().contains("10"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Matrix.view(data, -1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> Matrix.view(data, 0, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> Matrix.view(data, 0, 1, -1));
    assertThrows(IllegalArgumentException.class, () -> Matrix.view(data, 1, Integer.MAX_VALUE, 2));
  }

  @Test
  void viewIndexingStaysInsideTheView() {
    double[] data = {1, 2, 3, 4, 5, 6};
    Matrix v = Matrix.view(data, 2, 1, 2); // entries 2..3
    assertThrows(IndexOutOfBoundsException.class, () -> v.get(1, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> v.get(0, 2));
  }

  @Test
  void copyIsIndependentOfItsSource() {
    double[] data = {0, 1, 2, 3, 4};
    Matrix v = Matrix.view(data, 1, 2, 2);
    Matrix copy = v.copy();
    assertEquals(v, copy);

    copy.set(0, 0, 100);
    assertEquals(1, v.get(0, 0));
    assertEquals(1, data[1]);

    data[2] = 200;
    assertEquals(2, copy.get(0, 1));
  }

  @Test
  void copyFromRejectsAnotherShape() {
    Matrix m = Matrix.zeros(2, 3);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> m.copyFrom(Matrix.zeros(3, 2)));
    assertTrue(
        e.getMessage().contains("2 x 3") && e.getMessage().contains("3 x 2"), e.getMessage());
  }

  @Test
  void fillOnAViewLeavesTheRestOfTheArray() {
    double[] data = new double[6];
    Matrix.view(data, 2, 1, 3).fill(4);
    assertArrayEquals(new double[] {0, 0, 4, 4, 4, 0}, data, 0.0);
  }

  // ---------------------------------------------------------------- value semantics

  @Test
  void equalsComparesShapeAndEntriesNotStorage() {
    Matrix owned = Matrix.of(new double[][] {{1, 2}, {3, 4}});
    Matrix view = Matrix.view(new double[] {9, 1, 2, 3, 4, 9}, 1, 2, 2);

    assertEquals(owned, view);
    assertEquals(view, owned);
    assertEquals(owned.hashCode(), view.hashCode());

    assertNotEquals(owned, Matrix.of(new double[][] {{1, 2}, {3, 5}}));
    assertNotEquals(owned, Matrix.row(1, 2, 3, 4)); // same entries, other shape
    assertNotEquals(Matrix.zeros(1, 0), Matrix.zeros(0, 1));
    assertNotEquals(owned, "2 x 2");
    assertNotEquals(owned, null);
  }

  @Test
  void equalsUsesDoubleCompareSemantics() {
    assertEquals(Matrix.row(Double.NaN), Matrix.row(Double.NaN));
    assertEquals(Matrix.row(Double.NaN).hashCode(), Matrix.row(Double.NaN).hashCode());
    assertNotEquals(Matrix.row(0.0), Matrix.row(-0.0));
  }

  @Test
  void toArrayAndToFlatArrayReturnFreshCopies() {
    double[] data = {9, 1, 2, 3, 4, 5, 6, 9};
    Matrix v = Matrix.view(data, 1, 3, 2);

    double[][] rows = v.toArray();
    assertEquals(3, rows.length);
    assertArrayEquals(new double[] {1, 2}, rows[0], 0.0);
    assertArrayEquals(new double[] {3, 4}, rows[1], 0.0);
    assertArrayEquals(new double[] {5, 6}, rows[2], 0.0);
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, v.toFlatArray(), 0.0);

    rows[0][0] = 100;
    v.toFlatArray()[1] = 100;
    assertEquals(1, v.get(0, 0));
    assertEquals(2, v.get(0, 1));
  }

  @Test
  void toStringStartsWithTheShapeAndListsEachRow() {
    String text = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).toString();
    assertTrue(text.startsWith("2 x 3"), text);
    String[] lines = text.split("\n");
    assertEquals(3, lines.length, text);
    assertTrue(lines[1].contains("1") && lines[1].contains("3") && !lines[1].contains("4"), text);
    assertTrue(lines[2].contains("4") && lines[2].contains("6"), text);
  }

  @Test
  void toStringDoesNotPrintATinyEntryAsZero() {
    String text = Matrix.row(1e-9, 1).toString();
    assertTrue(text.toLowerCase(java.util.Locale.ROOT).contains("e-09"), text);
  }
}
