package io.github.sparkthumbs.image;

import io.github.sparkthumbs.result.ImageFailure;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * The JPEG thumbnail a camera stores in a JPEG's EXIF block (IFD1,
 * JPEGInterchangeFormat and JPEGInterchangeFormatLength), decoded instead of the photo when it
 * can stand for it ({@code --embedded-thumbnails}). It can when it has at least twice the pixels
 * the largest output needs along both sides (the rule every decoder here follows, from
 * {@link DecodeSteps#need}) and the photo's shape within 1 px or 1% (a 160x120 thumbnail of a
 * 3:2 photo is letterboxed, and a thumbnail of another shape was left by an editor that cropped
 * the photo). Its offsets come from the file: anything outside the APP1 segment, not a JPEG, of
 * another shape or that decodes with a warning means "no thumbnail", and the photo is decoded
 * as without the flag. It is stored as the photo is, so the photo's EXIF orientation applies.
 */
final class ExifThumbnail {
  /** The manifest's {@code decodedFrom} for thumbnails made from it. */
  static final String SOURCE = "exif-thumbnail";

  private static final int TAG_COMPRESSION = 0x0103;
  private static final int TAG_JPEG_OFFSET = 0x0201;
  private static final int TAG_JPEG_LENGTH = 0x0202;
  private static final int COMPRESSION_JPEG = 6;
  private static final int TYPE_SHORT = 3;
  private static final int TYPE_LONG = 4;
  /**
   * An APP1 segment holds at most 64 KB, so a camera's IFD1 thumbnail is 160x120 to 640x480; a
   * larger claim in a few KB is a decompression bomb, refused before it is decoded whole.
   */
  static final long MAX_PIXELS = 1L << 20;

  private ExifThumbnail() {}

  /**
   * The photo decoded from its embedded thumbnail, or null when it has none that can stand for
   * it. {@code width} and {@code height} are the photo's, from its frame header.
   *
   * @throws ImageFailure {@code too-large} when the photo's header claims more than
   *     {@link DecodeRequest#maxPixels}: the limit holds whatever is decoded
   */
  static Decoded decode(byte[] b, DecodeRequest request) throws ImageFailure {
    int[] size = JpegSegments.frameSize(b, 0, b.length);
    if (size == null || size[0] <= 0 || size[1] <= 0) {
      return null; // the decoders classify a damaged header
    }
    int w = size[0];
    int h = size[1];
    DecodeSteps.checkDimensions("jpeg", w, h, request.maxPixels());
    int[] at = find(b);
    int[] t = at == null ? null : JpegSegments.frameSize(b, at[0], at[1]);
    if (t == null) {
      return null;
    }
    int orientation = ExifOrientation.read(b);
    int[] need = DecodeSteps.need(w, h, orientation, request.boxes(), request.mode());
    // The photo's colours need its profile, which only the ImageIO path of the photo converts.
    if (!usable(w, h, t[0], t[1], need) || JpegSegments.hasNonSrgbProfile(b)) {
      return null;
    }
    byte[] jpeg = Arrays.copyOfRange(b, at[0], at[1]);
    BufferedImage stored = null;
    if (request.nativeJpeg()) { // decodeWhole is null without the library
      stored = TurboJpegDecoder.decodeWhole(jpeg, t[0], t[1], 2 * need[0], 2 * need[1]);
    }
    if (stored == null) {
      stored = ImageDecoder.decodeWhole(jpeg, t[0], t[1]);
    }
    if (stored == null) {
      return null;
    }
    return Decoded.of(stored, w, h, orientation, "jpeg", List.of()).from(SOURCE);
  }

  /**
   * Whether a {@code tw x th} thumbnail can stand for a {@code w x h} photo whose outputs need
   * {@code need} pixels (all in stored orientation): twice the need on both sides, no larger
   * than the photo nor {@link #MAX_PIXELS}, and the photo's shape scaled to the thumbnail's width
   * within 1 px or 1%.
   */
  static boolean usable(int w, int h, int tw, int th, int[] need) {
    if (tw < 2L * need[0] || th < 2L * need[1] || tw > w || th > h
        || (long) tw * th > MAX_PIXELS) {
      return false;
    }
    double expected = (double) h * tw / w;
    return Math.abs(th - expected) <= Math.max(1.0, 0.01 * expected);
  }

  /** The bounds {start, end} of the IFD1 JPEG of a JPEG's EXIF block, or null. */
  static int[] find(byte[] b) {
    int[] tiff = JpegSegments.find(b, 0xE1, "Exif\0\0");
    return tiff == null ? null : inTiff(b, tiff[0], tiff[1]);
  }

  /**
   * The bounds of the IFD1 JPEG of the TIFF structure at {@code [start, end)}, or null. Every
   * offset is checked against the structure before it is read.
   */
  static int[] inTiff(byte[] b, int start, int end) {
    long size = end - start;
    if (size < 8) {
      return null;
    }
    boolean le;
    if (b[start] == 'I' && b[start + 1] == 'I') {
      le = true;
    } else if (b[start] == 'M' && b[start + 1] == 'M') {
      le = false;
    } else {
      return null;
    }
    if (u16(b, start + 2, le) != 42) {
      return null;
    }
    long ifd0 = u32(b, start + 4, le);
    if (!within(ifd0, 2, size)) {
      return null;
    }
    long next = ifd0 + 2 + 12L * u16(b, start + (int) ifd0, le);
    if (!within(next, 4, size)) {
      return null;
    }
    long ifd1 = u32(b, start + (int) next, le);
    if (ifd1 == 0 || !within(ifd1, 2, size)) {
      return null;
    }
    int entries = u16(b, start + (int) ifd1, le);
    if (!within(ifd1 + 2, 12L * entries, size)) {
      return null;
    }
    long offset = -1;
    long length = -1;
    long compression = COMPRESSION_JPEG;
    for (int i = 0; i < entries; i++) {
      int p = start + (int) (ifd1 + 2 + 12L * i);
      int type = u16(b, p + 2, le);
      if (u32(b, p + 4, le) != 1 || type != TYPE_SHORT && type != TYPE_LONG) {
        continue;
      }
      long v = type == TYPE_SHORT ? u16(b, p + 8, le) : u32(b, p + 8, le);
      switch (u16(b, p, le)) {
        case TAG_COMPRESSION -> compression = v;
        case TAG_JPEG_OFFSET -> offset = v;
        case TAG_JPEG_LENGTH -> length = v;
        default -> { }
      }
    }
    if (compression != COMPRESSION_JPEG || offset <= 0 || length < 4
        || !within(offset, length, size)) {
      return null;
    }
    int s = start + (int) offset;
    if ((b[s] & 0xFF) != 0xFF || (b[s + 1] & 0xFF) != 0xD8 || (b[s + 2] & 0xFF) != 0xFF) {
      return null;
    }
    return new int[] {s, s + (int) length};
  }

  /** Offsets and lengths here are unsigned 32-bit values or sums of them: never negative. */
  private static boolean within(long offset, long length, long size) {
    return offset + length <= size;
  }

  private static int u16(byte[] b, int p, boolean le) {
    return le ? (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 : Bytes.u16be(b, p);
  }

  private static long u32(byte[] b, int p, boolean le) {
    return le ? Bytes.u32le(b, p) : Bytes.u32be(b, p);
  }
}
