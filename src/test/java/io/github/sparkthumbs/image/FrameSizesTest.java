package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.Craft;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.NativeEncoders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every pixel limit is checked on the size the decoder will allocate, not on a header that a
 * container states apart from its images: a WebP canvas around a bigger frame, an ICO or ICNS
 * entry around a bigger PNG, a HEIF {@code ispe} around a bigger coded image. A mismatch is
 * {@code corrupt} (libwebp and PIL refuse such files), a real size over the limit
 * {@code too-large}; both name the sizes.
 */
class FrameSizesTest {
  private static final long LIMIT = ImageSettings.DEFAULT_MAX_PIXELS;

  @TempDir Path dir;

  private static Decoded decode(byte[] b, long maxPixels) throws ImageFailure {
    return ImageDecoder.decode(b, DecodeRequest.of(List.of(new Size(32, 32)), Mode.FIT, maxPixels));
  }

  private static ImageFailure refused(byte[] b, long maxPixels, ErrorClass expected) {
    ImageFailure f = assertThrows(ImageFailure.class, () -> decode(b, maxPixels));
    assertEquals(expected, f.errorClass(), f.getMessage());
    return f;
  }

  /** The 64x48 lossy WebP fixture's VP8 chunk. */
  private static byte[] photoFrame() throws IOException {
    try (InputStream in = FrameSizesTest.class.getResourceAsStream("/hostile/photo.webp")) {
      return Craft.webpFrameChunks(in.readAllBytes());
    }
  }

  @Test
  void webpCanvasSmallerThanItsFrameIsCorrupt() throws Exception {
    // the Java decoder made a flat black thumbnail of this, called ok, 32x24
    byte[] webp = Craft.webpExtended(32, 24, false, photoFrame());
    ImageFailure f = refused(webp, LIMIT, ErrorClass.CORRUPT);
    assertEquals("webp canvas 32x24 (VP8X) differs from its frame, 64x48 (VP8): the decoder"
        + " would allocate the frame's size", f.getMessage());
  }

  /**
   * A 100x75 canvas around a frame claiming 12000x12000: refused before the decoder allocates
   * the frame, which took the heap (and the run) down.
   */
  @Test
  void webpCanvasAroundAHugeFrameIsRefusedBeforeDecoding() {
    byte[] webp = Craft.webpExtended(100, 75, false, Craft.vp8Claiming(12000, 12000, 4096));
    long t0 = System.nanoTime();
    ImageFailure f = refused(webp, LIMIT, ErrorClass.CORRUPT);
    assertTrue(f.getMessage().contains("canvas 100x75 (VP8X) differs from its frame,"
        + " 12000x12000 (VP8)"), f.getMessage());
    assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "refused from the header");
  }

  @Test
  void webpFrameOfTheCanvasSizeDecodes() throws Exception {
    Decoded d = decode(Craft.webpExtended(64, 48, false, photoFrame()), LIMIT);
    assertEquals(List.of(64, 48, "webp"), List.of(d.width(), d.height(), d.format()));
  }

  @Test
  void webpFrameOverTheLimitIsTooLarge() throws Exception {
    ImageFailure f = refused(Craft.webpExtended(64, 48, false, photoFrame()), 64 * 48 - 1,
        ErrorClass.TOO_LARGE);
    assertTrue(f.getMessage().startsWith("webp"), f.getMessage());
    assertTrue(f.getMessage().contains("64x48 = 3072 pixels, over the limit of 3071"),
        f.getMessage());
  }

  @Test
  void webpAnimationFramesMustLieInsideTheCanvas() throws Exception {
    byte[] frame = photoFrame();
    byte[] inside = Craft.webpExtended(80, 60, true, Craft.anim(),
        Craft.anmf(16, 12, 64, 48, frame));
    Decoded d = decode(inside, LIMIT);
    assertEquals("webp", d.format());

    byte[] outside = Craft.webpExtended(80, 60, true, Craft.anim(),
        Craft.anmf(0, 0, 64, 48, frame), Craft.anmf(20, 0, 64, 48, frame));
    assertEquals("webp animation frame 2, 64x48 at 20,0, does not fit its canvas 80x60 (VP8X)",
        refused(outside, LIMIT, ErrorClass.CORRUPT).getMessage());

    byte[] lying = Craft.webpExtended(80, 60, true, Craft.anim(),
        Craft.anmf(0, 0, 32, 24, Craft.vp8Claiming(12000, 12000, 64)));
    assertEquals("webp animation frame 1, 32x24 at 0,0, holds a 12000x12000 bitstream (VP8)",
        refused(lying, LIMIT, ErrorClass.CORRUPT).getMessage());
  }

  @Test
  void icoEntryIsCheckedOnThePngInside() throws Exception {
    byte[] ico = Craft.icoWithPng(16, 16, Images.png(300, 200, 1));
    assertEquals(List.of(16, 16), List.of(decode(ico, LIMIT).width(), decode(ico, LIMIT)
        .height()), "the reader reports the entry's size");
    ImageFailure f = refused(ico, 10_000, ErrorClass.TOO_LARGE);
    assertEquals("ico entry 1 (PNG) claims 300x200 = 60000 pixels, over the limit of 10000"
        + " (--max-pixels)", f.getMessage());
  }

  @Test
  void icnsIconIsCheckedOnThePngInside() throws Exception {
    byte[] icns = Craft.icnsWith("ic07", Images.png(300, 200, 1)); // ic07: nominally 128x128
    ImageFailure f = refused(icns, 20_000, ErrorClass.TOO_LARGE);
    assertEquals("icns icon 1 (ic07) claims 300x200 = 60000 pixels, over the limit of 20000"
        + " (--max-pixels)", f.getMessage());
  }

  /** A 100x75 TIFF whose tiles claim 20000x20000: the reader allocates by the tile size. */
  @Test
  void tiffTilesAreCheckedOnTheirOwnSize() throws Exception {
    ImageFailure f = refused(tiledTiff(100, 75, 20000), LIMIT, ErrorClass.TOO_LARGE);
    assertEquals("tiff tiles claim 20000x20000 = 400000000 pixels each, over the limit of "
        + LIMIT + " (--max-pixels)", f.getMessage());
    // sides of 3 * 2^30, whose product wraps a long: refused all the same
    assertEquals("tiff tiles claim 3221225472x3221225472 = 10376293541461622784 pixels each,"
        + " over the limit of " + LIMIT + " (--max-pixels)",
        refused(tiledTiff(100, 75, 0xC0000000), LIMIT, ErrorClass.TOO_LARGE).getMessage());
    Decoded d = decode(tiledTiff(100, 75, 128), LIMIT);
    assertEquals(List.of(100, 75, "tiff"), List.of(d.width(), d.height(), d.format()));
  }

  /** A little-endian 8-bit grey TIFF of {@code w x h} in square tiles of {@code tile}, black. */
  private static byte[] tiledTiff(int w, int h, int tile) {
    int[][] entries = {{256, 4, w}, {257, 4, h}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1},
        {277, 3, 1}, {322, 4, tile}, {323, 4, tile}, {324, 4, 0}, {325, 4, tile * tile}};
    int ifd = 8;
    int data = ifd + 2 + 12 * entries.length + 4;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(data + Math.min(tile * tile, 1 << 16))
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
    b.putShort((short) entries.length);
    for (int[] e : entries) {
      b.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
      if (e[1] == 3) {
        b.putShort((short) e[2]).putShort((short) 0);
      } else {
        b.putInt(e[0] == 324 ? data : e[2]);
      }
    }
    b.putInt(0); // no next IFD
    return b.array();
  }

  // The checks called directly, on the smallest inputs that sit on each of their edges.

  private static ImageFailure checked(String format, byte[] b, long maxPixels,
      ErrorClass expected) {
    ImageFailure f = assertThrows(ImageFailure.class, () -> FrameSizes.check(format, b,
        maxPixels));
    assertEquals(expected, f.errorClass(), f.getMessage());
    return f;
  }

  private static void passes(String format, byte[] b, long maxPixels) {
    assertDoesNotThrow(() -> FrameSizes.check(format, b, maxPixels));
  }

  /** A PNG's first 24 bytes: the signature and an IHDR claiming {@code w x h}, nothing more. */
  private static byte[] pngHead(long w, long h) {
    return java.nio.ByteBuffer.allocate(24).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r',
        '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'}).putInt((int) w).putInt((int) h)
        .array();
  }

  /** A PNG entry that ends exactly at the end of the file is checked; one cut short is not. */
  @Test
  void icoPngEntryIsCheckedWhenItsHeaderIsWhole() {
    assertEquals("ico entry 1 (PNG) claims 300x200 = 60000 pixels, over the limit of 10000"
        + " (--max-pixels)",
        checked("ico", Craft.icoWithPng(16, 16, pngHead(300, 200)), 10_000,
            ErrorClass.TOO_LARGE).getMessage());
    passes("ico", Craft.icoWithPng(16, 16, Arrays.copyOf(pngHead(300, 200), 20)), 10_000);
  }

  @Test
  void icoWithoutAWholeEntryIsLeftToTheReader() {
    byte[] ico = Craft.icoWithPng(16, 16, pngHead(300, 200));
    passes("ico", Arrays.copyOf(ico, 21), 10_000); // one byte short of the first entry
    ico[4] = 0; // no entries
    passes("ico", ico, 10_000);
  }

  /** Sides that do not fit an int are corrupt; a side of exactly 2^31 - 1 is only too large. */
  @Test
  void pngSidesBeyondAnIntAreCorrupt() {
    assertEquals("ico entry 1 (PNG) claims 2147483648x1",
        checked("ico", Craft.icoWithPng(16, 16, pngHead(1L << 31, 1)), LIMIT,
            ErrorClass.CORRUPT).getMessage());
    assertEquals("ico entry 1 (PNG) claims 1x2147483648",
        checked("ico", Craft.icoWithPng(16, 16, pngHead(1, 1L << 31)), LIMIT,
            ErrorClass.CORRUPT).getMessage());
    assertEquals("ico entry 1 (PNG) claims 2147483647x1 = 2147483647 pixels, over the limit of "
        + LIMIT + " (--max-pixels)",
        checked("ico", Craft.icoWithPng(16, 16, pngHead(Integer.MAX_VALUE, 1)), LIMIT,
            ErrorClass.TOO_LARGE).getMessage());
    assertEquals("ico entry 1 (PNG) claims 1x2147483647 = 2147483647 pixels, over the limit of "
        + LIMIT + " (--max-pixels)",
        checked("ico", Craft.icoWithPng(16, 16, pngHead(1, Integer.MAX_VALUE)), LIMIT,
            ErrorClass.TOO_LARGE).getMessage());
  }

  /** Big-endian sides of four distinct bytes each: 0x01020304 x 0x05060708. */
  @Test
  void pngSidesAreReadFromAllFourBytes() {
    assertEquals("ico entry 1 (PNG) claims 16909060x84281096 = 1425114109129760 pixels, over"
        + " the limit of " + LIMIT + " (--max-pixels)",
        checked("ico", Craft.icoWithPng(16, 16, pngHead(0x01020304, 0x05060708)), LIMIT,
            ErrorClass.TOO_LARGE).getMessage());
  }

  @Test
  void icnsPngIconIsCheckedWhenItsHeaderIsWhole() throws Exception {
    assertEquals("icns icon 1 (ic07) claims 300x200 = 60000 pixels, over the limit of 20000"
        + " (--max-pixels)",
        checked("icns", Craft.icnsWith("ic07", pngHead(300, 200)), 20_000,
            ErrorClass.TOO_LARGE).getMessage());
    passes("icns", Craft.icnsWith("ic07", Arrays.copyOf(pngHead(300, 200), 20)), 20_000);
    passes("icns", Craft.icnsWith("ic07", Images.png(300, 200, 1)), 60_000);
  }

  @Test
  void everyIcnsIconIsChecked() throws Exception {
    // an ICNS of two icons: a small one first, then one over the limit; the walk steps by each
    // entry's length field (bytes 4-7 of the entry), not by its type
    byte[] small = Images.png(10, 10, 1);
    byte[] large = pngHead(300, 200);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 8 + small.length + 8 + large.length);
    b.put("icns".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(b.capacity());
    b.put("ic07".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(8 + small.length)
        .put(small);
    b.put("ic08".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(8 + large.length)
        .put(large);
    assertEquals("icns icon 2 (ic08) claims 300x200 = 60000 pixels, over the limit of 20000"
        + " (--max-pixels)",
        checked("icns", b.array(), 20_000, ErrorClass.TOO_LARGE).getMessage());
    passes("icns", b.array(), 60_000);
  }

  /** A raw JPEG 2000 codestream: SOC, then SIZ stating {@code w x h} at offset 0,0. */
  private static byte[] j2kCodestream(int w, int h) {
    return java.nio.ByteBuffer.allocate(4 + 2 + 2 + 16 + 8).putShort((short) 0xFF4F)
        .putShort((short) 0xFF51).putShort((short) 41).putShort((short) 0).putInt(w).putInt(h)
        .putInt(0).putInt(0).array();
  }

  @Test
  void icnsJpeg2000IconIsCheckedOnItsCodestream() {
    assertEquals("icns icon 1 (ic10) JPEG 2000 claims 300x200 = 60000 pixels, over the limit of"
        + " 20000 (--max-pixels)",
        checked("icns", Craft.icnsWith("ic10", j2kCodestream(300, 200)), 20_000,
            ErrorClass.TOO_LARGE).getMessage());
    passes("icns", Craft.icnsWith("ic10", j2kCodestream(300, 200)), 60_000);
    // a JP2 signature box with no codestream after it: no size to check
    byte[] jp2 = {0, 0, 0, 12, 'j', 'P', ' ', ' ', '\r', '\n', (byte) 0x87, '\n', 0, 0, 0, 0};
    passes("icns", Craft.icnsWith("ic10", jp2), 1);
  }

  @Test
  void ddsWithMoreMipmapLevelsThanHalvingsIsCorrupt() {
    byte[] dds = new byte[32];
    dds[12] = 1; // height
    dds[16] = 1; // width
    dds[28] = 2; // mipmap levels
    ImageFailure f = assertThrows(ImageFailure.class, () -> FrameSizes.checkHeader("dds", dds));
    assertEquals(ErrorClass.CORRUPT, f.errorClass());
    assertEquals("dds header claims 2 mipmap levels for a 1x1 texture, which has at most 1",
        f.getMessage());
    assertDoesNotThrow(() -> FrameSizes.checkHeader("dds", Arrays.copyOf(dds, 31)));
    dds[28] = 1; // as many levels as a 1x1 texture has
    assertDoesNotThrow(() -> FrameSizes.checkHeader("dds", dds));
  }

  /**
   * A TIFF header ({@code mark}, then {@code magic} and an IFD at 8 in {@code order}) and one IFD
   * that claims {@code count} entries and holds {@code entries} ({tag, type, value}), with no
   * next-IFD offset: the last entry ends the file. A SHORT value has 0x0101 in its two unused
   * bytes, which a reader must not take in.
   */
  private static byte[] tiff(String mark, java.nio.ByteOrder order, int magic, int count,
      int[]... entries) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 2 + 12 * entries.length)
        .order(order);
    b.put(mark.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putShort((short) magic)
        .putInt(8).putShort((short) count);
    for (int[] e : entries) {
      b.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
      if (e[1] == 3) {
        b.putShort((short) e[2]).putShort((short) 0x0101);
      } else {
        b.putInt(e[2]);
      }
    }
    return b.array();
  }

  private static byte[] tiles(String mark, java.nio.ByteOrder order, int type, int w, int h) {
    return tiff(mark, order, 42, 2, new int[] {322, type, w}, new int[] {323, type, h});
  }

  private static final java.nio.ByteOrder LE = java.nio.ByteOrder.LITTLE_ENDIAN;
  private static final java.nio.ByteOrder BE = java.nio.ByteOrder.BIG_ENDIAN;

  /** Tiles of {@code w x h} pass a limit of exactly their size and are refused one below it. */
  private static void tilesAtTheLimit(String mark, java.nio.ByteOrder order, int type, int w,
      int h) {
    long size = (long) w * h;
    passes("tiff", tiles(mark, order, type, w, h), size);
    assertEquals("tiff tiles claim " + w + "x" + h + " = " + size + " pixels each, over the limit"
        + " of " + (size - 1) + " (--max-pixels)",
        checked("tiff", tiles(mark, order, type, w, h), size - 1, ErrorClass.TOO_LARGE)
            .getMessage());
  }

  @Test
  void tiffTileOfExactlyTheLimitPasses() {
    tilesAtTheLimit("II", LE, 4, 100, 100);
    tilesAtTheLimit("II", LE, 4, 10_000, 1);
  }

  /** A side of 0 says nothing about the other; the reader refuses such tiles itself. */
  @Test
  void tiffTileSideOfZeroIsLeftToTheReader() {
    passes("tiff", tiles("II", LE, 4, 0, 1_000_000), 10_000);
    passes("tiff", tiles("II", LE, 4, 1_000_000, 0), 10_000);
  }

  /** SHORT tile sides, whose unused two bytes are not part of the value, in both byte orders. */
  @Test
  void tiffShortTileSidesAreSixteenBits() {
    tilesAtTheLimit("MM", BE, 3, 300, 300);
    tilesAtTheLimit("II", LE, 3, 300, 300);
  }

  /** Not a classic TIFF header (mixed or unknown byte order, BigTIFF's 43): not read. */
  @Test
  void tiffWithoutAClassicHeaderIsLeftToTheReader() {
    passes("tiff", tiles("IM", LE, 4, 20_000, 20_000), LIMIT);
    passes("tiff", tiles("XX", BE, 4, 20_000, 20_000), LIMIT);
    passes("tiff", tiff("II", LE, 43, 2, new int[] {322, 4, 20_000}, new int[] {323, 4, 20_000}),
        LIMIT);
    passes("tiff", Arrays.copyOf(tiles("II", LE, 4, 20_000, 20_000), 7), LIMIT);
  }

  @Test
  void tiffIfdOutsideTheFileIsLeftToTheReader() {
    byte[] t = tiles("II", LE, 4, 20_000, 20_000);
    t[4] = (byte) (t.length - 1); // the IFD's 2-byte count would end past the file
    passes("tiff", t, LIMIT);
  }

  /** Entries are read while whole and while the IFD's count lasts, not beyond either. */
  @Test
  void tiffEntriesAreReadWithinTheCountAndTheFile() {
    // a count of 3, two whole entries, and the first 8 bytes of a third (a TileWidth)
    byte[] cut = Arrays.copyOf(tiff("II", LE, 42, 3, new int[] {322, 4, 20_000},
        new int[] {323, 4, 20_000}, new int[] {322, 4, 1}), 8 + 2 + 12 * 2 + 8);
    assertEquals("tiff tiles claim 20000x20000 = 400000000 pixels each, over the limit of "
        + LIMIT + " (--max-pixels)",
        checked("tiff", cut, LIMIT, ErrorClass.TOO_LARGE).getMessage());
    // a count of 1: the TileWidth after it is not an entry of this IFD
    passes("tiff", tiff("II", LE, 42, 1, new int[] {323, 4, 20_000}, new int[] {322, 4, 20_000}),
        LIMIT);
  }

  /** The JDK's GIF reader reports and allocates the first frame's own size, not the screen's. */
  @Test
  void gifIsCheckedOnItsFrameNotItsLogicalScreen() throws Exception {
    byte[] gif = gifWithFrame(10, 10, 300, 200);
    ImageFailure f = refused(gif, 10_000, ErrorClass.TOO_LARGE);
    assertTrue(f.getMessage().contains("300x200 = 60000 pixels"), f.getMessage());
  }

  /** A GIF whose logical screen is {@code sw x sh} and whose one frame is {@code w x h}. */
  private static byte[] gifWithFrame(int sw, int sh, int w, int h) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.writeBytes(new byte[] {(byte) sw, (byte) (sw >> 8), (byte) sh, (byte) (sh >> 8),
        (byte) 0x80, 0, 0}); // a global colour table of 2 entries
    out.writeBytes(new byte[] {0, 0, 0, -1, -1, -1});
    out.writeBytes(new byte[] {0x2C, 0, 0, 0, 0, (byte) w, (byte) (w >> 8), (byte) h,
        (byte) (h >> 8), 0});
    out.writeBytes(new byte[] {2, 2, 0x4C, 0x01, 0, 0x3B}); // a clear code, end of data
    return out.toByteArray();
  }

  private static void needsLibheifAnd(String encoder) {
    assumeTrue(NativeEncoders.library("libheif.so.1"), "libheif1 not installed");
    assumeTrue(NativeEncoders.installed(encoder), encoder + " not installed");
  }

  @Test
  void heifCodedImageBiggerThanItsIspeIsRefused() throws Exception {
    needsLibheifAnd("heif-enc");
    byte[] heic = NativeEncoders.heic(dir, Images.encode(Images.quadrants(320, 240), "png"),
        "q.png", 50);
    byte[] lying = Craft.heifClaiming(heic, 100, 75);
    assertEquals("HEIC/HEIF header (ispe) claims 100x75 but its coded image is 320x240",
        refused(lying, LIMIT, ErrorClass.CORRUPT).getMessage());
    // the header passes a limit of 10000 pixels; the coded image does not
    assertEquals("HEIC/HEIF coded image claims 320x240 = 76800 pixels, over the limit of 10000"
        + " (--max-pixels)", refused(lying, 10_000, ErrorClass.TOO_LARGE).getMessage());
  }

  @Test
  void avifCodedImageBiggerThanItsIspeIsRefused() throws Exception {
    needsLibheifAnd("avifenc");
    byte[] avif = NativeEncoders.avif(dir, Images.encode(Images.quadrants(300, 200), "png"),
        "q.png");
    assertEquals("AVIF header (ispe) claims 100x75 but its coded image is 300x200",
        refused(Craft.heifClaiming(avif, 100, 75), LIMIT, ErrorClass.CORRUPT).getMessage());
  }

  /** heif-enc rounds an odd size up for HEVC and crops back with a clap box: no mismatch. */
  @Test
  void heifWithACleanApertureIsNotAMismatch() throws Exception {
    needsLibheifAnd("heif-enc");
    byte[] heic = NativeEncoders.heic(dir, Images.encode(Images.quadrants(321, 241), "png"),
        "odd.png", 50);
    Decoded d = decode(heic, LIMIT);
    assertEquals(List.of(321, 241), List.of(d.image().getWidth(), d.image().getHeight()));
  }
}
