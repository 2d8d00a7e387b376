package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.Images;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The per-image core on byte arrays: no files, no Spark. */
class ThumbnailerTest {
  private static ImageSettings.Builder settings() {
    return ImageSettings.builder();
  }

  /** A {@code w x h} image of {@code type} whose pixel at (x, y) is {@code argb(x, y)}. */
  private static BufferedImage image(int w, int h, int type, IntBinaryOperator argb) {
    BufferedImage img = new BufferedImage(w, h, type);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, argb.applyAsInt(x, y));
      }
    }
    return img;
  }

  /** The one thumbnail of {@code src}, made as a PNG under {@code s}, decoded. */
  private static BufferedImage pngThumbnail(ImageSettings s, BufferedImage src) throws Exception {
    return Images.read(new Thumbnailer(s).make(Images.encode(src, "png"), OutputFormat.PNG)
        .encoded().get(0));
  }

  /** Every pixel of {@code got} is {@code want}'s, and the sizes are the same. */
  private static void assertSamePixels(BufferedImage want, BufferedImage got) {
    assertEquals(List.of(want.getWidth(), want.getHeight()),
        List.of(got.getWidth(), got.getHeight()));
    for (int y = 0; y < want.getHeight(); y++) {
      for (int x = 0; x < want.getWidth(); x++) {
        assertEquals(want.getRGB(x, y), got.getRGB(x, y), x + "," + y);
      }
    }
  }

  @Test
  void everySizeFromOneDecode() throws Exception {
    ImageSettings s = settings().sizes(List.of(new Size(80, 60), new Size(20, 20))).build();
    EncodedThumbnails t = new Thumbnailer(s).make(Images.jpeg(1600, 1200, 1), OutputFormat.JPG);
    assertEquals(List.of(1600, 1200, 2), List.of(t.width(), t.height(), t.encoded().size()));
    BufferedImage big = Images.read(t.encoded().get(0));
    BufferedImage small = Images.read(t.encoded().get(1));
    assertEquals(List.of(80, 60), List.of(big.getWidth(), big.getHeight()));
    assertEquals(List.of(20, 15), List.of(small.getWidth(), small.getHeight()));
    assertEquals("jpeg", t.format());
    assertEquals(List.of(), t.warnings());
    assertNull(t.decoded());
  }

  /**
   * One thumbnailer over images of different sizes and orientations, each decode taking the array
   * the previous one recycled, makes the same bytes as a thumbnailer on a new thread (nothing
   * recycled there): no image shows through another, and nothing is recycled before it is encoded.
   */
  @Test
  void aThreadsSuccessiveImagesDoNotShowThroughEachOther() throws Throwable {
    ImageSettings s = settings().sizes(List.of(new Size(256, 256), new Size(75, 75))).build();
    List<byte[]> images = List.of(Images.jpeg(1400, 1000, 3), Images.jpeg(640, 480, 4),
        io.github.sparkthumbs.testing.ExifImages.oriented("jpeg", Images.quadrants(600, 400), 6,
            java.nio.ByteOrder.BIG_ENDIAN),
        Images.jpeg(300, 900, 5), Images.jpeg(1400, 1000, 6));
    Thumbnailer shared = new Thumbnailer(s);
    for (byte[] img : images) {
      List<byte[]> together = shared.make(img, OutputFormat.JPG).encoded();
      Object[] alone = new Object[1];
      Thread t = new Thread(() -> {
        try {
          alone[0] = new Thumbnailer(s).make(img, OutputFormat.JPG).encoded();
        } catch (Throwable e) {
          alone[0] = e;
        }
      });
      t.start();
      t.join();
      if (alone[0] instanceof Throwable e) {
        throw e;
      }
      @SuppressWarnings("unchecked")
      List<byte[]> fresh = (List<byte[]>) alone[0];
      assertEquals(fresh.size(), together.size());
      for (int i = 0; i < fresh.size(); i++) {
        assertTrue(java.util.Arrays.equals(fresh.get(i), together.get(i)), "size " + i);
      }
    }
  }

  /**
   * A source already at its box's size is its own thumbnail, pixel for pixel: half-transparent
   * grey stays #7f7f7f (drawn over a new image it would round to #7e7e7e).
   */
  @Test
  void aSourceAtTheBoxSizeIsItsOwnThumbnail() throws Exception {
    BufferedImage src = image(8, 6, BufferedImage.TYPE_INT_ARGB,
        (x, y) -> x < 4 ? 0x807F7F7F : 0x40336699 + (y << 16));
    assertSamePixels(src, pngThumbnail(settings().size(8, 6).build(), src));
  }

  /**
   * An opaque reduction along one axis only (the other side already the output's, by rounding)
   * is still the exact area average, not Thumbnailator's bilinear.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aReductionAlongOneAxisIsTheAreaAverage(boolean wide) throws Exception {
    int w = wide ? 201 : 100;
    int h = wide ? 100 : 201;
    java.util.Random r = new java.util.Random(7);
    BufferedImage src = image(w, h, BufferedImage.TYPE_INT_RGB, (x, y) -> r.nextInt(1 << 24));
    int ow = wide ? 200 : 100;
    int oh = wide ? 100 : 200;
    BufferedImage want = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
    AreaAverage.INSTANCE.resize(src, want);
    assertSamePixels(want, pngThumbnail(settings().size(ow, oh).build(), src));
  }

  /**
   * After a JPEG through libjpeg-turbo, the decoded pixel array is kept for the next decode, and
   * {@link Thumbnailer#close} frees the library's handle.
   */
  @Test
  void theDecodedArrayIsRecycledAndCloseFreesTheHandle() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(TurboJpegLibrary.available(),
        TurboJpegLibrary.status());
    Thumbnailer t = new Thumbnailer(settings().size(64, 48).build());
    t.make(Images.jpeg(640, 480, 3), OutputFormat.JPG);
    // the spare is the decoded image's array (at least the thumbnail's pixels), not a new one
    int spare = t.codecs().decompressor.takeSpare(1).length;
    assertTrue(spare >= 64 * 48 && spare <= 640 * 480, "spare of " + spare);
    t.close();
    assertNull(t.codecs().decompressor);
  }

  /**
   * A photo stored on its side (EXIF orientation 6) fills the box as it is displayed: 600x400
   * shown, 400x600 stored, makes a 300x200 thumbnail with its quadrants where they show.
   */
  @Test
  void aQuarterTurnedPhotoFitsAsDisplayed() throws Exception {
    byte[] turned = io.github.sparkthumbs.testing.ExifImages.oriented("jpeg",
        Images.quadrants(600, 400), 6, java.nio.ByteOrder.BIG_ENDIAN);
    EncodedThumbnails t = new Thumbnailer(settings().size(300, 300).build())
        .make(turned, OutputFormat.PNG);
    assertEquals(List.of(400, 600), List.of(t.width(), t.height()));
    BufferedImage thumb = Images.read(t.encoded().get(0));
    assertEquals(List.of(300, 200), List.of(thumb.getWidth(), thumb.getHeight()));
    Images.assertQuadrants(thumb, 40);
  }

  /**
   * Crop mode on a photo as tall as the box: the centre is cut out at full resolution, not the
   * whole photo returned.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aCropAsHighOrWideAsTheBoxIsItsCentre(boolean wide) throws Exception {
    int w = wide ? 300 : 100;
    int h = wide ? 100 : 300;
    BufferedImage src = image(w, h, BufferedImage.TYPE_INT_RGB, (x, y) -> {
      int along = wide ? x : y;
      return along < 100 ? 0xFF0000 : along < 200 ? 0x00FF00 : 0x0000FF;
    });
    BufferedImage green = image(100, 100, BufferedImage.TYPE_INT_RGB, (x, y) -> 0x00FF00);
    assertSamePixels(green, pngThumbnail(settings().mode(Mode.CROP).size(100, 100).build(), src));
  }

  @Test
  void pngOutputIsPng() throws Exception {
    byte[] png = new Thumbnailer(settings().build()).make(Images.jpeg(300, 200, 2),
        OutputFormat.PNG).encoded().get(0);
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
  }

  @Test
  void badBytesAreTypedFailures() {
    Thumbnailer core = new Thumbnailer(settings().build());
    assertEquals(ErrorClass.EMPTY, assertThrows(ImageFailure.class,
        () -> core.make(new byte[0], OutputFormat.JPG)).errorClass());
    assertEquals(ErrorClass.UNSUPPORTED, assertThrows(ImageFailure.class,
        () -> core.make("just text".getBytes(), OutputFormat.JPG)).errorClass());
  }

  /**
   * Shrink-on-load: a 4000x3000 source for a 75x75 box is never decoded at full size, and the
   * small decode is the whole image (each quadrant where it belongs), not a corner of it.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void decodesOnlyWhatTheThumbnailsNeed(boolean nativeJpeg) throws IOException, ImageFailure {
    BufferedImage quadrants = Images.quadrants(4000, 3000);
    for (String format : List.of("jpeg", "png")) {
      Decoded d = ImageDecoder.decode(Images.encode(quadrants, format),
          DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, 1L << 40)
              .withNativeJpeg(nativeJpeg));
      assertEquals(4000, d.width());
      BufferedImage img = d.image();
      // ImageIO subsamples to about 4x the box (300 px), DCT scaling to 1/8 (500 px)
      assertTrue(img.getWidth() <= 500 && img.getWidth() >= 150,
          format + " decoded " + img.getWidth() + " px wide for a 75 px thumbnail");
      int w = img.getWidth();
      int h = img.getHeight();
      assertTrue(Images.near(img.getRGB(w / 4, h / 4), Color.RED, 40), format);
      assertTrue(Images.near(img.getRGB(3 * w / 4, h / 4), Color.GREEN, 40), format);
      assertTrue(Images.near(img.getRGB(w / 4, 3 * h / 4), Color.BLUE, 40), format);
      assertTrue(Images.near(img.getRGB(3 * w / 4, 3 * h / 4), Color.YELLOW, 40), format);
    }
  }
}
