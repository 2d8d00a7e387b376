package io.github.sparkthumbs.testing;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Small images (a few hundred bytes) with the header faults that Pillow's and libvips' test images
 * showed ImageIO refusing and Pillow reading past: a TGA stored right to left, a BMP with planes
 * other than 1 or without its colour table, an ICO whose directory claims twice the height, a TIFF
 * listing one BitsPerSample more than its samples, a GIF with an LZW code size over 8. Each shows
 * a known picture when read as Pillow reads it: {@link #RED} over {@link #BLUE} (top half, bottom
 * half) unless said otherwise.
 */
public final class DamagedHeaders {
  public static final Color RED = new Color(220, 30, 30);
  public static final Color BLUE = new Color(30, 30, 220);
  public static final Color GREEN = new Color(30, 200, 30);

  private DamagedHeaders() {}

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The colour a pixel of a {@code w x h} image shows: red over blue. */
  private static Color redOverBlue(int y, int h) {
    return y < h / 2 ? RED : BLUE;
  }

  /**
   * An uncompressed 24-bit TGA of {@code w x h} stored right to left, from the top row down
   * ({@code top}) or from the bottom up. Shown: the top half red on the left and blue on the
   * right, the bottom half green.
   */
  public static byte[] tgaRightToLeft(int w, int h, boolean top) {
    ByteBuffer b = le(18 + w * h * 3);
    b.put(2, (byte) 2); // uncompressed true colour
    b.putShort(12, (short) w).putShort(14, (short) h);
    b.put(16, (byte) 24).put(17, (byte) (0x10 | (top ? 0x20 : 0)));
    b.position(18);
    for (int r = 0; r < h; r++) {
      int y = top ? r : h - 1 - r;
      for (int i = 0; i < w; i++) {
        int x = w - 1 - i; // the first stored pixel is the rightmost
        Color c = y >= h / 2 ? GREEN : x < w / 2 ? RED : BLUE;
        b.put((byte) c.getBlue()).put((byte) c.getGreen()).put((byte) c.getRed());
      }
    }
    return b.array();
  }

  /** A 24-bit BMP, red over blue, whose planes field says {@code planes}. */
  public static byte[] bmpWithPlanes(int w, int h, int planes) {
    int stride = (w * 3 + 3) & ~3;
    ByteBuffer b = bmpHeader(w, h, 24, 54, stride * h);
    b.putShort(26, (short) planes);
    b.position(54);
    for (int y = h - 1; y >= 0; y--) { // bottom-up
      Color c = redOverBlue(y, h);
      for (int x = 0; x < w; x++) {
        b.put((byte) c.getBlue()).put((byte) c.getGreen()).put((byte) c.getRed());
      }
      b.position(b.position() + stride - w * 3);
    }
    return b.array();
  }

  /**
   * An 8-bit BMP without its colour table: the pixels start right after the header. Index 255 in
   * the top half, 0 in the bottom half (white over black in a grey table).
   */
  public static byte[] bmpWithoutColourTable(int w, int h) {
    int stride = (w + 3) & ~3;
    ByteBuffer b = bmpHeader(w, h, 8, 54, stride * h);
    for (int y = 0; y < h; y++) {
      int row = 54 + (h - 1 - y) * stride;
      for (int x = 0; x < w; x++) {
        b.put(row + x, (byte) (y < h / 2 ? 255 : 0));
      }
    }
    return b.array();
  }

  private static ByteBuffer bmpHeader(int w, int h, int bits, int pixelsAt, int pixelBytes) {
    ByteBuffer b = le(pixelsAt + pixelBytes);
    b.put(0, (byte) 'B').put(1, (byte) 'M').putInt(2, pixelsAt + pixelBytes).putInt(10, pixelsAt);
    b.putInt(14, 40).putInt(18, w).putInt(22, h).putShort(26, (short) 1);
    b.putShort(28, (short) bits).putInt(34, pixelBytes);
    return b;
  }

  /**
   * A {@code size x size} 32-bit icon, red over blue, whose directory claims a height of
   * {@code 2 * size} (its bitmap's height, which counts image and mask).
   */
  public static byte[] icoClaimingDoubleHeight(int size) {
    int pixels = size * size * 4;
    int mask = ((size + 31) / 32 * 4) * size;
    ByteBuffer b = le(6 + 16 + 40 + pixels + mask);
    b.putShort(2, (short) 1).putShort(4, (short) 1);
    b.put(6, (byte) size).put(7, (byte) (2 * size)); // the fault: 2 * size
    b.putShort(10, (short) 1).putShort(12, (short) 32);
    b.putInt(14, 40 + pixels + mask).putInt(18, 22);
    b.putInt(22, 40).putInt(26, size).putInt(30, 2 * size).putShort(34, (short) 1);
    b.putShort(36, (short) 32);
    b.position(62);
    for (int y = size - 1; y >= 0; y--) {
      Color c = redOverBlue(y, size);
      for (int x = 0; x < size; x++) {
        b.put((byte) c.getBlue()).put((byte) c.getGreen()).put((byte) c.getRed()).put((byte) -1);
      }
    }
    return b.array(); // an all-zero mask: every pixel shows
  }

  /**
   * An uncompressed RGB TIFF of one row per strip, red over blue, whose BitsPerSample says
   * {@code [8, 8, 8, 1]} for its three samples (as Pillow's {@code tiff_wrong_bits_per_sample_2}).
   * Only the first {@code rows} of its {@code h > 1} rows are in the file; the strip table still
   * lists them all.
   */
  public static byte[] tiffWithExtraBitsPerSample(int w, int h, int rows) {
    int[][] tags = {
      {256, 3, 1, w}, {257, 3, 1, h}, {258, 3, 4, -1}, {259, 3, 1, 1}, {262, 3, 1, 2},
      {273, 4, h, -2}, {277, 3, 1, 3}, {278, 3, 1, 1}, {279, 4, h, -3},
    };
    int ifd = 8;
    int bitsAt = ifd + 2 + 12 * tags.length + 4;
    int offsetsAt = bitsAt + 8;
    int countsAt = offsetsAt + 4 * h;
    int pixelsAt = countsAt + 4 * h;
    ByteBuffer b = le(pixelsAt + w * rows * 3);
    b.put(0, (byte) 'I').put(1, (byte) 'I').putShort(2, (short) 42).putInt(4, ifd);
    b.putShort(ifd, (short) tags.length);
    for (int i = 0; i < tags.length; i++) {
      int e = ifd + 2 + 12 * i;
      int[] t = tags[i];
      b.putShort(e, (short) t[0]).putShort(e + 2, (short) t[1]).putInt(e + 4, t[2]);
      int value = switch (t[3]) {
        case -1 -> bitsAt;
        case -2 -> offsetsAt;
        case -3 -> countsAt;
        default -> t[3];
      };
      if (t[1] == 3 && t[2] == 1) {
        b.putShort(e + 8, (short) value);
      } else {
        b.putInt(e + 8, value);
      }
    }
    b.putShort(bitsAt, (short) 8).putShort(bitsAt + 2, (short) 8).putShort(bitsAt + 4, (short) 8)
        .putShort(bitsAt + 6, (short) 1);
    for (int y = 0; y < h; y++) {
      b.putInt(offsetsAt + 4 * y, pixelsAt + y * w * 3).putInt(countsAt + 4 * y, w * 3);
    }
    b.position(pixelsAt);
    for (int y = 0; y < rows; y++) {
      Color c = redOverBlue(y, h);
      for (int x = 0; x < w; x++) {
        b.put((byte) c.getRed()).put((byte) c.getGreen()).put((byte) c.getBlue());
      }
    }
    return b.array();
  }

  /**
   * A GIF of {@code w x h} (at most 500 pixels, so that codes keep their width), red over blue,
   * LZW-coded with the minimum code size {@code codeSize} (over 8: the fault of Pillow's
   * {@code issue_2811.gif}). The codes are literals only, all {@code codeSize + 1} bits wide.
   * {@code index} replaces the blue index 1 (say 300, which no 8-bit palette holds).
   */
  public static byte[] gifWithCodeSize(int w, int h, int codeSize, int index) {
    ByteBuffer b = le(13 + 6 + 10 + 1 + 2 * w * h + 64);
    b.put("GIF89a".getBytes(StandardCharsets.US_ASCII));
    b.putShort((short) w).putShort((short) h).put((byte) 0x80).put((byte) 0).put((byte) 0);
    b.put((byte) RED.getRed()).put((byte) RED.getGreen()).put((byte) RED.getBlue());
    b.put((byte) BLUE.getRed()).put((byte) BLUE.getGreen()).put((byte) BLUE.getBlue());
    b.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) w)
        .putShort((short) h).put((byte) 0);
    b.put((byte) codeSize);
    int clear = 1 << codeSize;
    int width = codeSize + 1;
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    long buffer = clear;
    int bits = width;
    for (int i = 0; i <= w * h; i++) {
      int code = i == w * h ? clear + 1 : i / w < h / 2 ? 0 : index;
      buffer |= (long) code << bits;
      bits += width;
      for (; bits >= 8; bits -= 8, buffer >>>= 8) {
        data.write((int) buffer & 0xFF);
      }
    }
    data.write((int) buffer & 0xFF);
    byte[] d = data.toByteArray();
    for (int p = 0; p < d.length; p += 255) {
      int len = Math.min(255, d.length - p);
      b.put((byte) len).put(d, p, len);
    }
    b.put((byte) 0).put((byte) 0x3B);
    return Arrays.copyOf(b.array(), b.position());
  }

  /** Whether {@code img}'s pixel at {@code x, y} is {@code c} within 2 per channel. */
  public static boolean shows(BufferedImage img, int x, int y, Color c) {
    return Images.near(img.getRGB(x, y), c, 2);
  }
}
