package dev.unroll.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes images as PNG files with nothing in them but the pixels.
 *
 * <p>The image is encoded without metadata (no time stamp, no software name), so the same chart
 * always gives the same bytes and a chart kept under version control only changes when its data do.
 * Encoding goes to memory first and the file is written in one step, so a failed encoding leaves no
 * half-written file behind, and no temporary cache files are created.
 */
final class Png {
  private Png() {}

  /** The PNG encoding of {@code image}. */
  static byte[] encode(BufferedImage image) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IllegalStateException("this Java runtime has no PNG encoder in javax.imageio");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), null);
    } catch (IOException e) {
      // Writing to memory does not fail for I/O reasons; this would be an encoder bug.
      throw new IllegalStateException("the PNG encoder failed: " + e.getMessage(), e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * Writes {@code image} to {@code file}, replacing it if it exists.
   *
   * @throws IOException if the file cannot be written, for example because its folder is missing
   */
  static void write(BufferedImage image, Path file) throws IOException {
    if (file == null) {
      throw new IllegalArgumentException("file must not be null");
    }
    Files.write(file, encode(image));
  }
}
