package io.github.sparkthumbs.image;

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
