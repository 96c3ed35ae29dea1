package dev.unroll.data;

import java.io.IOException;

/**
 * A CSV file that {@link Csv} cannot turn into a data set without guessing: a row of the wrong
 * length, a value that is not a number, a missing label column and the like.
 *
 * <p>The reader stops at the first problem rather than skipping the row, because a silently dropped
 * row changes the data a model is trained and tested on. The message names the file, the line and
 * the column, and says how to fix it; {@link #line()} and {@link #column()} give the same position
 * to programs, for example an editor that jumps to it.
 */
public final class CsvFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final int column;

  /**
   * Builds the message from the position and the problem, so that every error reads the same way.
   *
   * @param source the file name, or whatever names the text for its reader
   * @param line the line from 1, or 0 for a problem with the file as a whole
   * @param column the column from 1, or 0 for a problem with a whole line
   * @param columnName the column's header name, or null if unknown or not relevant
   * @param problem what is wrong and how to fix it
   */
  CsvFormatException(String source, int line, int column, String columnName, String problem) {
    super(position(source, line, column, columnName) + ": " + problem);
    this.source = source;
    this.line = line;
    this.column = column;
  }

  private static String position(String source, int line, int column, String columnName) {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(", line ").append(line);
    }
    if (column > 0) {
      sb.append(", column ").append(column);
      if (columnName != null) {
        sb.append(" (").append(columnName).append(')');
      }
    }
    return sb.toString();
  }

  /** The name of the file or text that was read, as given to {@link Csv}. */
  public String source() {
    return source;
  }

  /**
   * The line of the problem, counted from 1 (the header is line 1). A value in a row that spans
   * several lines (through a line break inside quotes) is reported at the row's first line. 0 when
   * the problem concerns the file as a whole, such as a label column with a single class.
   */
  public int line() {
    return line;
  }

  /**
   * The column of the problem, counted from 1 and including the label column, or 0 when the problem
   * concerns the whole line (such as a row with too few fields, or a blank line).
   */
  public int column() {
    return column;
  }
}
