package io.github.sparkthumbs.image;

import static io.github.sparkthumbs.testing.DamagedHeaders.BLUE;
import static io.github.sparkthumbs.testing.DamagedHeaders.RED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.Images;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Damaged image data inside an intact container: the rows decoded before the damage are kept,
 * as vipsthumbnail shows them, with a warning and the share of rows that decoded.
 */
class DamagedDataTest {
  /**
   * Eight LZW strips, the seventh overwritten (src/test/resources/damaged/make-fixtures.sh):
   * vips warns "error in tile 0 x 48" and shows the rest, Pillow refuses the file; we keep the
   * six strips before it, three quarters of the rows.
   */
  @Test
  void aTiffWithOneBadStripKeepsTheStripsBeforeIt() throws Exception {
    byte[] tiff;
    try (InputStream in = getClass().getResourceAsStream("/damaged/bad-strip.tif")) {
      tiff = in.readAllBytes();
    }
    Decoded d = ImageDecoder.decode(tiff,
        DecodeRequest.of(List.of(new Size(64, 64)), Mode.FIT, Long.MAX_VALUE));
    assertEquals("tiff", d.format());
    assertEquals(List.of("corrupt-data"), d.warnings());
    assertEquals(0.75, d.decoded(), 1e-9);
    BufferedImage img = d.image();
    assertEquals(List.of(64, 64), List.of(img.getWidth(), img.getHeight()));
    for (int y : new int[] {0, 31}) {
      assertTrue(Images.near(img.getRGB(10, y), RED, 4), "row " + y + " is red");
    }
    for (int y : new int[] {32, 47}) {
      assertTrue(Images.near(img.getRGB(10, y), BLUE, 4), "row " + y + " is blue");
    }
  }
}
