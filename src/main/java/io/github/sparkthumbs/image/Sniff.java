package io.github.sparkthumbs.image;

import java.nio.charset.StandardCharsets;

/** Says what unreadable content looks like, for error messages (HTML, text, HEIC, ...). */
public final class Sniff {
  private Sniff() {}

  /** Whether the bytes start like a format we know but cannot decode in Java. */
  public static String knownUnreadable(byte[] b) {
    if (b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
      String brand = new String(b, 8, 4, StandardCharsets.US_ASCII);
      if (brand.startsWith("hei") || brand.startsWith("mif1") || brand.startsWith("hevc")) {
        return "HEIC/HEIF";
      }
      if (brand.startsWith("avi")) {
        return "AVIF";
      }
    }
    if (b.length >= 12 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0x0C
        && b[4] == 'j' && b[5] == 'P') {
      return "JPEG 2000";
    }
    return null;
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
        + "|heic|heif|avif|jp2|dds|ico)$");
  }
}
