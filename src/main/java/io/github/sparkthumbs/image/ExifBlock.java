package io.github.sparkthumbs.image;

import java.util.Arrays;

/**
 * Where the EXIF TIFF structure sits in each container that carries one: a JPEG's APP1 "Exif"
 * segment, a PNG's eXIf chunk, a WebP's EXIF chunk, or a TIFF file itself. Only chunk headers are
 * read, each walk stops at the end of the bytes, and damage means "no EXIF", never an exception.
 */
final class ExifBlock {
  private ExifBlock() {}

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};

  /** The bounds {start, end} of the TIFF structure, or null when there is none. */
  static int[] find(byte[] b) {
    if (TurboJpegDecoder.isJpeg(b)) {
      return JpegSegments.find(b, 0xE1, "Exif\0\0");
    }
    if (b.length < 8) {
      return null;
    }
    if (Arrays.equals(b, 0, 8, PNG_SIGNATURE, 0, 8)) {
      return png(b);
    }
    if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
      return webp(b);
    }
    if (ascii(b, 0, "II") && (b[2] == 42 || b[2] == 43) && b[3] == 0
        || ascii(b, 0, "MM") && b[2] == 0 && (b[3] == 42 || b[3] == 43)) {
      return new int[] {0, b.length}; // 43: BigTIFF, which the TIFF reader also parses
    }
    return null;
  }

  /**
   * The eXIf chunk. The specification wants it before IDAT, but writers that add metadata
   * after the fact append it later, and libvips and browsers honour it anywhere before IEND.
   */
  private static int[] png(byte[] b) {
    long pos = PNG_SIGNATURE.length;
    while (pos + 8 <= b.length) {
      int p = (int) pos;
      long len = Bytes.u32be(b, p);
      long end = p + 8 + len;
      if (end > b.length || ascii(b, p + 4, "IEND")) {
        return null;
      }
      if (ascii(b, p + 4, "eXIf")) {
        return embedded(b, p + 8, (int) end);
      }
      pos = end + 4; // CRC
    }
    return null;
  }

  /** The EXIF chunk of an extended (VP8X) WebP; after the image data, where the spec puts it. */
  private static int[] webp(byte[] b) {
    long riffEnd = Math.min(b.length, 8 + Bytes.u32le(b, 4));
    long pos = 12;
    while (pos + 8 <= riffEnd) {
      int p = (int) pos;
      long end = p + 8 + Bytes.u32le(b, p + 4);
      if (end > riffEnd) {
        return null;
      }
      if (ascii(b, p, "EXIF")) {
        return embedded(b, p + 8, (int) end);
      }
      pos = end + (end & 1); // chunks are padded to an even size
    }
    return null;
  }

  /** {start, end}, after the "Exif\0\0" that some writers copy into PNG and WebP from JPEG. */
  private static int[] embedded(byte[] b, int start, int end) {
    boolean prefixed = end - start >= 6 && ascii(b, start, "Exif\0\0");
    return new int[] {prefixed ? start + 6 : start, end};
  }

  private static boolean ascii(byte[] b, int p, String s) {
    if (p < 0 || p + s.length() > b.length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (b[p + i] != (byte) s.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
