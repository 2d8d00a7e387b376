package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.ExifImages;
import io.github.sparkthumbs.testing.ExifThumbnails;
import io.github.sparkthumbs.testing.Images;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --embedded-thumbnails}: a red 1200x800 photo carrying a blue EXIF thumbnail;
 * the colour of the output says which one it was made from. Each case runs with libjpeg-turbo
 * (when installed) and with the pure-Java decoder.
 */
class ExifThumbnailTest {
  private static final Color PHOTO = Color.RED;
  private static final Color THUMB = Color.BLUE;

  private static EncodedThumbnails make(byte[] jpeg, boolean flag, boolean nativeJpeg)
      throws ImageFailure {
    ImageSettings s = ImageSettings.builder().embeddedThumbnails(flag)
        .nativeJpeg(nativeJpeg).build();
    return new Thumbnailer(s).make(jpeg, OutputFormat.JPG);
  }

  /** The one output, asserted flat in {@code c} at {@code w x h}. */
  private static void assertOutput(EncodedThumbnails t, int w, int h, Color c) throws Exception {
    BufferedImage out = Images.read(t.encoded().get(0));
    assertEquals(List.of(w, h), List.of(out.getWidth(), out.getHeight()));
    int p = out.getRGB(w / 2, h / 2);
    assertTrue(Images.near(p, c, 8), "centre is " + Images.rgb(p) + ", wanted " + c);
    assertTrue(Images.isFlat(out, 16), "not flat");
  }

  /** The photo was decoded, as without the flag: red, no decodedFrom, the photo's size. */
  private static void assertFromPhoto(byte[] jpeg, boolean nativeJpeg) throws Exception {
    EncodedThumbnails t = make(jpeg, true, nativeJpeg);
    assertOutput(t, 75, 50, PHOTO);
    assertNull(t.decodedFrom());
    assertEquals(List.of(1200, 800, List.of()), List.of(t.width(), t.height(), t.warnings()));
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void largeEnoughThumbnailOfTheSameShapeIsUsed(boolean nativeJpeg) throws Exception {
    byte[] jpeg = ExifThumbnails.jpeg(1200, 800, PHOTO, 240, 160, THUMB, 1);
    EncodedThumbnails t = make(jpeg, true, nativeJpeg);
    assertOutput(t, 75, 50, THUMB);
    assertEquals("exif-thumbnail", t.decodedFrom());
    assertEquals(List.of(1200, 800, "jpeg"), List.of(t.width(), t.height(), t.format()));
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void withoutTheFlagThePhotoIsDecoded(boolean nativeJpeg) throws Exception {
    byte[] jpeg = ExifThumbnails.jpeg(1200, 800, PHOTO, 240, 160, THUMB, 1);
    EncodedThumbnails t = make(jpeg, false, nativeJpeg);
    assertOutput(t, 75, 50, PHOTO);
    assertNull(t.decodedFrom());
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void exactlyTwiceTheOutputIsEnoughAndOnePixelLessIsNot(boolean nativeJpeg) throws Exception {
    // 75x75 of 1200x800 is 75x50: the thumbnail needs 150x100
    assertEquals("exif-thumbnail", make(ExifThumbnails.jpeg(1200, 800, PHOTO, 150, 100, THUMB, 1),
        true, nativeJpeg).decodedFrom());
    assertFromPhoto(ExifThumbnails.jpeg(1200, 800, PHOTO, 147, 98, THUMB, 1), nativeJpeg);
    assertFromPhoto(ExifThumbnails.jpeg(1200, 800, PHOTO, 120, 80, THUMB, 1), nativeJpeg);
  }

  @Test
  void largestOfSeveralSizesDecides() throws Exception {
    byte[] jpeg = ExifThumbnails.jpeg(1200, 800, PHOTO, 240, 160, THUMB, 1);
    ImageSettings s = ImageSettings.builder().embeddedThumbnails(true)
        .sizes(List.of(new Size(75, 75), new Size(150, 150))).build();
    EncodedThumbnails t = new Thumbnailer(s).make(jpeg, OutputFormat.JPG);
    assertNull(t.decodedFrom(), "150x100 needs 300x200");
    assertEquals(List.of(150, 100), List.of(Images.read(t.encoded().get(1)).getWidth(),
        Images.read(t.encoded().get(1)).getHeight()));
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void letterboxedThumbnailOfAnotherShapeIsRefused(boolean nativeJpeg) throws Exception {
    // 160x120 (4:3) for a 3:2 photo: cameras pad it with black bars
    assertFromPhoto(ExifThumbnails.jpeg(1200, 800, PHOTO, 160, 120, THUMB, 1), nativeJpeg);
    // a stale thumbnail of a square crop
    assertFromPhoto(ExifThumbnails.jpeg(1200, 800, PHOTO, 200, 200, THUMB, 1), nativeJpeg);
  }

  @Test
  void shapeIsTheScaledPhotoWithinOnePixelOrOnePercent() {
    int[] need = {75, 50};
    assertTrue(ExifThumbnail.usable(3000, 2000, 160, 107, need)); // 106.7
    assertTrue(ExifThumbnail.usable(3000, 2000, 160, 106, need));
    assertFalse(ExifThumbnail.usable(3000, 2000, 160, 108, need)); // 1.33 px, 1.25%
    assertFalse(ExifThumbnail.usable(3000, 2000, 160, 120, need));
    assertTrue(ExifThumbnail.usable(6000, 4000, 1000, 673, need)); // 6.67 px is under 1%
    assertFalse(ExifThumbnail.usable(6000, 4000, 1000, 674, need));
    assertFalse(ExifThumbnail.usable(300, 200, 600, 400, need), "larger than the photo");
    assertTrue(ExifThumbnail.usable(3000, 2000, 1200, 800, need));
    assertFalse(ExifThumbnail.usable(3000, 2000, 1500, 1000, need), "over a megapixel");
  }

  @Test
  void thumbnailClaimingOverAMegapixelIsNotDecoded() throws Exception {
    byte[] jpeg = ExifThumbnails.jpeg(3000, 2000, PHOTO, 1500, 1000, THUMB, 1);
    assertArrayEquals(new int[] {1500, 1000}, frameOfFoundThumbnail(jpeg));
    EncodedThumbnails t = make(jpeg, true, true);
    assertNull(t.decodedFrom());
    assertOutput(t, 75, 50, PHOTO);
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void offsetsOutsideTheSegmentAreIgnored(boolean nativeJpeg) throws Exception {
    byte[] photo = ExifThumbnails.flat(1200, 800, PHOTO);
    byte[] thumb = ExifThumbnails.flat(240, 160, THUMB);
    int at = ExifThumbnails.THUMBNAIL_AT;
    long[][] lies = {
      {at, thumb.length + 1}, // one byte past the segment
      {at + 1, thumb.length}, // shifted: past the end, and not a JPEG
      {0xFFFFFFF0L, 0x20}, // wraps around in 32 bits
      {at, 0xFFFFFFFFL},
      {0, thumb.length}, // the TIFF header, not a JPEG
      {at + 2, thumb.length - 2}, // inside, but not starting with SOI
    };
    for (long[] lie : lies) {
      byte[] jpeg = ExifImages.jpeg(photo,
          ExifThumbnails.exif(1, thumb, ByteOrder.LITTLE_ENDIAN, lie[0], lie[1]));
      assertNull(ExifThumbnail.find(jpeg), Arrays.toString(lie));
      assertFromPhoto(jpeg, nativeJpeg);
    }
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void truncatedThumbnailIsIgnored(boolean nativeJpeg) throws Exception {
    byte[] photo = ExifThumbnails.flat(1200, 800, PHOTO);
    byte[] thumb = Images.encode(noise(240, 160), "jpeg");
    byte[] cut = Arrays.copyOf(thumb, thumb.length / 2);
    // the length says the truth about the cut bytes: the JPEG itself ends early
    byte[] jpeg = ExifImages.jpeg(photo, ExifThumbnails.exif(1, cut, ByteOrder.BIG_ENDIAN,
        ExifThumbnails.THUMBNAIL_AT, cut.length));
    assertArrayEquals(new int[] {240, 160}, frameOfFoundThumbnail(jpeg));
    assertFromPhoto(jpeg, nativeJpeg);
  }

  @Test
  void randomDamageToTheExifBlockNeverThrows() throws Exception {
    byte[] good = ExifThumbnails.jpeg(600, 400, PHOTO, 160, 107, THUMB, 1);
    int exifEnd = 4 + 2 + 6 + ExifThumbnails.THUMBNAIL_AT + 64; // APP1 header to thumbnail SOF
    java.util.Random r = new java.util.Random(15);
    List<Size> box = List.of(new Size(75, 75));
    int used = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] b = good.clone();
      for (int k = 1 + r.nextInt(4); k > 0; k--) {
        b[2 + r.nextInt(exifEnd)] = (byte) r.nextInt(256);
      }
      Decoded d;
      try {
        d = ExifThumbnail.decode(b,
            DecodeRequest.of(box, Mode.FIT, Long.MAX_VALUE).withNativeJpeg(i % 2 == 0));
      } catch (ImageFailure f) {
        continue; // a damaged photo header: classified, not thrown out of bounds
      }
      if (d != null) {
        used++;
        assertEquals("exif-thumbnail", d.decodedFrom());
        assertTrue(d.image().getWidth() >= 150 && d.image().getHeight() >= 100, "mutation " + i);
      }
    }
    assertTrue(used > 0, "no mutation left the thumbnail usable");
  }

  @Test
  void exifCutOffByTheEndOfTheFileIsIgnored() throws Exception {
    byte[] jpeg = ExifThumbnails.jpeg(1200, 800, PHOTO, 240, 160, THUMB, 1);
    for (int len = 0; len < 200 + ExifThumbnails.THUMBNAIL_AT; len += 7) {
      byte[] cut = Arrays.copyOf(jpeg, len);
      int[] at = ExifThumbnail.find(cut);
      assertTrue(at == null || at[1] <= cut.length, "length " + len);
    }
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void photosOrientationAppliesToTheThumbnail(boolean nativeJpeg) throws Exception {
    // stored 1200x800 with orientation 6 (rotate 90 clockwise): shown 800x1200. The stored
    // thumbnail is blue on its left half, green on its right: shown blue on top.
    BufferedImage stored = ExifThumbnails.filled(240, 160, Color.GREEN);
    Graphics2D g = stored.createGraphics();
    g.setColor(THUMB);
    g.fillRect(0, 0, 120, 160);
    g.dispose();
    byte[] jpeg = ExifThumbnails.withThumbnail(ExifThumbnails.flat(1200, 800, PHOTO),
        Images.encode(stored, "jpeg"), 6);
    EncodedThumbnails t = make(jpeg, true, nativeJpeg);
    assertEquals("exif-thumbnail", t.decodedFrom());
    assertEquals(List.of(1200, 800), List.of(t.width(), t.height()));
    BufferedImage out = Images.read(t.encoded().get(0));
    assertEquals(List.of(50, 75), List.of(out.getWidth(), out.getHeight()));
    assertTrue(Images.near(out.getRGB(25, 10), THUMB, 16), Images.rgb(out.getRGB(25, 10)));
    assertTrue(Images.near(out.getRGB(25, 65), Color.GREEN, 16), Images.rgb(out.getRGB(25, 65)));
  }

  @Test
  void photosOwnDamageIsNotSeenWhenTheThumbnailIsUsed() throws Exception {
    byte[] jpeg = ExifThumbnails.withThumbnail(Images.jpeg(1200, 800, 15),
        ExifThumbnails.flat(240, 160, THUMB), 1);
    byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 6 / 10);
    EncodedThumbnails on = make(cut, true, true);
    assertEquals("exif-thumbnail", on.decodedFrom());
    assertEquals(List.of(), on.warnings(), "the photo's data is not decoded");
    assertEquals(List.of("truncated"), make(cut, false, true).warnings());
  }

  @Test
  void maxPixelsIsCheckedOnThePhotosHeader() throws Exception {
    byte[] jpeg = ExifThumbnails.jpeg(1200, 800, PHOTO, 240, 160, THUMB, 1);
    ImageSettings s = ImageSettings.builder().embeddedThumbnails(true)
        .maxPixels(1200 * 800 - 1).build();
    ImageFailure f = assertThrows(ImageFailure.class,
        () -> new Thumbnailer(s).make(jpeg, OutputFormat.JPG));
    assertEquals(ErrorClass.TOO_LARGE, f.errorClass());
    assertTrue(f.getMessage().contains("1200x800"), f.getMessage());
  }

  @Test
  void cropModeNeedsTheThumbnailToCoverTheCrop() throws Exception {
    // crop 75x75 of 3:2 needs 113x75, so 226x150 from the thumbnail
    ImageSettings.Builder s = ImageSettings.builder().embeddedThumbnails(true)
        .mode(Mode.CROP);
    EncodedThumbnails small = new Thumbnailer(s.build())
        .make(ExifThumbnails.jpeg(1200, 800, PHOTO, 222, 148, THUMB, 1), OutputFormat.JPG);
    assertNull(small.decodedFrom());
    EncodedThumbnails big = new Thumbnailer(s.build())
        .make(ExifThumbnails.jpeg(1200, 800, PHOTO, 240, 160, THUMB, 1), OutputFormat.JPG);
    assertEquals("exif-thumbnail", big.decodedFrom());
    assertOutput(big, 75, 75, THUMB);
  }

  @Test
  void photoWithAColourProfileOtherThanSrgbIsDecodedItself() throws Exception {
    // the thumbnail's pixels are in the photo's colour space, which only the photo's decode
    // converts: here linear RGB, whose profile is not described as sRGB
    byte[] camera = ExifThumbnails.jpeg(1200, 800, PHOTO, 240, 160, THUMB, 1);
    byte[] icc = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_LINEAR_RGB)
        .getData();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(camera, 0, 2);
    int len = 2 + 12 + 2 + icc.length;
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (len >> 8), (byte) len});
    out.writeBytes("ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    out.writeBytes(new byte[] {1, 1}); // chunk 1 of 1
    out.writeBytes(icc);
    out.write(camera, 2, camera.length - 2);
    byte[] jpeg = out.toByteArray();
    assertTrue(JpegSegments.hasNonSrgbProfile(jpeg));
    EncodedThumbnails t = make(jpeg, true, true);
    assertNull(t.decodedFrom());
    assertEquals(List.of(1200, 800), List.of(t.width(), t.height()));
  }

  /** Each limit of {@code usable} at its value (usable) and one past it (not). */
  @Test
  void usableUpToEachLimitAndNotOnePast() {
    int[] need = {75, 50};
    assertTrue(ExifThumbnail.usable(1200, 800, 150, 100, need), "exactly twice the need");
    assertFalse(ExifThumbnail.usable(1200, 800, 150, 100, new int[] {76, 50}));
    assertFalse(ExifThumbnail.usable(1200, 800, 150, 100, new int[] {75, 51}));
    assertTrue(ExifThumbnail.usable(300, 200, 300, 200, need), "as large as the photo");
    assertFalse(ExifThumbnail.usable(299, 200, 300, 200, need), "one column wider");
    assertFalse(ExifThumbnail.usable(300, 199, 300, 200, need), "one row taller");
    assertTrue(ExifThumbnail.usable(2048, 2048, 1024, 1024, need), "exactly a megapixel");
    assertFalse(ExifThumbnail.usable(2050, 2048, 1025, 1024, need), "one column over it");
    assertTrue(ExifThumbnail.usable(3000, 2000, 150, 101, need), "exactly 1 px off");
    assertTrue(ExifThumbnail.usable(1000, 2000, 500, 1010, need), "exactly 1% off");
    assertFalse(ExifThumbnail.usable(1000, 2000, 500, 1011, need));
  }

  /** {@code jpeg} whose photo frame header (not the thumbnail's) claims {@code w x h}. */
  private static byte[] claiming(byte[] jpeg, int w, int h) {
    byte[] b = jpeg.clone();
    int pos = 2;
    while ((b[pos + 1] & 0xFF) != 0xC0) {
      pos += 2 + ((b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF));
    }
    b[pos + 5] = (byte) (h >> 8);
    b[pos + 6] = (byte) h;
    b[pos + 7] = (byte) (w >> 8);
    b[pos + 8] = (byte) w;
    return b;
  }

  /** A photo header claiming no rows or no columns is left to the decoders to classify. */
  @Test
  void aPhotoHeaderWithoutPixelsIsNotDecodedFromItsThumbnail() throws Exception {
    byte[] jpeg = ExifThumbnails.jpeg(120, 80, PHOTO, 120, 80, THUMB, 1);
    DecodeRequest request = DecodeRequest.of(List.of(new Size(30, 30)), Mode.FIT, Long.MAX_VALUE);
    assertEquals("exif-thumbnail", ExifThumbnail.decode(jpeg, request).decodedFrom());
    assertNull(ExifThumbnail.decode(claiming(jpeg, 0, 80), request));
    assertNull(ExifThumbnail.decode(claiming(jpeg, 120, 0), request));
  }

  /**
   * The native path decodes the thumbnail at the smallest DCT scale with twice the need on each
   * side, the pure-Java path whole. The photo's header claims 6000x4000 (its pixels are never
   * decoded); the thumbnails are within 1% of its shape, one taller and one shorter, so that only
   * the width or only the height picks the scale. 251x251 needs 251x167: 502 columns take 5/8
   * (625), 334 rows only 4/8 (337 of 673). 250x250 needs 250x167: 500 columns take 4/8, 334 rows
   * 5/8 (414 of 661).
   */
  @Test
  void theThumbnailIsDecodedAtTheScaleBothSidesNeed() throws Exception {
    assumeTrue(TurboJpegLibrary.available(), TurboJpegLibrary.status());
    byte[] tall = claiming(ExifThumbnails.jpeg(60, 40, PHOTO, 1000, 673, THUMB, 1), 6000, 4000);
    byte[] low = claiming(ExifThumbnails.jpeg(60, 40, PHOTO, 1000, 661, THUMB, 1), 6000, 4000);
    assertEquals(List.of(625, 421), thumbnailDecode(tall, 251, true));
    assertEquals(List.of(625, 414), thumbnailDecode(low, 250, true));
    assertEquals(List.of(1000, 673), thumbnailDecode(tall, 251, false));
  }

  private static List<Object> thumbnailDecode(byte[] jpeg, int box, boolean nativeJpeg)
      throws ImageFailure {
    Decoded d = ExifThumbnail.decode(jpeg, DecodeRequest.of(List.of(new Size(box, box)),
        Mode.FIT, Long.MAX_VALUE).withNativeJpeg(nativeJpeg));
    assertEquals(List.of("exif-thumbnail", 6000, 4000),
        List.of(d.decodedFrom(), d.width(), d.height()));
    return List.of(d.image().getWidth(), d.image().getHeight());
  }

  private static final byte[] SMALLEST = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};

  /**
   * A little-endian TIFF structure: header, an empty IFD0, IFD1 with {@code entries} (tag, type,
   * count, value), then {@code thumb} at {@code 20 + 12 * entries.length}.
   */
  private static byte[] tiff(int magic, int[][] entries, byte[] thumb) {
    ByteBuffer b = ByteBuffer.allocate(20 + 12 * entries.length + thumb.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) magic).putInt(8);
    b.putShort((short) 0).putInt(14); // IFD0: no entries, then IFD1 at 14
    b.putShort((short) entries.length);
    for (int[] e : entries) {
      b.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
      if (e[1] == 3) { // a SHORT sits in the first two bytes of the value field
        b.putShort((short) e[3]).putShort((short) 0);
      } else {
        b.putInt(e[3]);
      }
    }
    b.putInt(0); // no IFD2
    b.put(thumb);
    return b.array();
  }

  private static int[] inTiff(byte[] tiff) {
    return ExifThumbnail.inTiff(tiff, 0, tiff.length);
  }

  /**
   * IFD1 names a JPEG by compression 6 (or none given), one LONG or SHORT offset and length
   * each, and at least SOI and a marker's 0xFF at the offset; anything else is no thumbnail.
   */
  @Test
  void onlyAJpegNamedByItsTagsIsAThumbnail() {
    int at = 20 + 36;
    assertArrayEquals(new int[] {at, at + 4}, inTiff(tiff(42,
        new int[][] {{0x103, 3, 1, 6}, {0x201, 4, 1, at}, {0x202, 4, 1, 4}}, SMALLEST)));
    assertArrayEquals(new int[] {at, at + 4}, inTiff(tiff(42,
        new int[][] {{0x103, 3, 1, 6}, {0x201, 3, 1, at}, {0x202, 3, 1, 4}}, SMALLEST)));
    assertArrayEquals(new int[] {44, 48}, inTiff(tiff(42,
        new int[][] {{0x201, 4, 1, 44}, {0x202, 4, 1, 4}}, SMALLEST)), "no compression tag");
    int[][][] refused = {
      {{0x103, 3, 1, 1}, {0x201, 4, 1, at}, {0x202, 4, 1, 4}}, // uncompressed
      {{0x103, 3, 1, 6}, {0x201, 4, 1, at}, {0x202, 4, 1, 3}}, // shorter than SOI and a marker
      {{0x103, 3, 1, 6}, {0x201, 4, 2, at}, {0x202, 4, 1, 4}}, // two offsets
      {{0x103, 3, 1, 6}, {0x201, 5, 1, at}, {0x202, 4, 1, 4}}, // a RATIONAL offset
      {{0x103, 3, 1, 6}, {0x201, 4, 1, at}, {0x202, 9, 1, 4}}, // an SLONG length
    };
    for (int[][] entries : refused) {
      assertNull(inTiff(tiff(42, entries, SMALLEST)), Arrays.deepToString(entries));
    }
    int[][] good = {{0x103, 3, 1, 6}, {0x201, 4, 1, at}, {0x202, 4, 1, 4}};
    assertNull(inTiff(tiff(43, good, SMALLEST)), "BigTIFF");
    for (byte[] notJpeg : new byte[][] {{0, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9},
        {(byte) 0xFF, 0, (byte) 0xFF, (byte) 0xD9}, {(byte) 0xFF, (byte) 0xD8, 0, (byte) 0xD9}}) {
      assertNull(inTiff(tiff(42, good, notJpeg)), Arrays.toString(notJpeg));
    }
  }

  /**
   * IFD1's entries must lie inside the structure, even when the bytes after its end (here the
   * rest of the array) would complete them: a table cut by two bytes is no thumbnail.
   */
  @Test
  void anIfd1TableCutByTheEndIsNotRead() {
    int ifd1 = 14 + SMALLEST.length;
    ByteBuffer b = ByteBuffer.allocate(ifd1 + 2 + 36 + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    b.putShort((short) 0).putInt(ifd1); // IFD0: no entries; IFD1 after the thumbnail
    b.put(SMALLEST);
    b.putShort((short) 3);
    for (int[] e : new int[][] {{0x103, 4, 1, 6}, {0x201, 4, 1, 14}, {0x202, 4, 1, 4}}) {
      b.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]).putInt(e[3]);
    }
    byte[] tiff = b.array();
    assertArrayEquals(new int[] {14, 18}, ExifThumbnail.inTiff(tiff, 0, ifd1 + 2 + 36));
    assertNull(ExifThumbnail.inTiff(tiff, 0, ifd1 + 2 + 36 - 2));
  }

  private static int[] frameOfFoundThumbnail(byte[] jpeg) {
    int[] at = ExifThumbnail.find(jpeg);
    return JpegSegments.frameSize(jpeg, at[0], at[1]);
  }

  private static BufferedImage noise(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    java.util.Random r = new java.util.Random(15);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, r.nextInt() & 0x0000FF);
      }
    }
    return img;
  }
}
