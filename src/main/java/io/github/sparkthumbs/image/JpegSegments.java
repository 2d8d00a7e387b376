package io.github.sparkthumbs.image;

import java.nio.charset.StandardCharsets;

/** Finds marker segments in the header of a JPEG we already hold, without decoding anything. */
final class JpegSegments {
  private JpegSegments() {}

  /**
   * The bounds {start, end} of the payload (after {@code prefix}) of the first {@code marker}
   * segment whose payload starts with {@code prefix}, or null. Stops at the start of scan.
   */
  static int[] find(byte[] b, int marker, String prefix) {
    byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
    if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
      return null;
    }
    int pos = 2;
    while (pos + 4 <= b.length) {
      if ((b[pos] & 0xFF) != 0xFF) {
        return null;
      }
      int m = b[pos + 1] & 0xFF;
      if (m == 0xDA || m == 0xD9) {
        return null;
      }
      int len = Bytes.u16be(b, pos + 2);
      int start = pos + 4;
      int end = Math.min(b.length, pos + 2 + len);
      if (m == marker && startsWith(b, start, end, p)) {
        return new int[] {start + p.length, end};
      }
      pos += 2 + len;
    }
    return null;
  }

  /**
   * {width, height} from the frame header (SOFn) of the JPEG at {@code [from, to)}, or null when
   * none comes before the start of scan or it is cut off. Reads only segment headers.
   */
  static int[] frameSize(byte[] b, int from, int to) {
    if (to - from < 4 || (b[from] & 0xFF) != 0xFF || (b[from + 1] & 0xFF) != 0xD8) {
      return null;
    }
    int pos = from + 2;
    while (pos + 4 <= to) {
      if ((b[pos] & 0xFF) != 0xFF) {
        return null;
      }
      int m = b[pos + 1] & 0xFF;
      if (m == 0xFF) { // a fill byte before the marker
        pos++;
        continue;
      }
      if (m == 0xDA || m == 0xD9) {
        return null;
      }
      int len = Bytes.u16be(b, pos + 2);
      if (len < 2) {
        return null;
      }
      if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
        // SOFn: length, precision, height, width
        return len < 7 || pos + 9 > to ? null
            : new int[] {Bytes.u16be(b, pos + 7), Bytes.u16be(b, pos + 5)};
      }
      pos += 2 + len;
    }
    return null;
  }

  private static boolean startsWith(byte[] b, int start, int end, byte[] p) {
    if (end - start < p.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (b[start + i] != p[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the JPEG embeds a colour profile other than sRGB. Phones embed Display P3 and print
   * shops Adobe RGB; those must be converted, which only the ImageIO path does. sRGB profiles are
   * recognised by their description ("sRGB IEC61966-2.1", "sRGB built-in", ...).
   */
  static boolean hasNonSrgbProfile(byte[] b) {
    int[] icc = find(b, 0xE2, "ICC_PROFILE\0");
    if (icc == null) {
      return false;
    }
    String desc = iccDescription(b, icc[0] + 2, icc[1]); // skip chunk number and count
    return desc == null || !desc.startsWith("sRGB");
  }

  /** The 'desc' text of an ICC profile at {@code [p, end)}: v2 'desc' or v4 'mluc'; or null. */
  static String iccDescription(byte[] b, int p, int end) {
    try {
      int tags = (int) Bytes.u32be(b, p + 128);
      for (int i = 0; i < tags && p + 132 + 12 * i + 12 <= end; i++) {
        int e = p + 132 + 12 * i;
        if ((int) Bytes.u32be(b, e) != 0x64657363) { // 'desc'
          continue;
        }
        int t = p + (int) Bytes.u32be(b, e + 4);
        int type = (int) Bytes.u32be(b, t);
        if (type == 0x64657363) { // v2 textDescriptionType: count, then ASCII
          int n = Math.min((int) Bytes.u32be(b, t + 8), end - t - 12);
          return new String(b, t + 12, Math.max(0, n), StandardCharsets.ISO_8859_1).trim();
        }
        if (type == 0x6D6C7563) { // v4 multiLocalizedUnicodeType: first record, UTF-16BE
          int len = (int) Bytes.u32be(b, t + 20);
          int off = (int) Bytes.u32be(b, t + 24);
          return new String(b, t + off, Math.min(len, end - t - off),
              StandardCharsets.UTF_16BE).trim();
        }
        return null;
      }
    } catch (RuntimeException e) {
      return null; // a damaged profile: let ImageIO deal with it
    }
    return null;
  }
}
