package dev.unroll.training;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.unroll.runtime.Architecture;
import dev.unroll.runtime.Model;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Saves a trained model's parameters to a file and loads them back into a model of the same
 * architecture, so that training once is enough.
 *
 * <pre>{@code
 * ModelFile.save(model, Path.of("moons.model"));
 * ...
 * Model restored = new UnrolledMoons(0);
 * ModelFile.load(restored, Path.of("moons.model"));   // now predicts like model
 * System.out.print(ModelFile.describe(Path.of("moons.model")));
 * }</pre>
 *
 * <p>The file records the architecture next to the numbers, so loading into a network of another
 * shape or loss is refused with a message naming the difference instead of producing a model that
 * silently predicts nonsense. A checksum catches files that were cut short or damaged on the way.
 * Saving never leaves a half-written file behind: the new file is written beside the old one and
 * only renamed into place once it is complete and on disk.
 *
 * <h2>File format, version 1</h2>
 *
 * <p>A file has three parts, with nothing between or after them:
 *
 * <ol>
 *   <li><b>Header</b>: text in UTF-8 (without a byte order mark), one fact per line, each line
 *       ended by a single line feed (byte 0x0A; never a carriage return). The lines come in this
 *       order, with no blank or other lines:
 *       <ol>
 *         <li>{@code unroll-model 1}: identifies the file and its format version (1).
 *         <li>{@code name }<i>network</i>: the name of the generated class that wrote it, for
 *             example {@code UnrolledMoons}. Informational: loading does not compare it, so a
 *             network renamed without changing its layers still loads.
 *         <li>{@code inputs }<i>n</i>: the number of input features.
 *         <li>{@code loss }<i>loss</i>: the loss as {@link Architecture#loss()} names it, for
 *             example {@code binary cross-entropy}; it is the rest of the line and may contain
 *             spaces.
 *         <li>{@code layer }<i>name units activation</i>: one line per dense layer, input side
 *             first: the layer's field name, its number of units and its activation in lower case
 *             (for example {@code layer hidden 16 relu}). The three values are separated by single
 *             spaces and contain none themselves. There is at least one layer. Layer names are
 *             informational like the network's name.
 *         <li>{@code parameters }<i>count</i>: the total number of weights and biases. It must
 *             equal the sum over the layers of units × (fanIn + 1), where fanIn is the previous
 *             layer's units, or the inputs for the first layer.
 *         <li>{@code end}: marks the end of the header.
 *       </ol>
 *       Every line but the last is a key, one space and a value. Numbers (the version too) are
 *       written in decimal ASCII digits, with no sign and no leading zeros, and are at least 1. The
 *       whole header is less than 1 MiB.
 *   <li><b>Parameters</b>: <i>count</i> × 8 bytes, each parameter an IEEE 754 double (binary64) in
 *       big-endian byte order, in the order of {@link Model#parameters()}: layer by layer, input
 *       side first; for each layer its weights W (units × fanIn) row by row, then its biases b
 *       (units values). There is no padding.
 *   <li><b>Checksum</b>: 4 bytes, the CRC-32C of every byte before it (the header and the
 *       parameters) as an unsigned 32-bit integer in big-endian byte order. CRC-32C is the
 *       Castagnoli CRC of iSCSI and of {@link CRC32C}: polynomial 0x1EDC6F41 (0x82F63B78
 *       reflected), bits processed least significant first, initial value and final XOR 0xFFFFFFFF;
 *       the CRC-32C of the ASCII text {@code 123456789} is 0xE3069283.
 * </ol>
 *
 * <p>A file is therefore exactly header bytes + 8 × count + 4 bytes long. For example, a network
 * with 2 inputs, a layer {@code hidden} of 8 tanh units and a layer {@code output} of 1 sigmoid
 * unit starts with this 128-byte header, followed by 33 × 8 = 264 bytes of parameters and the
 * 4-byte checksum, 396 bytes in all:
 *
 * <pre>
 * unroll-model 1
 * name UnrolledXor
 * inputs 2
 * loss binary cross-entropy
 * layer hidden 8 tanh
 * layer output 1 sigmoid
 * parameters 33
 * end
 * </pre>
 *
 * <p>On the command line, {@code sed -n '1,/^end$/p' FILE} prints the header of a file and nothing
 * of its binary part; {@link #describe} returns the same text.
 *
 * <p>A reader of version 1 refuses any other first line, another version number, a header that
 * breaks these rules, a file shorter or longer than its header announces, a checksum that does not
 * match and parameters that are NaN or infinite. A change to the format gets a new version number.
 */
public final class ModelFile {
  private static final String MAGIC = "unroll-model ";
  private static final String VERSION = "1";
  private static final int CHECKSUM_BYTES = Integer.BYTES;

  /** No real network's header comes near this; it bounds what is read of a file that is not one. */
  private static final int MAX_HEADER_BYTES = 1 << 20;

  /** The largest parameter count a Java array (and so {@link Architecture}) holds. */
  private static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8;

  private static final int CHUNK_BYTES = 1 << 16;

  private static final String TRUNCATED_ADVICE =
      "Its end is missing, as after an interrupted copy or download; copy it again from its"
          + " source, or save the model again.";

  private ModelFile() {}

  /**
   * Writes the model's architecture and parameters to {@code file}, replacing any file there.
   *
   * <p>The data goes to a new temporary file in the same directory, which is forced to disk and
   * then renamed to {@code file} in one atomic step where the file system can (otherwise the rename
   * replaces the old file as a separate step). So the existing file is either left as it was or
   * replaced by a complete new one, even if the program dies or something throws while writing;
   * after a failure the temporary file is deleted. Another program reading {@code file} meanwhile
   * sees the old version or the new one, never a mixture.
   *
   * @param model the model whose parameters to save
   * @param file where to save them; its directory must exist
   * @throws IOException if the temporary file cannot be created, written, forced or renamed
   * @throws IllegalArgumentException if {@code model} or {@code file} is null, a parameter is NaN
   *     or infinite (the file could never be loaded), or the model's names cannot be written in the
   *     header (they contain line breaks, or a layer name or activation contains a space)
   */
  public static void save(Model model, Path file) throws IOException {
    if (model == null || file == null) {
      throw new IllegalArgumentException(
          "save needs a model and a file, but the "
              + (model == null ? "model" : "file")
              + " is null");
    }
    Architecture architecture = model.architecture();
    Layout layout = Layout.of(architecture);
    byte[] header = headerText(layout, architecture.parameterCount()).getBytes(UTF_8);
    Path target = file.toAbsolutePath();
    Path directory = target.getParent();
    if (directory == null || target.getFileName() == null) {
      throw new IllegalArgumentException(
          "cannot save a model to " + file + ": it names no file; pass a path like model.bin");
    }
    Path temporary = createTemporary(directory, target.getFileName().toString());
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), CHUNK_BYTES);
        CRC32C crc = new CRC32C();
        DataOutputStream checked = new DataOutputStream(new CheckedOutputStream(out, crc));
        checked.write(header);
        double[] values = model.parameters();
        requireSavable(architecture, values);
        for (double value : values) {
          checked.writeDouble(value);
        }
        new DataOutputStream(out).writeInt((int) crc.getValue());
        out.flush();
        channel.force(true);
      }
      move(temporary, target);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException | RuntimeException deleting) {
        e.addSuppressed(deleting);
      }
      throw e;
    }
    forceDirectory(directory);
  }

  /**
   * Reads a file written by {@link #save} and gives its parameters to {@code model}.
   *
   * <p>The whole file is checked before the model is touched: that it is a model file of a
   * supported version, complete, not damaged (its checksum matches), of the model's architecture
   * (inputs, loss, and each layer's units and activation; the network's and layers' names may
   * differ) and free of NaN and infinite values. If any check fails, the model keeps its
   * parameters.
   *
   * @param model the model to receive the parameters; it must have the file's architecture
   * @param file a file written by {@link #save}
   * @throws ModelFileException if the file is refused; the message names the file and the problem
   *     and suggests what to do, and {@link ModelFileException#problem()} classifies it
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if {@code model} or {@code file} is null
   */
  public static void load(Model model, Path file) throws IOException {
    if (model == null || file == null) {
      throw new IllegalArgumentException(
          "load needs a model and a file, but the "
              + (model == null ? "model" : "file")
              + " is null");
    }
    Architecture architecture = model.architecture();
    Header header;
    double[] values;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      header = readHeader(file, channel, size);
      values = readParameters(file, channel, header, size);
    }
    requireArchitecture(file, header, Layout.of(architecture), architecture.parameterCount());
    requireFinite(file, architecture, values);
    model.setParameters(values);
  }

  /**
   * The header of a model file as text: the format version, the network's name, inputs, loss,
   * layers and parameter count, one per line, ending with the {@code end} line. It lets a person
   * see what a file holds without a model to load it into.
   *
   * <p>Only the header is read and checked; the parameters and the checksum are not, so a file
   * whose header is intact is described even if its end is missing or damaged ({@link #load}
   * verifies everything).
   *
   * @throws ModelFileException if the file is not a model file, has an unsupported version, or its
   *     header is cut short or damaged
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if {@code file} is null
   */
  public static String describe(Path file) throws IOException {
    if (file == null) {
      throw new IllegalArgumentException("describe needs a file, but got null");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return new String(readHeader(file, channel, channel.size()).bytes(), UTF_8);
    }
  }

  // ---------------------------------------------------------------- writing

  private static String headerText(Layout layout, int parameterCount) {
    requireLine("network name", layout.name(), false);
    requireLine("loss", layout.loss(), false);
    StringBuilder text = new StringBuilder();
    text.append(MAGIC).append(VERSION).append('\n');
    text.append("name ").append(layout.name()).append('\n');
    text.append("inputs ").append(layout.inputs()).append('\n');
    text.append("loss ").append(layout.loss()).append('\n');
    for (LayerLine layer : layout.layers()) {
      requireLine("layer name", layer.name(), true);
      requireLine("activation of layer " + layer.name(), layer.activation(), true);
      text.append("layer ")
          .append(layer.name())
          .append(' ')
          .append(layer.units())
          .append(' ')
          .append(layer.activation())
          .append('\n');
    }
    text.append("parameters ").append(parameterCount).append('\n');
    text.append("end\n");
    return text.toString();
  }

  /** A value must fit on its header line; a layer's values are also separated by spaces. */
  private static void requireLine(String what, String value, boolean noSpaces) {
    boolean fits = value != null && !value.isEmpty();
    for (int i = 0; fits && i < value.length(); i++) {
      char c = value.charAt(i);
      fits = !Character.isISOControl(c) && !(noSpaces && Character.isWhitespace(c));
    }
    if (!fits) {
      throw new IllegalArgumentException(
          "cannot save a model whose "
              + what
              + " is "
              + quote(value)
              + ": a model file's header needs it non-empty and on one line"
              + (noSpaces ? ", without spaces" : "")
              + "; give the network Java identifiers as names");
    }
  }

  private static void requireSavable(Architecture architecture, double[] values) {
    int expected = architecture.parameterCount();
    if (values == null || values.length != expected) {
      throw new IllegalArgumentException(
          "cannot save "
              + architecture.name()
              + ": parameters() returned "
              + (values == null ? "null" : values.length + " values")
              + ", but its architecture has "
              + expected
              + " parameters; the Model implementation contradicts itself");
    }
    int first = firstNonFinite(values);
    if (first >= 0) {
      throw new IllegalArgumentException(
          "cannot save "
              + architecture.name()
              + ": "
              + countNonFinite(values)
              + " of its "
              + values.length
              + " parameters are NaN or infinite, the first "
              + architecture.parameterName(first)
              + " = "
              + values[first]
              + ", and such a file could never be loaded. The network diverged in training: train"
              + " it again, for example with a smaller learning rate, and save it then");
    }
  }

  /** An empty new file beside the target, with a name no other save picks. */
  private static Path createTemporary(Path directory, String fileName) throws IOException {
    int keep = Math.min(fileName.codePointCount(0, fileName.length()), 64);
    String prefix = "." + fileName.substring(0, fileName.offsetByCodePoints(0, keep)) + ".";
    for (int attempt = 1; ; attempt++) {
      String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
      Path candidate = directory.resolve(prefix + random + ".tmp");
      try {
        Files.newByteChannel(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
            .close();
        return candidate;
      } catch (FileAlreadyExistsException e) {
        if (attempt == 20) {
          throw e;
        }
      }
    }
  }

  private static void move(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Makes the rename itself durable where the system allows forcing a directory (Linux, macOS).
   * Elsewhere opening a directory fails; the file is complete either way, so that is not an error.
   */
  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not supported here: the saved file is complete, only the rename may not yet be on disk.
    }
  }

  // ---------------------------------------------------------------- reading

  private static Header readHeader(Path file, FileChannel channel, long size) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, MAX_HEADER_BYTES));
    readFully(channel, buffer);
    byte[] bytes = Arrays.copyOf(buffer.array(), buffer.position());
    boolean wholeFile = bytes.length < MAX_HEADER_BYTES || size <= MAX_HEADER_BYTES;
    return new HeaderParser(file, bytes, wholeFile).parse();
  }

  private static double[] readParameters(Path file, FileChannel channel, Header header, long size)
      throws IOException {
    int count = header.parameterCount();
    long expected = header.bytes().length + 8L * count + CHECKSUM_BYTES;
    if (size < expected) {
      throw truncated(file, header, size);
    }
    CRC32C crc = new CRC32C();
    crc.update(header.bytes());
    channel.position(header.bytes().length);
    double[] values = new double[count];
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES);
    for (int done = 0; done < count; ) {
      int chunk = Math.min(count - done, CHUNK_BYTES / Double.BYTES);
      buffer.clear().limit(chunk * Double.BYTES);
      if (!readFully(channel, buffer)) {
        // The file shrank after its size was taken.
        throw truncated(file, header, channel.position());
      }
      crc.update(buffer.array(), 0, buffer.limit());
      buffer.flip();
      buffer.asDoubleBuffer().get(values, done, chunk);
      done += chunk;
    }
    ByteBuffer checksum = ByteBuffer.allocate(CHECKSUM_BYTES);
    if (!readFully(channel, checksum)) {
      throw truncated(file, header, channel.position());
    }
    int stored = checksum.getInt(0);
    int actual = (int) crc.getValue();
    long length = Math.max(size, channel.size());
    if (stored != actual) {
      throw new ModelFileException(
          file,
          ModelFileException.Problem.CORRUPTED,
          file
              + " is corrupted: the checksum stored after its parameters is "
              + hex(stored)
              + ", but its contents give "
              + hex(actual)
              + (length > expected ? " (and " + (length - expected) + " bytes follow it)" : "")
              + ". Some bytes changed after it was saved, on a failing disk, in a transfer or in an"
              + " edit. Use an intact copy of the file, or save the model again.");
    }
    if (length > expected) {
      throw new ModelFileException(
          file,
          ModelFileException.Problem.TRAILING_BYTES,
          file
              + " has "
              + (length - expected)
              + " bytes after its checksum, where it should end: its header announces "
              + count
              + " parameters, so it should be "
              + expected
              + " bytes long, but it is "
              + length
              + ". Something was appended to it, or files were joined; use the copy that was"
              + " saved, or cut the file to "
              + expected
              + " bytes.");
    }
    return values;
  }

  /** Fills the buffer from the channel's position; false if the file ends first. */
  private static boolean readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        return false;
      }
    }
    return true;
  }

  private static ModelFileException truncated(Path file, Header header, long found) {
    int count = header.parameterCount();
    int headerBytes = header.bytes().length;
    long expected = headerBytes + 8L * count + CHECKSUM_BYTES;
    long parameterBytes = found - headerBytes;
    String missing =
        parameterBytes < 8L * count
            ? "only "
                + parameterBytes / 8
                + " of the "
                + count
                + " parameters are complete and the checksum is missing"
            : "all "
                + count
                + " parameters are there, but only "
                + (parameterBytes - 8L * count)
                + " of the checksum's "
                + CHECKSUM_BYTES
                + " bytes";
    return new ModelFileException(
        file,
        ModelFileException.Problem.TRUNCATED,
        file
            + " is truncated: its header announces "
            + count
            + " parameters, so the file should be "
            + expected
            + " bytes long (a "
            + headerBytes
            + "-byte header, "
            + count
            + " x 8 bytes of parameters and a "
            + CHECKSUM_BYTES
            + "-byte checksum), but it has "
            + found
            + " bytes: "
            + missing
            + ". "
            + TRUNCATED_ADVICE);
  }

  private static void requireArchitecture(
      Path file, Header header, Layout wanted, int wantedParameters) throws ModelFileException {
    Layout saved = header.layout();
    List<String> differences = new ArrayList<>();
    if (saved.inputs() != wanted.inputs()) {
      differences.add(difference("input size", saved.inputs(), wanted.inputs()));
    }
    if (saved.layers().size() != wanted.layers().size()) {
      differences.add(difference("layer count", saved.layers().size(), wanted.layers().size()));
    } else {
      for (int i = 0; i < saved.layers().size(); i++) {
        LayerLine had = saved.layers().get(i);
        LayerLine needs = wanted.layers().get(i);
        String which = "layer " + (i + 1) + " '" + needs.name() + "'";
        if (had.units() != needs.units()) {
          differences.add(difference("units of " + which, had.units(), needs.units()));
        }
        if (!had.activation().equals(needs.activation())) {
          differences.add(
              difference("activation of " + which, had.activation(), needs.activation()));
        }
      }
    }
    if (!saved.loss().equals(wanted.loss())) {
      differences.add(difference("loss", saved.loss(), wanted.loss()));
    }
    if (differences.isEmpty()) {
      return;
    }
    throw new ModelFileException(
        file,
        ModelFileException.Problem.WRONG_ARCHITECTURE,
        file
            + " was saved from a network of another architecture, so its parameters do not fit"
            + " this model; "
            + (differences.size() == 1 ? "this differs: " : "these differ: ")
            + String.join("; ", differences)
            + ".\n  file:  "
            + saved.describe(header.parameterCount())
            + "\n  model: "
            + wanted.describe(wantedParameters)
            + "\nLoad the file into a model declared like the file's network, or save this model"
            + " to a file of its own.");
  }

  private static String difference(String fact, Object inFile, Object inModel) {
    return fact + " (file " + inFile + ", model " + inModel + ")";
  }

  private static void requireFinite(Path file, Architecture architecture, double[] values)
      throws ModelFileException {
    int first = firstNonFinite(values);
    if (first < 0) {
      return;
    }
    throw new ModelFileException(
        file,
        ModelFileException.Problem.NON_FINITE_PARAMETERS,
        file
            + " holds "
            + countNonFinite(values)
            + " NaN or infinite values among its "
            + values.length
            + " parameters, the first "
            + architecture.parameterName(first)
            + " = "
            + values[first]
            + " (parameter "
            + first
            + " in file order), and a model accepts only finite ones. The network had diverged"
            + " when the file was written: train it again (a smaller learning rate often helps)"
            + " and save it again.");
  }

  private static int firstNonFinite(double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }

  private static int countNonFinite(double[] values) {
    int count = 0;
    for (double value : values) {
      if (!Double.isFinite(value)) {
        count++;
      }
    }
    return count;
  }

  private static String hex(int value) {
    return String.format(Locale.ROOT, "0x%08x", value);
  }

  /** A value for a message: in quotes, control characters escaped, long ones shortened. */
  private static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder text = new StringBuilder("'");
    int shown = Math.min(value.length(), 60);
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        text.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        text.append(c);
      }
    }
    return text.append(shown < value.length() ? "...'" : "'").toString();
  }

  // ---------------------------------------------------------------- the header

  /** The facts a header records about a network. */
  private record Layout(String name, int inputs, String loss, List<LayerLine> layers) {
    static Layout of(Architecture architecture) {
      List<LayerLine> layers = new ArrayList<>();
      for (Architecture.LayerSpec layer : architecture.layers()) {
        layers.add(new LayerLine(layer.name(), layer.units(), layer.activation()));
      }
      return new Layout(architecture.name(), architecture.inputs(), architecture.loss(), layers);
    }

    /** Weights and biases these layers need; a long, so a damaged header cannot overflow it. */
    long parameterCount() {
      long count = 0;
      long fanIn = inputs;
      for (LayerLine layer : layers) {
        count += layer.units() * (fanIn + 1);
        if (count > MAX_PARAMETERS) {
          return count;
        }
        fanIn = layer.units();
      }
      return count;
    }

    /** One line, such as "UnrolledXor: 2 inputs -> hidden 8 tanh -> output 1 sigmoid, ...". */
    String describe(int parameterCount) {
      StringBuilder text = new StringBuilder(name).append(": ").append(inputs);
      text.append(inputs == 1 ? " input" : " inputs");
      for (LayerLine layer : layers) {
        text.append(" -> ")
            .append(layer.name())
            .append(' ')
            .append(layer.units())
            .append(' ')
            .append(layer.activation());
      }
      return text.append(", loss ")
          .append(loss)
          .append(", ")
          .append(parameterCount)
          .append(" parameters")
          .toString();
    }
  }

  private record LayerLine(String name, int units, String activation) {}

  /** A parsed header and its bytes, which the checksum covers. */
  private record Header(Layout layout, int parameterCount, byte[] bytes) {}

  /** Reads the header's lines in their fixed order, with a message for each way it can fail. */
  private static final class HeaderParser {
    private final Path file;
    private final byte[] bytes;
    private final boolean wholeFile;
    private int position;
    private int line;

    /**
     * @param bytes the start of the file, up to {@link #MAX_HEADER_BYTES}
     * @param wholeFile whether {@code bytes} reach the end of the file
     */
    HeaderParser(Path file, byte[] bytes, boolean wholeFile) {
      this.file = file;
      this.bytes = bytes;
      this.wholeFile = wholeFile;
    }

    Header parse() throws ModelFileException {
      requireMagic();
      String first = nextLine();
      String version = first.substring(MAGIC.length());
      if (count(version) < 0) {
        throw damaged(
            "its first line should be 'unroll-model' and a version number, but is " + quote(first));
      }
      if (!version.equals(VERSION)) {
        throw new ModelFileException(
            file,
            ModelFileException.Problem.UNSUPPORTED_VERSION,
            file
                + " is an Unroll model file of format version "
                + version
                + ", but this version of Unroll reads only version "
                + VERSION
                + ". Load it with the Unroll release that saved it, or save the model again"
                + " with this one.");
      }
      String name = value(nextLine(), "name", "name <network name>");
      int inputs = number(value(nextLine(), "inputs", "inputs <input size>"), "input size");
      String loss = value(nextLine(), "loss", "loss <loss name>");
      List<LayerLine> layers = new ArrayList<>();
      String text = nextLine();
      while (text.startsWith("layer ")) {
        layers.add(layer(text));
        text = nextLine();
      }
      if (layers.isEmpty()) {
        throw damaged(
            "line "
                + line
                + " should be the first 'layer <name> <units> <activation>', but is "
                + quote(text));
      }
      if (!text.startsWith("parameters ")) {
        throw damaged(
            "line "
                + line
                + " should be another 'layer <name> <units> <activation>' or 'parameters <count>',"
                + " but is "
                + quote(text));
      }
      int parameters = number(value(text, "parameters", "parameters <count>"), "parameter count");
      String end = nextLine();
      if (!end.equals("end")) {
        throw damaged("line " + line + " should be 'end', but is " + quote(end));
      }
      Layout layout = new Layout(name, inputs, loss, layers);
      long needed = layout.parameterCount();
      if (needed != parameters) {
        throw damaged(
            "it announces " + parameters + " parameters, but its inputs and layers need " + needed);
      }
      return new Header(layout, parameters, Arrays.copyOf(bytes, position));
    }

    private void requireMagic() throws ModelFileException {
      byte[] magic = MAGIC.getBytes(US_ASCII);
      int compared = Math.min(bytes.length, magic.length);
      if (!Arrays.equals(bytes, 0, compared, magic, 0, compared)) {
        throw new ModelFileException(
            file,
            ModelFileException.Problem.NOT_A_MODEL_FILE,
            file
                + " is not an Unroll model file: a model file begins with '"
                + MAGIC
                + VERSION
                + "', but this one begins with "
                + preview()
                + ". Check the path; model files are written by ModelFile.save.");
      }
      if (bytes.length == 0) {
        throw new ModelFileException(
            file,
            ModelFileException.Problem.TRUNCATED,
            file
                + " is empty (0 bytes), so not even a model file's header is there. "
                + TRUNCATED_ADVICE);
      }
    }

    /** The next line, without its line feed. */
    private String nextLine() throws ModelFileException {
      line++;
      int start = position;
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      if (end == bytes.length) {
        if (wholeFile) {
          throw new ModelFileException(
              file,
              ModelFileException.Problem.TRUNCATED,
              file
                  + " is truncated: it ends after "
                  + bytes.length
                  + " bytes, in line "
                  + line
                  + " of the header, before the header's 'end' line, so the parameters and the"
                  + " checksum are missing too. "
                  + TRUNCATED_ADVICE);
        }
        throw damaged(
            "no 'end' line within its first "
                + MAX_HEADER_BYTES
                + " bytes; a header is far shorter");
      }
      position = end + 1;
      String text;
      try {
        text =
            UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, start, end - start))
                .toString();
      } catch (CharacterCodingException e) {
        throw damaged("line " + line + " is not valid UTF-8 text");
      }
      if (text.endsWith("\r")) {
        throw damaged(
            "line "
                + line
                + " ends with a carriage return, as if the file had been converted to Windows"
                + " line endings as text (git's autocrlf does this); keep model files as binary");
      }
      return text;
    }

    /** The value of a 'key value' line. */
    private String value(String text, String key, String expected) throws ModelFileException {
      if (!text.startsWith(key + " ") || text.length() == key.length() + 1) {
        throw damaged("line " + line + " should be '" + expected + "', but is " + quote(text));
      }
      return text.substring(key.length() + 1);
    }

    private LayerLine layer(String text) throws ModelFileException {
      String[] parts = text.split(" ", -1);
      if (parts.length != 4 || parts[1].isEmpty() || parts[3].isEmpty()) {
        throw damaged(
            "line "
                + line
                + " should be 'layer <name> <units> <activation>', but is "
                + quote(text));
      }
      return new LayerLine(parts[1], number(parts[2], "units of layer " + parts[1]), parts[3]);
    }

    private int number(String text, String what) throws ModelFileException {
      int value = count(text);
      if (value < 0) {
        throw damaged(
            "the "
                + what
                + " in line "
                + line
                + " should be a whole number of at least 1, but is "
                + quote(text));
      }
      return value;
    }

    private ModelFileException damaged(String what) {
      return new ModelFileException(
          file,
          ModelFileException.Problem.CORRUPTED,
          file
              + " has a damaged header: "
              + what
              + ". The file was changed after it was saved, or something else wrote it; use an"
              + " intact copy, or save the model again.");
    }

    /** The first bytes, printable ASCII as it is and other bytes in hexadecimal. */
    private String preview() {
      StringBuilder text = new StringBuilder("'");
      int shown = Math.min(bytes.length, 24);
      for (int i = 0; i < shown; i++) {
        int b = bytes[i] & 0xff;
        if (b >= 0x20 && b < 0x7f) {
          text.append((char) b);
        } else {
          text.append(String.format(Locale.ROOT, "\\x%02x", b));
        }
      }
      return text.append(shown < bytes.length ? "...'" : "'").toString();
    }
  }

  /**
   * A decimal number of at least 1 and at most {@link #MAX_PARAMETERS}, written without sign or
   * leading zeros; -1 for anything else.
   */
  private static int count(String text) {
    if (text.isEmpty() || text.length() > 10 || text.charAt(0) == '0') {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= MAX_PARAMETERS ? (int) value : -1;
  }
}
