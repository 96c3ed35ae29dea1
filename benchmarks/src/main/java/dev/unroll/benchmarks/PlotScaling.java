package dev.unroll.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Draws BENCHMARKS.md's plot from a JMH CSV file (java's own imaging, headless): µs per call of
 * ScalingBenchmark against hidden width, and against batch size, on log-log axes.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.unroll.benchmarks.PlotScaling
 * jmh.csv out.png}
 */
public final class PlotScaling {
  private PlotScaling() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    TreeMap<Integer, Double> byWidth = new TreeMap<>();
    TreeMap<Integer, Double> byBatch = new TreeMap<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      List<String> cells = cells(line);
      if (cells.size() < 5
          || !cells.get(0).endsWith("ScalingBenchmark.backward")
          || !cells.get(6).equals("us/op")) {
        continue;
      }
      String shape = cells.get(cells.size() - 1);
      double us = Double.parseDouble(cells.get(4));
      if (shape.contains("@")) {
        byBatch.put(Integer.parseInt(shape.substring(shape.indexOf('@') + 1)), us);
      } else {
        byWidth.put(Integer.parseInt(shape), us);
        if (shape.equals("256")) {
          byBatch.put(128, us);
        }
      }
    }
    BufferedImage image = new BufferedImage(1100, 460, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    panel(g, 0, "µs per call against hidden width w (64-w-w-1, m = 128)", "w", byWidth);
    panel(g, 550, "µs per call against batch size m (64-256-256-1)", "m", byBatch);
    g.dispose();
    ImageIO.write(image, "png", Path.of(args[1]).toFile());
  }

  private static void panel(
      Graphics2D g, int left, String title, String axis, TreeMap<Integer, Double> points) {
    int x0 = left + 80;
    int y0 = 390;
    int w = 400;
    int h = 320;
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, left + 30, 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawLine(x0, y0, x0 + w, y0);
    g.drawLine(x0, y0, x0, y0 - h);
    g.drawString(axis + " (log scale)", x0 + w / 2 - 30, y0 + 40);
    if (points.isEmpty()) {
      return;
    }
    double lx0 = Math.log(points.firstKey());
    double lx1 = Math.log(points.lastKey());
    double ly0 = Math.log(points.values().stream().min(Double::compare).get() / 1.5);
    double ly1 = Math.log(points.values().stream().max(Double::compare).get() * 1.5);
    List<int[]> pixels = new ArrayList<>();
    for (var point : points.entrySet()) {
      int px = x0 + (int) ((Math.log(point.getKey()) - lx0) / Math.max(lx1 - lx0, 1e-9) * w);
      int py = y0 - (int) ((Math.log(point.getValue()) - ly0) / (ly1 - ly0) * h);
      pixels.add(new int[] {px, py});
      g.setColor(Color.GRAY);
      g.drawString(String.valueOf(point.getKey()), px - 10, y0 + 18);
      g.drawString(String.format(Locale.ROOT, "%.3g", point.getValue()), px + 6, py - 6);
    }
    g.setColor(new Color(31, 119, 180));
    g.setStroke(new BasicStroke(2f));
    for (int i = 1; i < pixels.size(); i++) {
      g.drawLine(pixels.get(i - 1)[0], pixels.get(i - 1)[1], pixels.get(i)[0], pixels.get(i)[1]);
    }
    for (int[] p : pixels) {
      g.fillOval(p[0] - 4, p[1] - 4, 8, 8);
    }
    g.setColor(Color.BLACK);
    g.drawString("µs (log)", x0 - 70, y0 - h / 2);
  }

  /** The cells of one CSV line, quotes removed. */
  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (char ch : line.toCharArray()) {
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
