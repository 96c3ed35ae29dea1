package dev.unroll.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each mistake in a declaration is a diagnostic with its id, the facts that make it a mistake and
 * the fix, on the line that holds it. Every {@link Problem} has at least one test here; {@link
 * #everyProblemIdIsListedHereWithItsTest()} keeps it that way.
 */
class DiagnosticsTest {
  private static Compilation compile(JavaFileObject... sources) {
    return Sources.compiler().compile(sources);
  }

  @Test
  void everyProblemIdIsListedHereWithItsTest() {
    // Listed by hand: a new Problem fails here until it is added, with a test of its own below.
    Set<String> tested =
        Set.of(
            "network-kind",
            "network-inner",
            "network-local",
            "network-private",
            "network-name-taken",
            "network-no-layers",
            "network-inputs",
            "network-too-large",
            "loss-output",
            "loss-softmax",
            "loss-categorical",
            "softmax-hidden",
            "softmax-one-unit",
            "stacked-sigmoid",
            "layer-units",
            "layer-modifier",
            "layer-type",
            "layer-outside-network",
            "layer-name-reserved",
            "scalar-too-large",
            "option-scalar-limit",
            "write-failed",
            "internal");
    Set<String> ids = new HashSet<>();
    for (Problem problem : Problem.values()) {
      ids.add(problem.id());
    }
    assertEquals(tested, ids);
  }

  // ---------------------------------------------------------------- unrolling

  @Test
  void scalarUnrollingOfAHugeLayerIsReportedAtTheUnrollingValue() {
    JavaFileObject source =
        Sources.demo(
            "Big",
            "@Network(inputs = 100, loss = Loss.MEAN_SQUARED_ERROR,",
            "    unrolling = Unrolling.SCALAR)",
            "class Big {",
            "  @Layer(units = 50, activation = Activation.TANH) Dense hidden;",
            "  @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:scalar-too-large] unrolling = SCALAR, but layer hidden has 5,000 weights")
        .inFile(source)
        .onLineContaining("unrolling = Unrolling.SCALAR");
    assertThat(compilation).hadErrorContaining("Use Unrolling.AUTO");
  }

  @Test
  void scalarLimitOptionThatIsNotANumberWarnsAndFallsBackToTheDefault() {
    Compilation compilation =
        Sources.compiler()
            .withOptions("-Xlint:all", "-Aunroll.scalarLimit=lots")
            .compile(UnrollProcessorTest.LAB);
    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining("[unroll:option-scalar-limit] -Aunroll.scalarLimit=lots is not");
    assertThat(compilation).generatedSourceFile("demo.UnrolledLab");
  }

  @Test
  void scalarLimitOptionMovesLayersToTheKernel() {
    Compilation compilation =
        Sources.compiler()
            .withOptions("-Xlint:all", "-Aunroll.scalarLimit=0")
            .compile(UnrollProcessorTest.LAB);
    assertThat(compilation).succeededWithoutWarnings();
    String source = Sources.generatedSource(compilation, "demo.UnrolledLab");
    assertTrue(source.contains("Kernel.affineRelu(W1, X, b1, Z1, A1);"), source);
    assertFalse(source.contains("forward1("), source);
  }

  // ---------------------------------------------------------------- network-kind

  @Test
  void networkOnAnInterfaceIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Shape", "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)", "interface Shape {}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:network-kind] @Network goes on a class, but Shape is an" + " interface")
        .inFile(source)
        .onLineContaining("interface Shape");
    assertThat(compilation).hadErrorContaining("Declare the network as a class");
  }

  @Test
  void networkOnAnEnumIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Mode",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "enum Mode {",
            "  A;",
            "  @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[unroll:network-kind] @Network goes on a class, but Mode is an enum.")
        .inFile(source)
        .onLineContaining("enum Mode");
    assertThat(compilation).hadErrorContaining("Declare the network as a class");
  }

  @Test
  void networkOnARecordIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Point",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "record Point(int x, int y) {}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:network-kind] @Network goes on a class, but Point is a record.")
        .inFile(source)
        .onLineContaining("record Point");
    assertThat(compilation).hadErrorContaining("Declare the network as a class");
  }

  @Test
  void networkOnAnAnnotationTypeIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Marker",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "@interface Marker {}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:network-kind] @Network goes on a class, but Marker is an annotation type.")
        .inFile(source)
        .onLineContaining("@interface Marker");
    assertThat(compilation).hadErrorContaining("Declare the network as a class");
  }

  // ---------------------------------------------------------------- placement

  @Test
  void innerClassIsReportedWithItsOuterName() {
    JavaFileObject source =
        Sources.demo(
            "Outer",
            "class Outer {",
            "  @Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "  class Inner {",
            "    @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "  }",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[unroll:network-inner] @Network class Outer.Inner is an inner class")
        .inFile(source)
        .onLineContaining("class Inner");
    assertThat(compilation)
        .hadErrorContaining("Make it a top-level class or a static nested class.");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"enum Outer { A;", "record Outer(int a) {"})
  void innerClassOfAnEnumOrRecordIsReportedLikeThatOfAClass(String outer) {
    // A member class of an enum or a record is inner unless declared static, as in a class.
    JavaFileObject source =
        Sources.demo(
            "Outer",
            outer,
            "  @Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "  class Inner {",
            "    @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "  }",
            "}");
    assertThat(compile(source))
        .hadErrorContaining("[unroll:network-inner] @Network class Outer.Inner is an inner class")
        .inFile(source)
        .onLineContaining("class Inner");
  }

  @Test
  void localClassIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Host",
            "class Host {",
            "  void train() {",
            "    @Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "    class Local {",
            "      @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "    }",
            "  }",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation)
        .hadErrorContaining("[unroll:network-local] @Network class Local is local or anonymous")
        .inFile(source)
        .onLineContaining("class Local");
    assertThat(compilation).hadErrorContaining("Move it to the top level of its file.");
  }

  @Test
  void privateNestedClassIsReportedWithItsPackage() {
    JavaFileObject source =
        Sources.demo(
            "Outer",
            "class Outer {",
            "  @Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "  private static class Hidden {",
            "    @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "  }",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:network-private] @Network class Outer.Hidden is private; the generated class"
                + " in package demo cannot see it.")
        .inFile(source)
        .onLineContaining("class Hidden");
    assertThat(compilation).hadErrorContaining("Make it package-private or public.");
  }

  @Test
  void classInsideAPrivateClassIsReportedWithoutCallingItselfPrivate() {
    JavaFileObject source =
        Sources.demo(
            "Outer",
            "class Outer {",
            "  private static class Mid {",
            "    @Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "    static class Inner {",
            "      @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "    }",
            "  }",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[unroll:network-private]")
        .inFile(source)
        .onLineContaining("class Inner");
    // Inner itself is package-private: the message must blame Mid, whatever its wording.
    String message = compilation.errors().get(0).getMessage(Locale.ROOT);
    assertFalse(message.contains("Outer.Mid.Inner is private"), message);
  }

  @Test
  void userTypeWithTheGeneratedNameIsReported() {
    JavaFileObject lab =
        Sources.demo(
            "Lab",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Lab {",
            "  @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "}");
    JavaFileObject taken = Sources.demo("UnrolledLab", "class UnrolledLab {}");
    Compilation compilation = compile(lab, taken);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:network-name-taken] the generated class would be named UnrolledLab, but a"
                + " type of that name already exists. Rename Lab or the existing type.")
        .inFile(lab)
        .onLineContaining("class Lab");
  }

  // ---------------------------------------------------------------- the network's values

  @Test
  void networkWithoutLayersIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Empty", "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)", "class Empty {}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[unroll:network-no-layers] @Network class Empty declares no layers.")
        .inFile(source)
        .onLineContaining("class Empty");
    assertThat(compilation)
        .hadErrorContaining("@Layer(units = 1, activation = Activation.SIGMOID) Dense output;");
  }

  @Test
  void inputsBelowOneIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Net",
            "@Network(inputs = -1, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Net {",
            "  @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[unroll:network-inputs] inputs = -1")
        .inFile(source)
        .onLineContaining("inputs = -1");
    assertThat(compilation)
        .hadErrorContaining(
            "needs at least 1 input feature. Set inputs to the number of rows of X.");
  }

  @Test
  void networkTooLargeForOneArrayIsReportedAtTheLayerThatPassesTheLimit() {
    JavaFileObject source =
        Sources.demo(
            "Huge",
            "@Network(inputs = 100000, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Huge {",
            "  @Layer(units = 100000, activation = Activation.RELU) Dense wide;",
            "  @Layer(units = 100000, activation = Activation.LINEAR) Dense wider;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    // 2 x (100000 x 100000 + 100000) parameters, counted without overflow; the first layer alone
    // has 10,000,100,000 and so passes the limit.
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:network-too-large] this network has 20,000,200,000 parameters, more than one"
                + " Java array can hold (2,147,483,639); layer wide passes the limit.")
        .inFile(source)
        .onLineContaining("Dense wide;");
    assertThat(compilation).hadErrorContaining("Use fewer or smaller layers.");
  }

  @Test
  void networkTooLargeNamesALaterLayerWhenTheEarlierOnesFit() {
    JavaFileObject source =
        Sources.demo(
            "Huge",
            "@Network(inputs = 10, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Huge {",
            "  @Layer(units = 50000, activation = Activation.RELU) Dense fits;",
            "  @Layer(units = 50000, activation = Activation.RELU) Dense overflows;",
            "  @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    // 550,000 + 2,500,050,000 + 50,001 parameters.
    assertThat(compilation)
        .hadErrorContaining("this network has 2,500,650,001 parameters")
        .inFile(source)
        .onLineContaining("Dense overflows;");
    assertThat(compilation).hadErrorContaining("layer overflows passes the limit");
  }

  @Test
  void networkJustUnderTheLimitIsNotReportedAsTooLarge() {
    // Compiling the generated class would take too long; -proc:only runs just the processor.
    JavaFileObject source =
        Sources.demo(
            "Big",
            "@Network(inputs = 46339, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Big {",
            "  @Layer(units = 46339, activation = Activation.LINEAR) Dense out;",
            "}");
    // 46339 x 46339 + 46339 = 2,147,349,260 parameters, just below 2,147,483,639.
    Compilation compilation =
        Sources.compiler().withOptions("-Xlint:all", "-proc:only").compile(source);
    assertThat(compilation).succeededWithoutWarnings();
  }

  // ---------------------------------------------------------------- layers

  @Test
  void unitsBelowOneIsReportedAtTheLayer() {
    JavaFileObject source =
        Sources.demo(
            "Net",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Net {",
            "  @Layer(units = 0, activation = Activation.RELU) Dense hidden;",
            "  @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:layer-units] units = 0, but layer hidden needs at least 1 unit.")
        .inFile(source)
        .onLineContaining("units = 0");
    assertThat(compilation).hadErrorContaining("Set units to the layer's width.");
  }

  @Test
  void staticFieldIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Net",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Net {",
            "  @Layer(units = 1, activation = Activation.LINEAR) static Dense out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:layer-modifier] @Layer field out is static; a layer must be a non-private"
                + " instance field that is not final. Remove the static modifier.")
        .inFile(source)
        .onLineContaining("static Dense out");
  }

  @Test
  void privateFieldIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Net",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Net {",
            "  @Layer(units = 1, activation = Activation.LINEAR) private Dense out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[unroll:layer-modifier] @Layer field out is private")
        .inFile(source)
        .onLineContaining("private Dense out");
    assertThat(compilation).hadErrorContaining("Remove the private modifier.");
  }

  @Test
  void finalFieldIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Net",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Net {",
            "  @Layer(units = 1, activation = Activation.LINEAR) final Dense out = null;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[unroll:layer-modifier] @Layer field out is final")
        .inFile(source)
        .onLineContaining("final Dense out");
    assertThat(compilation).hadErrorContaining("Remove the final modifier.");
  }

  @Test
  void eachForbiddenModifierOfOneFieldIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Net",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Net {",
            "  @Layer(units = 1, activation = Activation.LINEAR)",
            "  private static final Dense out = null;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(3);
    for (String modifier : new String[] {"static", "private", "final"}) {
      assertThat(compilation)
          .hadErrorContaining("@Layer field out is " + modifier)
          .inFile(source)
          .onLineContaining("Dense out");
    }
  }

  @Test
  void fieldOfAnotherTypeIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Net",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Net {",
            "  @Layer(units = 1, activation = Activation.LINEAR) String out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:layer-type] @Layer field out has type java.lang.String; declare it as"
                + " dev.unroll.runtime.Dense.")
        .inFile(source)
        .onLineContaining("String out");
  }

  @Test
  void primitiveFieldIsReportedWithItsType() {
    JavaFileObject source =
        Sources.demo(
            "Net",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Net {",
            "  @Layer(units = 1, activation = Activation.LINEAR) int out;",
            "}");
    assertThat(compile(source))
        .hadErrorContaining("[unroll:layer-type] @Layer field out has type int;")
        .inFile(source)
        .onLineContaining("int out");
  }

  @Test
  void layerOutsideANetworkIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Plain",
            "class Plain {",
            "  @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:layer-outside-network] @Layer field out is in Plain, which has no @Network"
                + " annotation. Add @Network(inputs = ..., loss = ...) to the class.")
        .inFile(source)
        .onLineContaining("Dense out");
  }

  @Test
  void layerNamedLikeAModelMethodIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Net",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Net {",
            "  @Layer(units = 1, activation = Activation.LINEAR) Dense parameters;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:layer-name-reserved] layer parameters would get an accessor parameters(),"
                + " which the generated class already has (from Model). Rename the field.")
        .inFile(source)
        .onLineContaining("Dense parameters");
  }

  @Test
  void layerNamedLikeAnObjectMethodIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Net",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Net {",
            "  @Layer(units = 1, activation = Activation.LINEAR) Dense toString;",
            "}");
    assertThat(compile(source))
        .hadErrorContaining(
            "[unroll:layer-name-reserved] layer toString would get an accessor toString(), which"
                + " the generated class already has (from Object).")
        .inFile(source)
        .onLineContaining("Dense toString");
  }

  // ---------------------------------------------------------------- loss and activations

  @ParameterizedTest(name = "{0} output")
  @CsvSource(
      delimiter = '|',
      value = {"RELU | [0, ∞)", "TANH | (-1, 1)", "LINEAR | (-∞, ∞)"})
  void crossEntropyAfterANonSigmoidOutputIsReportedAtTheOutputLayer(
      String activation, String range) {
    JavaFileObject source =
        Sources.demo(
            "Net",
            "@Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)",
            "class Net {",
            "  @Layer(units = 3, activation = Activation.SIGMOID) Dense hidden;",
            "  @Layer(units = 1, activation = Activation." + activation + ") Dense out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:loss-output] BINARY_CROSS_ENTROPY takes the logarithm of the outputs, so they"
                + " must lie in (0, 1), but output layer out uses "
                + activation
                + ", whose outputs range over "
                + range
                + ".")
        .inFile(source)
        .onLineContaining("Dense out");
    assertThat(compilation)
        .hadErrorContaining(
            "Use activation = Activation.SIGMOID on the output layer, or loss ="
                + " Loss.MEAN_SQUARED_ERROR.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"BINARY_CROSS_ENTROPY", "MEAN_SQUARED_ERROR"})
  void softmaxWithAnotherLossIsReportedAtTheOutputLayer(String loss) {
    JavaFileObject source =
        Sources.demo(
            "Net",
            "@Network(inputs = 2, loss = Loss." + loss + ")",
            "class Net {",
            "  @Layer(units = 3, activation = Activation.RELU) Dense hidden;",
            "  @Layer(units = 3, activation = Activation.SOFTMAX) Dense out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:loss-softmax] output layer out uses SOFTMAX, which Unroll pairs only with"
                + " CATEGORICAL_CROSS_ENTROPY (the two derivatives combine into dZ = A - Y), but"
                + " loss = "
                + loss
                + ". Use loss = Loss.CATEGORICAL_CROSS_ENTROPY")
        .inFile(source)
        .onLineContaining("Dense out");
  }

  @Test
  void categoricalCrossEntropyWithoutSoftmaxIsReportedAtTheOutputLayer() {
    JavaFileObject source =
        Sources.demo(
            "Net",
            "@Network(inputs = 2, loss = Loss.CATEGORICAL_CROSS_ENTROPY)",
            "class Net {",
            "  @Layer(units = 3, activation = Activation.RELU) Dense hidden;",
            "  @Layer(units = 3, activation = Activation.SIGMOID) Dense out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:loss-categorical] CATEGORICAL_CROSS_ENTROPY needs each column of outputs to be"
                + " a probability distribution over the classes, but output layer out uses SIGMOID."
                + " Use activation = Activation.SOFTMAX on the output layer.")
        .inFile(source)
        .onLineContaining("Dense out");
  }

  @Test
  void softmaxOnAHiddenLayerIsReportedThere() {
    JavaFileObject source =
        Sources.demo(
            "Net",
            "@Network(inputs = 2, loss = Loss.CATEGORICAL_CROSS_ENTROPY)",
            "class Net {",
            "  @Layer(units = 4, activation = Activation.SOFTMAX) Dense hidden;",
            "  @Layer(units = 3, activation = Activation.SOFTMAX) Dense out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:softmax-hidden] layer hidden uses SOFTMAX, which Unroll supports only on the"
                + " output layer")
        .inFile(source)
        .onLineContaining("Dense hidden");
  }

  @Test
  void softmaxOverOneUnitIsReportedAtItsUnits() {
    JavaFileObject source =
        Sources.demo(
            "Net",
            "@Network(inputs = 2, loss = Loss.CATEGORICAL_CROSS_ENTROPY)",
            "class Net {",
            "  @Layer(units = 1, activation = Activation.SOFTMAX) Dense out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:softmax-one-unit] output layer out has 1 unit with SOFTMAX, whose output is"
                + " then always 1")
        .inFile(source)
        .onLineContaining("Dense out");
  }

  @Test
  void softmaxWithCategoricalCrossEntropyCompilesCleanlyInEveryForm() {
    for (String unrolling : new String[] {"AUTO", "SCALAR", "KERNEL"}) {
      JavaFileObject source =
          Sources.demo(
              "Net",
              "@Network(inputs = 2, loss = Loss.CATEGORICAL_CROSS_ENTROPY,",
              "    unrolling = Unrolling." + unrolling + ")",
              "class Net {",
              "  @Layer(units = 4, activation = Activation.TANH) Dense hidden;",
              "  @Layer(units = 3, activation = Activation.SOFTMAX) Dense out;",
              "}");
      Compilation compilation = compile(source);
      assertThat(compilation).succeededWithoutWarnings();
      String generated = Sources.generatedSource(compilation, "demo.UnrolledNet");
      org.junit.jupiter.api.Assertions.assertTrue(
          generated.contains("Kernel.softmax(Z2, A2);"), generated);
      org.junit.jupiter.api.Assertions.assertTrue(
          generated.contains("Costs.categoricalCrossEntropyFromLogits(w.Z2, Y)"), generated);
    }
  }

  @Test
  void stackedSigmoidHiddenLayersWarnAtTheSecond() {
    JavaFileObject source =
        Sources.demo(
            "Deep",
            "@Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)",
            "class Deep {",
            "  @Layer(units = 4, activation = Activation.SIGMOID) Dense first;",
            "  @Layer(units = 4, activation = Activation.SIGMOID) Dense second;",
            "  @Layer(units = 1, activation = Activation.SIGMOID) Dense out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(
            "[unroll:stacked-sigmoid] hidden layers first and second are stacked SIGMOID layers.")
        .inFile(source)
        .onLineContaining("Dense second");
    assertThat(compilation).hadWarningContaining("Prefer RELU or TANH for hidden layers.");
    assertThat(compilation)
        .hadWarningContaining(
            "put @SuppressWarnings(\"unroll:stacked-sigmoid\") on the class, or pass"
                + " -Aunroll.suppress=stacked-sigmoid to javac.");
    assertThat(compilation).generatedSourceFile("demo.UnrolledDeep");
  }

  @Test
  void aRunOfThreeStackedSigmoidsWarnsOnce() {
    JavaFileObject source =
        Sources.demo(
            "Deep",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Deep {",
            "  @Layer(units = 4, activation = Activation.SIGMOID) Dense first;",
            "  @Layer(units = 4, activation = Activation.SIGMOID) Dense second;",
            "  @Layer(units = 4, activation = Activation.SIGMOID) Dense third;",
            "  @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining("[unroll:stacked-sigmoid] hidden layers first and second")
        .inFile(source)
        .onLineContaining("Dense second");
  }

  @Test
  void stackedSigmoidIsSilencedBySuppressWarningsOnTheClass() {
    JavaFileObject source =
        Sources.demo(
            "Deep",
            "@SuppressWarnings(\"unroll:stacked-sigmoid\")",
            "@Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)",
            "class Deep {",
            "  @Layer(units = 4, activation = Activation.SIGMOID) Dense first;",
            "  @Layer(units = 4, activation = Activation.SIGMOID) Dense second;",
            "  @Layer(units = 1, activation = Activation.SIGMOID) Dense out;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("demo.UnrolledDeep");
  }

  @Test
  void stackedSigmoidIsSilencedByTheSuppressOption() {
    JavaFileObject source =
        Sources.demo(
            "Deep",
            "@Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)",
            "class Deep {",
            "  @Layer(units = 4, activation = Activation.SIGMOID) Dense first;",
            "  @Layer(units = 4, activation = Activation.SIGMOID) Dense second;",
            "  @Layer(units = 1, activation = Activation.SIGMOID) Dense out;",
            "}");
    Compilation compilation =
        Sources.compiler()
            .withOptions("-Xlint:all", "-Aunroll.suppress=stacked-sigmoid")
            .compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("demo.UnrolledDeep");
  }

  @Test
  void sigmoidHiddenLayerFollowedByAnotherActivationDoesNotWarn() {
    JavaFileObject source =
        Sources.demo(
            "Mixed",
            "@Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)",
            "class Mixed {",
            "  @Layer(units = 4, activation = Activation.SIGMOID) Dense first;",
            "  @Layer(units = 4, activation = Activation.TANH) Dense second;",
            "  @Layer(units = 4, activation = Activation.SIGMOID) Dense third;",
            "  @Layer(units = 1, activation = Activation.SIGMOID) Dense out;",
            "}");
    // The sigmoid output after the sigmoid `third` is what binary cross-entropy needs, not a
    // stacked hidden layer.
    assertThat(compile(source)).succeededWithoutWarnings();
  }

  // ---------------------------------------------------------------- failures of our own

  @Test
  void unwritableOutputIsAnErrorOnTheDeclarationNotACrash() {
    JavaFileObject source =
        Sources.demo(
            "Lab",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Lab {",
            "  @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "}");
    Compilation compilation =
        assertDoesNotThrow(
            () -> Compiler.javac().withProcessors(new ReadOnlyOutput()).compile(source));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:write-failed] could not write UnrolledLab.java: Read-only file system. Check"
                + " that the generated-sources folder is writable.")
        .inFile(source)
        .onLineContaining("class Lab");
  }

  @Test
  void twoDeclarationsClaimingOneGeneratedNameAreAnErrorNotACrash() {
    // Outer.Inner and Outer_Inner both map to UnrolledOuter_Inner; only one can be written.
    JavaFileObject nested =
        Sources.demo(
            "Outer",
            "class Outer {",
            "  @Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "  static class Inner {",
            "    @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "  }",
            "}");
    JavaFileObject flat =
        Sources.demo(
            "Outer_Inner",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Outer_Inner {",
            "  @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "}");
    Compilation compilation = assertDoesNotThrow(() -> compile(nested, flat));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("UnrolledOuter_Inner")
        .inFile(flat)
        .onLineContaining("class Outer_Inner");
    assertThat(compilation).hadErrorContaining("[unroll:");
  }

  @Test
  void exceptionInTheWriterIsAnErrorOnTheDeclarationNotACrash() {
    JavaFileObject source =
        Sources.demo(
            "Lab",
            "@Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)",
            "class Lab {",
            "  @Layer(units = 3, activation = Activation.RELU) Dense hidden;",
            "  @Layer(units = 1, activation = Activation.SIGMOID) Dense output;",
            "}");
    UnrollProcessor failing =
        new UnrollProcessor(
            model -> {
              throw new IllegalStateException("boom");
            });
    Compilation compilation =
        assertDoesNotThrow(() -> Compiler.javac().withProcessors(failing).compile(source));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[unroll:internal] Unroll could not process Lab because of an unexpected"
                + " IllegalStateException. This is a bug in Unroll; please report it")
        .inFile(source)
        .onLineContaining("class Lab");
    assertThat(compilation).hadErrorContaining("java.lang.IllegalStateException: boom");
  }

  // ---------------------------------------------------------------- notes

  @Test
  void verboseOptionNotesTheGeneratedClassAndEachLayer() {
    JavaFileObject source =
        Sources.demo(
            "Lab",
            "@Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)",
            "class Lab {",
            "  @Layer(units = 3, activation = Activation.RELU) Dense hidden;",
            "  @Layer(units = 1, activation = Activation.SIGMOID) Dense output;",
            "}");
    Compilation compilation =
        Sources.compiler().withOptions("-Xlint:all", "-Aunroll.verbose").compile(source);
    assertThat(compilation).succeeded();
    assertTrue(compilation.warnings().isEmpty(), compilation.warnings().toString());
    assertThat(compilation)
        .hadNoteContaining("Unroll generated UnrolledLab in ")
        .inFile(source)
        .onLineContaining("class Lab");
    assertThat(compilation).hadNoteContaining("ms: 2 inputs, binary cross-entropy");
    assertThat(compilation).hadNoteContaining("layer 1 hidden: dense 2 -> 3, relu");
    assertThat(compilation).hadNoteContaining("layer 2 output: dense 3 -> 1, sigmoid");
  }

  @Test
  void successfulCompilationWithoutVerboseHasNoNotes() {
    JavaFileObject source =
        Sources.demo(
            "Lab",
            "@Network(inputs = 2, loss = Loss.BINARY_CROSS_ENTROPY)",
            "class Lab {",
            "  @Layer(units = 3, activation = Activation.RELU) Dense hidden;",
            "  @Layer(units = 1, activation = Activation.SIGMOID) Dense output;",
            "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertTrue(compilation.notes().isEmpty(), compilation.notes().toString());
  }

  // ---------------------------------------------------------------- several at once

  @Test
  void everyBrokenNetworkIsReportedAndTheGoodOneStillGenerated() {
    JavaFileObject source =
        Sources.demo(
            "Many",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Many {",
            "  @Layer(units = 0, activation = Activation.LINEAR) Dense out;",
            "}",
            "@Network(inputs = 0, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Second {",
            "  @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "}",
            "@Network(inputs = 1, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Good {",
            "  @Layer(units = 1, activation = Activation.LINEAR) Dense out;",
            "}");
    Compilation compilation =
        Sources.compiler().withOptions("-Xlint:all", "-Aunroll.verbose").compile(source);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("[unroll:layer-units]");
    assertThat(compilation).hadErrorContaining("[unroll:network-inputs]");
    // javac keeps no files from a failed compilation; the verbose note shows what was written.
    assertThat(compilation).hadNoteContaining("Unroll generated UnrolledGood");
  }

  // ---------------------------------------------------------------- helpers

  /** The processor, given a Filer that refuses every file as a read-only disk would. */
  private static final class ReadOnlyOutput implements Processor {
    private final Processor delegate = new UnrollProcessor();

    @Override
    public void init(ProcessingEnvironment env) {
      delegate.init(
          new ProcessingEnvironment() {
            @Override
            public Map<String, String> getOptions() {
              return env.getOptions();
            }

            @Override
            public Messager getMessager() {
              return env.getMessager();
            }

            @Override
            public Filer getFiler() {
              return READ_ONLY;
            }

            @Override
            public Elements getElementUtils() {
              return env.getElementUtils();
            }

            @Override
            public Types getTypeUtils() {
              return env.getTypeUtils();
            }

            @Override
            public SourceVersion getSourceVersion() {
              return env.getSourceVersion();
            }

            @Override
            public Locale getLocale() {
              return env.getLocale();
            }
          });
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }

    @Override
    public Iterable<? extends Completion> getCompletions(
        Element element, AnnotationMirror annotation, ExecutableElement member, String text) {
      return delegate.getCompletions(element, annotation, member, text);
    }

    private static final Filer READ_ONLY =
        new Filer() {
          @Override
          public JavaFileObject createSourceFile(CharSequence name, Element... origins)
              throws IOException {
            throw new IOException("Read-only file system");
          }

          @Override
          public JavaFileObject createClassFile(CharSequence name, Element... origins)
              throws IOException {
            throw new IOException("Read-only file system");
          }

          @Override
          public FileObject createResource(
              JavaFileManager.Location location,
              CharSequence moduleAndPkg,
              CharSequence relativeName,
              Element... origins)
              throws IOException {
            throw new IOException("Read-only file system");
          }

          @Override
          public FileObject getResource(
              JavaFileManager.Location location,
              CharSequence moduleAndPkg,
              CharSequence relativeName)
              throws IOException {
            throw new IOException("Read-only file system");
          }
        };
  }
}
