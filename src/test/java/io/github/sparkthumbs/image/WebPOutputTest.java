package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.Images;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --format webp} through libwebp. Every thumbnail is decoded back with a
 * different decoder (TwelveMonkeys' pure-Java WebP reader) and checked pixel by pixel. Needs
 * Debian's libwebp7; whether it is installed is looked up from the file, not through the code
 * under test.
 */
class WebPOutputTest {
  private static final File LIBWEBP = new File("/usr/lib/x86_64-linux-gnu/libwebp.so.7");

  @BeforeEach
  void needsLibwebp() {
    assumeTrue(LIBWEBP.isFile(), "libwebp7 not installed (" + LIBWEBP + ")");
  }

  private static byte[] thumb(byte[] src, Size box, int quality) throws Exception {
    ImageSettings s = ImageSettings.builder().sizes(List.of(box)).quality(quality).build();
    return new Thumbnailer(s).make(src, OutputFormat.WEBP).encoded().get(0);
  }

  @Test
  void webpThumbnailDecodesBackToTheRightSizeAndColours() throws Exception {
    byte[] webp = thumb(Images.encode(Images.quadrants(400, 300), "png"), new Size(80, 80), 75);
    assertEquals("RIFF", new String(webp, 0, 4, StandardCharsets.US_ASCII));
    assertEquals("WEBP", new String(webp, 8, 4, StandardCharsets.US_ASCII));
    BufferedImage back = Images.read(webp);
    assertEquals(List.of(80, 60), List.of(back.getWidth(), back.getHeight()));
    // quadrant centres; lossy 4:2:0, so a tolerance, but far below the distance between them
    assertTrue(Images.near(back.getRGB(20, 15), Color.RED, 24), Images.rgb(back.getRGB(20, 15)));
    assertTrue(Images.near(back.getRGB(60, 15), Color.GREEN, 24), Images.rgb(back.getRGB(60, 15)));
    assertTrue(Images.near(back.getRGB(20, 45), Color.BLUE, 24), Images.rgb(back.getRGB(20, 45)));
    assertTrue(Images.near(back.getRGB(60, 45), Color.YELLOW, 24),
        Images.rgb(back.getRGB(60, 45)));
  }

  @Test
  void alphaIsKept() throws Exception {
    BufferedImage src = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = src.createGraphics();
    g.setColor(new Color(0, 0, 255, 255));
    g.fillRect(100, 0, 100, 100); // left half stays fully transparent
    g.setColor(new Color(255, 0, 0, 128));
    g.fillRect(0, 50, 100, 50); // bottom-left: half-transparent red
    g.dispose();
    BufferedImage back = Images.read(thumb(Images.encode(src, "png"), new Size(100, 100), 75));
    assertEquals(List.of(100, 50), List.of(back.getWidth(), back.getHeight()));
    assertTrue(back.getColorModel().hasAlpha(), "decoded WebP has no alpha channel");
    assertEquals(0, back.getRGB(20, 10) >>> 24, "transparent corner");
    assertEquals(255, back.getRGB(80, 25) >>> 24, "opaque half");
    assertTrue(Images.near(back.getRGB(80, 25), Color.BLUE, 24), Images.rgb(back.getRGB(80, 25)));
    int half = back.getRGB(20, 40) >>> 24;
    assertTrue(Math.abs(half - 128) <= 2, "half-transparent alpha kept losslessly, got " + half);
    assertTrue(Images.near(back.getRGB(20, 40), Color.RED, 24), Images.rgb(back.getRGB(20, 40)));
  }

  @Test
  void qualityIsHonoured() throws Exception {
    byte[] photo = Images.jpeg(1200, 900, 7);
    BufferedImage reference = Images.read(thumb(photo, new Size(300, 300), 100));
    byte[] low = thumb(photo, new Size(300, 300), 30);
    byte[] high = thumb(photo, new Size(300, 300), 90);
    assertTrue(low.length < high.length, "q30 " + low.length + " B vs q90 " + high.length + " B");
    assertTrue(meanError(Images.read(low), reference) > meanError(Images.read(high), reference),
        "a lower quality must lose more");
  }

  @Test
  void withoutTheLibraryTheReasonNamesThePackage() {
    NativeLib.Loaded<WebP.Api> none =
        NativeLib.load(WebP.Api.class, "libwebp", "libwebp7", "webp-that-does-not-exist");
    assertFalse(none.available());
    assertNull(none.api());
    assertTrue(none.whyNot().startsWith(
        "libwebp not found (install the Debian package libwebp7); tried webp-that-does-not-exist"),
        none.whyNot());
  }

  @Test
  void statusNamesTheLibraryVersion() {
    assertTrue(WebP.status().matches("libwebp \\d+\\.\\d+\\.\\d+"), WebP.status());
  }

  private static double meanError(BufferedImage a, BufferedImage b) {
    long sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int s = 0; s < 24; s += 8) {
          sum += Math.abs(((p >> s) & 0xFF) - ((q >> s) & 0xFF));
        }
      }
    }
    return sum / (3.0 * a.getWidth() * a.getHeight());
  }
}
