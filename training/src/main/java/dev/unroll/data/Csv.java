package dev.unroll.data;

import dev.unroll.runtime.Matrix;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads a classification data set from a CSV file: one row per example, one column per feature, and
 * one column of class labels.
 *
 * <p>The format is the common one (RFC 4180): the first row is a header naming the columns, fields
 * are separated by commas, and a field may be enclosed in double quotes, inside which commas, line
 * breaks and doubled quotes ({@code ""} for one {@code "}) are plain text. Lines may end in LF or
 * CRLF; the text is UTF-8, with or without a byte order mark.
 *
 * <p>The label column is chosen by name; every other column is a feature and must hold a finite
 * decimal number in every row ({@code 3}, {@code -0.25}, {@code 1.5e-3}), read the same way in
 * every locale. Spaces around a field, a column name or a label are ignored. The class names are
 * the label column's distinct values, sorted numerically when they are all numbers (so {@code 2}
 * comes before {@code 10}) and alphabetically otherwise. Two classes give one row of 0/1 labels,
 * the second class being 1; three or more give one-hot rows.
 *
 * <p>Anything the reader would have to guess about is a {@link CsvFormatException} naming the file,
 * line and column: a row with too few or too many fields, an empty field, a value that is not a
 * number, a blank line between data rows, a repeated column name, a missing label column, a file
 * without data. Blank lines after the last row are allowed, as editors often leave them.
 */
public final class Csv {
  private Csv() {}

  /**
   * Reads a UTF-8 CSV file into a data set, its examples in file order.
   *
   * @param file the CSV file, with a header row
   * @param labelColumn the header name of the column holding the classes
   * @throws CsvFormatException if the file is not a well-formed data set; the message says where
   *     and why
   * @throws IOException if the file cannot be read
   */
  public static Dataset read(Path file, String labelColumn) throws IOException {
    Dataset.require(file != null, "file must not be null");
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString(), labelColumn);
    }
  }

  /**
   * Reads CSV text into a data set, its examples in the order read. The reader is read to the end
   * (or the first error) and not closed.
   *
   * @param reader the CSV text, with a header row
   * @param sourceName what to call the text in error messages, such as a file name
   * @param labelColumn the header name of the column holding the classes
   * @throws CsvFormatException if the text is not a well-formed data set; the message says where
   *     and why
   * @throws IOException if reading fails
   */
  public static Dataset read(Reader reader, String sourceName, String labelColumn)
      throws IOException {
    Dataset.require(reader != null, "reader must not be null");
    Dataset.require(sourceName != null, "sourceName must not be null");
    Dataset.require(labelColumn != null, "labelColumn must not be null; name the class column");
    return new Parse(new Records(reader, sourceName), sourceName, labelColumn).dataset();
  }

  /** One pass over the records, collecting features and labels. */
  private static final class Parse {
    private final Records records;
    private final String source;
    private final String labelColumn;
    private List<String> header;
    private int label;

    Parse(Records records, String source, String labelColumn) {
      this.records = records;
      this.source = source;
      this.labelColumn = labelColumn;
    }

    Dataset dataset() throws IOException {
      readHeader();
      int width = header.size();
      int features = width - 1;
      double[] values = new double[features * 64];
      List<String> labels = new ArrayList<>();
      int blankLine = 0;
      int lastLine = 1;
      Record record;
      while ((record = records.next(header)) != null) {
        if (record.blank()) {
          if (blankLine == 0) {
            blankLine = record.line();
          }
          continue;
        }
        if (blankLine != 0) {
          throw error(
              blankLine,
              0,
              "the line is blank, but data follow on line "
                  + record.line()
                  + "; remove the blank line (a blank line is not an example)");
        }
        lastLine = record.line();
        List<String> fields = record.fields();
        if (fields.size() != width) {
          throw error(
              record.line(),
              0,
              "the row has "
                  + fields.size()
                  + (fields.size() == 1 ? " field" : " fields")
                  + " but the header has "
                  + width
                  + " columns"
                  + (width <= 8 ? ": " + quoted(header) : "")
                  + "; every row needs one value per column (is a comma missing, extra, or inside"
                  + " an unquoted value?)");
        }
        int n = labels.size();
        if ((long) (n + 1) * features > values.length) {
          long grown = Math.max(64L * features, 2L * values.length);
          Dataset.require(
              grown <= Integer.MAX_VALUE - 8,
              source + " has more values than one Java array holds; use a smaller file");
          values = Arrays.copyOf(values, (int) grown);
        }
        int f = 0;
        for (int j = 0; j < width; j++) {
          String field = fields.get(j);
          if (field.isBlank()) {
            throw error(
                record.line(),
                j + 1,
                "the field is empty; every example needs a value in every column, so fill it in"
                    + " or remove the row");
          }
          if (j == label) {
            labels.add(field.strip());
          } else {
            values[n * features + f++] = number(field, record.line(), j);
          }
        }
      }
      if (labels.isEmpty()) {
        throw error(
            lastLine + 1,
            0,
            "the file has a header but no data rows; add one row per example after the header");
      }
      return build(values, labels);
    }

    private void readHeader() throws IOException {
      Record first = records.next(null);
      if (first == null || first.blank()) {
        throw error(
            1,
            0,
            first == null
                ? "the file is empty; it needs a header row naming the columns, then one row per"
                    + " example"
                : "the first line is blank; it must be the header row naming the columns");
      }
      header = new ArrayList<>();
      for (String name : first.fields()) {
        header.add(name.strip());
      }
      Map<String, Integer> seen = new HashMap<>();
      for (int j = 0; j < header.size(); j++) {
        String name = header.get(j);
        if (name.isBlank()) {
          throw error(1, j + 1, "the header gives this column no name; name every column");
        }
        Integer before = seen.putIfAbsent(name, j);
        if (before != null) {
          throw error(
              1,
              j + 1,
              "the column name \""
                  + name
                  + "\" is also the name of column "
                  + (before + 1)
                  + "; give every column a different name");
        }
      }
      label = header.indexOf(labelColumn.strip());
      if (label < 0) {
        String hint = "";
        for (String name : header) {
          if (name.equalsIgnoreCase(labelColumn.strip())) {
            hint = " (did you mean \"" + name + "\"?)";
          }
        }
        throw error(
            1,
            0,
            "there is no label column named \""
                + labelColumn
                + "\""
                + hint
                + "; the header's columns are "
                + quoted(header));
      }
      if (header.size() == 1) {
        throw error(
            1,
            0,
            "the label column \""
                + labelColumn
                + "\" is the only column, so there are no features; add feature columns");
      }
    }

    private double number(String field, int line, int j) throws CsvFormatException {
      String text = field.strip();
      if (!decimal(text)) {
        throw error(
            line,
            j + 1,
            "\""
                + field
                + "\" is not a number; feature columns hold decimal numbers such as 3, -0.25 or"
                + " 1.5e-3, with a point as the decimal separator");
      }
      double v = Double.parseDouble(text);
      if (!Double.isFinite(v)) {
        throw error(
            line,
            j + 1,
            "\"" + field + "\" is too large for a double (at most about 1.8e308); rescale it");
      }
      return v;
    }

    private Dataset build(double[] values, List<String> labels) throws CsvFormatException {
      int n = labels.size();
      List<String> classes = new ArrayList<>(new LinkedHashSet<>(labels));
      if (classes.size() < 2) {
        throw error(
            0,
            label + 1,
            "every row has the label \""
                + classes.get(0)
                + "\"; a classification data set needs at least two classes");
      }
      if (classes.stream().allMatch(Csv::decimal)) {
        Comparator<String> byValue = Comparator.comparingDouble(Double::parseDouble);
        classes.sort(byValue.thenComparing(Comparator.naturalOrder()));
      } else {
        classes.sort(Comparator.naturalOrder());
      }
      Map<String, Integer> index = new HashMap<>();
      for (int c = 0; c < classes.size(); c++) {
        index.put(classes.get(c), c);
      }
      int features = header.size() - 1;
      Matrix x = Matrix.zeros(features, n);
      Matrix y = Matrix.zeros(classes.size() == 2 ? 1 : classes.size(), n);
      for (int e = 0; e < n; e++) {
        for (int f = 0; f < features; f++) {
          x.set(f, e, values[e * features + f]);
        }
        int c = index.get(labels.get(e));
        if (classes.size() == 2) {
          y.set(0, e, c);
        } else {
          y.set(c, e, 1);
        }
      }
      List<String> names = new ArrayList<>(header);
      names.remove(label);
      return new Dataset(x, y, classes, names);
    }

    private CsvFormatException error(int line, int column, String problem) {
      String name =
          column > 0 && header != null && column <= header.size() ? header.get(column - 1) : null;
      return new CsvFormatException(source, line, column, name, problem);
    }
  }

  /**
   * Whether the text is a plain decimal number: digits, at most one point, an optional sign and
   * exponent. Java's parser alone would also take hexadecimal, "NaN", "Infinity" and a trailing "d"
   * or "f", none of which is a number in a data file.
   */
  static boolean decimal(String text) {
    int i = 0;
    int n = text.length();
    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
      i++;
      digits++;
    }
    if (i < n && text.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int exponent = 0;
      while (i < n && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
        i++;
        exponent++;
      }
      if (exponent == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static String quoted(List<String> names) {
    List<String> out = new ArrayList<>();
    for (String name : names) {
      out.add("\"" + name + "\"");
    }
    return String.join(", ", out);
  }

  /** A row of fields and the line it starts on; blank when the line held no characters at all. */
  private record Record(List<String> fields, int line, boolean blank) {}

  /** Splits CSV text into records, following RFC 4180's quoting rules. */
  private static final class Records {
    private final Reader reader;
    private final String source;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private int line = 1;
    private boolean started;

    Records(Reader reader, String source) {
      this.reader = reader;
      this.source = source;
    }

    /**
     * The next record, or null at the end of the text.
     *
     * @param header the column names for error messages, or null while reading the header
     */
    Record next(List<String> header) throws IOException {
      int start = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean inQuotes = false;
      boolean any = false;
      int quoteLine = start;
      while (true) {
        int c = read();
        if (c < 0) {
          if (inQuotes) {
            throw new CsvFormatException(
                source,
                quoteLine,
                fields.size() + 1,
                name(header, fields.size()),
                "a quoted field opened on this line is never closed; add the closing \"");
          }
          if (!any) {
            return null;
          }
          fields.add(field.toString());
          return new Record(List.copyOf(fields), start, false);
        }
        any = true;
        if (inQuotes) {
          if (c == '"') {
            int next = peek();
            if (next == '"') {
              read();
              field.append('"');
            } else {
              inQuotes = false;
            }
          } else {
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
              line++;
            }
            field.append((char) c);
          }
          continue;
        }
        if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
          quoted = false;
        } else if (c == '\r' || c == '\n') {
          if (c == '\r' && peek() == '\n') {
            read();
          }
          line++;
          boolean blank = fields.isEmpty() && field.length() == 0 && !quoted;
          fields.add(field.toString());
          return new Record(blank ? List.of() : List.copyOf(fields), start, blank);
        } else if (quoted) {
          throw new CsvFormatException(
              source,
              line,
              fields.size() + 1,
              name(header, fields.size()),
              "found "
                  + describe(c)
                  + " after the closing quote; a quoted field must end at a comma or the end of"
                  + " the line (write \"\" for a quote inside quotes)");
        } else if (c == '"') {
          if (field.length() > 0) {
            throw new CsvFormatException(
                source,
                line,
                fields.size() + 1,
                name(header, fields.size()),
                "a quote inside an unquoted field; quote the whole field and double the quote"
                    + " inside it, as in \"a \"\"b\"\" c\"");
          }
          inQuotes = true;
          quoted = true;
          quoteLine = line;
        } else {
          field.append((char) c);
        }
      }
    }

    private static String name(List<String> header, int index) {
      return header != null && index < header.size() ? header.get(index) : null;
    }

    private static String describe(int c) {
      return Character.isWhitespace(c) ? "a space" : "'" + (char) c + "'";
    }

    private int read() throws IOException {
      int c = peek();
      if (c >= 0) {
        position++;
      }
      return c;
    }

    private int peek() throws IOException {
      if (position == limit) {
        try {
          limit = reader.read(buffer, 0, buffer.length);
        } catch (CharacterCodingException e) {
          throw new CsvFormatException(
              source,
              line,
              0,
              null,
              "the text is not valid UTF-8 near this line; save the file as UTF-8");
        }
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return -1;
        }
        if (!started) {
          started = true;
          if (buffer[0] == '\uFEFF') {
            position = 1;
            return peek();
          }
        }
      }
      return buffer[position];
    }
  }
}
