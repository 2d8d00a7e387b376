package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.Craft;
import io.github.sparkthumbs.testing.ExifImages;
import io.github.sparkthumbs.testing.Images;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Orientation read from every container that carries it, in both EXIF byte orders, and applied:
 * fixtures are stored rotated or mirrored as a camera would store them, so only the tag brings
 * the quadrants back where they are shown.
 */
class ExifOrientationTest {
  private static final List<String> FORMATS = List.of("jpeg", "png", "webp", "tiff");
  private static final List<ByteOrder> ORDERS =
      List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN);

  /** Displayed 64x32: red top-left, green top-right, blue bottom-left, yellow bottom-right. */
  private static final BufferedImage SHOWN = Images.quadrants(64, 32);

  static Stream<Arguments> everyFormatOrderAndOrientation() {
    List<Arguments> all = new ArrayList<>();
    for (String format : FORMATS) {
      for (ByteOrder order : ORDERS) {
        for (int o = 1; o <= 8; o++) {
          all.add(Arguments.of(format, order, o));
        }
      }
    }
    return all.stream();
  }

  static Stream<ByteOrder> byteOrders() {
    return ORDERS.stream();
  }

  @ParameterizedTest(name = "{0} {1} orientation {2}")
  @MethodSource("everyFormatOrderAndOrientation")
  void decodedUpright(String format, ByteOrder order, int orientation)
      throws IOException, ImageFailure {
    byte[] file = ExifImages.oriented(format, SHOWN, orientation, order);
    assertUpright(file, format, orientation);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("byteOrders")
  void pngExifAfterTheImageData(ByteOrder order) throws IOException, ImageFailure {
    byte[] png = Images.encode(Images.storedFor(SHOWN, 6), "png");
    assertUpright(ExifImages.png(png, ExifImages.exif(6, order), true), "png", 6);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("byteOrders")
  void webpExifWithJpegsPrefix(ByteOrder order) throws IOException, ImageFailure {
    for (int orientation : new int[] {3, 8}) {
      byte[] webp = ExifImages.webp(
          Images.storedFor(SHOWN, orientation), ExifImages.exif(orientation, order), true);
      assertUpright(webp, "webp", orientation);
    }
  }

  private static void assertUpright(byte[] file, String format, int orientation)
      throws ImageFailure {
    Decoded d = ImageDecoder.decode(file,
        DecodeRequest.of(List.of(new Size(1000, 1000)), Mode.FIT, Long.MAX_VALUE));
    assertEquals(format, d.format());
    assertEquals(orientation, d.orientation(), "orientation read");
    boolean swap = orientation >= 5;
    assertEquals(swap ? 32 : 64, d.width(), "stored width");
    assertEquals(swap ? 64 : 32, d.height(), "stored height");
    BufferedImage img = d.image();
    assertEquals(64, img.getWidth(), "displayed width");
    assertEquals(32, img.getHeight(), "displayed height");
    int[][] centres = {{16, 8}, {48, 8}, {16, 24}, {48, 24}};
    Color[] expected = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW};
    for (int i = 0; i < 4; i++) {
      int rgb = img.getRGB(centres[i][0], centres[i][1]);
      assertTrue(Images.near(rgb, expected[i], 40),
          format + " orientation " + orientation + " at " + Arrays.toString(centres[i]) + " is "
              + Images.rgb(rgb) + ", expected " + expected[i]);
    }
  }

  @Test
  void outOfRangeValuesMeanUpright() throws IOException {
    byte[] png = Images.encode(SHOWN, "png");
    for (int v : new int[] {0, 9, 0xFFFF}) {
      for (ByteOrder order : ORDERS) {
        byte[] tagged = ExifImages.png(png, ExifImages.exif(v, order), false);
        assertEquals(1, ExifOrientation.read(tagged), "value " + v);
      }
    }
  }

  @Test
  void chunkLengthsPastTheEndMeanUpright() throws IOException {
    byte[] png = ExifImages.oriented("png", SHOWN, 6, ByteOrder.LITTLE_ENDIAN);
    int exif = Craft.pngChunkData(png, "eXIf");
    png[exif - 8] = 0x7F; // length 2 GB
    assertEquals(1, ExifOrientation.read(png));

    byte[] webp = ExifImages.oriented("webp", SHOWN, 6, ByteOrder.LITTLE_ENDIAN);
    int chunk = indexOf(webp, "EXIF");
    webp[chunk + 7] = 0x7F; // size 2 GB
    assertEquals(1, ExifOrientation.read(webp));
  }

  @Test
  void ifdLoopsAndOffsetsPastTheEndMeanUpright() throws IOException {
    byte[] tiff = ExifImages.oriented("tiff", SHOWN, 6, ByteOrder.BIG_ENDIAN);
    tiff[7] = 0; // IFD0 at offset 0: the header itself
    assertEquals(1, ExifOrientation.read(tiff));
    tiff[4] = 0x7F; // IFD0 far past the end
    assertEquals(1, ExifOrientation.read(tiff));
  }

  /** Damaged metadata never fails an image: every truncation and random damage reads as 1..8. */
  @Test
  void damagedMetadataNeverThrows() throws IOException {
    SplittableRandom rnd = new SplittableRandom(9);
    for (String format : FORMATS) {
      for (ByteOrder order : ORDERS) {
        byte[] file = ExifImages.oriented(format, SHOWN, 7, order);
        int from = format.equals("tiff") ? 0 : indexOf(file, format.equals("png") ? "eXIf"
            : format.equals("webp") ? "EXIF" : "Exif");
        int to = Math.min(file.length, from + 64);
        for (int cut = 0; cut <= to; cut++) {
          assertInRange(Arrays.copyOf(file, cut), format + " " + order + " cut at " + cut);
        }
        for (int i = 0; i < 2000; i++) {
          byte[] damaged = file.clone();
          for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
            damaged[from + rnd.nextInt(to - from)] = (byte) rnd.nextInt(256);
          }
          assertInRange(damaged, format + " " + order + " damage " + i);
        }
      }
    }
  }

  /**
   * The old hand-written parser read IFD0 only; the TIFF reader copies the values of every entry,
   * and here all of them point at the whole block: orientation 1, for a few MB at most.
   */
  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {4096, 65000})
  void metadataBombIsCheap(int size) throws IOException {
    byte[] jpeg = ExifImages.jpeg(Images.encode(SHOWN, "jpeg"), Craft.exifBomb(size));
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertEquals(1, ExifOrientation.read(jpeg));
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < 16_000_000, allocated + " bytes allocated");
  }

  /** The budget that stops bombs leaves room for a block read once, wherever IFD0 is. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("byteOrders")
  void ifd0FarFromTheHeader(ByteOrder order) throws IOException {
    byte[] jpeg = ExifImages.jpeg(Images.encode(SHOWN, "jpeg"), ExifImages.exif(8, order, 60000));
    assertEquals(8, ExifOrientation.read(jpeg));
  }

  @Test
  void damagedExifStillDecodes() throws IOException, ImageFailure {
    byte[] jpeg = ExifImages.jpeg(Images.encode(SHOWN, "jpeg"), new byte[] {'I', 'I', 42, 0, -1});
    Decoded d = ImageDecoder.decode(jpeg,
        DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, Long.MAX_VALUE));
    assertEquals(1, d.orientation());
    assertEquals(64, d.image().getWidth());
  }

  private static void assertInRange(byte[] b, String what) {
    int o = ExifOrientation.read(b);
    assertTrue(o >= 1 && o <= 8, what + ": " + o);
  }

  private static int indexOf(byte[] b, String ascii) {
    byte[] p = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int i = 0; i + p.length <= b.length; i++) {
      if (Arrays.equals(b, i, i + p.length, p, 0, p.length)) {
        return i;
      }
    }
    throw new AssertionError(ascii + " not found");
  }
}
