package dev.unroll.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * examples/README.md walks a learner through the generated source of the lab's network by quoting
 * it. Each quoted Java block must still appear, line for line, in what the processor generates now
 * (or in the declaration it quotes), so the walkthrough cannot drift from the code.
 */
class WalkthroughTest {
  private static final Path README = Path.of("README.md");
  private static final Path GENERATED =
      Path.of(
          "target",
          "generated-sources",
          "annotations",
          "dev",
          "unroll",
          "examples",
          "UnrolledLab.java");
  private static final Path DECLARATION =
      Path.of("src", "main", "java", "dev", "unroll", "examples", "Lab.java");

  @Test
  void everyQuotedBlockIsInTheGeneratedSource() throws IOException {
    List<List<String>> blocks = javaBlocks(Files.readAllLines(README, StandardCharsets.UTF_8));
    assertTrue(blocks.size() >= 6, "the walkthrough quotes " + blocks.size() + " blocks");
    List<String> generated = Files.readAllLines(GENERATED, StandardCharsets.UTF_8);
    List<String> declaration = Files.readAllLines(DECLARATION, StandardCharsets.UTF_8);
    for (List<String> block : blocks) {
      boolean found =
          Collections.indexOfSubList(generated, block) >= 0
              || Collections.indexOfSubList(declaration, block) >= 0;
      assertTrue(
          found,
          "examples/README.md quotes a block that UnrolledLab.java no longer contains; quote the"
              + " current generated source instead:\n"
              + String.join("\n", block));
    }
  }

  @Test
  void theMainReadmesExcerptIsInTheGeneratedSource() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int from = readme.indexOf("## Read the generated source");
    int to = readme.indexOf("\n## ", from + 1);
    assertTrue(from >= 0 && to > from, "README.md has no section 'Read the generated source'");
    List<List<String>> blocks = javaBlocks(List.of(readme.substring(from, to).split("\n")));
    assertTrue(!blocks.isEmpty(), "the section quotes no generated code");
    List<String> generated = Files.readAllLines(GENERATED, StandardCharsets.UTF_8);
    for (List<String> block : blocks) {
      assertTrue(
          Collections.indexOfSubList(generated, block) >= 0,
          "README.md quotes a block that UnrolledLab.java no longer contains:\n"
              + String.join("\n", block));
    }
  }

  @Test
  void theWalkthroughCoversEveryStep() throws IOException {
    String text = Files.readString(README, StandardCharsets.UTF_8);
    for (String step :
        List.of(
            "forwardPass",
            "Workspace",
            "binaryCrossEntropyFromLogits",
            "backward2(dZ2, A1, gradient, dA1)",
            "Kernel.reluBackward",
            "Kernel.crossesZero")) {
      assertTrue(text.contains(step), "the walkthrough does not show " + step);
    }
  }

  /** The contents of every block fenced with ```java. */
  static List<List<String>> javaBlocks(List<String> lines) {
    List<List<String>> blocks = new ArrayList<>();
    List<String> current = null;
    for (String line : lines) {
      if (current == null && line.strip().equals("```java")) {
        current = new ArrayList<>();
      } else if (current != null && line.strip().equals("```")) {
        blocks.add(current);
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return blocks;
  }
}
