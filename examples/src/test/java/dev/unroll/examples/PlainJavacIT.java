package dev.unroll.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Dense;
import dev.unroll.runtime.GradCheck;
import dev.unroll.runtime.Gradients;
import dev.unroll.runtime.Matrix;
import dev.unroll.runtime.Model;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise, checked after packaging: its example network, saved in a fresh directory,
 * compiles with exactly the README's plain {@code javac} command, and the class that comes out
 * keeps the public contract.
 */
class PlainJavacIT {
  private static final Path ROOT = Path.of(System.getProperty("unroll.root", "..")).normalize();

  @Test
  void readmeExampleCompilesWithTheReadmeJavacCommand(@TempDir Path dir) throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    String declaration = codeBlockContaining(readme, "```java", "package demo;");
    // The README's first line sets UNROLL to a placeholder; this test sets it for real.
    String command =
        codeBlockContaining(readme, "```sh", "javac --release").replaceAll("(?m)^UNROLL=.*$", "");

    Files.createDirectories(dir.resolve("demo"));
    Files.writeString(dir.resolve("demo/Lab.java"), declaration, StandardCharsets.UTF_8);
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-euc", command)
            .directory(dir.toFile())
            .redirectErrorStream(true);
    builder.environment().put("UNROLL", ROOT.toAbsolutePath().toString());
    // The same JDK as this test, whatever else is on the PATH.
    Path javaBin = Path.of(System.getProperty("java.home"), "bin");
    builder.environment().put("PATH", javaBin + ":" + System.getenv("PATH"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "javac did not finish");
    assertEquals(0, process.exitValue(), "javac failed:\n" + output);
    assertEquals("", output.strip(), "javac should be silent on success");

    assertTrue(Files.exists(dir.resolve("gen/demo/UnrolledLab.java")));
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {dir.resolve("out").toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> type = loader.loadClass("demo.UnrolledLab");
      Model net = (Model) type.getConstructor(long.class).newInstance(42L);
      Dense hidden = (Dense) type.getMethod("hidden").invoke(net);
      assertEquals(3, hidden.weights().rows());
      assertEquals(2, hidden.weights().cols());

      Matrix x = LabDemo.labInputs();
      Matrix y = LabDemo.labLabels();
      Gradients g = net.backward(x, y);
      assertEquals(net.cost(x, y), g.cost());
      GradCheck check = net.gradcheck(x, y);
      assertTrue(check.passed(), check.toString());
    }
  }

  @Test
  void processorJarAloneOnTheProcessorPathIsEnough(@TempDir Path dir) throws Exception {
    Path source = dir.resolve("net/Tiny.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        String.join(
            "\n",
            "package net;",
            "import dev.unroll.*;",
            "import dev.unroll.runtime.Dense;",
            "@Network(inputs = 3, loss = Loss.MEAN_SQUARED_ERROR)",
            "public class Tiny {",
            "  @Layer(units = 4, activation = Activation.TANH) Dense hidden;",
            "  @Layer(units = 2, activation = Activation.LINEAR) Dense out;",
            "}",
            ""),
        StandardCharsets.UTF_8);
    Path out = dir.resolve("out");
    java.io.ByteArrayOutputStream messages = new java.io.ByteArrayOutputStream();
    int status =
        javax.tools.ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                messages,
                messages,
                "--release",
                "17",
                "-encoding",
                "UTF-8",
                "-Xlint:all",
                "-Werror",
                "-processorpath",
                jar("processor", "unroll-processor").toString(),
                "-cp",
                jar("annotations", "unroll-annotations")
                    + java.io.File.pathSeparator
                    + jar("runtime", "unroll-runtime"),
                "-d",
                out.toString(),
                "-s",
                dir.resolve("gen").toString(),
                source.toString());
    assertEquals(0, status, messages.toString(StandardCharsets.UTF_8));
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
      Model net =
          (Model) loader.loadClass("net.UnrolledTiny").getConstructor(long.class).newInstance(3L);
      assertEquals(4 * 3 + 4 + 2 * 4 + 2, net.parameterCount());
    }
  }

  /** The packaged jar of a module: the shaded one for the processor, never original-*.jar. */
  private static Path jar(String module, String artifact) throws IOException {
    try (var files = Files.list(ROOT.resolve(module).resolve("target"))) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(artifact + "-"))
          .filter(p -> p.getFileName().toString().endsWith(".jar"))
          .filter(p -> !p.getFileName().toString().contains("-sources"))
          .findFirst()
          .orElseThrow(() -> new IOException("no packaged jar of " + module + "; run mvn package"));
    }
  }

  /** The body of the first fenced block that opens with {@code fence} and contains {@code text}. */
  private static String codeBlockContaining(String markdown, String fence, String text)
      throws IOException {
    List<String> block = new ArrayList<>();
    boolean inside = false;
    for (String line : markdown.split("\n")) {
      if (!inside && line.strip().equals(fence)) {
        inside = true;
        block.clear();
      } else if (inside && line.strip().equals("```")) {
        String body = String.join("\n", block) + "\n";
        if (body.contains(text)) {
          return body;
        }
        inside = false;
      } else if (inside) {
        block.add(line);
      }
    }
    throw new IOException("README.md has no " + fence + " block containing '" + text + "'");
  }
}
