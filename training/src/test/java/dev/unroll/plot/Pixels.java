package dev.unroll.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Helpers that look at rendered charts. */
final class Pixels {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private Pixels() {}

  /**
   * How many pixels in the rectangle [x0, x1) x [y0, y1) are within {@code tolerance} of {@code
   * color} in every channel. Antialiased edges blend a colour with its background, so exact
   * equality would miss most of a thin line.
   */
  static int count(
      BufferedImage image, Color color, int x0, int y0, int x1, int y1, int tolerance) {
    int n = 0;
    for (int y = Math.max(0, y0); y < Math.min(image.getHeight(), y1); y++) {
      for (int x = Math.max(0, x0); x < Math.min(image.getWidth(), x1); x++) {
        Color c = new Color(image.getRGB(x, y));
        if (Math.abs(c.getRed() - color.getRed()) <= tolerance
            && Math.abs(c.getGreen() - color.getGreen()) <= tolerance
            && Math.abs(c.getBlue() - color.getBlue()) <= tolerance) {
          n++;
        }
      }
    }
    return n;
  }

  /** The colour of one pixel. */
  static Color at(BufferedImage image, int x, int y) {
    return new Color(image.getRGB(x, y));
  }

  /** Reads {@code file} back as a PNG and checks its signature and size. */
  static BufferedImage readPng(Path file, int width, int height) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length), "PNG signature");
    BufferedImage image = ImageIO.read(file.toFile());
    assertNotNull(image, file + " is not an image ImageIO can read");
    assertEquals(width, image.getWidth(), "width");
    assertEquals(height, image.getHeight(), "height");
    return image;
  }
}
