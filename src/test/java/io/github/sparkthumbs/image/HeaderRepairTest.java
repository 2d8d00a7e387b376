package io.github.sparkthumbs.image;

import static io.github.sparkthumbs.testing.DamagedHeaders.BLUE;
import static io.github.sparkthumbs.testing.DamagedHeaders.GREEN;
import static io.github.sparkthumbs.testing.DamagedHeaders.RED;
import static io.github.sparkthumbs.testing.DamagedHeaders.shows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.DamagedHeaders;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.TiffBuilder;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Header faults ImageIO refuses and Pillow reads past ({@link HeaderRepair}): each decodes to the
 * picture Pillow shows, warned about as damage unless the format allows it, and a repaired file
 * with too little data is still {@code corrupt}.
 */
class HeaderRepairTest {
  private static Decoded decode(byte[] bytes, int w, int h) throws ImageFailure {
    return ImageDecoder.decode(bytes,
        DecodeRequest.of(List.of(new Size(w, h)), Mode.FIT, Long.MAX_VALUE));
  }

  private static void assertRedOverBlue(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    for (int[] p : new int[][] {{0, 0}, {w - 1, 0}, {0, h / 2 - 1}}) {
      assertTrue(shows(img, p[0], p[1], RED), "red at " + Arrays.toString(p));
    }
    for (int[] p : new int[][] {{0, h / 2}, {w - 1, h - 1}}) {
      assertTrue(shows(img, p[0], p[1], BLUE), "blue at " + Arrays.toString(p));
    }
  }

  @Test
  void aTgaStoredRightToLeftIsMirroredAndIsNotDamage() throws Exception {
    for (boolean top : new boolean[] {true, false}) {
      Decoded d = decode(DamagedHeaders.tgaRightToLeft(8, 4, top), 8, 4);
      String origin = top ? "top-right" : "bottom-right";
      assertEquals(List.of(), d.warnings(), origin);
      assertEquals(List.of(8, 4), List.of(d.image().getWidth(), d.image().getHeight()), origin);
      assertTrue(shows(d.image(), 0, 0, RED), origin + ": top left is red");
      assertTrue(shows(d.image(), 7, 0, BLUE), origin + ": top right is blue");
      for (int x = 0; x < 8; x++) {
        assertTrue(shows(d.image(), x, 0, x < 4 ? RED : BLUE), origin + ": x " + x);
      }
      assertTrue(shows(d.image(), 0, 3, GREEN) && shows(d.image(), 7, 3, GREEN),
          origin + ": bottom row is green");
    }
  }

  @Test
  void aBmpWithPlanesOtherThanOneDecodesWithAWarning() throws Exception {
    Decoded d = decode(DamagedHeaders.bmpWithPlanes(8, 8, 3), 8, 8);
    assertEquals(List.of("corrupt-data"), d.warnings());
    assertEquals(1.0, d.decoded(), 0);
    assertEquals("bmp", d.format());
    assertRedOverBlue(d.image());
  }

  @Test
  void aBmpWithoutItsColourTableShowsInGrey() throws Exception {
    Decoded d = decode(DamagedHeaders.bmpWithoutColourTable(8, 4), 8, 4);
    assertEquals(List.of("corrupt-data"), d.warnings());
    assertTrue(shows(d.image(), 0, 0, Color.WHITE) && shows(d.image(), 7, 1, Color.WHITE),
        "index 255 in the top half is white");
    assertTrue(shows(d.image(), 0, 2, Color.BLACK) && shows(d.image(), 7, 3, Color.BLACK),
        "index 0 in the bottom half is black");
  }

  @Test
  void anIcoWhoseDirectoryClaimsDoubleHeightShowsItsBitmap() throws Exception {
    Decoded d = decode(DamagedHeaders.icoClaimingDoubleHeight(16), 16, 16);
    assertEquals(List.of("corrupt-data"), d.warnings());
    assertEquals(List.of(16, 16), List.of(d.width(), d.height()));
    assertRedOverBlue(d.image());
  }

  @Test
  void aTiffListingOneBitsPerSampleTooManyDecodesWithAWarning() throws Exception {
    Decoded d = decode(DamagedHeaders.tiffWithExtraBitsPerSample(8, 8, 8), 8, 8);
    assertEquals(List.of("corrupt-data"), d.warnings());
    assertEquals(1.0, d.decoded(), 0);
    assertRedOverBlue(d.image());
  }

  @Test
  void aGifWithACodeSizeOverEightIsRecodedAndWarnedAbout() throws Exception {
    for (int codeSize : new int[] {9, 11}) {
      Decoded d = decode(DamagedHeaders.gifWithCodeSize(16, 16, codeSize, 1), 16, 16);
      assertEquals(List.of("corrupt-data"), d.warnings(), "code size " + codeSize);
      assertEquals("gif", d.format());
      assertRedOverBlue(d.image());
    }
  }

  @Test
  void aGifUsingIndicesNoPaletteHoldsIsStillCorrupt() {
    byte[] gif = DamagedHeaders.gifWithCodeSize(16, 16, 9, 300);
    assertNull(GifCodeSize.recoded(gif, Long.MAX_VALUE));
    ImageFailure f = assertThrows(ImageFailure.class, () -> decode(gif, 16, 16));
    assertEquals(ErrorClass.CORRUPT, f.errorClass());
    assertTrue(f.getMessage().contains("Bad code size:9"), f.getMessage());
    byte[] fits = DamagedHeaders.gifWithCodeSize(16, 16, 9, 1);
    assertNull(GifCodeSize.recoded(fits, 255), "16x16 is over 255 pixels");
  }

  private static byte[] webpStrips() throws IOException {
    try (InputStream in = HeaderRepairTest.class.getResourceAsStream(
        "/damaged/webp-strips.tif")) {
      return in.readAllBytes();
    }
  }

  /** Two WebP strips (lossy: colours within a few units), red over blue; not damage. */
  @Test
  void aTiffOfWebPStripsIsRewrittenUncompressed() throws Exception {
    Decoded d = decode(webpStrips(), 16, 16);
    assertEquals(List.of(), d.warnings());
    assertEquals("tiff", d.format());
    BufferedImage img = d.image();
    for (int[] p : new int[][] {{0, 0}, {15, 7}, {0, 8}, {15, 15}}) {
      Color want = p[1] < 8 ? RED : BLUE;
      assertTrue(Images.near(img.getRGB(p[0], p[1]), want, 8),
          Arrays.toString(p) + ": " + Images.rgb(img.getRGB(p[0], p[1])));
    }
  }

  @Test
  void aTiffOfWebPStripsIsRewrittenOnlyWithinTheLimitsAndWhenEveryStripFits() throws Exception {
    byte[] tiff = webpStrips();
    assertNull(TiffWebP.uncompressed(tiff, 255), "16x16 is over 255 pixels");
    assertEquals(8 + 2 + 12 * 9 + 4 + 8 + 16 * 16 * 3, TiffWebP.uncompressed(tiff, 256).length);
    // RowsPerStrip (the 8th entry's value) said as 4: the 16x8 strips do not fit 16x4.
    int rowsPerStrip = 8 + 2 + 12 * 7 + 8;
    assertEquals(8, tiff[rowsPerStrip]);
    tiff[rowsPerStrip] = 4;
    assertNull(TiffWebP.uncompressed(tiff, Long.MAX_VALUE));
    ImageFailure f = assertThrows(ImageFailure.class, () -> decode(tiff, 16, 16));
    assertEquals("tiff data cannot be decoded: Unknown TIFF Compression value: 50001",
        f.getMessage());
  }

  /** Repaired, it decodes one row of eight (12.5%, said as 13%): under the 25% still ok. */
  @Test
  void aRepairedFileWithTooLittleDataIsStillCorrupt() {
    byte[] cut = DamagedHeaders.tiffWithExtraBitsPerSample(8, 8, 1);
    ImageFailure f = assertThrows(ImageFailure.class, () -> decode(cut, 8, 8));
    assertEquals(ErrorClass.CORRUPT, f.errorClass());
    assertEquals("tiff data is damaged [truncated, corrupt-data]: only 13% of the rows decoded,"
        + " the rest is fill (ok needs 25%)", f.getMessage());
    assertEquals(1, f.getSuppressed().length, "the refusal of the unrepaired header is kept");
    assertTrue(f.getSuppressed()[0].getMessage().contains("BitsPerSample"),
        f.getSuppressed()[0].getMessage());
  }

  @Test
  void intactHeadersAndShortOrForeignBytesHaveNoRepair() {
    byte[] tgaLeftToRight = DamagedHeaders.tgaRightToLeft(8, 4, true);
    tgaLeftToRight[17] &= ~0x10;
    assertNull(HeaderRepair.find("tga", tgaLeftToRight, Long.MAX_VALUE));
    assertNull(HeaderRepair.find("bmp", DamagedHeaders.bmpWithPlanes(8, 8, 1), Long.MAX_VALUE));
    byte[] tiff = DamagedHeaders.tiffWithExtraBitsPerSample(8, 8, 8);
    assertTrue(HeaderRepair.find("tiff", tiff, Long.MAX_VALUE).damaged());
    tiff[8 + 2 + 12 * 2 + 4] = 3; // BitsPerSample's count: 3, as SamplesPerPixel
    assertNull(HeaderRepair.find("tiff", tiff, Long.MAX_VALUE));
    for (String format : List.of("tga", "bmp", "ico", "tiff", "png")) {
      for (byte[] junk : List.of(new byte[0], "BM".getBytes(), new byte[] {'I', 'I', 42, 0,
          (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}, new byte[] {0, 0, 1, 0, 9, 9})) {
        assertNull(HeaderRepair.find(format, junk, Long.MAX_VALUE),
            format + " " + Arrays.toString(junk));
      }
    }
  }

  /**
   * A BMP whose header is {@code headerSize} bytes (12: OS/2 1.x, 16-bit sizes), 4x2, of
   * {@code bits} per pixel and {@code planes}, ClrUsed {@code used} when the header holds it (from
   * 36 bytes), then {@code table} and {@code pixels}; size and pixel offset say where they are.
   */
  private static byte[] bmp(int headerSize, int bits, int planes, int used, byte[] table,
      byte[] pixels) {
    int at = 14 + headerSize + table.length;
    ByteBuffer b = ByteBuffer.allocate(at + pixels.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(0, (byte) 'B').put(1, (byte) 'M').putInt(2, at + pixels.length).putInt(10, at);
    b.putInt(14, headerSize);
    if (headerSize == 12) {
      b.putShort(18, (short) 4).putShort(20, (short) 2).putShort(22, (short) planes)
          .putShort(24, (short) bits);
    } else {
      b.putInt(18, 4).putInt(22, 2).putShort(26, (short) planes).putShort(28, (short) bits);
    }
    if (headerSize >= 36) {
      b.putInt(46, used);
    }
    return b.put(14 + headerSize, table).put(at, pixels).array();
  }

  /** A colour table of {@code entrySize}-byte entries, each the grey of one of {@code greys}. */
  private static byte[] greys(int entrySize, int... greys) {
    byte[] t = new byte[greys.length * entrySize];
    for (int i = 0; i < greys.length; i++) {
      Arrays.fill(t, i * entrySize, i * entrySize + 3, (byte) greys[i]);
    }
    return t;
  }

  private static void assertRepaired(String format, byte[] damaged, byte[] want) {
    HeaderRepair.Fix f = HeaderRepair.find(format, damaged, Long.MAX_VALUE);
    assertArrayEquals(want, f.bytes());
    assertTrue(f.damaged());
    assertFalse(f.mirror());
  }

  @Test
  void aMissingColourTableBecomesAGreyRampOfTheColoursTheHeaderUses() {
    byte[] pixels = new byte[32];
    pixels[16] = 4; // at offset 46 after a 16-byte header: not a ClrUsed field there
    pixels[20] = 2; // at offset 46 after a 12-byte one
    int[] all = IntStream.range(0, 256).toArray();
    int[] four = {0, 85, 170, 255};
    Object[][] cases = {
      // header size, bits, ClrUsed, the table it gets
      {40, 8, 0, all}, {40, 8, 1, new int[] {0}}, {40, 8, 4, four}, {40, 8, 256, all},
      {40, 8, 300, all}, {40, 1, 0, new int[] {0, 255}}, {40, 4, 0,
          IntStream.range(0, 16).map(i -> 17 * i).toArray()}, {36, 8, 4, four},
      {16, 8, 0, all}, {12, 8, 0, all},
    };
    for (Object[] c : cases) {
      int headerSize = (int) c[0];
      int bits = (int) c[1];
      int used = (int) c[2];
      int entrySize = headerSize == 12 ? 3 : 4;
      assertRepaired("bmp", bmp(headerSize, bits, 1, used, new byte[0], pixels),
          bmp(headerSize, bits, 1, used, greys(entrySize, (int[]) c[3]), pixels));
    }
    // planes 3 and no table in an OS/2 1.x header, whose planes field is at 22
    assertRepaired("bmp", bmp(12, 8, 3, 0, new byte[0], pixels),
        bmp(12, 8, 1, 0, greys(3, all), pixels));
    // no pixels at all: the table still goes after the header
    assertRepaired("bmp", bmp(40, 1, 1, 0, new byte[0], new byte[0]),
        bmp(40, 1, 1, 0, greys(4, 0, 255), new byte[0]));
  }

  @Test
  void planesAreSetToOneInBothBytes() {
    for (int headerSize : new int[] {12, 40}) {
      int planesAt = headerSize == 12 ? 22 : 26;
      byte[] damaged = bmp(headerSize, 24, 0x0200, 0, new byte[0], new byte[24]);
      byte[] want = damaged.clone();
      want[planesAt] = 1;
      want[planesAt + 1] = 0;
      assertRepaired("bmp", damaged, want);
    }
  }

  @Test
  void bmpsThatNeedNoTableOrAreNotBmpsHaveNoRepair() {
    assertNull(HeaderRepair.find("bmp", bmp(40, 24, 1, 0, new byte[0], new byte[24]),
        Long.MAX_VALUE));
    assertNull(HeaderRepair.find("bmp", bmp(40, 0, 1, 0, new byte[0], new byte[24]),
        Long.MAX_VALUE), "0 bits: JPEG or PNG inside");
    assertNull(HeaderRepair.find("bmp", bmp(40, 8, 1, 0, greys(4, 0, 255), new byte[8]),
        Long.MAX_VALUE), "a table is there");
    for (int at : new int[] {0, 1}) {
      byte[] other = bmp(40, 24, 3, 0, new byte[0], new byte[24]);
      other[at] = 'X';
      assertNull(HeaderRepair.find("bmp", other, Long.MAX_VALUE), "byte " + at);
    }
  }

  /**
   * An ICO of {@code entries}, each {dirW, dirH, headerSize, bmpW, bmpH[, offset]}: a directory
   * entry (0 for 256) and a bitmap header saying {@code headerSize}, {@code bmpW} and
   * {@code bmpH} (image and mask: twice the icon's); {@code offset}, when given, is where the
   * entry says its bitmap is. The directory says {@code count} entries.
   */
  private static byte[] ico(int count, int[]... entries) {
    int n = entries.length;
    ByteBuffer b = ByteBuffer.allocate(6 + 56 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(2, (short) 1).putShort(4, (short) count);
    for (int i = 0; i < n; i++) {
      int[] e = entries[i];
      int entry = 6 + 16 * i;
      int at = 6 + 16 * n + 40 * i;
      b.put(entry, (byte) e[0]).put(entry + 1, (byte) e[1]).putShort(entry + 4, (short) 1)
          .putShort(entry + 6, (short) 32).putInt(entry + 8, 40)
          .putInt(entry + 12, e.length > 5 ? e[5] : at);
      b.putInt(at, e[2]).putInt(at + 4, e[3]).putInt(at + 8, e[4]);
    }
    return b.array();
  }

  /** The repair of {@code ico}: its directory's heights set to {@code heights}. */
  private static void assertDirectoryHeights(byte[] ico, int... heights) {
    byte[] want = ico.clone();
    for (int i = 0; i < heights.length; i++) {
      want[6 + 16 * i + 1] = (byte) heights[i];
    }
    assertRepaired("ico", ico, want);
  }

  @Test
  void everyIcoEntryIsSetToItsBitmapsHeight() {
    assertDirectoryHeights(ico(2, new int[] {16, 16, 40, 16, 32}, new int[] {32, 64, 40, 32, 64}),
        16, 32);
    assertDirectoryHeights(
        ico(2, new int[] {16, 32, 40, 16, 32, 9999}, new int[] {32, 64, 40, 32, 64}), 32, 32);
    // the first entry's bitmap starts 8 bytes before the end: its 40 is there, its height not
    byte[] pastEnd = ico(2, new int[] {16, 32, 40, 16, 32}, new int[] {32, 64, 40, 32, 64});
    ByteBuffer.wrap(pastEnd).order(ByteOrder.LITTLE_ENDIAN).putInt(6 + 12, pastEnd.length - 8)
        .putInt(pastEnd.length - 8, 40);
    assertDirectoryHeights(pastEnd, 32, 32);
    assertDirectoryHeights(ico(1, new int[] {1, 2, 40, 1, 2}), 1);
    assertDirectoryHeights(ico(1, new int[] {0, 128, 40, 256, 512}), 0); // 256 rows
    // all the file holds of the bitmap is the 12 bytes up to its height
    assertDirectoryHeights(Arrays.copyOf(ico(1, new int[] {16, 32, 40, 16, 32}), 34), 16);
  }

  @Test
  void icoEntriesThatMatchOrCannotBeCheckedAreLeft() {
    Object[][] left = {
      {"it matches", ico(1, new int[] {16, 16, 40, 16, 32})},
      {"0 is 256", ico(1, new int[] {16, 0, 40, 16, 512})},
      {"not a 40-byte header", ico(1, new int[] {16, 32, 124, 16, 32})},
      {"cut in the header", Arrays.copyOf(ico(1, new int[] {16, 32, 40, 16, 32}), 33)},
      {"another width", ico(1, new int[] {16, 32, 40, 17, 32})},
      {"no rows", ico(1, new int[] {16, 32, 40, 16, 1})},
      {"257 rows", ico(1, new int[] {0, 32, 40, 256, 514})},
      {"one entry listed", ico(1, new int[] {16, 16, 40, 16, 32}, new int[] {32, 64, 40, 32, 64})},
    };
    for (Object[] c : left) {
      assertNull(HeaderRepair.find("ico", (byte[]) c[1], Long.MAX_VALUE), (String) c[0]);
    }
  }

  /** An 8x8 RGB TIFF header whose BitsPerSample (third entry) lists {@code listed} values. */
  private static TiffBuilder rgbTiff(ByteOrder order, int listed, int samples) {
    TiffBuilder t = new TiffBuilder(order).add(256, TiffBuilder.SHORT, 8)
        .add(257, TiffBuilder.SHORT, 8).addCounted(258, TiffBuilder.SHORT, listed, 8, 8, 8, 1)
        .add(259, TiffBuilder.SHORT, 1).add(262, TiffBuilder.SHORT, 2);
    return samples < 0 ? t : t.add(277, TiffBuilder.SHORT, samples);
  }

  private static void assertBitsPerSampleCount(ByteOrder order, byte[] tiff, int count) {
    byte[] want = tiff.clone();
    ByteBuffer.wrap(want).order(order).putInt(8 + 2 + 12 * 2 + 4, count);
    assertRepaired("tiff", tiff, want);
  }

  @Test
  void aBitsPerSampleListLongerThanTheSamplesIsCutInEitherByteOrder() {
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      assertBitsPerSampleCount(order, rgbTiff(order, 4, 3).build(), 3);
      assertBitsPerSampleCount(order, rgbTiff(order, 2, 1).build(), 1); // both in the entry
      assertBitsPerSampleCount(order, rgbTiff(order, 2, -1).build(), 1); // no samples tag: 1
    }
  }

  @Test
  void aBitsPerSampleListIsLeftWhenCuttingWouldMoveItOrNoSampleIsSaid() {
    ByteOrder le = ByteOrder.LITTLE_ENDIAN;
    Object[][] left = {
      {"3 values elsewhere, 2 would be in the entry", rgbTiff(le, 3, 2).build()},
      {"as many as the samples", rgbTiff(le, 3, 3).build()},
      {"0 samples", rgbTiff(le, 2, 0).build()},
      {"BitsPerSample after the entries the IFD counts", new TiffBuilder(le)
          .add(277, TiffBuilder.SHORT, 3).addCounted(258, TiffBuilder.SHORT, 4, 8, 8, 8, 1)
          .declare(1).build()},
    };
    for (Object[] c : left) {
      assertNull(HeaderRepair.find("tiff", (byte[]) c[1], Long.MAX_VALUE), (String) c[0]);
    }
  }

  @Test
  void onlyClassicTiffsOfAKnownByteOrderAreRepaired() {
    byte[] be = rgbTiff(ByteOrder.BIG_ENDIAN, 4, 3).build();
    for (int at : new int[] {0, 1}) {
      byte[] other = be.clone();
      other[at] = 'X';
      assertNull(HeaderRepair.find("tiff", other, Long.MAX_VALUE), "byte " + at);
    }
    byte[] big = rgbTiff(ByteOrder.LITTLE_ENDIAN, 4, 3).build();
    big[2] = 43;
    assertNull(HeaderRepair.find("tiff", big, Long.MAX_VALUE), "BigTIFF");
  }
}
