package dev.unroll.examples.training;

import dev.unroll.data.Dataset;
import dev.unroll.data.Standardizer;
import dev.unroll.plot.DecisionRegions;
import dev.unroll.plot.LearningCurve;
import dev.unroll.runtime.Model;
import dev.unroll.training.History;
import java.io.IOException;
import java.nio.file.Path;

/** The two pictures of a training run: how the cost fell, and what the model decides where. */
final class Pictures {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 560;

  private Pictures() {}

  static void draw(
      String name,
      History history,
      Dataset data,
      Standardizer scale,
      Model model,
      Path curve,
      Path regions)
      throws IOException {
    LearningCurve.cost(history)
        .title("Cost per epoch, " + name)
        .logY()
        .writePng(curve, WIDTH, HEIGHT);
    // The points in their original coordinates; the model sees them standardised, as in training.
    DecisionRegions.of(model, data.x(), data.labels(), data.classes().toArray(String[]::new))
        .title("Decision regions, " + name + " (all " + data.size() + " points)")
        .transform(scale::apply)
        .writePng(regions, WIDTH, HEIGHT);
  }
}
