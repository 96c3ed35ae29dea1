package dev.unroll.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    assertTrue(out.contains("PASSED  Gradient shapes match parameter shapes."), out);
    assertTrue(out.contains("PASSED  Cost orders perfect < random < wrong."), out);
    assertTrue(out.contains("All of the lab's checks hold."), out);
    assertTrue(!out.contains("FAILED"), out);
  }
}
