package io.github.sparkthumbs.image;

import java.io.ByteArrayOutputStream;

/**
 * A GIF whose first image is LZW-coded with a minimum code size over 8 (9 to 11): GIF allows at
 * most 8, the JDK's reader refuses more ("Bad code size"), giflib and Pillow read up to 11. The
 * image data is decoded here and coded again with code size 8, so that the JDK's reader shows
 * the file with its palette, transparency, interlacing and canvas as it does any GIF. Only
 * indices below 256 fit a code size of 8; an image using others is left to the first failure.
 */
final class GifCodeSize {
  private static final int MAX_CODES = 4096;

  private GifCodeSize() {}

  /**
   * {@code b} with its first image coded with code size 8, or null when that image's code size is
   * at most 8 (not this fault) or it cannot be decoded. An image whose data ends early keeps the
   * indices decoded so far (the rest are 0).
   */
  static byte[] recoded(byte[] b, long maxPixels) {
    if (b.length < 13 || b[0] != 'G' || b[1] != 'I' || b[2] != 'F') {
      return null;
    }
    int p = 13 + table(b[10]);
    while (p < b.length && (b[p] & 0xFF) == 0x21) { // extensions before the image
      p = skipBlocks(b, p + 2);
    }
    if (p + 11 > b.length || (b[p] & 0xFF) != 0x2C) {
      return null;
    }
    long pixels = (long) u16le(b, p + 5) * u16le(b, p + 7);
    int codeSizeAt = p + 10 + table(b[p + 9]);
    if (codeSizeAt >= b.length || pixels <= 0
        || pixels > Math.min(maxPixels, HeaderRepair.MAX_REWRITTEN_PIXELS)) {
      return null;
    }
    int codeSize = b[codeSizeAt] & 0xFF;
    if (codeSize <= 8 || codeSize > 11) {
      return null;
    }
    int end = skipBlocks(b, codeSizeAt + 1);
    byte[] indices = decode(b, codeSizeAt + 1, Math.min(end, b.length), codeSize, (int) pixels);
    if (indices == null) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + indices.length * 2);
    out.write(b, 0, codeSizeAt);
    out.write(8);
    encode(indices, out);
    if (end < b.length) {
      out.write(b, end, b.length - end);
    }
    return out.toByteArray();
  }

  private static int u16le(byte[] b, int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
  }

  /** Bytes of the colour table that a packed-fields byte announces. */
  private static int table(byte flags) {
    return (flags & 0x80) == 0 ? 0 : 3 << ((flags & 7) + 1);
  }

  /** The position after the sub-blocks (length-prefixed, ended by 0) starting at {@code p}. */
  private static int skipBlocks(byte[] b, int p) {
    while (p < b.length && b[p] != 0) {
      p += 1 + (b[p] & 0xFF);
    }
    return p + 1;
  }

  /**
   * LZW over the sub-blocks between {@code from} and {@code to}: {@code n} palette indices, or
   * null when one is 256 or more or the codes are invalid.
   */
  private static byte[] decode(byte[] b, int from, int to, int codeSize, int n) {
    int clear = 1 << codeSize;
    int[] prefix = new int[MAX_CODES];
    byte[] suffix = new byte[MAX_CODES];
    byte[] first = new byte[MAX_CODES];
    int[] length = new int[MAX_CODES];
    byte[] stack = new byte[MAX_CODES];
    byte[] out = new byte[n];
    int width = codeSize + 1;
    int next = clear + 2;
    int previous = -1;
    int written = 0;
    int bits = 0;
    int buffer = 0;
    int block = 0;
    for (int p = from; p < to && written < n; p++) {
      if (block == 0) {
        block = b[p] & 0xFF; // a sub-block's length byte
        continue;
      }
      block--;
      buffer |= (b[p] & 0xFF) << bits;
      bits += 8;
      while (bits >= width && written < n) {
        int code = buffer & ((1 << width) - 1);
        buffer >>>= width;
        bits -= width;
        if (code == clear) {
          width = codeSize + 1;
          next = clear + 2;
          previous = -1;
          continue;
        }
        if (code == clear + 1) {
          return out;
        }
        if (code < clear) { // a root code is an index; only 0..255 fit the recoded image
          if (code > 255) {
            return null;
          }
          length[code] = 1;
          suffix[code] = first[code] = (byte) code;
        } else if (code > next || code == next && previous < 0) {
          return null; // codes are at most 12 bits: below MAX_CODES
        }
        if (previous >= 0 && next < MAX_CODES) {
          prefix[next] = previous;
          first[next] = first[previous];
          suffix[next] = first[code]; // also for code == next, whose first was just set
          length[next] = length[previous] + 1;
          next++;
          if (next == 1 << width && width < 12) {
            width++;
          }
        }
        int k = 0;
        for (int c = code; ; c = prefix[c]) {
          stack[k++] = suffix[c];
          if (length[c] == 1) {
            break;
          }
        }
        while (k > 0 && written < n) {
          out[written++] = stack[--k];
        }
        previous = code;
      }
    }
    return out;
  }

  /**
   * {@code indices} as code-size-8 LZW of literals only, a clear code every 250 of them so that
   * codes stay 9 bits wide: 9/8 of the pixels, simple and valid for every decoder.
   */
  private static void encode(byte[] indices, ByteArrayOutputStream out) {
    ByteArrayOutputStream data = new ByteArrayOutputStream(indices.length * 9 / 8 + 16);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i <= indices.length; i++) {
      int code = i == indices.length ? 257 : indices[i] & 0xFF;
      int[] codes = i % 250 == 0 && i < indices.length ? new int[] {256, code} : new int[] {code};
      for (int c : codes) {
        buffer |= c << bits;
        bits += 9;
        while (bits >= 8) {
          data.write(buffer & 0xFF);
          buffer >>>= 8;
          bits -= 8;
        }
      }
    }
    if (bits > 0) {
      data.write(buffer & 0xFF);
    }
    byte[] d = data.toByteArray();
    for (int p = 0; p < d.length; p += 255) {
      int len = Math.min(255, d.length - p);
      out.write(len);
      out.write(d, p, len);
    }
    out.write(0);
  }
}
