package io.github.sparkthumbs.image;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;

/**
 * The sizes inside a WebP file, read from its RIFF chunks before any decoder runs. An extended
 * WebP ({@code VP8X}) states a canvas size apart from the size in its frames' bitstreams, and the
 * Java decoder allocates both: the canvas for the result, each frame at its bitstream's size. A
 * canvas of 100x75 around a 12000x12000 frame therefore passed a limit checked on the canvas and
 * exhausted the heap. libwebp 1.2 refuses such files ({@code ParseHeadersInternal}: a still
 * image's frame must be the canvas size; {@code WebPDemux}: an animation's frames must lie inside
 * the canvas), and so does this check: {@code corrupt} for a mismatch, {@code too-large} for a
 * canvas or frame over the limit.
 */
final class WebPFrames {
  private static final int ANIMATION_FLAG = 0x02;
  /** {@code ANMF} payload before its frame's chunks: offsets, size, duration, flags. */
  private static final int ANMF_HEADER = 16;

  private WebPFrames() {}

  static boolean isWebP(byte[] b) {
    return b.length >= 12 && fourCc(b, 0).equals("RIFF") && fourCc(b, 8).equals("WEBP");
  }

  /**
   * Refuses a WebP whose frames differ from its canvas or exceed {@code maxPixels}.
   *
   * @throws ImageFailure {@code corrupt} for a size mismatch or a frame without a bitstream,
   *     {@code too-large} over the limit
   */
  static void check(byte[] b, long maxPixels) throws ImageFailure {
    int off = 12;
    if (off + 8 > b.length) {
      return; // nothing to compare; the decoder reports the truncation
    }
    String first = fourCc(b, off);
    int len = chunkLength(b, off);
    if (!first.equals("VP8X")) {
      int[] size = frameSize(b, off, b.length);
      if (size != null) {
        DecodeSteps.checkSize("webp frame (" + first.trim() + ")", size[0], size[1],
            maxPixels);
      }
      return;
    }
    if (len < 10) {
      throw new ImageFailure(ErrorClass.CORRUPT, "webp VP8X chunk is " + len
          + " bytes, not 10");
    }
    if (off + 8 + 10 > b.length) {
      throw new ImageFailure(ErrorClass.CORRUPT, "webp VP8X chunk of " + len
          + " bytes is cut off after " + Math.max(0, b.length - off - 8));
    }
    int d = off + 8;
    boolean animated = (b[d] & ANIMATION_FLAG) != 0;
    int canvasW = 1 + le24(b, d + 4);
    int canvasH = 1 + le24(b, d + 7);
    DecodeSteps.checkSize("webp canvas (VP8X)", canvasW, canvasH, maxPixels);
    int frames = 0;
    for (off = next(b, off); off + 8 <= b.length; off = next(b, off)) {
      String type = fourCc(b, off);
      int end = end(b, off);
      if (animated && type.equals("ANMF")) {
        frames++;
        checkAnimationFrame(b, off + 8, end, frames, canvasW, canvasH);
      } else if (!animated && (type.equals("VP8 ") || type.equals("VP8L"))) {
        int[] size = frameSize(b, off, end);
        if (size != null && (size[0] != canvasW || size[1] != canvasH)) {
          throw new ImageFailure(ErrorClass.CORRUPT, "webp canvas " + canvasW + "x" + canvasH
              + " (VP8X) differs from its frame, " + size[0] + "x" + size[1] + " ("
              + type.trim() + "): the decoder would allocate the frame's size");
        }
        return; // a still image has one frame
      }
    }
  }

  /** An {@code ANMF} chunk's payload at {@code [d, end)}: its frame inside the canvas. */
  private static void checkAnimationFrame(byte[] b, int d, int end, int n, int canvasW,
      int canvasH) throws ImageFailure {
    if (d + ANMF_HEADER > end) {
      throw new ImageFailure(ErrorClass.CORRUPT, "webp animation frame " + n + " is truncated");
    }
    long x = 2L * le24(b, d);
    long y = 2L * le24(b, d + 3);
    int w = 1 + le24(b, d + 6);
    int h = 1 + le24(b, d + 9);
    String where = "webp animation frame " + n + ", " + w + "x" + h + " at " + x + "," + y;
    if (x + w > canvasW || y + h > canvasH) {
      throw new ImageFailure(ErrorClass.CORRUPT, where + ", does not fit its canvas "
          + canvasW + "x" + canvasH + " (VP8X)");
    }
    for (int off = d + ANMF_HEADER; off + 8 <= end; off = next(b, off)) {
      String type = fourCc(b, off);
      if (type.equals("VP8 ") || type.equals("VP8L")) {
        int[] size = frameSize(b, off, Math.min(end, end(b, off)));
        if (size != null && (size[0] != w || size[1] != h)) {
          throw new ImageFailure(ErrorClass.CORRUPT, where + ", holds a " + size[0] + "x"
              + size[1] + " bitstream (" + type.trim() + ")");
        }
        return;
      }
    }
    throw new ImageFailure(ErrorClass.CORRUPT, where + ", has no VP8/VP8L bitstream");
  }

  /**
   * {width, height} of the {@code VP8 } or {@code VP8L} bitstream in the chunk at {@code off},
   * or null for another chunk or one too short to say (the decoder then fails on it).
   */
  static int[] frameSize(byte[] b, int off, int end) {
    String type = fourCc(b, off);
    int d = off + 8;
    if (type.equals("VP8 ") && d + 10 <= end && (b[d] & 1) == 0 // a key frame
        && (b[d + 3] & 0xFF) == 0x9D && (b[d + 4] & 0xFF) == 0x01 && (b[d + 5] & 0xFF) == 0x2A) {
      // RFC 6386 9.1: 14 bits of size, 2 of upscaling (which decoders ignore)
      return new int[] {le16(b, d + 6) & 0x3FFF, le16(b, d + 8) & 0x3FFF};
    }
    if (type.equals("VP8L") && d + 5 <= end && (b[d] & 0xFF) == 0x2F) {
      long bits = (b[d + 1] & 0xFFL) | (b[d + 2] & 0xFFL) << 8 | (b[d + 3] & 0xFFL) << 16
          | (b[d + 4] & 0xFFL) << 24;
      return new int[] {1 + (int) (bits & 0x3FFF), 1 + (int) (bits >> 14 & 0x3FFF)};
    }
    return null;
  }

  private static int chunkLength(byte[] b, int off) {
    long len = (b[off + 4] & 0xFFL) | (b[off + 5] & 0xFFL) << 8 | (b[off + 6] & 0xFFL) << 16
        | (b[off + 7] & 0xFFL) << 24;
    return (int) Math.min(len, Integer.MAX_VALUE - 16);
  }

  /** Where the chunk at {@code off} ends, clipped to the file. */
  private static int end(byte[] b, int off) {
    return (int) Math.min(b.length, (long) off + 8 + chunkLength(b, off));
  }

  /**
   * The next chunk: RIFF pads each chunk to an even length. Clipped to the file, so that a chunk
   * length near 2^32 ends the walk instead of wrapping {@code off + 8} past the int range.
   */
  private static int next(byte[] b, int off) {
    long len = chunkLength(b, off);
    return (int) Math.min(b.length, off + 8 + len + (len & 1));
  }

  private static int le16(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
  }

  private static int le24(byte[] b, int off) {
    return le16(b, off) | (b[off + 2] & 0xFF) << 16;
  }

  private static String fourCc(byte[] b, int off) {
    return new String(b, off, 4, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
