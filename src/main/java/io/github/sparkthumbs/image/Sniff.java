package io.github.sparkthumbs.image;

import java.nio.charset.StandardCharsets;

/** Says what unreadable content looks like, for error messages (HTML, text, HEIC, ...). */
public final class Sniff {
  private Sniff() {}

  /** Whether the bytes start like a format we know but cannot decode in Java. */
  public static String knownUnreadable(byte[] b) {
    String heif = heifKind(b);
    if (heif != null) {
      return heif;
    }
    if (b.length >= 12 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0x0C
        && b[4] == 'j' && b[5] == 'P') {
      return "JPEG 2000";
    }
    if (isXwd(b)) {
      return "XWD (X Window dump)";
    }
    return null;
  }

  /**
   * An X11 window dump: a header size of at least its 100 fixed bytes, then file version 7, in
   * either byte order. No reader for it is on Maven Central here (TwelveMonkeys' imageio-xwd is
   * not served), so it is named rather than called "not an image".
   */
  static boolean isXwd(byte[] b) {
    if (b.length < 100) {
      return false;
    }
    boolean be = b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 7;
    boolean le = b[4] == 7 && b[5] == 0 && b[6] == 0 && b[7] == 0;
    long size = be ? FrameSizes.be32(b, 0)
        : (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFFL) << 24;
    return (be || le) && size >= 100 && size <= 65536;
  }

  /**
   * "AVIF" or "HEIC/HEIF" when the bytes start with an ISO-BMFF {@code ftyp} box whose major or
   * compatible brands say so, else null. Phones and encoders write a generic major brand
   * ({@code mif1}, {@code msf1}) as often as a specific one, so the compatible brands decide:
   * an AV1 brand makes it AVIF, any other image brand HEIF.
   */
  public static String heifKind(byte[] b) {
    if (b.length < 12 || b[4] != 'f' || b[5] != 't' || b[6] != 'y' || b[7] != 'p') {
      return null;
    }
    long box = ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    int end = (int) Math.min(b.length, box < 16 ? 16 : Math.min(box, 4096));
    boolean heif = false;
    for (int off = 8; off + 4 <= end; off += off == 8 ? 8 : 4) { // major brand, minor version
      String brand = new String(b, off, 4, StandardCharsets.US_ASCII);
      switch (brand) {
        case "avif", "avis", "avio" -> {
          return "AVIF";
        }
        case "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1",
            "mif2", "miaf" -> heif = true;
        default -> { }
      }
    }
    return heif ? "HEIC/HEIF" : null;
  }

  /** A short description of the first bytes. */
  public static String describe(byte[] b) {
    String known = knownUnreadable(b);
    if (known != null) {
      return known + ", which Java cannot decode";
    }
    int n = Math.min(b.length, 16);
    StringBuilder text = new StringBuilder();
    boolean printable = true;
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xFF;
      if (c == '\n' || c == '\r' || c == '\t') {
        text.append(' ');
      } else if (c >= 0x20 && c < 0x7F) {
        text.append((char) c);
      } else {
        printable = false;
        break;
      }
    }
    if (printable && n > 0) {
      String t = text.toString().trim();
      String lower = t.toLowerCase(java.util.Locale.ROOT);
      String kind = lower.startsWith("<!doctype html") || lower.startsWith("<html") ? "HTML"
          : lower.startsWith("<") ? "markup" : "text";
      return kind + " starting '" + t + "'";
    }
    StringBuilder hex = new StringBuilder("bytes");
    for (int i = 0; i < Math.min(b.length, 8); i++) {
      hex.append(String.format(" %02x", b[i] & 0xFF));
    }
    return hex.toString();
  }

  /** Whether a name has an extension of an image format. */
  public static boolean hasImageExtension(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return n.matches(".*\\.(jpe?g|jfif|png|gif|bmp|tiff?|webp|psd|icns|hdr|pnm|pbm|pgm|ppm|tga"
        + "|heic|heif|avif|jp2|dds|ico|sgi|rgba?|bw|pcx|dcx|iff|ilbm|lbm|pict?|pct|xwd|svg|pdf)$");
  }
}
