package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.testing.Images;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which encoder writes each format, and that the quality reaches it. */
class ImageEncoderTest {
  private static BufferedImage noise() {
    Random r = new Random(3);
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    return img;
  }

  private static boolean isJpeg(byte[] b) {
    return (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8;
  }

  @Test
  void jpegGoesThroughLibjpegTurboWhenAllowed() throws Exception {
    assumeTrue(TurboJpegLibrary.available(), TurboJpegLibrary.status());
    BufferedImage img = noise();
    byte[] turbo = TurboJpegEncoder.encode(img, 85);
    assertArrayEquals(turbo, new ImageEncoder(85, true).encode(img, OutputFormat.JPG));
    byte[] java = new ImageEncoder(85, false).encode(img, OutputFormat.JPG);
    assertTrue(isJpeg(java));
    assertFalse(Arrays.equals(turbo, java), "--decoder java encodes with ImageIO");
  }

  /** ImageIO's JPEG writer gets the quality: a lower one makes a smaller file. */
  @Test
  void theQualityReachesImageIosJpegWriter() throws Exception {
    BufferedImage img = noise();
    byte[] low = new ImageEncoder(20, false).encode(img, OutputFormat.JPG);
    byte[] high = new ImageEncoder(95, false).encode(img, OutputFormat.JPG);
    byte[] again = new ImageEncoder(95, false).encode(img, OutputFormat.JPG);
    assertTrue(isJpeg(low) && isJpeg(high));
    assertTrue(low.length * 2 < high.length, low.length + " vs " + high.length);
    assertArrayEquals(high, again);
  }

  @Test
  void webpGoesThroughLibwebpWithTheQuality() throws Exception {
    assumeTrue(WebP.available(), WebP.status());
    BufferedImage img = noise();
    byte[] low = new ImageEncoder(20, true).encode(img, OutputFormat.WEBP);
    byte[] high = new ImageEncoder(95, false).encode(img, OutputFormat.WEBP);
    assertEquals("RIFF", new String(low, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals("WEBP", new String(high, 8, 4, java.nio.charset.StandardCharsets.US_ASCII));
    assertArrayEquals(WebP.encode(img, 20), low);
    assertTrue(low.length * 2 < high.length, low.length + " vs " + high.length);
  }

  @Test
  void pngIsLosslessWhateverTheJpegSettings() throws Exception {
    BufferedImage img = noise();
    for (boolean nativeJpeg : new boolean[] {true, false}) {
      byte[] png = new ImageEncoder(20, nativeJpeg).encode(img, OutputFormat.PNG);
      assertEquals((byte) 0x89, png[0]);
      BufferedImage back = Images.read(png);
      for (int y = 0; y < 48; y++) {
        for (int x = 0; x < 64; x++) {
          assertEquals(img.getRGB(x, y), back.getRGB(x, y), x + "," + y);
        }
      }
    }
  }
}
