package dev.unroll.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import dev.unroll.Activation;
import dev.unroll.Loss;
import dev.unroll.runtime.GradCheck;
import dev.unroll.runtime.Matrix;
import dev.unroll.runtime.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The processor on random declarations, valid and broken: whatever it is given it never crashes and
 * never reports an internal error; a valid declaration compiles without a warning into a model
 * whose backpropagation passes its own gradient check; a broken one fails with Unroll's errors
 * only, one with the id of each fault that was planted, and no warning.
 *
 * <p>About 40% of the declarations are valid: 1 to 4 layers of 1 to 8 units, hidden activations of
 * every kind but never two sigmoids in a row (which would warn), any output under mean squared
 * error and a sigmoid one under binary cross-entropy. The rest carry one or two faults (see {@link
 * Fault}). Each declaration is compiled on its own. The seed is fixed for reproducible builds; set
 * {@code -Dunroll.seed=...} to explore others. A failure prints the seed and the declaration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RandomDeclarationPropertyTest {
  private static final long SEED = Long.getLong("unroll.seed", 20261204L);
  private static final int CASES = 500;
  private static final double VALID_SHARE = 0.4;

  private static final Activation[] HIDDEN = {
    Activation.RELU, Activation.TANH, Activation.LINEAR, Activation.SIGMOID
  };
  private static final Activation[] NOT_SIGMOID = {
    Activation.RELU, Activation.TANH, Activation.LINEAR
  };

  /**
   * Legal layer names, some of them spelled like what the generated class declares itself (its
   * fields, locals, matrices and overloads of Model's methods), which it must keep apart.
   */
  private static final String[] NAMES = {
    "hidden",
    "output",
    "encoder",
    "layer",
    "W1",
    "b1",
    "Z1",
    "A2",
    "dW1",
    "dZ2",
    "X",
    "Y",
    "m",
    "cache",
    "Cache",
    "seed",
    "theta",
    "random",
    "check",
    "options",
    "recorder",
    "ARCHITECTURE",
    "forward",
    "cost",
    "backward",
    "gradcheck",
    "equals",
    "setParameters"
  };

  /** Names the generated class already has as accessors. */
  private static final String[] RESERVED = {"parameters", "summary", "toString"};

  /** A mistake planted in a declaration, with the id of the error it must produce. */
  enum Fault {
    UNITS_BELOW_ONE("layer-units"),
    INPUTS_BELOW_ONE("network-inputs"),
    FIELD_TYPE("layer-type"),
    FIELD_MODIFIER("layer-modifier"),
    CROSS_ENTROPY_WITHOUT_SIGMOID("loss-output"),
    NO_LAYERS("network-no-layers"),
    NOT_A_CLASS("network-kind"),
    INNER_CLASS("network-inner"),
    RESERVED_NAME("layer-name-reserved"),
    TOO_MANY_PARAMETERS("network-too-large");

    final String id;

    Fault(String id) {
      this.id = id;
    }

    /**
     * Faults after which the processor rightly stops looking: on something other than a top-level
     * class nothing else is read, and the size is checked only once everything else is right.
     */
    boolean alone() {
      return this == NOT_A_CLASS || this == INNER_CLASS || this == TOO_MANY_PARAMETERS;
    }

    boolean combinesWith(Fault other) {
      if (this == other || alone() || other.alone()) {
        return false;
      }
      // Without layers, only the network's own values can be wrong as well.
      if (this == NO_LAYERS || other == NO_LAYERS) {
        return this == INPUTS_BELOW_ONE || other == INPUTS_BELOW_ONE;
      }
      return true;
    }
  }

  /** How the annotated type is declared. */
  enum Shape {
    CLASS,
    INTERFACE,
    ENUM,
    RECORD,
    INNER
  }

  /** One {@code @Layer} field. */
  static final class LayerField {
    String name;
    int units;
    Activation activation;
    String modifier = "";
    String type = "Dense";

    LayerField(String name, int units, Activation activation) {
      this.name = name;
      this.units = units;
      this.activation = activation;
    }

    String line(boolean needsInitializer) {
      boolean initialized = needsInitializer || modifier.equals("final");
      return "@Layer(units = "
          + units
          + ", activation = Activation."
          + activation
          + ") "
          + (modifier.isEmpty() ? "" : modifier + " ")
          + type
          + " "
          + name
          + (initialized ? (type.equals("int") ? " = 0" : " = null") : "")
          + ";";
    }
  }

  /** One random declaration, valid when it has no faults. */
  static final class Case {
    final int index;
    int inputs;
    Loss loss;
    final List<LayerField> layers = new ArrayList<>();
    Shape shape = Shape.CLASS;
    final Set<Fault> faults = EnumSet.noneOf(Fault.class);

    /** For {@link Fault#TOO_MANY_PARAMETERS}, the layer that passes the limit. */
    String oversizedLayer;

    Case(int index) {
      this.index = index;
    }

    boolean valid() {
      return faults.isEmpty();
    }

    String fileName() {
      return "Case" + index;
    }

    String source() {
      String name = fileName();
      String network = "@Network(inputs = " + inputs + ", loss = Loss." + loss + ")";
      List<String> lines = new ArrayList<>();
      switch (shape) {
        case CLASS:
          lines.add(network);
          lines.add("class " + name + " {");
          layers.forEach(l -> lines.add("  " + l.line(false)));
          break;
        case INTERFACE:
          lines.add(network);
          lines.add("interface " + name + " {");
          layers.forEach(l -> lines.add("  " + l.line(true)));
          break;
        case ENUM:
          lines.add(network);
          lines.add("enum " + name + " {");
          lines.add("  ONLY;");
          layers.forEach(l -> lines.add("  " + l.line(false)));
          break;
        case RECORD:
          lines.add(network);
          lines.add("record " + name + "(int size) {");
          break;
        case INNER:
          lines.add("class " + name + " {");
          lines.add("  " + network);
          lines.add("  class Net {");
          layers.forEach(l -> lines.add("    " + l.line(false)));
          lines.add("  }");
          break;
      }
      lines.add("}");
      return String.join("\n", lines);
    }

    JavaFileObject file() {
      return Sources.demo(fileName(), source());
    }

    /** Where a failure happened, to reproduce it: the seed and the file as compiled. */
    String where() {
      String text;
      try {
        text = file().getCharContent(true).toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return "seed "
          + SEED
          + ", case "
          + index
          + (valid() ? " (valid)" : " (faults " + faults + ")")
          + ", demo/"
          + fileName()
          + ".java:\n"
          + text;
    }
  }

  private final List<Case> cases = new ArrayList<>();

  @BeforeAll
  void drawCases() {
    Random random = new Random(SEED);
    for (int i = 0; i < CASES; i++) {
      Case c = validCase(random, i);
      if (random.nextDouble() >= VALID_SHARE) {
        plantFaults(random, c);
      }
      cases.add(c);
    }
  }

  private static Case validCase(Random random, int index) {
    Case c = new Case(index);
    c.inputs = 1 + random.nextInt(8);
    c.loss = Loss.values()[random.nextInt(Loss.values().length)];
    int depth = 1 + random.nextInt(4);
    List<String> names = new ArrayList<>(List.of(NAMES));
    Activation previous = null;
    for (int l = 0; l < depth; l++) {
      boolean output = l == depth - 1;
      Activation activation;
      if (output) {
        activation =
            c.loss == Loss.BINARY_CROSS_ENTROPY
                ? Activation.SIGMOID
                : c.loss == Loss.CATEGORICAL_CROSS_ENTROPY
                    ? Activation.SOFTMAX
                    : HIDDEN[random.nextInt(HIDDEN.length)];
      } else if (previous == Activation.SIGMOID) {
        activation = NOT_SIGMOID[random.nextInt(NOT_SIGMOID.length)];
      } else {
        activation = HIDDEN[random.nextInt(HIDDEN.length)];
      }
      previous = activation;
      // Half the layers get a plain name, the rest one from NAMES, each name used once.
      String name =
          random.nextBoolean() ? "layer" + (l + 1) : names.remove(random.nextInt(names.size()));
      // Softmax needs two classes or more.
      int units = activation == Activation.SOFTMAX ? 2 + random.nextInt(7) : 1 + random.nextInt(8);
      c.layers.add(new LayerField(name, units, activation));
    }
    return c;
  }

  private static void plantFaults(Random random, Case c) {
    Fault[] all = Fault.values();
    Fault first = all[random.nextInt(all.length)];
    c.faults.add(first);
    if (!first.alone() && random.nextBoolean()) {
      List<Fault> partners = new ArrayList<>();
      for (Fault f : all) {
        if (first.combinesWith(f)) {
          partners.add(f);
        }
      }
      c.faults.add(partners.get(random.nextInt(partners.size())));
    }
    // Faults that remove or reshape layers first, so that the others find the layers they touch.
    if (c.faults.contains(Fault.NO_LAYERS)) {
      c.layers.clear();
    }
    for (Fault fault : c.faults) {
      plant(random, c, fault);
    }
  }

  private static void plant(Random random, Case c, Fault fault) {
    LayerField some = c.layers.isEmpty() ? null : c.layers.get(random.nextInt(c.layers.size()));
    switch (fault) {
      case UNITS_BELOW_ONE:
        some.units = -random.nextInt(3);
        break;
      case INPUTS_BELOW_ONE:
        c.inputs = -random.nextInt(3);
        break;
      case FIELD_TYPE:
        some.type = random.nextBoolean() ? "String" : "int";
        break;
      case FIELD_MODIFIER:
        some.modifier = List.of("private", "static", "final").get(random.nextInt(3));
        break;
      case CROSS_ENTROPY_WITHOUT_SIGMOID:
        c.loss = Loss.BINARY_CROSS_ENTROPY;
        c.layers.get(c.layers.size() - 1).activation =
            NOT_SIGMOID[random.nextInt(NOT_SIGMOID.length)];
        break;
      case NO_LAYERS:
        break;
      case NOT_A_CLASS:
        c.shape = List.of(Shape.INTERFACE, Shape.ENUM, Shape.RECORD).get(random.nextInt(3));
        break;
      case INNER_CLASS:
        c.shape = Shape.INNER;
        break;
      case RESERVED_NAME:
        some.name = RESERVED[random.nextInt(RESERVED.length)];
        break;
      case TOO_MANY_PARAMETERS:
        {
          // One layer of at least 46341 x 46341 weights: more than 2^31 - 9 on its own.
          int l = random.nextInt(c.layers.size());
          int wide = 46341 + random.nextInt(50000);
          if (l == 0) {
            c.inputs = wide;
          } else {
            c.layers.get(l - 1).units = wide;
          }
          c.layers.get(l).units = 46341 + random.nextInt(50000);
          c.oversizedLayer = c.layers.get(l).name;
          break;
        }
    }
  }

  @Test
  void casesCoverEveryFaultAndEveryValidOutput() {
    long valid = cases.stream().filter(Case::valid).count();
    assertTrue(valid >= CASES * 0.35 && valid <= CASES * 0.45, valid + " valid cases");
    Set<Fault> faults = EnumSet.noneOf(Fault.class);
    Set<String> pairs = new HashSet<>();
    Set<Shape> shapes = EnumSet.noneOf(Shape.class);
    Set<String> outputs = new HashSet<>();
    Set<Integer> depths = new HashSet<>();
    for (Case c : cases) {
      faults.addAll(c.faults);
      shapes.add(c.shape);
      if (c.faults.size() == 2) {
        pairs.add(c.faults.toString());
      }
      if (c.valid()) {
        outputs.add(c.layers.get(c.layers.size() - 1).activation + "/" + c.loss);
        depths.add(c.layers.size());
      }
    }
    assertEquals(EnumSet.allOf(Fault.class), faults);
    assertEquals(EnumSet.allOf(Shape.class), shapes);
    assertTrue(pairs.size() >= 10, "pairs of faults: " + pairs);
    // Every output but softmax under mean squared error, the sigmoid under binary cross-entropy
    // and softmax under categorical cross-entropy.
    assertEquals(HIDDEN.length + 2, outputs.size(), outputs.toString());
    assertEquals(Set.of(1, 2, 3, 4), depths);
  }

  @Test
  void validDeclarationsCompileWithoutWarningsAndPassTheirOwnGradientCheck() throws Exception {
    Random random = new Random(SEED + 1);
    long start = System.nanoTime();
    int checked = 0;
    for (Case c : cases) {
      if (!c.valid()) {
        continue;
      }
      Compilation compilation = compile(c);
      assertNoInternalError(c, compilation);
      assertEquals(
          Compilation.Status.SUCCESS, compilation.status(), c.where() + describe(compilation));
      assertTrue(compilation.warnings().isEmpty(), c.where() + describe(compilation));

      Model model =
          (Model)
              Sources.classLoader(compilation)
                  .loadClass("demo.Unrolled" + c.fileName())
                  .getConstructor(long.class)
                  .newInstance(random.nextLong());
      int m = 1 + random.nextInt(8);
      double[][] x = new double[c.inputs][m];
      double[][] y = new double[model.outputSize()][m];
      for (double[] row : x) {
        for (int j = 0; j < m; j++) {
          row[j] = random.nextGaussian();
        }
      }
      for (double[] row : y) {
        for (int j = 0; j < m; j++) {
          row[j] = c.loss == Loss.BINARY_CROSS_ENTROPY ? random.nextInt(2) : random.nextGaussian();
        }
      }
      if (c.loss == Loss.CATEGORICAL_CROSS_ENTROPY) {
        for (int j = 0; j < m; j++) {
          int label = random.nextInt(y.length);
          for (int i = 0; i < y.length; i++) {
            y[i][j] = i == label ? 1 : 0;
          }
        }
      }
      GradCheck check =
          model.gradcheck(Matrix.of(x), Matrix.of(y), GradCheck.options().epsilon(1e-6));
      String where = c.where() + "m = " + m + "\n" + check;
      assertTrue(check.relativeDifference() < 1e-5, where);
      assertTrue(check.failures().isEmpty(), where);
      checked++;
    }
    System.out.printf(
        Locale.ROOT,
        "%d valid declarations compiled and gradient-checked in %.1f s (seed %d)%n",
        checked,
        (System.nanoTime() - start) / 1e9,
        SEED);
  }

  @Test
  void invalidDeclarationsFailWithAnUnrollErrorForEachFault() {
    long start = System.nanoTime();
    int checked = 0;
    for (Case c : cases) {
      if (c.valid()) {
        continue;
      }
      Compilation compilation = compile(c);
      assertNoInternalError(c, compilation);
      String diagnostics = describe(compilation);
      assertEquals(Compilation.Status.FAILURE, compilation.status(), c.where() + diagnostics);
      assertFalse(compilation.errors().isEmpty(), c.where() + diagnostics);
      assertTrue(compilation.warnings().isEmpty(), c.where() + diagnostics);
      for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
        assertTrue(
            error.getMessage(Locale.ROOT).contains("[unroll:"),
            c.where() + "an error not from Unroll:\n" + diagnostics);
      }
      for (Fault fault : c.faults) {
        assertTrue(
            compilation.errors().stream()
                .anyMatch(e -> e.getMessage(Locale.ROOT).contains("[unroll:" + fault.id + "]")),
            c.where() + "no [unroll:" + fault.id + "] among:\n" + diagnostics);
      }
      if (c.oversizedLayer != null) {
        assertTrue(
            diagnostics.contains("layer " + c.oversizedLayer + " passes the limit"),
            c.where() + diagnostics);
      }
      checked++;
    }
    System.out.printf(
        Locale.ROOT,
        "%d invalid declarations compiled in %.1f s (seed %d)%n",
        checked,
        (System.nanoTime() - start) / 1e9,
        SEED);
  }

  /** Compiles one declaration on its own; whatever happens inside, compile() must return. */
  private static Compilation compile(Case c) {
    try {
      return Sources.compiler().compile(c.file());
    } catch (RuntimeException | Error e) {
      throw new AssertionError(c.where() + "compile() threw " + e, e);
    }
  }

  private static void assertNoInternalError(Case c, Compilation compilation) {
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      if (d.getMessage(Locale.ROOT).contains("[unroll:internal]")) {
        fail(c.where() + "internal error:\n" + describe(compilation));
      }
    }
  }

  private static String describe(Compilation compilation) {
    return compilation.diagnostics().stream()
        .map(d -> d.getKind() + " at line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .collect(Collectors.joining("\n"));
  }
}
