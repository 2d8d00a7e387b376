package io.github.sparkthumbs.image;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A TIFF whose strips are WebP images (compression 50001, written by GDAL and libtiff), which
 * TwelveMonkeys' TIFF reader does not know, rewritten as an uncompressed TIFF of the same pixels:
 * each strip through ImageIO (TwelveMonkeys' WebP reader). Chunky 8-bit RGB or RGBA in strips
 * only (what libtiff writes); tiles and anything else are left to the first failure.
 *
 * <p>The rewrite holds the whole image uncompressed, unscaled, so it is held to
 * {@link HeaderRepair#MAX_REWRITTEN_PIXELS} besides {@code --max-pixels}, and every strip's WebP
 * header must claim exactly the strip's size before it is decoded.
 */
final class TiffWebP {
  static final int COMPRESSION = 50001;

  private static final int WIDTH = 256;
  private static final int HEIGHT = 257;
  private static final int BITS_PER_SAMPLE = 258;
  private static final int COMPRESSION_TAG = 259;
  private static final int PHOTOMETRIC = 262;
  private static final int STRIP_OFFSETS = 273;
  private static final int SAMPLES_PER_PIXEL = 277;
  private static final int ROWS_PER_STRIP = 278;
  private static final int STRIP_BYTE_COUNTS = 279;
  private static final int PLANAR = 284;
  private static final int TILE_WIDTH = 322;
  private static final int EXTRA_SAMPLES = 338;

  private TiffWebP() {}

  /** The first IFD as {tag: entry offset}; the byte order is {@code in}'s. */
  private static int[] entries(ByteBuffer in) {
    int ifd = in.getInt(4);
    int n = in.getShort(ifd) & 0xFFFF;
    int[] at = new int[EXTRA_SAMPLES + 1];
    for (int i = 0; i < n; i++) {
      int e = ifd + 2 + 12 * i;
      int tag = in.getShort(e) & 0xFFFF;
      if (tag < at.length) {
        at[tag] = e;
      }
    }
    return at;
  }

  /** Value {@code i} of a SHORT or LONG entry; {@code dflt} when the tag is absent. */
  private static long value(ByteBuffer in, int entry, int i, long dflt) {
    if (entry == 0) {
      return dflt;
    }
    int type = in.getShort(entry + 2);
    long count = in.getInt(entry + 4) & 0xFFFFFFFFL;
    if (i >= count || (type != 3 && type != 4)) {
      throw new IndexOutOfBoundsException("TIFF entry " + in.getShort(entry));
    }
    int size = type == 3 ? 2 : 4;
    int at = count * size <= 4 ? entry + 8 : in.getInt(entry + 8);
    return type == 3 ? in.getShort(at + i * size) & 0xFFFF : in.getInt(at + i * size) & 0xFFFFFFFFL;
  }

  /**
   * {@code b} (a classic TIFF, known to be one) rewritten uncompressed, or null when it is not a
   * WebP TIFF this class reads or a strip does not decode.
   */
  static byte[] uncompressed(byte[] b, long maxPixels) {
    ByteBuffer in = ByteBuffer.wrap(b).order(b[0] == 'I' ? ByteOrder.LITTLE_ENDIAN
        : ByteOrder.BIG_ENDIAN);
    int[] at = entries(in);
    if (value(in, at[COMPRESSION_TAG], 0, 1) != COMPRESSION) {
      return null;
    }
    long w = value(in, at[WIDTH], 0, 0);
    long h = value(in, at[HEIGHT], 0, 0);
    long samples = value(in, at[SAMPLES_PER_PIXEL], 0, 1);
    if (at[TILE_WIDTH] != 0 || value(in, at[PLANAR], 0, 1) != 1
        || value(in, at[PHOTOMETRIC], 0, -1) != 2 || (samples != 3 && samples != 4)
        || value(in, at[BITS_PER_SAMPLE], 0, 1) != 8 || w <= 0 || h <= 0
        || w * h > Math.min(maxPixels, HeaderRepair.MAX_REWRITTEN_PIXELS)) {
      return null;
    }
    long rows = Math.min(h, Math.max(1, value(in, at[ROWS_PER_STRIP], 0, h)));
    int spp = (int) samples;
    byte[] pixels = new byte[(int) (w * h * spp)];
    for (int s = 0; s * rows < h; s++) {
      if (Thread.currentThread().isInterrupted()) {
        return null; // abandoned at its time budget
      }
      int stripRows = (int) Math.min(rows, h - s * rows);
      long off = value(in, at[STRIP_OFFSETS], s, -1);
      long len = value(in, at[STRIP_BYTE_COUNTS], s, -1);
      if (off < 0 || len <= 0 || off + len > b.length) {
        return null;
      }
      // Each strip is a whole WebP file; its header must claim the strip's size.
      BufferedImage strip = ImageDecoder.decodeWhole(b, (int) off, (int) len, (int) w, stripRows,
          spp == 4);
      if (strip == null) {
        return null; // a bad strip: the TIFF reader's own refusal is the answer
      }
      copy(strip, pixels, (int) (s * rows * w * spp), spp);
    }
    return tiff((int) w, (int) h, spp, pixels);
  }

  private static void copy(BufferedImage strip, byte[] pixels, int at, int spp) {
    int w = strip.getWidth();
    int[] row = new int[w];
    for (int y = 0; y < strip.getHeight(); y++) {
      strip.getRGB(0, y, w, 1, row, 0, w);
      for (int p : row) {
        pixels[at++] = (byte) (p >> 16);
        pixels[at++] = (byte) (p >> 8);
        pixels[at++] = (byte) p;
        if (spp == 4) {
          pixels[at++] = (byte) (p >>> 24);
        }
      }
    }
  }

  /** A little-endian uncompressed chunky RGB(A) TIFF of one strip. */
  private static byte[] tiff(int w, int h, int spp, byte[] pixels) {
    int tags = spp == 4 ? 10 : 9;
    int ifd = 8;
    int bitsAt = ifd + 2 + 12 * tags + 4;
    int pixelsAt = bitsAt + 8;
    ByteBuffer out = ByteBuffer.allocate(pixelsAt + pixels.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
    out.putShort((short) tags);
    entry(out, WIDTH, 4, 1, w);
    entry(out, HEIGHT, 4, 1, h);
    entry(out, BITS_PER_SAMPLE, 3, spp, bitsAt);
    entry(out, COMPRESSION_TAG, 3, 1, 1);
    entry(out, PHOTOMETRIC, 3, 1, 2);
    entry(out, STRIP_OFFSETS, 4, 1, pixelsAt);
    entry(out, SAMPLES_PER_PIXEL, 3, 1, spp);
    entry(out, ROWS_PER_STRIP, 4, 1, h);
    entry(out, STRIP_BYTE_COUNTS, 4, 1, pixels.length);
    if (spp == 4) {
      entry(out, EXTRA_SAMPLES, 3, 1, 2); // unassociated alpha, as WebP's
    }
    out.putInt(0);
    for (int i = 0; i < 4; i++) {
      out.putShort((short) 8);
    }
    out.put(pixels);
    return out.array();
  }

  /**
   * An entry of {@code out}, which is little-endian: there a SHORT value, which TIFF puts in the
   * first two bytes of the field, is the same bytes as the whole field as an int.
   */
  private static void entry(ByteBuffer out, int tag, int type, int count, int value) {
    out.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
  }
}
