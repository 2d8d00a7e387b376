package io.github.sparkthumbs.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Images carrying an EXIF orientation the way each container stores it: JPEG APP1, PNG eXIf,
 * WebP's RIFF EXIF chunk, TIFF's own IFD0. The TIFF structures are laid out byte by byte here, in
 * either byte order, independently of the metadata reader under test.
 */
public final class ExifImages {
  private ExifImages() {}

  private static final byte[] EXIF_PREFIX = {'E', 'x', 'i', 'f', 0, 0};

  /** {@code shown} as a camera stores it with {@code orientation}, tagged, in {@code format}. */
  public static byte[] oriented(String format, BufferedImage shown, int orientation,
      ByteOrder order) throws IOException {
    BufferedImage stored = Images.storedFor(shown, orientation);
    byte[] exif = exif(orientation, order);
    return switch (format) {
      case "jpeg" -> jpeg(Images.encode(stored, "jpeg"), exif);
      case "png" -> png(Images.encode(stored, "png"), exif, false);
      case "webp" -> webp(stored, exif, false);
      case "tiff" -> tiff(stored, orientation, order);
      default -> throw new IllegalArgumentException(format);
    };
  }

  /** A TIFF structure, what an EXIF block holds, whose IFD0 has only the orientation tag. */
  public static byte[] exif(int orientation, ByteOrder order) {
    return exif(orientation, order, 8);
  }

  /**
   * Same, with IFD0 at {@code ifd} instead of right after the header: writers may put values
   * (a maker note, a thumbnail) first.
   */
  public static byte[] exif(int orientation, ByteOrder order, int ifd) {
    ByteBuffer b = ByteBuffer.allocate(ifd + 2 + 12 + 4).order(order);
    header(b, ifd);
    b.position(ifd);
    b.putShort((short) 1);
    shortEntry(b, 0x0112, orientation);
    b.putInt(0); // no next IFD
    return b.array();
  }

  /** The JPEG with an APP1 segment holding {@code exif} right after SOI. */
  public static byte[] jpeg(byte[] jpeg, byte[] exif) {
    int len = 2 + EXIF_PREFIX.length + exif.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (len >> 8), (byte) len});
    out.writeBytes(EXIF_PREFIX);
    out.writeBytes(exif);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /**
   * The PNG with an eXIf chunk holding {@code exif}: before the first IDAT as the specification
   * asks, or right before IEND as some writers put it.
   */
  public static byte[] png(byte[] png, byte[] exif, boolean beforeIend) {
    int at = Craft.pngChunkData(png, beforeIend ? "IEND" : "IDAT") - 8;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, at);
    Craft.chunk(out, "eXIf", exif);
    out.write(png, at, png.length - at);
    return out.toByteArray();
  }

  /**
   * A lossless WebP of {@code img} in the extended format (VP8X) with an EXIF chunk after the
   * image data, where the container specification puts it; {@code exifPrefix} writes the
   * "Exif\0\0" that some writers copy over from JPEG.
   */
  public static byte[] webp(BufferedImage img, byte[] exif, boolean exifPrefix) {
    int w = img.getWidth();
    int h = img.getHeight();
    byte[] vp8x = new byte[10];
    vp8x[0] = 0x08; // EXIF flag
    int24le(vp8x, 4, w - 1);
    int24le(vp8x, 7, h - 1);
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    chunks.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
    riffChunk(chunks, "VP8X", vp8x);
    riffChunk(chunks, "VP8L", vp8l(img));
    byte[] payload = exif;
    if (exifPrefix) {
      payload = Arrays.copyOf(EXIF_PREFIX, EXIF_PREFIX.length + exif.length);
      System.arraycopy(exif, 0, payload, EXIF_PREFIX.length, exif.length);
    }
    riffChunk(chunks, "EXIF", payload);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    riffChunk(out, "RIFF", chunks.toByteArray());
    return out.toByteArray();
  }

  /** An uncompressed 8-bit RGB TIFF of {@code img}, one strip, with the orientation in IFD0. */
  public static byte[] tiff(BufferedImage img, int orientation, ByteOrder order) {
    int w = img.getWidth();
    int h = img.getHeight();
    int entries = 10;
    int bitsPerSample = 8 + 2 + 12 * entries + 4;
    int pixels = bitsPerSample + 6;
    ByteBuffer b = ByteBuffer.allocate(pixels + 3 * w * h).order(order);
    header(b, 8);
    b.putShort((short) entries); // in ascending tag order, as TIFF requires
    shortEntry(b, 256, w);
    shortEntry(b, 257, h);
    b.putShort((short) 258).putShort((short) 3).putInt(3).putInt(bitsPerSample);
    shortEntry(b, 259, 1); // no compression
    shortEntry(b, 262, 2); // RGB
    b.putShort((short) 273).putShort((short) 4).putInt(1).putInt(pixels);
    shortEntry(b, 274, orientation);
    shortEntry(b, 277, 3);
    shortEntry(b, 278, h);
    b.putShort((short) 279).putShort((short) 4).putInt(1).putInt(3 * w * h);
    b.putInt(0); // no next IFD
    b.putShort((short) 8).putShort((short) 8).putShort((short) 8);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x, y);
        b.put((byte) (rgb >> 16)).put((byte) (rgb >> 8)).put((byte) rgb);
      }
    }
    return b.array();
  }

  /** "II" or "MM", 42, and the offset of IFD0. */
  private static void header(ByteBuffer b, int ifd) {
    byte mark = b.order() == ByteOrder.BIG_ENDIAN ? (byte) 'M' : (byte) 'I';
    b.put(mark).put(mark).putShort((short) 42).putInt(ifd);
  }

  /** An IFD entry of one SHORT: the value sits in the first two of the four value bytes. */
  private static void shortEntry(ByteBuffer b, int tag, int value) {
    b.putShort((short) tag).putShort((short) 3).putInt(1);
    b.putShort((short) value).putShort((short) 0);
  }

  /** A RIFF chunk: fourcc, little-endian size, data, a pad byte after odd sizes. */
  public static void riffChunk(ByteArrayOutputStream out, String fourcc, byte[] data) {
    out.writeBytes(fourcc.getBytes(StandardCharsets.US_ASCII));
    byte[] size = new byte[4];
    int24le(size, 0, data.length);
    size[3] = (byte) (data.length >>> 24);
    out.writeBytes(size);
    out.writeBytes(data);
    if (data.length % 2 == 1) {
      out.write(0); // chunks are padded to an even size
    }
  }

  private static void int24le(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >> 8);
    b[off + 2] = (byte) (v >> 16);
  }

  /**
   * A VP8L (lossless WebP) bitstream of an opaque image with at most two values per colour
   * channel, as the quadrant images have: no transforms, no colour cache, and per channel a
   * "simple" prefix code of one symbol (no bits per pixel) or two (one bit per pixel). No WebP
   * encoder is on the class path and none is installed here.
   */
  static byte[] vp8l(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] shifts = {8, 16, 0}; // green, red, blue: the order in which pixels are coded
    @SuppressWarnings("unchecked")
    TreeSet<Integer>[] values = new TreeSet[3];
    for (int c = 0; c < 3; c++) {
      values[c] = new TreeSet<>();
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          values[c].add((img.getRGB(x, y) >> shifts[c]) & 0xFF);
        }
      }
      if (values[c].size() > 2) {
        throw new IllegalArgumentException("more than two values in a channel");
      }
    }
    Bits bits = new Bits();
    bits.put(0x2F, 8); // signature
    bits.put(w - 1, 14);
    bits.put(h - 1, 14);
    bits.put(0, 1); // alpha unused
    bits.put(0, 3); // version
    bits.put(0, 1); // no transform
    bits.put(0, 1); // no colour cache
    bits.put(0, 1); // one prefix code group for the whole image
    for (int c = 0; c < 3; c++) {
      simpleCode(bits, values[c].stream().mapToInt(Integer::intValue).toArray());
    }
    simpleCode(bits, new int[] {255}); // alpha
    simpleCode(bits, new int[] {0}); // distance, never used
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          if (values[c].size() == 2) { // the smaller symbol has the code 0
            bits.put(((img.getRGB(x, y) >> shifts[c]) & 0xFF) == values[c].first() ? 0 : 1, 1);
          }
        }
      }
    }
    return bits.toByteArray();
  }

  private static void simpleCode(Bits bits, int[] symbols) {
    bits.put(1, 1); // simple code
    bits.put(symbols.length - 1, 1);
    bits.put(1, 1); // 8-bit symbols
    for (int s : symbols) {
      bits.put(s, 8);
    }
  }

  /** VP8L's bit order: least significant bit first. */
  private static final class Bits {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long acc;
    private int n;

    void put(int value, int count) {
      acc |= (long) (value & ((1 << count) - 1)) << n;
      n += count;
      while (n >= 8) {
        out.write((int) acc);
        acc >>>= 8;
        n -= 8;
      }
    }

    byte[] toByteArray() {
      if (n > 0) {
        out.write((int) acc);
      }
      return out.toByteArray();
    }
  }
}
