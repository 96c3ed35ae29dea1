package dev.unroll.processor;

import dev.unroll.processor.NetworkModel.LayerModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The architecture table that heads the generated class's Javadoc; the same columns as the
 * runtime's {@code Architecture.summary()} prints at run time.
 */
final class SummaryTable {
  private SummaryTable() {}

  static List<String> lines(NetworkModel net) {
    int width = "layer".length();
    for (LayerModel layer : net.layers()) {
      width = Math.max(width, layer.name().length());
    }
    String row = "%3s  %-" + width + "s  %6s  %-10s  %-13s  %-9s  %10s";
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            row,
            "#",
            "layer",
            "units",
            "activation",
            "weights W",
            "bias b",
            "parameters"));
    for (LayerModel layer : net.layers()) {
      lines.add(
          String.format(
              Locale.ROOT,
              row,
              layer.number(),
              layer.name(),
              layer.units(),
              NetworkWriter.activationName(layer.activation()),
              layer.units() + " x " + layer.fanIn(),
              layer.units() + " x 1",
              layer.parameterCount()));
    }
    lines.add(String.format(Locale.ROOT, row, "", "", "", "", "", "total", net.parameterCount()));
    for (int i = 0; i < lines.size(); i++) {
      lines.set(i, lines.get(i).stripTrailing());
    }
    return lines;
  }
}
