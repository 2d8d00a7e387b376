package io.github.sparkthumbs.image;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * EXIF orientation (tag 0x0112) of a JPEG, read straight from the APP1 segment of the bytes we
 * already hold, and applied to a decoded image. A damaged EXIF block means orientation 1: it never
 * fails an image.
 */
public final class ExifOrientation {
  private ExifOrientation() {}

  /** Orientation 1..8 of a JPEG, 1 when absent, unreadable or not a JPEG. */
  public static int read(byte[] b) {
    try {
      return readJpeg(b);
    } catch (RuntimeException e) {
      return 1; // a truncated or malformed EXIF block is common and harmless: draw as stored
    }
  }

  private static int readJpeg(byte[] b) {
    int[] exif = JpegSegments.find(b, 0xE1, "Exif\0\0");
    return exif == null ? 1 : fromTiff(b, exif[0], exif[1]);
  }

  private static int fromTiff(byte[] b, int tiff, int end) {
    boolean big = b[tiff] == 'M';
    int ifd = tiff + (int) u32(b, tiff + 4, big);
    int count = u16(b, ifd, big);
    for (int i = 0; i < count; i++) {
      int e = ifd + 2 + i * 12;
      if (e + 12 > end) {
        return 1;
      }
      if (u16(b, e, big) == 0x0112) {
        int v = u16(b, e + 8, big);
        return v >= 1 && v <= 8 ? v : 1;
      }
    }
    return 1;
  }

  private static int u16(byte[] b, int p, boolean big) {
    int x = b[p] & 0xFF;
    int y = b[p + 1] & 0xFF;
    return big ? (x << 8) | y : (y << 8) | x;
  }

  private static long u32(byte[] b, int p, boolean big) {
    return big
        ? ((long) u16(b, p, true) << 16) | u16(b, p + 2, true)
        : ((long) u16(b, p + 2, false) << 16) | u16(b, p, false);
  }

  /** Whether the orientation swaps width and height (5..8). */
  public static boolean transposes(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  /** The image as it should be displayed. */
  public static BufferedImage apply(BufferedImage img, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return img;
    }
    int w = img.getWidth();
    int h = img.getHeight();
    boolean swap = transposes(orientation);
    AffineTransform t = new AffineTransform();
    switch (orientation) {
      case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
      case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
      case 4 -> { t.translate(0, h); t.scale(1, -1); }
      case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
      case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
      case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
      case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
      default -> { }
    }
    BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, img.getType());
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(img, t, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
