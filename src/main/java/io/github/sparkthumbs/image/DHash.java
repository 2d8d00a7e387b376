package io.github.sparkthumbs.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * A 64-bit difference hash (dHash, after Neal Krawetz, "Kind of Like That", 2013): the image as
 * 9x8 cells of mean grey, one bit per pair of horizontal neighbours (1 where the left cell is
 * brighter), rows top to bottom, most significant bit first. Resizing, recompressing and light
 * cropping move a few bits; different pictures differ in about half of them.
 *
 * <p>Taken from the image the thumbnails are scaled from (already shrunk on load, upright), so it
 * costs no second decode: the cells are averaged over a grid of at most {@link #MAX_SAMPLES}
 * points per axis read straight from the pixel array, whatever the box size.
 */
public final class DHash {
  private static final int COLS = 9;
  private static final int ROWS = 8;
  /**
   * Points read per axis at most: 16 per cell across, 18 down. Half as many made copies up to 9
   * bits apart instead of 6 (DHashTest); this many keep the cost bounded whatever the box
   * (docs/report-and-hashes.md).
   */
  static final int MAX_SAMPLES = 144;

  private DHash() {}

  /** The hash of {@code img} (displayed orientation; transparent pixels count as on white). */
  public static long of(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    // The points read across and their cells, computed once per image: not a division by a
    // variable for every pixel read (tens of cycles each, tens of thousands of pixels).
    int stepX = Math.max(1, w / MAX_SAMPLES);
    int stepY = Math.max(1, h / MAX_SAMPLES);
    int nx = (w + stepX - 1) / stepX;
    int[] xs = new int[nx];
    int[] cellOfX = new int[nx];
    for (int i = 0; i < nx; i++) {
      xs[i] = i * stepX;
      cellOfX[i] = Math.min(COLS - 1, xs[i] * COLS / w);
    }
    long[] sum = new long[COLS * ROWS];
    int[] count = new int[COLS * ROWS];
    int[] pixels = packedPixels(img);
    int stride = pixels == null ? 0 : ((SinglePixelPackedSampleModel) img.getSampleModel())
        .getScanlineStride();
    int offset = pixels == null ? 0 : offset(img);
    boolean alpha = img.getColorModel().hasAlpha();
    int[] row = pixels == null ? new int[w] : null;
    for (int y = 0; y < h; y += stepY) {
      int base = Math.min(ROWS - 1, y * ROWS / h) * COLS;
      if (row != null) {
        img.getRGB(0, y, w, 1, row, 0, w);
      }
      int start = offset + y * stride;
      for (int i = 0; i < nx; i++) {
        int argb = row != null ? row[xs[i]] : pixels[start + xs[i]];
        int cell = base + cellOfX[i];
        sum[cell] += grey(argb, alpha);
        count[cell]++;
      }
    }
    // A cell no point fell in (an image narrower than 9 pixels) takes its left neighbour's mean.
    long[] mean = new long[COLS * ROWS];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = count[i] > 0 ? sum[i] * 16 / count[i] : (i % COLS > 0 ? mean[i - 1] : 0);
    }
    long bits = 0;
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < COLS - 1; c++) {
        bits = bits << 1 | (mean[r * COLS + c] > mean[r * COLS + c + 1] ? 1 : 0);
      }
    }
    return bits;
  }

  /** As the manifest writes it: 16 lower-case hex digits. */
  public static String hex(long hash) {
    return String.format("%016x", hash);
  }

  /** The hash of a manifest's hex form. */
  public static long parse(String hex) {
    return Long.parseUnsignedLong(hex, 16);
  }

  /** Bits in which two hashes differ. */
  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  /**
   * Luma (BT.601, as JPEG's Y), composited on white when the pixel is transparent. A division by
   * a constant compiles to a multiplication; the weights in 1/256ths instead moved a copy's
   * distance from 6 to 8 bits (DHashTest), so these stay.
   */
  private static int grey(int argb, boolean alpha) {
    int y = (299 * (argb >> 16 & 0xff) + 587 * (argb >> 8 & 0xff) + 114 * (argb & 0xff)) / 1000;
    if (!alpha) {
      return y;
    }
    int a = argb >>> 24;
    return (y * a + 255 * (255 - a)) / 255;
  }

  /** The int pixels of a packed RGB/ARGB image, or null for any other layout. */
  private static int[] packedPixels(BufferedImage img) {
    int t = img.getType();
    if ((t == BufferedImage.TYPE_INT_RGB || t == BufferedImage.TYPE_INT_ARGB)
        && img.getRaster().getDataBuffer() instanceof DataBufferInt d
        && d.getNumBanks() == 1
        && img.getSampleModel() instanceof SinglePixelPackedSampleModel) {
      return d.getData();
    }
    return null;
  }

  private static int offset(BufferedImage img) {
    var raster = img.getRaster();
    var sm = (SinglePixelPackedSampleModel) img.getSampleModel();
    return raster.getDataBuffer().getOffset()
        - raster.getSampleModelTranslateY() * sm.getScanlineStride()
        - raster.getSampleModelTranslateX();
  }
}
