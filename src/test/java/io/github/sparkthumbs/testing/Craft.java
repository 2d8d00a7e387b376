package io.github.sparkthumbs.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Hand-made hostile files: headers that lie, data that breaks. */
public final class Craft {
  private Craft() {}

  /** A PNG whose header claims {@code w x h} (8-bit RGB) with a single tiny IDAT. */
  public static byte[] pngClaiming(int w, int h) {
    ByteArrayOutputStream out = pngHeader(w, h, 2); // RGB
    Deflater d = new Deflater();
    d.setInput(new byte[1 + 3 * Math.max(1, Math.min(w, 64))]);
    d.finish();
    byte[] buf = new byte[256];
    int n = d.deflate(buf);
    chunk(out, "IDAT", Arrays.copyOf(buf, n));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /**
   * A valid 8-bit grayscale PNG of {@code w x h} black pixels: tiny on disk, {@code w*h} bytes
   * of image data to inflate. Proves that a huge but legal image decodes in bounded memory.
   */
  public static byte[] bigBlackPng(int w, int h) {
    ByteArrayOutputStream out = pngHeader(w, h, 0); // grayscale
    Deflater d = new Deflater(Deflater.BEST_SPEED);
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    byte[] row = new byte[1 + w]; // filter byte 0, then black
    byte[] buf = new byte[65536];
    for (int y = 0; y < h; y++) {
      d.setInput(row);
      while (!d.needsInput()) {
        z.write(buf, 0, d.deflate(buf));
      }
    }
    d.finish();
    while (!d.finished()) {
      z.write(buf, 0, d.deflate(buf));
    }
    chunk(out, "IDAT", z.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /**
   * An 8-bit grayscale + alpha PNG (colour type 4, which ImageIO cannot write): the left half
   * fully transparent over black, the right half opaque dark grey (60).
   */
  public static byte[] grayAlphaPng(int w, int h) {
    ByteArrayOutputStream out = pngHeader(w, h, 4);
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    for (int y = 0; y < h; y++) {
      raw.write(0); // filter: none
      for (int x = 0; x < w; x++) {
        boolean opaque = x >= w / 2;
        raw.write(opaque ? 60 : 0);
        raw.write(opaque ? 255 : 0);
      }
    }
    Deflater d = new Deflater();
    d.setInput(raw.toByteArray());
    d.finish();
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (!d.finished()) {
      z.write(buf, 0, d.deflate(buf));
    }
    chunk(out, "IDAT", z.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /**
   * An 8-bit grayscale PNG whose top {@code whiteRows} rows are white and the rest black, its
   * image data deflated with "stored" blocks (no compression): byte {@code rowStart(r)} of the
   * file is where row {@code r} starts, so a copy cut there holds exactly rows {@code 0..r-1}.
   */
  public static byte[] storedPng(int w, int h, int whiteRows) {
    ByteArrayOutputStream out = pngHeader(w, h, 0);
    byte[] raw = new byte[(1 + w) * h];
    for (int y = 0; y < whiteRows; y++) {
      Arrays.fill(raw, y * (1 + w) + 1, (y + 1) * (1 + w), (byte) 255);
    }
    Deflater d = new Deflater(Deflater.NO_COMPRESSION);
    d.setInput(raw);
    d.finish();
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    byte[] buf = new byte[65536];
    while (!d.finished()) {
      z.write(buf, 0, d.deflate(buf));
    }
    if (raw.length > 65535) {
      throw new IllegalArgumentException("one stored block only: at most 65535 bytes");
    }
    chunk(out, "IDAT", z.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /** Where row {@code r} of {@link #storedPng} starts: IDAT data, zlib header, block header. */
  public static int storedPngRowStart(byte[] png, int w, int r) {
    return pngChunkData(png, "IDAT") + 2 + 5 + (1 + w) * r;
  }

  /** A copy of a baseline JPEG whose SOF0 claims {@code w x h}. */
  public static byte[] jpegClaiming(byte[] jpeg, int w, int h) {
    byte[] b = jpeg.clone();
    for (int i = 2; i + 9 < b.length; i++) {
      if ((b[i] & 0xFF) == 0xFF && ((b[i + 1] & 0xFF) == 0xC0 || (b[i + 1] & 0xFF) == 0xC2)) {
        b[i + 5] = (byte) (h >> 8);
        b[i + 6] = (byte) h;
        b[i + 7] = (byte) (w >> 8);
        b[i + 8] = (byte) w;
        return b;
      }
    }
    throw new IllegalArgumentException("no SOF0/SOF2 marker");
  }

  /**
   * An EXIF TIFF structure of {@code size} bytes, big-endian: IFD0 holds orientation 6 and then
   * as many entries as fit, each a RATIONAL array over all the bytes after the header. A reader
   * that copies every value spends {@code size / 12} times the block on objects.
   */
  public static byte[] exifBomb(int size) {
    int entries = (size - 8 - 2 - 4) / 12;
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
    b.putShort((short) entries);
    b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6)
        .putShort((short) 0);
    for (int i = 1; i < entries; i++) {
      b.putShort((short) (0x1000 + i)).putShort((short) 5).putInt((size - 8) / 8).putInt(8);
    }
    return b.array();
  }

  /** Offset of the first data byte of the first chunk of {@code type}, or -1. */
  public static int pngChunkData(byte[] png, String type) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    for (int i = 8; i + 8 < png.length; ) {
      int len = ((png[i] & 0xFF) << 24) | ((png[i + 1] & 0xFF) << 16) | ((png[i + 2] & 0xFF) << 8)
          | (png[i + 3] & 0xFF);
      if (Arrays.equals(png, i + 4, i + 8, t, 0, 4)) {
        return i + 8;
      }
      i += 12 + len;
    }
    return -1;
  }

  /** Signature and IHDR of an 8-bit PNG of {@code colorType}. */
  private static ByteArrayOutputStream pngHeader(int w, int h, int colorType) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
    byte[] ihdr = new byte[13];
    putInt(ihdr, 0, w);
    putInt(ihdr, 4, h);
    ihdr[8] = 8;
    ihdr[9] = (byte) colorType;
    chunk(out, "IHDR", ihdr);
    return out;
  }

  /** A PNG chunk: length, type, data, CRC. */
  public static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] len = new byte[4];
    putInt(len, 0, data.length);
    out.writeBytes(len);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    byte[] c = new byte[4];
    putInt(c, 0, (int) crc.getValue());
    out.writeBytes(c);
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
