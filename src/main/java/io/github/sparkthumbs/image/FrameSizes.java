package io.github.sparkthumbs.image;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;

/**
 * The size a decoder will really allocate, for containers whose header is apart from the image
 * the ImageIO reader decodes: the reader's {@code getWidth(0)} is what {@code --max-pixels} is
 * checked on first, and here the image inside is checked as well, before anything is decoded.
 *
 * <ul>
 *   <li>WebP: the canvas against its frames ({@link WebPFrames}).
 *   <li>ICO: the reader reports the directory entry's size (at most 256), but decodes a PNG entry
 *       with the PNG reader at the PNG's own size.
 *   <li>ICNS: the reader reports the icon type's nominal size, but decodes a PNG or JPEG 2000
 *       icon at its own size; every icon is checked, since which one is image 0 is the reader's
 *       choice.
 *   <li>TIFF: the first IFD's tile size, which the reader allocates apart from the image size
 *       (a row of a tile's width, a whole tile for JPEG-compressed tiles): a 100x75 image can
 *       declare 500000000-pixel-wide tiles. A tile is refused over the limit.
 *   <li>DDS: the number of mipmap levels, which the reader allocates by while reading its header
 *       ({@link #checkHeader}, before the reader's own size is asked for).
 * </ul>
 *
 * <p>Not needed: GIF (the JDK reader's {@code getWidth(0)} is the first frame's own size, not the
 * logical screen's; FrameSizesTest shows it), PSD (image 0 is the composite image, of the
 * header's size; layers are not decoded), TIFF (image 0 is the first IFD, decoded at that IFD's
 * size). HEIF/AVIF: {@link Heif}.
 */
final class FrameSizes {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private FrameSizes() {}

  /** Refuses {@code bytes} (which the reader of {@code format} decodes) over {@code maxPixels}. */
  static void check(String format, byte[] bytes, long maxPixels) throws ImageFailure {
    switch (format) {
      case "webp" -> WebPFrames.check(bytes, maxPixels);
      case "ico" -> ico(bytes, maxPixels);
      case "icns" -> icns(bytes, maxPixels);
      case "tif", "tiff" -> tiffTiles(bytes, maxPixels);
      default -> { }
    }
  }

  /**
   * Refuses {@code bytes} whose header alone makes the reader of {@code format} allocate without
   * bound, before the reader reads it (its {@code getWidth(0)}).
   */
  static void checkHeader(String format, byte[] bytes) throws ImageFailure {
    if (format.equals("dds")) {
      ddsMipmaps(bytes);
    }
  }

  /** The first directory entry, the one ImageIO's image 0 is: a PNG inside is decoded as such. */
  private static void ico(byte[] b, long maxPixels) throws ImageFailure {
    if (b.length < 6 + 16 || le16(b, 4) < 1) {
      return; // no entry: the reader fails on it
    }
    long offset = le32(b, 6 + 12);
    if (offset <= b.length - 24 && isPng(b, (int) offset)) {
      checkPng("ico entry 1 (PNG)", b, (int) offset, maxPixels);
    }
  }

  private static void icns(byte[] b, long maxPixels) throws ImageFailure {
    int n = 0;
    for (long off = 8; off + 8 <= b.length; ) {
      long len = be32(b, (int) off + 4); // an entry is its type, then its length
      n++;
      int data = (int) off + 8;
      String what = "icns icon " + n + " (" + new String(b, (int) off, 4,
          java.nio.charset.StandardCharsets.US_ASCII) + ")";
      if (data + 24 <= b.length && isPng(b, data)) {
        checkPng(what, b, data, maxPixels);
      } else if (Jpeg2000.isJpeg2000( // which needs 13 bytes, so a short rest is not one
          java.util.Arrays.copyOfRange(b, data, Math.min(b.length, data + 16)))) {
        int[] size = Jpeg2000.codestreamSize(b, data, (int) Math.min(b.length, off + len));
        if (size != null) {
          DecodeSteps.checkSize(what + " JPEG 2000", size[0], size[1], maxPixels);
        }
      }
      if (len < 8) {
        return; // a length that does not move on: the reader fails on it
      }
      off += len;
    }
  }

  /**
   * A DDS texture has at most one mipmap level per halving of its longer side; TwelveMonkeys'
   * reader lists every level's size as it reads the header (in {@code getWidth(0)}), so that a
   * count of 150 million (one flipped byte) ran a 1 GB heap out of memory. More levels than the size
   * allows is refused as corrupt.
   */
  private static void ddsMipmaps(byte[] b) throws ImageFailure {
    if (b.length < 32) {
      return; // the reader says what is missing
    }
    long h = le32(b, 12);
    long w = le32(b, 16);
    long levels = le32(b, 28);
    long most = 64 - Long.numberOfLeadingZeros(Math.max(1, Math.max(w, h))); // floor(log2) + 1
    if (levels > most) {
      throw new ImageFailure(ErrorClass.CORRUPT, "dds header claims " + levels
          + " mipmap levels for a " + w + "x" + h + " texture, which has at most " + most);
    }
  }

  /** TileWidth (322) and TileLength (323) of a classic TIFF's first IFD; BigTIFF is not read. */
  private static void tiffTiles(byte[] b, long maxPixels) throws ImageFailure {
    if (b.length < 8 || b[0] != b[1] || (b[0] != 'I' && b[0] != 'M')) {
      return;
    }
    boolean le = b[0] == 'I';
    if (u16(b, 2, le) != 42) {
      return;
    }
    long ifd = u32(b, 4, le);
    if (ifd < 8 || ifd > b.length - 2) {
      return; // the reader says what is wrong
    }
    int n = u16(b, (int) ifd, le);
    long tileW = -1;
    long tileH = -1;
    for (int i = 0; i < n && ifd + 2 + 12L * (i + 1) <= b.length; i++) {
      int e = (int) ifd + 2 + 12 * i;
      int tag = u16(b, e, le);
      if (tag == 322 || tag == 323) {
        long v = u16(b, e + 2, le) == 3 ? u16(b, e + 8, le) : u32(b, e + 8, le); // SHORT or LONG
        if (tag == 322) {
          tileW = v;
        } else {
          tileH = v;
        }
      }
    }
    // Each side at most 2^32: compared by division, so that the product cannot overflow.
    if (tileW > 0 && tileH > 0 && (tileW > maxPixels || tileH > maxPixels / tileW)) {
      throw new ImageFailure(ErrorClass.TOO_LARGE, "tiff tiles claim " + tileW + "x" + tileH
          + " = " + java.math.BigInteger.valueOf(tileW).multiply(
              java.math.BigInteger.valueOf(tileH)) + " pixels each, over the limit of " + maxPixels
          + " (--max-pixels)");
    }
  }

  private static int u16(byte[] b, int off, boolean le) {
    return le ? le16(b, off) : (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
  }

  private static long u32(byte[] b, int off, boolean le) {
    return le ? le32(b, off) : be32(b, off);
  }

  /** Whether a PNG starts at {@code off}; callers have checked that 24 bytes follow it. */
  private static boolean isPng(byte[] b, int off) {
    for (int i = 0; i < PNG_MAGIC.length; i++) {
      if (b[off + i] != PNG_MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** A PNG's IHDR size (the chunk right after the signature) as a size to allocate. */
  private static void checkPng(String what, byte[] b, int off, long maxPixels)
      throws ImageFailure {
    long w = be32(b, off + 16);
    long h = be32(b, off + 20);
    if (w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
      throw new ImageFailure(ErrorClass.CORRUPT, what + " claims " + w + "x" + h);
    }
    DecodeSteps.checkSize(what, (int) w, (int) h, maxPixels);
  }

  private static int le16(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
  }

  private static long le32(byte[] b, int off) {
    return le16(b, off) | (long) le16(b, off + 2) << 16;
  }

  static long be32(byte[] b, int off) {
    return (b[off] & 0xFFL) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8
        | (b[off + 3] & 0xFF);
  }
}
