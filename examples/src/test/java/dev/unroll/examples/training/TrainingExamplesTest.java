package dev.unroll.examples.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.training.ModelFile;
import dev.unroll.training.Progress;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two training examples reach the accuracy the README promises and leave what it shows. */
class TrainingExamplesTest {
  private static final Progress QUIET =
      Progress.lines(new PrintStream(OutputStream.nullOutputStream()));

  @Test
  void moonsReachesNinetySevenPercentOnHeldOutData(@TempDir Path out) throws IOException {
    Classifier.Result result = MoonsExample.run(out, QUIET);
    assertTrue(result.testAccuracy() >= 0.97, "test accuracy " + result.testAccuracy());
    assertTrue(result.history().last().loss() < result.history().losses()[0] / 5);
    assertPicture(result.learningCurve());
    assertPicture(result.decisionRegions());

    UnrolledMoons reloaded = new UnrolledMoons(123L);
    ModelFile.load(reloaded, result.modelFile());
    assertTrue(ModelFile.describe(result.modelFile()).contains("layer hidden1 16 relu"));
    assertEquals(new UnrolledMoons(42L).parameterCount(), reloaded.parameterCount());
  }

  @Test
  void spiralReachesNinetyFivePercentOnHeldOutData(@TempDir Path out) throws IOException {
    Classifier.Result result = SpiralExample.run(out, QUIET);
    assertTrue(result.testAccuracy() >= 0.95, "test accuracy " + result.testAccuracy());
    assertPicture(result.learningCurve());
    assertPicture(result.decisionRegions());
  }

  @Test
  void theSameRunTrainsTheSameModel(@TempDir Path first, @TempDir Path second) throws IOException {
    MoonsExample.run(first, QUIET);
    MoonsExample.run(second, QUIET);
    UnrolledMoons a = new UnrolledMoons(1L);
    UnrolledMoons b = new UnrolledMoons(2L);
    ModelFile.load(a, first.resolve("moons.model"));
    ModelFile.load(b, second.resolve("moons.model"));
    assertArrayEquals(a.parameters(), b.parameters());
  }

  private static void assertPicture(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(image != null && image.getWidth() >= 400 && image.getHeight() >= 300, png + "");
  }
}
