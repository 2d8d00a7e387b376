package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.NativeEncoders;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JPEG 2000 input (jai-imageio-jpeg2000, pure Java) on files made by OpenJPEG's
 * {@code opj_compress} (libopenjp2-tools), lossless, so the colours are checked exactly.
 */
class Jpeg2000DecodeTest {
  @TempDir Path dir;

  @BeforeEach
  void needsOpjCompress() {
    assumeTrue(NativeEncoders.installed("opj_compress"), "opj_compress not installed"
        + " (libopenjp2-tools)");
  }

  private byte[] opj(BufferedImage img, String ext) throws Exception {
    return NativeEncoders.encode(dir, Images.encode(img, "png"), "in.png", "out." + ext,
        "opj_compress", "-i", "IN", "-o", "OUT");
  }

  private static BufferedImage thumb(byte[] src, Size box) throws ImageFailure {
    ImageSettings s = ImageSettings.builder().sizes(List.of(box)).build();
    try {
      return Images.read(new Thumbnailer(s).make(src, OutputFormat.PNG).encoded().get(0));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }


  @Test
  void jp2AndCodestreamDecodeToTheRightSizeAndColours() throws Exception {
    for (String ext : List.of("jp2", "j2k")) {
      byte[] j2k = opj(Images.quadrants(320, 240), ext);
      Decoded d = ImageDecoder.decode(j2k,
          DecodeRequest.of(List.of(new Size(80, 80)), Mode.FIT, Long.MAX_VALUE));
      assertEquals(List.of(320, 240, "jpeg2000"), List.of(d.width(), d.height(), d.format()),
          ext);
      BufferedImage t = thumb(j2k, new Size(80, 80));
      assertEquals(List.of(80, 60), List.of(t.getWidth(), t.getHeight()), ext);
      Images.assertQuadrants(t, 2);
    }
  }

  /**
   * opj_compress writes 5 decomposition levels: a 1600x1200 image holds 800x600 ... 50x38. A
   * 75x75 box needs 150x113 (twice 75x56): the 200x150 level, three levels down, is decoded.
   */
  @Test
  void aReducedResolutionLevelIsDecoded() throws Exception {
    for (String ext : List.of("jp2", "j2k")) {
      byte[] j2k = opj(Images.quadrants(1600, 1200), ext);
      assertEquals(5, Jpeg2000.decompositionLevels(j2k), ext);
      Decoded d = ImageDecoder.decode(j2k,
          DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, Long.MAX_VALUE));
      assertEquals(List.of(200, 150, 1600, 1200), List.of(d.image().getWidth(),
          d.image().getHeight(), d.width(), d.height()), ext);
      Images.assertQuadrants(d.image(), 2);
      Decoded full = ImageDecoder.decode(j2k,
          DecodeRequest.of(List.of(new Size(1000, 1000)), Mode.FIT, Long.MAX_VALUE));
      assertEquals(List.of(1600, 1200), List.of(full.image().getWidth(),
          full.image().getHeight()), ext + ": 2000x1500 needed, so every level");
      BufferedImage t = thumb(j2k, new Size(75, 75));
      assertEquals(List.of(75, 56), List.of(t.getWidth(), t.getHeight()));
      Images.assertQuadrants(t, 2);
    }
  }

  @Test
  void limitsAreCheckedOnTheHeader() throws Exception {
    byte[] j2k = opj(Images.quadrants(320, 240), "jp2");
    ImageFailure f = assertThrows(ImageFailure.class, () -> ImageDecoder.decode(j2k,
        DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, 320 * 240 - 1)));
    assertEquals(ErrorClass.TOO_LARGE, f.errorClass());
    assertTrue(f.getMessage().contains("320x240 = 76800 pixels"), f.getMessage());
  }

  @Test
  void aCutFileIsNeverAnInternalError() throws Exception {
    byte[] j2k = opj(Images.read(Images.jpeg(640, 480, 5)), "jp2");
    for (int keep : new int[] {j2k.length / 2, 200, 40}) {
      byte[] cut = Arrays.copyOf(j2k, keep);
      try {
        Decoded d = ImageDecoder.decode(cut,
            DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, Long.MAX_VALUE));
        assertTrue(!d.warnings().isEmpty(), keep + " bytes decoded without a warning");
      } catch (ImageFailure f) {
        assertEquals(ErrorClass.CORRUPT, f.errorClass(), keep + " bytes: " + f.getMessage());
      }
    }
  }

  @Test
  void onlyTheJpeg2000ReaderOfJaiImageioIsRegistered() {
    for (String format : List.of("tiff", "bmp", "pnm", "pcx", "wbmp", "raw")) {
      ImageIO.getImageReadersByFormatName(format).forEachRemaining(r -> assertTrue(
          !r.getClass().getName().startsWith(Plugins.JAI_CORE_PLUGINS),
          format + " read by " + r.getClass().getName()));
    }
    assertTrue(ImageIO.getImageReadersByFormatName("jpeg2000").hasNext());
  }
}
