package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.testing.Craft;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The RIFF walk of {@link WebPFrames} on hand-made chunks, called directly: where each chunk
 * ends, what is too short to say, and the exact message of every refusal. FrameSizesTest shows
 * the same refusals through the decoder.
 */
class WebPFramesTest {
  private static final long LIMIT = ImageSettings.DEFAULT_MAX_PIXELS;

  private static ImageFailure refused(byte[] b, long maxPixels, ErrorClass expected) {
    ImageFailure f = assertThrows(ImageFailure.class, () -> WebPFrames.check(b, maxPixels));
    assertEquals(expected, f.errorClass(), f.getMessage());
    return f;
  }

  private static void passes(byte[] b, long maxPixels) {
    assertDoesNotThrow(() -> WebPFrames.check(b, maxPixels));
  }

  /**
   * A {@code VP8L} chunk whose header claims {@code w x h}, with the alpha hint (bit 28) set: a
   * bit just above the height that the size must not take in.
   */
  private static byte[] vp8l(int w, int h) {
    long bits = (w - 1) | (long) (h - 1) << 14 | 1L << 28;
    return Craft.riffChunk("VP8L", new byte[] {0x2F, (byte) bits, (byte) (bits >> 8),
        (byte) (bits >> 16), (byte) (bits >> 24)});
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** A VP8X chunk stating a {@code length} of its own, followed by {@code data}. */
  private static byte[] vp8xChunk(int length, byte[] data) {
    byte[] c = Arrays.copyOf(ascii("VP8X"), 8 + data.length);
    for (int i = 0; i < 4; i++) {
      c[4 + i] = (byte) (length >>> (8 * i));
    }
    System.arraycopy(data, 0, c, 8, data.length);
    return c;
  }

  @Test
  void isWebPNeedsRiffAndWebpInTwelveBytes() {
    assertTrue(WebPFrames.isWebP(ascii("RIFF\0\0\0\0WEBP")));
    assertFalse(WebPFrames.isWebP(ascii("RIFF\0\0\0\0WEB")));
    assertFalse(WebPFrames.isWebP(ascii("RIFX\0\0\0\0WEBP")));
    assertFalse(WebPFrames.isWebP(ascii("RIFF\0\0\0\0WAVE")));
  }

  @Test
  void vp8SizeNeedsItsTenByteHeaderInsideTheChunk() {
    byte[] c = Craft.vp8Claiming(300, 200, 0); // exactly the 10-byte key frame header
    assertArrayEquals(new int[] {300, 200}, WebPFrames.frameSize(c, 0, c.length));
    assertNull(WebPFrames.frameSize(c, 0, c.length - 1), "one byte short");
  }

  @Test
  void vp8lSizeTakesFourteenBitsEachFromFourBytes() {
    byte[] c = vp8l(5000, 9000); // 0x08C9D387 after the signature: every byte counts
    assertArrayEquals(new int[] {5000, 9000}, WebPFrames.frameSize(c, 0, 13));
    assertNull(WebPFrames.frameSize(c, 0, 12), "one byte short");
    c[8] = 0x2E;
    assertNull(WebPFrames.frameSize(c, 0, 13), "not the VP8L signature 0x2F");
    byte[] other = vp8l(5000, 9000);
    System.arraycopy(ascii("ALPH"), 0, other, 0, 4);
    assertNull(WebPFrames.frameSize(other, 0, 13), "not a bitstream chunk");
  }

  @Test
  void lessThanAChunkHeaderIsLeftToTheDecoder() {
    passes(Arrays.copyOf(Craft.webp(vp8xChunk(10, new byte[10])), 16), LIMIT);
  }

  @Test
  void truncatedVp8xIsCorrupt() {
    byte[] headerOnly = Craft.webp(vp8xChunk(10, new byte[0])); // ends right after the header
    assertEquals("webp VP8X chunk of 10 bytes is cut off after 0",
        refused(headerOnly, LIMIT, ErrorClass.CORRUPT).getMessage());
    byte[] half = Craft.webp(vp8xChunk(10, new byte[5]));
    assertEquals("webp VP8X chunk of 10 bytes is cut off after 5",
        refused(half, LIMIT, ErrorClass.CORRUPT).getMessage());
  }

  @Test
  void vp8xOfAnotherLengthIsCorrupt() {
    assertEquals("webp VP8X chunk is 9 bytes, not 10",
        refused(Craft.webp(vp8xChunk(9, new byte[10])), LIMIT, ErrorClass.CORRUPT)
            .getMessage());
    // a little-endian length of four distinct bytes, 0x0E0D0C0B
    assertEquals("webp VP8X chunk of 235736075 bytes is cut off after 4",
        refused(Craft.webp(vp8xChunk(0x0E0D0C0B, new byte[4])), LIMIT, ErrorClass.CORRUPT)
            .getMessage());
  }

  /** A VP8X chunk that ends exactly at the end of the file: a canvas and nothing to compare. */
  @Test
  void vp8xAloneEndingTheFilePasses() {
    byte[] webp = Craft.webpExtended(100, 75, false);
    assertEquals(30, webp.length);
    passes(webp, LIMIT);
  }

  @Test
  void canvasOverTheLimitIsTooLarge() {
    // 70000 - 1 = 0x01116F: a third byte in the 24-bit size
    assertEquals("webp canvas (VP8X) claims 70000x1 = 70000 pixels, over the limit of 69999"
        + " (--max-pixels)",
        refused(Craft.webpExtended(70000, 1, true), 69_999, ErrorClass.TOO_LARGE).getMessage());
    assertEquals("webp canvas (VP8X) claims 1x70000 = 70000 pixels, over the limit of 69999"
        + " (--max-pixels)",
        refused(Craft.webpExtended(1, 70000, true), 69_999, ErrorClass.TOO_LARGE).getMessage());
    passes(Craft.webpExtended(70000, 1, true), 70_000);
  }

  @Test
  void simpleWebpFrameOverTheLimitIsTooLarge() {
    byte[] webp = Craft.webp(Craft.vp8Claiming(100, 100, 0));
    assertEquals("webp frame (VP8) claims 100x100 = 10000 pixels, over the limit of 9999"
        + " (--max-pixels)", refused(webp, 9_999, ErrorClass.TOO_LARGE).getMessage());
    passes(webp, 10_000);
    assertEquals("webp frame (VP8L) claims 5000x9000 = 45000000 pixels, over the limit of"
        + " 10000 (--max-pixels)",
        refused(Craft.webp(vp8l(5000, 9000)), 10_000, ErrorClass.TOO_LARGE).getMessage());
  }

  @Test
  void simpleWebpWithoutABitstreamFirstIsLeftToTheDecoder() {
    passes(Craft.webp(Craft.riffChunk("ALPH", new byte[12])), 1);
  }

  @Test
  void stillCanvasDifferingFromItsLosslessFrameIsCorrupt() {
    assertEquals("webp canvas 32x24 (VP8X) differs from its frame, 64x48 (VP8L): the decoder"
        + " would allocate the frame's size",
        refused(Craft.webpExtended(32, 24, false, vp8l(64, 48)), LIMIT, ErrorClass.CORRUPT)
            .getMessage());
    assertEquals("webp canvas 32x24 (VP8X) differs from its frame, 32x48 (VP8): the decoder"
        + " would allocate the frame's size",
        refused(Craft.webpExtended(32, 24, false, Craft.vp8Claiming(32, 48, 0)), LIMIT,
            ErrorClass.CORRUPT).getMessage());
    passes(Craft.webpExtended(64, 48, false, vp8l(64, 48)), LIMIT);
  }

  @Test
  void stillFrameTooShortToSayIsLeftToTheDecoder() {
    passes(Craft.webpExtended(32, 24, false, Craft.riffChunk("VP8 ", new byte[4])), LIMIT);
  }

  /** Chunks before the frame are skipped by their length, an odd one with its pad byte. */
  @Test
  void chunksBeforeTheFrameAreSkippedWithTheirPadding() {
    byte[] webp = Craft.webpExtended(32, 24, false, Craft.riffChunk("ICCP", new byte[3]),
        Craft.riffChunk("EXIF", new byte[6]), Craft.vp8Claiming(64, 48, 0));
    assertTrue(refused(webp, LIMIT, ErrorClass.CORRUPT).getMessage()
        .startsWith("webp canvas 32x24 (VP8X) differs from its frame, 64x48 (VP8)"));
  }

  /** Only an animation's ANMF frames count, only a still image's bare bitstream. */
  @Test
  void framesOfTheOtherKindAreNotCompared() {
    byte[] lying = Craft.anmf(0, 0, 32, 24, Craft.vp8Claiming(12000, 12000, 0));
    passes(Craft.webpExtended(80, 60, false, Craft.anim(), lying), LIMIT);
    passes(Craft.webpExtended(80, 60, true, Craft.anim(), Craft.vp8Claiming(12000, 12000, 0)),
        LIMIT);
  }

  @Test
  void animationFrameShorterThanItsHeaderIsTruncated() {
    byte[] empty = Craft.riffChunk("ANMF", new byte[0]); // its header ends the file
    assertEquals("webp animation frame 1 is truncated",
        refused(Craft.webpExtended(80, 60, true, Craft.anim(), empty), LIMIT,
            ErrorClass.CORRUPT).getMessage());
    byte[] short10 = Craft.riffChunk("ANMF", new byte[10]);
    assertEquals("webp animation frame 1 is truncated",
        refused(Craft.webpExtended(80, 60, true, Craft.anim(), short10), LIMIT,
            ErrorClass.CORRUPT).getMessage());
  }

  @Test
  void animationFrameWithoutABitstreamIsCorrupt() {
    byte[] headerOnly = Craft.anmf(0, 0, 1, 1, new byte[0]); // exactly the 16-byte header
    assertEquals("webp animation frame 1, 1x1 at 0,0, has no VP8/VP8L bitstream",
        refused(Craft.webpExtended(80, 60, true, Craft.anim(), headerOnly), LIMIT,
            ErrorClass.CORRUPT).getMessage());
    // four bytes after the header: less than a chunk header, and the last bytes of the file
    byte[] stub = Craft.anmf(0, 0, 1, 1, ascii("VP8 "));
    assertEquals("webp animation frame 1, 1x1 at 0,0, has no VP8/VP8L bitstream",
        refused(Craft.webpExtended(80, 60, true, Craft.anim(), stub), LIMIT,
            ErrorClass.CORRUPT).getMessage());
  }

  @Test
  void animationFrameMustFitTheCanvasHeight() {
    byte[] frame = Craft.vp8Claiming(64, 48, 0);
    assertEquals("webp animation frame 1, 64x48 at 0,14, does not fit its canvas 80x60 (VP8X)",
        refused(Craft.webpExtended(80, 60, true, Craft.anim(), Craft.anmf(0, 14, 64, 48, frame)),
            LIMIT, ErrorClass.CORRUPT).getMessage());
    passes(Craft.webpExtended(80, 60, true, Craft.anim(), Craft.anmf(16, 12, 64, 48, frame)),
        LIMIT);
  }

  /** An ALPH chunk (lossy alpha) before the frame's bitstream is walked over. */
  @Test
  void animationFrameBitstreamAfterAlphaIsCompared() {
    byte[] alpha = Craft.riffChunk("ALPH", new byte[5]);
    byte[] lossless = Craft.anmf(0, 0, 32, 24, concat(alpha, vp8l(64, 48)));
    assertEquals("webp animation frame 1, 32x24 at 0,0, holds a 64x48 bitstream (VP8L)",
        refused(Craft.webpExtended(80, 60, true, Craft.anim(), lossless), LIMIT,
            ErrorClass.CORRUPT).getMessage());
    byte[] lossy = Craft.anmf(0, 0, 32, 24, concat(alpha, Craft.vp8Claiming(32, 24, 0)));
    passes(Craft.webpExtended(80, 60, true, Craft.anim(), lossy), LIMIT);
  }

  /** A bitstream that differs from its frame in one side only is as corrupt. */
  @Test
  void animationFrameBitstreamDifferingInOneSideIsCorrupt() {
    byte[] taller = Craft.anmf(0, 0, 32, 24, Craft.vp8Claiming(32, 48, 0));
    assertEquals("webp animation frame 1, 32x24 at 0,0, holds a 32x48 bitstream (VP8)",
        refused(Craft.webpExtended(80, 60, true, Craft.anim(), taller), LIMIT,
            ErrorClass.CORRUPT).getMessage());
    byte[] wider = Craft.anmf(0, 0, 32, 24, vp8l(64, 24));
    assertEquals("webp animation frame 1, 32x24 at 0,0, holds a 64x24 bitstream (VP8L)",
        refused(Craft.webpExtended(80, 60, true, Craft.anim(), wider), LIMIT,
            ErrorClass.CORRUPT).getMessage());
  }

  /** A bitstream chunk too short to state a size, ending the frame: left to the decoder. */
  @Test
  void animationFrameBitstreamTooShortToSayIsLeftToTheDecoder() {
    byte[] frame = Craft.anmf(0, 0, 32, 24, Craft.riffChunk("VP8 ", new byte[0]));
    passes(Craft.webpExtended(80, 60, true, Craft.anim(), frame), LIMIT);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
