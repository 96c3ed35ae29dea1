package dev.unroll.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Each mistake in a declaration is an error with its id, on the line that holds it. */
class DiagnosticsTest {
  private static Compilation compile(JavaFileObject source) {
    return Sources.compiler().compile(source);
  }

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
    assertThat(compilation).hadErrorContaining("[unroll:layer-units] units = 0");
    assertThat(compilation)
        .hadErrorContaining("[unroll:layer-units]")
        .inFile(source)
        .onLineContaining("units = 0");
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
    assertThat(compile(source))
        .hadErrorContaining("[unroll:network-inputs] inputs = -1")
        .inFile(source)
        .onLineContaining("inputs = -1");
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
    assertThat(compile(source))
        .hadErrorContaining("[unroll:layer-type]")
        .inFile(source)
        .onLineContaining("String out");
  }

  @Test
  void privateStaticOrFinalFieldIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Net",
            "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)",
            "class Net {",
            "  @Layer(units = 1, activation = Activation.LINEAR) private Dense out;",
            "}");
    assertThat(compile(source))
        .hadErrorContaining("[unroll:layer-modifier] @Layer field out is private")
        .inFile(source)
        .onLineContaining("private Dense out");
  }

  @Test
  void networkWithoutLayersIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Empty", "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)", "class Empty {}");
    assertThat(compile(source))
        .hadErrorContaining("[unroll:network-no-layers]")
        .inFile(source)
        .onLineContaining("class Empty");
  }

  @Test
  void networkOnAnInterfaceIsReported() {
    JavaFileObject source =
        Sources.demo(
            "Shape", "@Network(inputs = 2, loss = Loss.MEAN_SQUARED_ERROR)", "interface Shape {}");
    assertThat(compile(source))
        .hadErrorContaining(
            "[unroll:network-kind] @Network goes on a class, but Shape is an" + " interface")
        .inFile(source)
        .onLineContaining("interface Shape");
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
    assertThat(compile(source))
        .hadErrorContaining("[unroll:layer-name-reserved]")
        .inFile(source)
        .onLineContaining("Dense parameters");
  }

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
}
