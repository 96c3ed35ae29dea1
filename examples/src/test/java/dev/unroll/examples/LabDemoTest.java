package dev.unroll.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The demo end to end: every part of the lab runs through generated code and holds. */
class LabDemoTest {
  @Test
  void demoReplaysEveryPartOfTheLabAndEveryCheckHolds() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int failures = LabDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertEquals(0, failures, out);
    assertTrue(out.contains("binary cross-entropy: 0.1643"), out);
    assertTrue(out.contains("PASSED  dW1: 3 x 2, db1: 3 x 1"), out);
    assertTrue(out.contains("PASSED  dW2: 1 x 3, db2: 1 x 1"), out);
    assertTrue(out.contains("gradient check PASSED"), out);
    assertTrue(out.contains("PASSED  The mismatched order is caught, entry by entry."), out);
    assertTrue(out.contains("gradient check FAILED"), out);
    assertTrue(out.contains("PASSED  Gradient shapes match parameter shapes."), out);
    assertTrue(out.contains("PASSED  Cost orders perfect < random < wrong."), out);
    assertTrue(out.contains("All of the lab's checks hold."), out);
    assertTrue(!out.contains("FAILED  "), out);
  }

  @Test
  void readmeQuotesTheDemosFailingReportAsItIsPrinted() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LabDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    String readme =
        Files.readString(
            Path.of(System.getProperty("unroll.root", "..")).resolve("README.md"),
            StandardCharsets.UTF_8);
    int start = readme.indexOf("```text\n") + "```text\n".length();
    String quoted = readme.substring(start, readme.indexOf("```", start));
    assertTrue(quoted.startsWith("gradient check FAILED"), quoted);
    assertTrue(
        out.contains(quoted), "README.md quotes a report the demo no longer prints:\n" + quoted);
  }
}
