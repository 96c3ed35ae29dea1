package dev.unroll.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Matrix;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
  private static Dataset read(String text, String label) throws IOException {
    return Csv.read(new StringReader(text), "test.csv", label);
  }

  /** Reads text that must fail, and checks the position the error reports. */
  private static CsvFormatException fails(String text, String label, int line, int column) {
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> read(text, label));
    assertEquals(line, e.line(), "line; message: " + e.getMessage());
    assertEquals(column, e.column(), "column; message: " + e.getMessage());
    assertEquals("test.csv", e.source());
    assertTrue(e.getMessage().startsWith("test.csv"), e.getMessage());
    if (line > 0) {
      assertTrue(e.getMessage().contains("line " + line), e.getMessage());
    }
    if (column > 0) {
      assertTrue(e.getMessage().contains("column " + column), e.getMessage());
    }
    return e;
  }

  private static void assertMentions(Exception e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "no \"" + part + "\" in: " + e.getMessage());
    }
  }

  // ---- reading

  @Test
  void readsFeaturesAndTwoClassesAsOneRow() throws IOException {
    Dataset d = read("a,label,b\n1,no,2.5\n-3,yes,4e-1\n0.5,no,6\n", "label");
    assertEquals(List.of("a", "b"), d.features());
    assertEquals(List.of("no", "yes"), d.classes());
    assertEquals(Matrix.of(new double[][] {{1, -3, 0.5}, {2.5, 0.4, 6}}), d.x());
    assertEquals(Matrix.of(new double[][] {{0, 1, 0}}), d.y());
  }

  @Test
  void threeOrMoreClassesAreOneHot() throws IOException {
    Dataset d = read("x,c\n1,b\n2,c\n3,a\n4,b\n", "c");
    assertEquals(List.of("a", "b", "c"), d.classes());
    assertEquals(Matrix.of(new double[][] {{0, 0, 1, 0}, {1, 0, 0, 1}, {0, 1, 0, 0}}), d.y());
  }

  @Test
  void numericLabelsSortByValue() throws IOException {
    Dataset d = read("x,digit\n1,10\n2,2\n3,1\n4,-0.5\n", "digit");
    assertEquals(List.of("-0.5", "1", "2", "10"), d.classes());
    assertArrayEquals(new int[] {3, 2, 1, 0}, d.labels());
  }

  @Test
  void mixedLabelsSortAlphabetically() throws IOException {
    Dataset d = read("x,c\n1,b\n2,10\n3,a\n4,2\n", "c");
    assertEquals(List.of("10", "2", "a", "b"), d.classes());
  }

  @Test
  void quotedFieldsFollowRfc4180() throws IOException {
    String text =
        "\"width, cm\",\"say \"\"hi\"\"\",kind\n"
            + "\"1.5\",2,\"a, b\"\n"
            + "3,\"4\",\"line one\nline two\"\n"
            + "5,6,\"\"\"quoted\"\"\"\n";
    Dataset d = read(text, "kind");
    assertEquals(List.of("width, cm", "say \"hi\""), d.features());
    assertEquals(List.of("\"quoted\"", "a, b", "line one\nline two"), d.classes());
    assertArrayEquals(new int[] {1, 2, 0}, d.labels());
    assertEquals(Matrix.of(new double[][] {{1.5, 3, 5}, {2, 4, 6}}), d.x());
  }

  @Test
  void aLineBreakInsideQuotesCountsForLaterLineNumbers() {
    // the row starting on line 3 ends on line 4, so the bad value is on line 5
    String text = "x,c\n1,a\n2,\"b\nb\"\nnope,a\n";
    CsvFormatException e = fails(text, "c", 5, 1);
    assertMentions(e, "(x)", "\"nope\" is not a number");
  }

  @Test
  void acceptsCrlfByteOrderMarkSpacesAndTrailingBlankLines() throws IOException {
    Dataset d = read("\uFEFFx , y,label\r\n 1, 2 ,a\r\n3,4, b \r\n\r\n\r\n", "label");
    assertEquals(List.of("x", "y"), d.features());
    assertEquals(List.of("a", "b"), d.classes());
    assertEquals(Matrix.of(new double[][] {{1, 3}, {2, 4}}), d.x());
    Dataset noFinalNewline = read("x,label\n1,a\n2,b", "label");
    assertEquals(2, noFinalNewline.size());
  }

  @Test
  void numbersDoNotDependOnTheLocale() throws IOException {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      Dataset d = read("x,label\n1.25,a\n-2.5e2,b\n", "label");
      assertArrayEquals(new double[] {1.25, -250}, d.x().toFlatArray());
      fails("x,label\n\"1,25\",a\n2,b\n", "label", 2, 1);
    } finally {
      Locale.setDefault(before);
    }
  }

  // ---- rows and fields

  @Test
  void aRowWithTooFewFields() {
    CsvFormatException e = fails("a,b,label\n1,2,x\n3,y\n", "label", 3, 0);
    assertMentions(e, "2 fields", "header has 3 columns: \"a\", \"b\", \"label\"");
  }

  @Test
  void aRowWithTooManyFields() {
    CsvFormatException e = fails("a,b,label\n1,2,x\n3,4,y,5\n", "label", 3, 0);
    assertMentions(e, "4 fields", "header has 3 columns");
  }

  @Test
  void aFieldThatIsNotANumber() {
    CsvFormatException e = fails("a,b,label\n1,2,x\n3,4,y\n5,six,x\n", "label", 4, 2);
    assertMentions(e, "column 2 (b)", "\"six\" is not a number");
    for (String bad :
        new String[] {"NaN", "Infinity", "-Infinity", "0x1p3", "1d", "2f", "1..2", "e5", "."}) {
      e = fails("a,label\n" + bad + ",x\n1,y\n", "label", 2, 1);
      assertMentions(e, "\"" + bad + "\" is not a number");
    }
  }

  @Test
  void aNumberTooLargeForADouble() {
    CsvFormatException e = fails("a,label\n1,x\n1e999,y\n", "label", 3, 1);
    assertMentions(e, "too large");
  }

  @Test
  void anEmptyField() {
    assertMentions(fails("a,b,label\n1,2,x\n3,,y\n", "label", 3, 2), "(b)", "empty");
    assertMentions(fails("a,b,label\n1,2,x\n3,4,\n", "label", 3, 3), "(label)", "empty");
    assertMentions(fails("a,b,label\n1,\"\",x\n", "label", 2, 2), "empty");
    assertMentions(fails("a,b,label\n1,  ,x\n", "label", 2, 2), "empty");
  }

  @Test
  void aBlankLineBetweenDataRows() {
    CsvFormatException e = fails("a,label\n1,x\n\n2,y\n", "label", 3, 0);
    assertMentions(e, "blank", "data follow on line 4");
    fails("a,label\n\n1,x\n2,y\n", "label", 2, 0);
    fails("a,label\r\n1,x\r\n\r\n2,y\r\n", "label", 3, 0);
  }

  // ---- quoting

  @Test
  void anUnclosedQuote() {
    CsvFormatException e = fails("a,label\n1,x\n2,\"y\n3,z\n", "label", 3, 2);
    assertMentions(e, "(label)", "never closed");
  }

  @Test
  void textAfterAClosingQuote() {
    CsvFormatException e = fails("a,label\n1,x\n\"2\"3,y\n", "label", 3, 1);
    assertMentions(e, "(a)", "'3' after the closing quote");
  }

  @Test
  void aQuoteInsideAnUnquotedField() {
    CsvFormatException e = fails("a,label\n1,x\n2,y\"z\n", "label", 3, 2);
    assertMentions(e, "(label)", "quote inside an unquoted field");
  }

  // ---- header and file

  @Test
  void aMissingLabelColumnListsTheColumns() {
    CsvFormatException e = fails("sepal,petal,Species\n1,2,x\n", "species", 1, 0);
    assertMentions(
        e,
        "no label column named \"species\"",
        "did you mean \"Species\"?",
        "\"sepal\", \"petal\", \"Species\"");
  }

  @Test
  void aRepeatedColumnName() {
    CsvFormatException e = fails("a,b,a,label\n1,2,3,x\n", "label", 1, 3);
    assertMentions(e, "(a)", "also the name of column 1");
  }

  @Test
  void aColumnWithoutAName() {
    assertMentions(fails("a,,label\n1,2,x\n", "label", 1, 2), "no name");
  }

  @Test
  void anEmptyFile() {
    assertMentions(fails("", "label", 1, 0), "empty", "header");
    assertMentions(fails("\n1,x\n", "label", 1, 0), "first line is blank");
  }

  @Test
  void aHeaderWithoutData() {
    assertMentions(fails("a,label\n", "label", 2, 0), "no data rows");
    assertMentions(fails("a,label", "label", 2, 0), "no data rows");
    assertMentions(fails("a,label\n\n\n", "label", 2, 0), "no data rows");
  }

  @Test
  void aSingleClass() {
    CsvFormatException e = fails("a,label\n1,x\n2,x\n", "label", 0, 2);
    assertMentions(e, "(label)", "every row has the label \"x\"", "at least two classes");
  }

  @Test
  void onlyALabelColumn() {
    assertMentions(fails("label\nx\ny\n", "label", 1, 0), "no features");
  }

  // ---- files

  @Test
  void readsAFileAndNamesItInErrors(@TempDir Path dir) throws IOException {
    Path good = dir.resolve("good.csv");
    Files.writeString(good, "a,label\n1,x\n2,y\n", StandardCharsets.UTF_8);
    assertEquals(2, Csv.read(good, "label").size());

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "a,label\n1,x\n2\n", StandardCharsets.UTF_8);
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> Csv.read(bad, "label"));
    assertEquals(bad.toString(), e.source());
    assertTrue(e.getMessage().startsWith(bad + ", line 3:"), e.getMessage());

    Path latin1 = dir.resolve("latin1.csv");
    Files.write(latin1, "a,label\n1,x\n2,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    e = assertThrows(CsvFormatException.class, () -> Csv.read(latin1, "label"));
    assertMentions(e, "UTF-8");

    assertThrows(NoSuchFileException.class, () -> Csv.read(dir.resolve("none.csv"), "label"));
  }

  // ---- the real data

  private static Path resource(String name) throws Exception {
    return Path.of(CsvTest.class.getResource("/data/" + name).toURI());
  }

  @Test
  void iris() throws Exception {
    Dataset d = Csv.read(resource("iris.csv"), "species");
    assertEquals(150, d.size());
    assertEquals(
        List.of("sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"),
        d.features());
    assertEquals(List.of("setosa", "versicolor", "virginica"), d.classes());
    Matrix y = d.y();
    assertEquals(3, y.rows());
    int[] counts = new int[3];
    for (int j = 0; j < 150; j++) {
      assertEquals(1.0, y.get(0, j) + y.get(1, j) + y.get(2, j), "column " + j + " is one-hot");
    }
    for (int l : d.labels()) {
      counts[l]++;
    }
    assertArrayEquals(new int[] {50, 50, 50}, counts);
    // the first row of the file: 5.1,3.5,1.4,0.2,setosa
    Matrix x = d.x();
    assertArrayEquals(
        new double[] {5.1, 3.5, 1.4, 0.2},
        new double[] {x.get(0, 0), x.get(1, 0), x.get(2, 0), x.get(3, 0)});
    assertEquals(0, d.labels()[0]);
  }

  @Test
  void breastCancer() throws Exception {
    Dataset d = Csv.read(resource("breast_cancer.csv"), "diagnosis");
    assertEquals(569, d.size());
    assertEquals(30, d.x().rows());
    assertEquals(30, d.features().size());
    assertEquals("mean_radius", d.features().get(0));
    assertEquals(List.of("benign", "malignant"), d.classes());
    Matrix y = d.y();
    assertEquals(1, y.rows());
    double malignant = 0;
    for (int j = 0; j < 569; j++) {
      malignant += y.get(0, j);
    }
    assertEquals(212, malignant);
    // the first row of the file starts with 17.99 and is malignant
    assertEquals(17.99, d.x().get(0, 0));
    assertEquals(1, y.get(0, 0));
  }

  @Test
  void aNetworkLearnsIrisFromTheFile() throws Exception {
    Dataset iris = Csv.read(resource("iris.csv"), "species");
    Split split = iris.split(0.8, 3);
    Standardizer standardizer = Standardizer.fit(split.train());
    Dataset train = standardizer.apply(split.train());
    Dataset test = standardizer.apply(split.test());
    dev.unroll.runtime.Model model = new UnrolledIris(1);
    dev.unroll.training.Trainer.of(model)
        .optimizer(dev.unroll.training.Optimizer.adam(0.02))
        .epochs(150)
        .batchSize(16)
        .seed(1)
        .fit(train.x(), train.y());
    double accuracy = model.accuracy(test.x(), test.y());
    assertTrue(accuracy >= 0.9, "test accuracy " + accuracy);
  }
}
