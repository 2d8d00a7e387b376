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

  /** A PNG chunk on its own: length, type, data, CRC. */
  public static byte[] chunk(String type, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    chunk(out, type, data);
    return out.toByteArray();
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

  /** A RIFF chunk: type, little-endian length, data, a pad byte to an even length. */
  public static byte[] riffChunk(String type, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(le(data.length, 4));
    out.writeBytes(data);
    if (data.length % 2 == 1) {
      out.write(0);
    }
    return out.toByteArray();
  }

  /** A WebP file of the given chunks. */
  public static byte[] webp(byte[]... chunks) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
    for (byte[] c : chunks) {
      body.writeBytes(c);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(le(body.size(), 4));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  /** An extended WebP: a VP8X chunk stating the canvas, then {@code chunks}. */
  public static byte[] webpExtended(int canvasW, int canvasH, boolean animated,
      byte[]... chunks) {
    ByteArrayOutputStream vp8x = new ByteArrayOutputStream();
    vp8x.write(animated ? 0x02 : 0);
    vp8x.writeBytes(new byte[3]);
    vp8x.writeBytes(le(canvasW - 1, 3));
    vp8x.writeBytes(le(canvasH - 1, 3));
    byte[][] all = new byte[chunks.length + 1][];
    all[0] = riffChunk("VP8X", vp8x.toByteArray());
    System.arraycopy(chunks, 0, all, 1, chunks.length);
    return webp(all);
  }

  /** The chunks after the header of a simple WebP (its VP8 or VP8L chunk). */
  public static byte[] webpFrameChunks(byte[] simpleWebp) {
    return Arrays.copyOfRange(simpleWebp, 12, simpleWebp.length);
  }

  /**
   * A {@code VP8 } chunk whose key frame header claims {@code w x h}, followed by
   * {@code dataBytes} zero bytes instead of real image data.
   */
  public static byte[] vp8Claiming(int w, int h, int dataBytes) {
    byte[] d = new byte[10 + dataBytes];
    int partition = Math.min(dataBytes, (1 << 19) - 1);
    int tag = partition << 5 | 1 << 4; // key frame, version 0, shown
    d[0] = (byte) tag;
    d[1] = (byte) (tag >> 8);
    d[2] = (byte) (tag >> 16);
    d[3] = (byte) 0x9D;
    d[4] = 0x01;
    d[5] = 0x2A;
    System.arraycopy(le(w, 2), 0, d, 6, 2);
    System.arraycopy(le(h, 2), 0, d, 8, 2);
    return riffChunk("VP8 ", d);
  }

  /** An {@code ANMF} chunk: a {@code w x h} frame at {@code x,y} (even) holding {@code frame}. */
  public static byte[] anmf(int x, int y, int w, int h, byte[] frameChunks) {
    ByteArrayOutputStream d = new ByteArrayOutputStream();
    d.writeBytes(le(x / 2, 3));
    d.writeBytes(le(y / 2, 3));
    d.writeBytes(le(w - 1, 3));
    d.writeBytes(le(h - 1, 3));
    d.writeBytes(le(100, 3)); // duration
    d.write(0);
    d.writeBytes(frameChunks);
    return riffChunk("ANMF", d.toByteArray());
  }

  /** An {@code ANIM} chunk: white background, loop forever. */
  public static byte[] anim() {
    return riffChunk("ANIM", new byte[] {-1, -1, -1, -1, 0, 0});
  }

  /** An ICO with one directory entry claiming {@code w x h} that holds {@code png}. */
  public static byte[] icoWithPng(int w, int h, byte[] png) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 0, 1, 0, 1, 0}); // reserved, type 1 (icon), one entry
    out.write(w % 256);
    out.write(h % 256);
    out.writeBytes(new byte[] {0, 0, 1, 0, 32, 0}); // colours, reserved, planes, bits
    out.writeBytes(le(png.length, 4));
    out.writeBytes(le(6 + 16, 4));
    out.writeBytes(png);
    return out.toByteArray();
  }

  /** An ICNS file of one icon of {@code type} ({@code ic07}: 128x128) holding {@code data}. */
  public static byte[] icnsWith(String type, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("icns".getBytes(StandardCharsets.US_ASCII));
    byte[] len = new byte[4];
    putInt(len, 0, 8 + 8 + data.length);
    out.writeBytes(len);
    out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
    putInt(len, 0, 8 + data.length);
    out.writeBytes(len);
    out.writeBytes(data);
    return out.toByteArray();
  }

  /**
   * A copy of a HEIF/AVIF whose every {@code ispe} box (the image size property) claims
   * {@code w x h}: the coded image inside keeps its real size.
   */
  public static byte[] heifClaiming(byte[] heif, int w, int h) {
    byte[] b = heif.clone();
    int found = 0;
    for (int i = 4; i + 16 <= b.length; i++) {
      if (b[i] == 'i' && b[i + 1] == 's' && b[i + 2] == 'p' && b[i + 3] == 'e') {
        putInt(b, i + 8, w); // after the box type: version and flags, then width, height
        putInt(b, i + 12, h);
        found++;
      }
    }
    if (found == 0) {
      throw new IllegalArgumentException("no ispe box");
    }
    return b;
  }

  private static byte[] le(int v, int bytes) {
    byte[] b = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
