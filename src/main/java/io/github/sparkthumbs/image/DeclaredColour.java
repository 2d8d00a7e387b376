package io.github.sparkthumbs.image;

import static io.github.sparkthumbs.image.ColourProfiles.MAX_PROFILE_BYTES;

import io.github.sparkthumbs.image.ColourProfiles.Declared;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Finds the colour space a PNG or BMP file declares, in its bytes: the ImageIO readers of those
 * formats decode the pixels and leave the declaration unapplied. A PNG declares it by a
 * {@code cICP} chunk (H.273 code points) or an {@code iCCP} chunk (a deflated ICC profile), a BMP
 * by the profile its {@code BITMAPV5HEADER} embeds. A damaged or oversized declaration is
 * {@link Declared#unusable} with the reason; no profile over
 * {@link ColourProfiles#MAX_PROFILE_BYTES} is inflated or copied.
 */
final class DeclaredColour {
  private DeclaredColour() {}

  /**
   * The colour space the file of {@code format} declares where its ImageIO reader leaves it
   * unapplied: PNG ({@link #ofPng}) and BMP ({@link #ofBmp}); else null.
   */
  static Declared of(String format, byte[] b) {
    return switch (format) {
      case "png" -> ofPng(b); // the JDK's reader keeps iCCP in its metadata, knows no cICP
      case "bmp" -> ofBmp(b); // TwelveMonkeys' reader reads the pixels only
      default -> null;
    };
  }

  /**
   * The ICC profile a BMP's {@code BITMAPV5HEADER} embeds ({@code bV5CSType} 'MBED'); null for
   * any other colour space: sRGB, the Windows default, calibrated endpoints (rare, not applied),
   * or a profile linked by file name, which is never opened.
   */
  static Declared ofBmp(byte[] b) {
    int header = 14; // BITMAPFILEHEADER
    if (b.length < header + 124 || Bytes.u32le(b, header) < 124
        || Bytes.u32le(b, header + 56) != 0x4D424544) { // 'MBED'
      return null;
    }
    long at = header + Bytes.u32le(b, header + 112); // from the start of the info header
    long size = Bytes.u32le(b, header + 116);
    if (size > MAX_PROFILE_BYTES) {
      return Declared.unusable("BMP profile of " + size + " bytes is over " + MAX_PROFILE_BYTES);
    }
    if (at + size > b.length) {
      return Declared.unusable("BMP profile at " + at + " (" + size + " bytes) is past the end"
          + " of the file (" + b.length + " bytes)");
    }
    return Declared.icc(Arrays.copyOfRange(b, (int) at, (int) (at + size)));
  }

  /**
   * The colour space a PNG declares before its image data: {@code cICP} (PNG third edition),
   * which takes precedence, else {@code iCCP}; null for neither (sRGB, or {@code gAMA} and
   * {@code cHRM}, which are not applied: files carrying only those are rare and old).
   */
  static Declared ofPng(byte[] b) {
    int pos = 8;
    Declared icc = null;
    while (pos + 8 <= b.length) {
      long len = Bytes.u32be(b, pos);
      int type = (int) Bytes.u32be(b, pos + 4);
      int data = pos + 8;
      if (type == 0x49444154 || type == 0x49454E44 || len > b.length - data) { // IDAT, IEND
        break;
      }
      if (type == 0x63494350 && len >= 4) { // cICP: primaries, transfer, matrix, full range
        return Declared.codePoints(b[data] & 0xFF, b[data + 1] & 0xFF);
      }
      if (type == 0x69434350 && icc == null) { // iCCP: name, NUL, method, zlib stream
        icc = iccp(b, data, data + (int) len);
      }
      pos = data + (int) len + 4;
    }
    return icc;
  }

  private static Declared iccp(byte[] b, int from, int to) {
    int nul = from;
    while (nul < to && b[nul] != 0) {
      nul++;
    }
    if (nul + 2 > to || b[nul + 1] != 0) {
      return Declared.unusable("PNG iCCP chunk without a deflate stream");
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(b, nul + 2, to - nul - 2);
      ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return Declared.unusable("PNG iCCP profile is cut off");
        }
        out.write(buf, 0, n);
        if (out.size() > MAX_PROFILE_BYTES) {
          return Declared.unusable("PNG iCCP profile is over " + MAX_PROFILE_BYTES + " bytes");
        }
      }
      return Declared.icc(out.toByteArray());
    } catch (DataFormatException e) {
      return Declared.unusable("PNG iCCP profile cannot be inflated: " + e.getMessage());
    } finally {
      inflater.end();
    }
  }
}
