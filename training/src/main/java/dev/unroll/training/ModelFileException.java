package dev.unroll.training;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file could not be read as a saved model: it is not a model file, was written in a format
 * version this library does not read, was cut short or damaged, or holds the parameters of another
 * network.
 *
 * <p>The message is written for the person running the program: it names the file, says what is
 * wrong with the actual numbers, and suggests what to do. {@link #problem()} gives the same verdict
 * as a value, so that a program can react (for example, fall back to training from scratch when the
 * file belongs to an older architecture) without parsing the message.
 *
 * <p>It extends {@link IOException} because, to the caller, a file that cannot be used is an input
 * failure like any other: code that already handles I/O errors handles this one too.
 */
public final class ModelFileException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with a model file. */
  public enum Problem {
    /** The file does not begin with the model file's first line: it is some other kind of file. */
    NOT_A_MODEL_FILE,
    /** The file is a model file, but of a format version this library cannot read. */
    UNSUPPORTED_VERSION,
    /** The file ends before everything its header announces: part of it is missing. */
    TRUNCATED,
    /** The header cannot be parsed, or the checksum does not match the contents. */
    CORRUPTED,
    /** More bytes follow the checksum, where the file should end. */
    TRAILING_BYTES,
    /** The file is intact but was saved from a network of another shape or loss. */
    WRONG_ARCHITECTURE,
    /** The file is intact but holds NaN or infinite parameters, which no model accepts. */
    NON_FINITE_PARAMETERS
  }

  // Path is not Serializable; a deserialized exception keeps its message but loses the path.
  private final transient Path file;
  private final Problem problem;

  ModelFileException(Path file, Problem problem, String message) {
    super(message);
    this.file = file;
    this.problem = problem;
  }

  /** The file that was refused, as the caller passed it; null after Java deserialization. */
  public Path file() {
    return file;
  }

  /** What is wrong with the file. */
  public Problem problem() {
    return problem;
  }
}
