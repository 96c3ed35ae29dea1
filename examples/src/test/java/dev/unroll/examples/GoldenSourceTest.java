package dev.unroll.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The complete generated source of two networks, held in {@code src/test/resources/golden}: the
 * lab's (scalar form) and {@link Digits} (kernel form, softmax output). Any change to what the
 * processor writes for them fails here until the golden file is updated with it, so the change
 * shows up in review as a plain diff of the generated code.
 *
 * <p>To accept a change: {@code mvn -pl examples test -Dtest=GoldenSourceTest
 * -Dunroll.golden.update=true}, then review and commit the changed golden files.
 */
class GoldenSourceTest {
  private static final Path GENERATED =
      Path.of("target", "generated-sources", "annotations", "dev", "unroll", "examples");
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"UnrolledLab", "UnrolledDigits"})
  void generatedSourceMatchesItsGoldenFile(String name) throws IOException {
    Path generated = GENERATED.resolve(name + ".java");
    Path golden = GOLDEN.resolve(name + ".java.txt");
    assertTrue(Files.exists(generated), generated + " was not generated");
    List<String> actual = Files.readAllLines(generated, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("unroll.golden.update")) {
      Files.write(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(
        Files.exists(golden), golden + " is missing; create it with -Dunroll.golden.update=true");
    List<String> expected = Files.readAllLines(golden, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      fail(
          name
              + ".java differs from its golden file "
              + golden
              + ":\n"
              + difference(expected, actual)
              + "\nIf the change is intended, update the golden file with"
              + " -Dunroll.golden.update=true and commit it.");
    }
  }

  /** The first differing lines, with a little context, as a reviewer would want them. */
  static String difference(List<String> expected, List<String> actual) {
    int first = 0;
    while (first < expected.size()
        && first < actual.size()
        && expected.get(first).equals(actual.get(first))) {
      first++;
    }
    int fromEnd = 0;
    while (fromEnd < expected.size() - first
        && fromEnd < actual.size() - first
        && expected
            .get(expected.size() - 1 - fromEnd)
            .equals(actual.get(actual.size() - 1 - fromEnd))) {
      fromEnd++;
    }
    StringBuilder out = new StringBuilder();
    out.append("@@ line ").append(first + 1).append(" @@\n");
    for (int i = Math.max(0, first - 2); i < first; i++) {
      out.append("  ").append(expected.get(i)).append('\n');
    }
    int shown = 0;
    for (int i = first; i < expected.size() - fromEnd && shown < 30; i++, shown++) {
      out.append("- ").append(expected.get(i)).append('\n');
    }
    shown = 0;
    for (int i = first; i < actual.size() - fromEnd && shown < 30; i++, shown++) {
      out.append("+ ").append(actual.get(i)).append('\n');
    }
    return out.toString();
  }
}
