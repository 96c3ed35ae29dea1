package dev.unroll.training;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.Activation;
import dev.unroll.Layer;
import dev.unroll.Loss;
import dev.unroll.Network;
import dev.unroll.runtime.Architecture;
import dev.unroll.runtime.Dense;
import dev.unroll.runtime.GradCheck;
import dev.unroll.runtime.Gradients;
import dev.unroll.runtime.Matrix;
import dev.unroll.runtime.Model;
import dev.unroll.training.ModelFileException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  /** Xor's layers under other names: loads Xor's files. */
  @Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)
  static class Renamed {
    @Layer(units = 8, activation = Activation.TANH)
    Dense first;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense last;
  }

  /** Xor with more hidden units. */
  @Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)
  static class Wide {
    @Layer(units = 12, activation = Activation.TANH)
    Dense hidden;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }

  /** Xor with another hidden activation: the same parameter count. */
  @Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)
  static class Relu {
    @Layer(units = 8, activation = Activation.RELU)
    Dense hidden;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }

  /** Xor with a third input. */
  @Network(inputs = 3, loss = Loss.BINARY_CROSS_ENTROPY)
  static class ThreeInputs {
    @Layer(units = 8, activation = Activation.TANH)
    Dense hidden;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }

  /** Xor with a second hidden layer. */
  @Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)
  static class Deep {
    @Layer(units = 8, activation = Activation.TANH)
    Dense hidden;

    @Layer(units = 8, activation = Activation.TANH)
    Dense second;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }

  /** Xor's layers with another loss: the same shapes and parameter count. */
  @Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)
  static class Squared {
    @Layer(units = 8, activation = Activation.TANH)
    Dense hidden;

    @Layer(units = 1, activation = Activation.SIGMOID)
    Dense output;
  }

  @TempDir Path dir;

  // ---------------------------------------------------------------- helpers

  /** A 7 x 7 grid of points in [-2, 2]², one per column. */
  private static Matrix grid() {
    Matrix x = Matrix.zeros(2, 49);
    for (int j = 0; j < 49; j++) {
      x.set(0, j, -2 + (j % 7) * 4.0 / 6);
      x.set(1, j, -2 + (j / 7) * 4.0 / 6);
    }
    return x;
  }

  private static long[] bits(double[] values) {
    return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  private static long[] bits(Matrix m) {
    return bits(m.toFlatArray());
  }

  /** Loads, expects the refusal, and checks what every refusal must do. */
  private static ModelFileException refused(Model model, Path file, Problem problem) {
    long[] before = bits(model.parameters());
    ModelFileException e =
        assertThrows(ModelFileException.class, () -> ModelFile.load(model, file));
    assertEquals(problem, e.problem(), e.getMessage());
    assertEquals(file, e.file());
    assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
    assertArrayEquals(before, bits(model.parameters()), "a refused load changed the model");
    return e;
  }

  private static void assertContains(String expected, String actual) {
    assertTrue(actual.contains(expected), "expected '" + expected + "' in: " + actual);
  }

  /** Length of the header: up to and including the line feed of its "end" line. */
  private static int headerLength(byte[] file) {
    byte[] end = "\nend\n".getBytes(US_ASCII);
    for (int i = 0; i + end.length <= file.length; i++) {
      if (Arrays.equals(file, i, i + end.length, end, 0, end.length)) {
        return i + end.length;
      }
    }
    throw new AssertionError("no end line");
  }

  private static int crc32c(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  /** Replaces parameter {@code index} and writes a matching checksum, as a valid writer would. */
  private static void putParameter(byte[] file, int index, double value) {
    ByteBuffer buffer = ByteBuffer.wrap(file);
    buffer.putDouble(headerLength(file) + 8 * index, value);
    buffer.putInt(file.length - 4, crc32c(file, file.length - 4));
  }

  private List<String> filesInDir() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /** Saves a fresh Xor model and returns the file. */
  private Path savedXor(String name) throws IOException {
    Path file = dir.resolve(name);
    ModelFile.save(new UnrolledXor(1), file);
    return file;
  }

  // ---------------------------------------------------------------- round trips

  private void assertRoundTrip(Model saved, Model loaded, String name) throws IOException {
    Matrix x = grid();
    assertFalse(
        Arrays.equals(bits(saved.parameters()), bits(loaded.parameters())),
        "the two models must start different for the test to mean anything");
    assertFalse(Arrays.equals(bits(saved.forward(x)), bits(loaded.forward(x))));
    Path file = dir.resolve(name);

    ModelFile.save(saved, file);
    ModelFile.load(loaded, file);

    assertArrayEquals(bits(saved.parameters()), bits(loaded.parameters()));
    assertArrayEquals(bits(saved.forward(x)), bits(loaded.forward(x)));
    assertArrayEquals(saved.predict(x), loaded.predict(x));
  }

  @Test
  void roundTripKeepsEveryBitOfASigmoidNetwork() throws IOException {
    Model saved = new UnrolledXor(1);
    double[] values = saved.parameters();
    // Values whose bits a decimal or float detour would change.
    values[0] = -0.0;
    values[1] = Double.MIN_VALUE;
    values[2] = Math.nextUp(1.0);
    values[3] = -1.0 / 3;
    values[values.length - 1] = 1e-300;
    saved.setParameters(values);
    assertRoundTrip(saved, new UnrolledXor(2), "xor.model");
  }

  @Test
  void roundTripKeepsEveryBitOfASoftmaxNetwork() throws IOException {
    Model saved = new UnrolledThreeClasses(3);
    Trainer.of(saved).epochs(5).batchSize(16).fit(grid(), labels(grid()));
    assertRoundTrip(saved, new UnrolledThreeClasses(4), "three.model");
  }

  /** One-hot labels of three sectors of the plane, for a few steps of training. */
  private static Matrix labels(Matrix x) {
    Matrix y = Matrix.zeros(3, x.cols());
    for (int j = 0; j < x.cols(); j++) {
      double angle = Math.atan2(x.get(1, j), x.get(0, j)) + Math.PI;
      y.set(Math.min(2, (int) (angle / (2 * Math.PI / 3))), j, 1);
    }
    return y;
  }

  @Test
  void aRenamedNetworkWithTheSameLayersLoads() throws IOException {
    Model saved = new UnrolledXor(1);
    Path file = dir.resolve("xor.model");
    ModelFile.save(saved, file);
    Model renamed = new UnrolledModelFileTest_Renamed(2);

    ModelFile.load(renamed, file);

    assertArrayEquals(bits(saved.parameters()), bits(renamed.parameters()));
  }

  // ---------------------------------------------------------------- the format

  @Test
  void theFileIsLaidOutAsDocumented() throws IOException {
    Model model = new UnrolledXor(5);
    Path file = dir.resolve("xor.model");
    ModelFile.save(model, file);
    byte[] bytes = Files.readAllBytes(file);
    int count = model.parameterCount();
    String header =
        "unroll-model 1\n"
            + "name UnrolledXor\n"
            + "inputs 2\n"
            + "loss binary cross-entropy\n"
            + "layer hidden 8 tanh\n"
            + "layer output 1 sigmoid\n"
            + "parameters "
            + count
            + "\n"
            + "end\n";
    byte[] headerBytes = header.getBytes(UTF_8);

    assertEquals(headerBytes.length + 8 * count + 4, bytes.length);
    assertEquals(header, new String(bytes, 0, headerBytes.length, UTF_8));
    ByteBuffer body = ByteBuffer.wrap(bytes); // big-endian unless told otherwise
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = body.getDouble(headerBytes.length + 8 * i);
    }
    assertArrayEquals(bits(model.parameters()), bits(values));
    assertEquals(crc32c(bytes, bytes.length - 4), body.getInt(bytes.length - 4));
  }

  @Test
  void theDocumentedChecksumIsCrc32c() {
    byte[] text = "123456789".getBytes(US_ASCII);
    assertEquals(0xE3069283, crc32c(text, text.length));
  }

  @Test
  void describeShowsTheHeaderWithTheLayers() throws IOException {
    Model model = new UnrolledThreeClasses(1);
    Path file = dir.resolve("three.model");
    ModelFile.save(model, file);

    String description = ModelFile.describe(file);

    byte[] bytes = Files.readAllBytes(file);
    assertEquals(new String(bytes, 0, headerLength(bytes), UTF_8), description);
    assertTrue(description.startsWith("unroll-model 1\n"), description);
    assertTrue(description.endsWith("\nend\n"), description);
    List<String> lines = description.lines().collect(Collectors.toList());
    assertTrue(lines.contains("name UnrolledThreeClasses"), description);
    assertTrue(lines.contains("inputs 2"), description);
    assertTrue(lines.contains("loss categorical cross-entropy"), description);
    assertTrue(lines.contains("layer hidden 40 relu"), description);
    assertTrue(lines.contains("layer output 3 softmax"), description);
    assertTrue(lines.contains("parameters " + model.parameterCount()), description);
  }

  @Test
  void describeRefusesAFileThatIsNotAModel() throws IOException {
    Path file = dir.resolve("data.csv");
    Files.writeString(file, "x,y,label\n0.5,1.5,1\n");
    ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.describe(file));
    assertEquals(Problem.NOT_A_MODEL_FILE, e.problem());
    assertContains(file.toString(), e.getMessage());
  }

  // ---------------------------------------------------------------- refusals

  @Test
  void anotherArchitectureIsRefusedNamingTheDifference() throws IOException {
    Path file = savedXor("xor.model");
    Object[][] cases = {
      {new UnrolledModelFileTest_Wide(1), "units of layer 1 'hidden' (file 8, model 12)"},
      {new UnrolledModelFileTest_Relu(1), "activation of layer 1 'hidden' (file tanh, model relu)"},
      {new UnrolledModelFileTest_ThreeInputs(1), "input size (file 2, model 3)"},
      {new UnrolledModelFileTest_Deep(1), "layer count (file 2, model 3)"},
      {
        new UnrolledModelFileTest_Squared(1),
        "loss (file binary cross-entropy, model mean squared error)"
      },
    };
    for (Object[] c : cases) {
      Model model = (Model) c[0];
      String message = refused(model, file, Problem.WRONG_ARCHITECTURE).getMessage();
      assertContains((String) c[1], message);
      assertContains("file:  UnrolledXor: 2 inputs -> hidden 8 tanh -> output 1 sigmoid", message);
      assertContains("model: " + model.architecture().name() + ": ", message);
    }
  }

  @Test
  void aSoftmaxNetworkRefusesASigmoidFileListingEveryDifference() throws IOException {
    Path file = savedXor("xor.model");
    String message =
        refused(new UnrolledThreeClasses(1), file, Problem.WRONG_ARCHITECTURE).getMessage();
    assertContains("units of layer 1 'hidden' (file 8, model 40)", message);
    assertContains("units of layer 2 'output' (file 1, model 3)", message);
    assertContains("activation of layer 1 'hidden' (file tanh, model relu)", message);
    assertContains("activation of layer 2 'output' (file sigmoid, model softmax)", message);
    assertContains("loss (file binary cross-entropy, model categorical cross-entropy)", message);
  }

  @Test
  void truncatedFilesAreRefusedSayingWhatIsMissing() throws IOException {
    Path original = savedXor("xor.model");
    byte[] bytes = Files.readAllBytes(original);
    int header = headerLength(bytes);
    int count = new UnrolledXor(1).parameterCount();
    int full = header + 8 * count + 4;
    assertEquals(full, bytes.length);
    int insideLayerLine = new String(bytes, US_ASCII).indexOf("layer output") + 3;

    // Cut inside the header: the line the file ends in is the one after the last line feed.
    for (int length : new int[] {6, insideLayerLine, header - 1}) {
      Path file = dir.resolve("header-" + length);
      Files.write(file, Arrays.copyOf(bytes, length));
      int line = 1;
      for (int i = 0; i < length; i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      String message = refused(new UnrolledXor(2), file, Problem.TRUNCATED).getMessage();
      assertContains(
          "ends after " + length + " bytes, in line " + line + " of the header", message);
    }

    Path empty = dir.resolve("empty");
    Files.write(empty, new byte[0]);
    assertContains("is empty", refused(new UnrolledXor(2), empty, Problem.TRUNCATED).getMessage());

    // Cut after the header: the expected and actual lengths, and what survived.
    Object[][] cases = {
      {header, "only 0 of the " + count + " parameters are complete"},
      {header + 8 * 5 + 3, "only 5 of the " + count + " parameters are complete"},
      {header + 8 * count - 1, "only " + (count - 1) + " of the " + count + " parameters"},
      {header + 8 * count, "all " + count + " parameters are there, but only 0 of the checksum's"},
      {full - 1, "all " + count + " parameters are there, but only 3 of the checksum's 4 bytes"},
    };
    for (Object[] c : cases) {
      int length = (Integer) c[0];
      Path file = dir.resolve("cut-" + length);
      Files.write(file, Arrays.copyOf(bytes, length));
      String message = refused(new UnrolledXor(2), file, Problem.TRUNCATED).getMessage();
      assertContains("should be " + full + " bytes long", message);
      assertContains("but it has " + length + " bytes", message);
      assertContains((String) c[1], message);
    }
  }

  @Test
  void aFlippedBitIsRefusedAsCorrupted() throws IOException {
    Path original = savedXor("xor.model");
    byte[] bytes = Files.readAllBytes(original);
    int header = headerLength(bytes);
    int lossText = new String(bytes, US_ASCII).indexOf("binary");
    int[][] flips = {
      {header + 8 * 7 + 3, 0x10}, // a parameter's mantissa
      {header, 0x80}, // the first parameter's sign
      {lossText, 0x01}, // "binary" becomes "cinary": still a well-formed header
      {bytes.length - 2, 0x04}, // the stored checksum itself
    };
    for (int[] flip : flips) {
      byte[] damaged = bytes.clone();
      damaged[flip[0]] ^= (byte) flip[1];
      Path file = dir.resolve("flipped-" + flip[0]);
      Files.write(file, damaged);

      String message = refused(new UnrolledXor(2), file, Problem.CORRUPTED).getMessage();

      int stored = ByteBuffer.wrap(damaged).getInt(damaged.length - 4);
      int actual = crc32c(damaged, damaged.length - 4);
      assertContains("checksum", message);
      assertContains(String.format(Locale.ROOT, "0x%08x", stored), message);
      assertContains(String.format(Locale.ROOT, "0x%08x", actual), message);
    }
  }

  @Test
  void aFlippedBitInALayerSizeIsRefusedAsCorruptedNotAsAnotherArchitecture() throws IOException {
    Path original = savedXor("xor.model");
    byte[] bytes = Files.readAllBytes(original);
    byte[] damaged = bytes.clone();
    damaged[new String(bytes, US_ASCII).indexOf("hidden 8") + "hidden ".length()] ^= 0x01;
    Path file = dir.resolve("nine.model");
    Files.write(file, damaged);

    String message = refused(new UnrolledXor(2), file, Problem.CORRUPTED).getMessage();

    int nine = 9 * (2 + 1) + 1 * (9 + 1);
    assertContains("announces 33 parameters, but its inputs and layers need " + nine, message);
  }

  @Test
  void bytesAfterTheChecksumAreRefused() throws IOException {
    Path original = savedXor("xor.model");
    byte[] bytes = Files.readAllBytes(original);

    Path appended = dir.resolve("appended.model");
    Files.write(appended, Arrays.copyOf(bytes, bytes.length + 5));
    String message = refused(new UnrolledXor(2), appended, Problem.TRAILING_BYTES).getMessage();
    assertContains("has 5 bytes after its checksum", message);
    assertContains(
        "should be " + bytes.length + " bytes long, but it is " + (bytes.length + 5), message);

    Path twice = dir.resolve("twice.model");
    Files.write(twice, bytes);
    Files.write(twice, bytes, StandardOpenOption.APPEND);
    assertContains(
        "has " + bytes.length + " bytes after its checksum",
        refused(new UnrolledXor(2), twice, Problem.TRAILING_BYTES).getMessage());
  }

  @Test
  void otherFilesAreRefusedAsNotModelFiles() throws IOException {
    Path csv = dir.resolve("data.csv");
    Files.writeString(csv, "x,y,label\n0.5,1.5,1\n");
    String message = refused(new UnrolledXor(2), csv, Problem.NOT_A_MODEL_FILE).getMessage();
    assertContains("not an Unroll model file", message);
    assertContains("begins with 'x,y,label\\x0a0.5,1.5,1\\x0a'", message);

    Path png = dir.resolve("chart.png");
    Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    assertContains(
        "'\\x89PNG\\x0d\\x0a\\x1a\\x0a'",
        refused(new UnrolledXor(2), png, Problem.NOT_A_MODEL_FILE).getMessage());
  }

  @Test
  void anotherFormatVersionIsRefused() throws IOException {
    byte[] bytes = Files.readAllBytes(savedXor("xor.model"));
    String text = new String(bytes, US_ASCII);
    assertTrue(text.startsWith("unroll-model 1\n"));
    byte[] newer = bytes.clone();
    newer["unroll-model ".length()] = '2';
    Path file = dir.resolve("newer.model");
    Files.write(file, newer);

    String message = refused(new UnrolledXor(2), file, Problem.UNSUPPORTED_VERSION).getMessage();

    assertContains("format version 2", message);
    assertContains("reads only version 1", message);
  }

  @Test
  void windowsLineEndingsAreRefusedWithTheReason() throws IOException {
    byte[] bytes = Files.readAllBytes(savedXor("xor.model"));
    int header = headerLength(bytes);
    String crlf = new String(bytes, 0, header, UTF_8).replace("\n", "\r\n");
    Path file = dir.resolve("crlf.model");
    Files.write(file, crlf.getBytes(UTF_8));
    Files.write(file, Arrays.copyOfRange(bytes, header, bytes.length), StandardOpenOption.APPEND);

    String message = refused(new UnrolledXor(2), file, Problem.CORRUPTED).getMessage();

    assertContains("line 1 ends with a carriage return", message);
  }

  @Test
  void nonFiniteParametersAreRefusedNamingTheFirst() throws IOException {
    Model saved = new UnrolledXor(1);
    Path original = dir.resolve("xor.model");
    ModelFile.save(saved, original);
    byte[] bytes = Files.readAllBytes(original);
    putParameter(bytes, 10, Double.NaN);
    putParameter(bytes, 30, Double.NEGATIVE_INFINITY);
    Path file = dir.resolve("nan.model");
    Files.write(file, bytes);

    String message = refused(new UnrolledXor(2), file, Problem.NON_FINITE_PARAMETERS).getMessage();

    assertContains("holds 2 NaN or infinite values", message);
    assertContains(saved.architecture().parameterName(10) + " = NaN", message);
  }

  @Test
  void aMissingFileIsAnIoErrorAndLeavesTheModelAlone() {
    Model model = new UnrolledXor(2);
    long[] before = bits(model.parameters());
    assertThrows(NoSuchFileException.class, () -> ModelFile.load(model, dir.resolve("none")));
    assertArrayEquals(before, bits(model.parameters()));
  }

  // ---------------------------------------------------------------- saving safely

  @Test
  void savingOverAnExistingFileReplacesIt() throws IOException {
    Path file = dir.resolve("xor.model");
    Model first = new UnrolledXor(1);
    Model second = new UnrolledXor(2);
    ModelFile.save(first, file);
    byte[] before = Files.readAllBytes(file);

    ModelFile.save(second, file);

    assertFalse(Arrays.equals(before, Files.readAllBytes(file)));
    Model loaded = new UnrolledXor(3);
    ModelFile.load(loaded, file);
    assertArrayEquals(bits(second.parameters()), bits(loaded.parameters()));
    assertEquals(List.of("xor.model"), filesInDir());
  }

  @Test
  void aSaveThatFailsMidwayKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = savedXor("xor.model");
    byte[] before = Files.readAllBytes(file);
    IllegalStateException failure = new IllegalStateException("the parameters are unavailable");
    List<List<String>> seenWhileSaving = new ArrayList<>();
    Model failing =
        new Delegating(
            new UnrolledXor(2),
            () -> {
              try {
                seenWhileSaving.add(filesInDir());
              } catch (IOException e) {
                throw new AssertionError(e);
              }
              throw failure;
            });

    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> ModelFile.save(failing, file));

    assertSame(failure, thrown);
    assertEquals(1, seenWhileSaving.size());
    assertEquals(2, seenWhileSaving.get(0).size(), "a new file is written beside the old one");
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of("xor.model"), filesInDir());
  }

  @Test
  void aModelWithNonFiniteParametersIsNotSaved() throws IOException {
    Path file = savedXor("xor.model");
    byte[] before = Files.readAllBytes(file);
    Model diverged = new UnrolledXor(2);
    Model failing =
        new Delegating(
            diverged,
            () -> {
              double[] values = diverged.parameters();
              values[4] = Double.POSITIVE_INFINITY;
              return values;
            });

    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, () -> ModelFile.save(failing, file));

    assertContains(diverged.architecture().parameterName(4) + " = Infinity", thrown.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of("xor.model"), filesInDir());
  }

  @Test
  void savingIntoAMissingDirectoryFailsAndCreatesNothing() throws IOException {
    Path file = dir.resolve("missing").resolve("xor.model");
    assertThrows(NoSuchFileException.class, () -> ModelFile.save(new UnrolledXor(1), file));
    assertEquals(List.of(), filesInDir());
  }

  /** A model that forwards everything to another, except where its parameters come from. */
  private static final class Delegating implements Model {
    private final Model model;
    private final Supplier<double[]> parameters;

    Delegating(Model model, Supplier<double[]> parameters) {
      this.model = model;
      this.parameters = parameters;
    }

    @Override
    public int inputSize() {
      return model.inputSize();
    }

    @Override
    public int outputSize() {
      return model.outputSize();
    }

    @Override
    public int parameterCount() {
      return model.parameterCount();
    }

    @Override
    public double[] parameters() {
      return parameters.get();
    }

    @Override
    public void setParameters(double[] values) {
      model.setParameters(values);
    }

    @Override
    public Matrix forward(Matrix x) {
      return model.forward(x);
    }

    @Override
    public double cost(Matrix x, Matrix y) {
      return model.cost(x, y);
    }

    @Override
    public Gradients backward(Matrix x, Matrix y) {
      return model.backward(x, y);
    }

    @Override
    public double backward(Matrix x, Matrix y, double[] gradient) {
      return model.backward(x, y, gradient);
    }

    @Override
    public GradCheck gradcheck(Matrix x, Matrix y, GradCheck.Options options) {
      return model.gradcheck(x, y, options);
    }

    @Override
    public Architecture architecture() {
      return model.architecture();
    }
  }
}
