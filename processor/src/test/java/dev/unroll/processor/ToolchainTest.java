package dev.unroll.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.testing.compile.Compilation;
import dev.unroll.Activation;
import dev.unroll.Loss;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Element;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What build tools rely on: warning-free output under -Werror, reproducible bytes, and the
 * declarations Gradle needs to process incrementally.
 */
class ToolchainTest {
  private static final JavaFileObject EVERY_ACTIVATION =
      Sources.demo(
          "Mixed",
          "@Network(inputs = 3, loss = Loss.MEAN_SQUARED_ERROR)",
          "public abstract class Mixed {",
          "  @Layer(units = 4, activation = Activation.RELU) Dense a;",
          "  @Layer(units = 4, activation = Activation.SIGMOID) Dense b;",
          "  @Layer(units = 3, activation = Activation.TANH) Dense c;",
          "  @Layer(units = 2, activation = Activation.LINEAR) Dense d;",
          "}");

  @Test
  void generatedCodeCompilesUnderXlintAllAndWerror() {
    Compilation compilation =
        Sources.compiler()
            .withOptions("-Xlint:all", "-Werror")
            .compile(UnrollProcessorTest.LAB, EVERY_ACTIVATION);
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void twoCompilationsWriteByteIdenticalSourcesAndClasses() {
    assertEquals(outputs(), outputs());
  }

  private static Map<String, String> outputs() {
    Compilation compilation = Sources.compiler().compile(UnrollProcessorTest.LAB, EVERY_ACTIVATION);
    Map<String, String> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      try (InputStream in = file.openInputStream()) {
        files.put(file.toUri().getPath(), java.util.HexFormat.of().formatHex(in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  @Test
  void processorDeclaresItselfIsolatingForGradle() throws IOException {
    try (InputStream in =
        UnrollProcessor.class.getResourceAsStream(
            "/META-INF/gradle/incremental.annotation.processors")) {
      assertNotNull(in, "the Gradle declaration is missing from the processor's resources");
      assertEquals(
          UnrollProcessor.class.getName() + ",isolating",
          new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
    }
    // An isolating processor may not claim every annotation.
    assertFalse(new UnrollProcessor().getSupportedAnnotationTypes().contains("*"));
  }

  @Test
  void everyGeneratedFileHasTheDeclarationAsItsOnlyOriginatingElement() {
    NetworkModel model =
        NetworkModel.of(
            "demo",
            "Lab",
            "UnrolledLab",
            2,
            Loss.BINARY_CROSS_ENTROPY,
            List.of("hidden", "output"),
            List.of(3, 1),
            List.of(Activation.RELU, Activation.SIGMOID));
    Element declaration =
        (Element)
            Proxy.newProxyInstance(
                Element.class.getClassLoader(),
                new Class<?>[] {Element.class},
                (proxy, method, args) -> {
                  throw new UnsupportedOperationException(method.getName());
                });
    assertArrayEquals(
        new Object[] {declaration},
        new NetworkWriter(model).file(declaration).typeSpec().originatingElements().toArray());
  }
}
