package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.Craft;
import io.github.sparkthumbs.testing.Images;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pixels, not just status: every format fixture's thumbnail has the size the geometry says and
 * the content of a reference decode (the whole image read by ImageIO, flattened on white and
 * area-averaged down to the thumbnail's size); transparency becomes white; an animated GIF shows
 * its first frame.
 */
class FormatPixelsTest {
  /** Mean absolute difference per channel allowed against the reference, out of 255. */
  static final double MAX_MEAN_DIFF = 8;

  /** Smaller than every fixture (64x48 and a 128 px icon), so that the scaling is checked too. */
  private static final Size BOX = new Size(32, 32);

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = FormatPixelsTest.class.getResourceAsStream("/hostile/" + name)) {
      return in.readAllBytes();
    }
  }

  static BufferedImage onWhite(BufferedImage img) {
    BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.drawImage(img, 0, 0, null);
    g.dispose();
    return out;
  }

  static double meanDiff(BufferedImage a, BufferedImage b) {
    long sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
        }
      }
    }
    return sum / (3.0 * a.getWidth() * a.getHeight());
  }

  @ParameterizedTest
  @ValueSource(strings = {"cmyk.jpg", "progressive.jpg", "icc-linear-gray.jpg", "rgb16.png",
      "gray16.png", "palette.png", "gray-alpha.png", "interlaced.png", "animated.gif",
      "photo.bmp", "photo.tiff", "photo.webp", "icon.icns", "photo.hdr", "photo.ppm",
      "photo.tga"})
  void everyFormatShowsItsImage(String name) throws Exception {
    byte[] bytes = fixture(name);
    BufferedImage reference = onWhite(ImageIO.read(new java.io.ByteArrayInputStream(bytes)));
    Size expected = Geometry.target(reference.getWidth(), reference.getHeight(), BOX, Mode.FIT);
    ImageSettings s = ImageSettings.builder().sizes(java.util.List.of(BOX)).build();
    // PNG out: the comparison measures decoding and scaling, not JPEG's loss
    BufferedImage ours = onWhite(Images.read(
        new Thumbnailer(s).make(bytes, OutputFormat.PNG).encoded().get(0)));
    assertEquals(expected, new Size(ours.getWidth(), ours.getHeight()), name);
    BufferedImage ref = QualityGuardTest.areaAverage(reference, ours.getWidth(),
        ours.getHeight());
    double diff = meanDiff(ours, ref);
    assertTrue(diff < MAX_MEAN_DIFF, name + ": mean difference " + diff + " from the reference");
  }

  @Test
  void transparentPixelsBecomeWhiteInJpeg() throws Exception {
    BufferedImage rgba = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 40; y++) {
      for (int x = 20; x < 40; x++) {
        rgba.setRGB(x, y, 0xFFFF0000); // opaque red right half; left half 0x00000000
      }
    }
    for (byte[] source : new byte[][] {Images.encode(rgba, "png"), Craft.grayAlphaPng(40, 40)}) {
      assertEquals(0, ImageIO.read(new java.io.ByteArrayInputStream(source)).getRGB(2, 2) >>> 24,
          "the fixture really is transparent there");
      BufferedImage t = Images.read(new Thumbnailer(ImageSettings.defaults())
          .make(source, OutputFormat.JPG).encoded().get(0));
      assertTrue(Images.near(t.getRGB(4, 20), Color.WHITE, 8), Images.rgb(t.getRGB(4, 20)));
      assertTrue(!Images.near(t.getRGB(35, 20), Color.WHITE, 60), Images.rgb(t.getRGB(35, 20)));
    }
  }

  @Test
  void anAnimatedGifShowsItsFirstFrame() throws Exception {
    ByteArrayOutputStream gif = new ByteArrayOutputStream();
    ImageWriter w = ImageIO.getImageWritersByFormatName("gif").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(gif)) {
      w.setOutput(out);
      w.prepareWriteSequence(null);
      for (Color c : new Color[] {Color.RED, Color.BLUE, Color.GREEN}) {
        BufferedImage frame = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 60, 40);
        g.dispose();
        w.writeToSequence(new IIOImage(frame, null, null), null);
      }
      w.endWriteSequence();
    }
    w.dispose();
    BufferedImage t = Images.read(new Thumbnailer(ImageSettings.defaults())
        .make(gif.toByteArray(), OutputFormat.PNG).encoded().get(0));
    assertTrue(Images.near(t.getRGB(30, 20), Color.RED, 20), Images.rgb(t.getRGB(30, 20)));
  }
}
