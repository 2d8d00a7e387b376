package io.github.sparkthumbs.image;

import java.awt.image.BufferedImage;

/**
 * How much of a damaged image decoded. A decoder that gives up part-way leaves the rest of the
 * image as fill: zeros in the destination (black, or white once transparency is composited) for
 * ImageIO's readers, mid-grey for libjpeg. The rows it did decode are the rows above that uniform
 * tail, so the measure is the share of rows above the longest run of bottom rows that are all the
 * fill colour. It is taken only for images the decoder warned about: an intact photo with a
 * black band at the bottom is not damaged.
 */
final class Damage {
  /**
   * Below this share of rows, a damaged image is {@code corrupt}, not {@code ok}: its thumbnail
   * would be mostly fill. A quarter keeps a photo whose top part shows (a truncated download), the
   * way libvips and browsers show it, and fails the files that decoded nothing or a sliver.
   */
  static final double MIN_DECODED = 0.25;

  /** Per channel: libjpeg's grey fill can differ by a unit after colour conversion. */
  private static final int TOLERANCE = 2;

  private Damage() {}

  /** Share of rows (0..1) above the uniform tail of {@code img}, in stored orientation. */
  static double decodedFraction(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int fill = img.getRGB(w - 1, h - 1);
    int[] row = new int[w];
    int y = h - 1;
    for (; y >= 0; y--) {
      img.getRGB(0, y, w, 1, row, 0, w);
      if (!uniform(row, fill)) {
        break;
      }
    }
    return (y + 1) / (double) h;
  }

  private static boolean uniform(int[] row, int fill) {
    for (int p : row) {
      for (int shift = 0; shift < 32; shift += 8) {
        if (Math.abs(((p >>> shift) & 0xFF) - ((fill >>> shift) & 0xFF)) > TOLERANCE) {
          return false;
        }
      }
    }
    return true;
  }
}
