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
 * points read straight from the pixel array, a bounded few tens of microseconds whatever the
 * box size.
 */
public final class DHash {
  private static final int COLS = 9;
  private static final int ROWS = 8;
  /**
   * Points read per axis at most: 16 per cell across, 16 down, enough for a stable mean (the
   * measured cost on the CPU experiment is in docs/report-and-hashes.md).
   */
  static final int MAX_SAMPLES = 144;

  private DHash() {}

  /** The hash of {@code img} (displayed orientation; transparent pixels count as on white). */
  public static long of(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int stepX = Math.max(1, w / MAX_SAMPLES);
    int stepY = Math.max(1, h / MAX_SAMPLES);
    long[] sum = new long[COLS * ROWS];
    int[] count = new int[COLS * ROWS];
    int[] pixels = packedPixels(img);
    int stride = pixels == null ? 0 : ((SinglePixelPackedSampleModel) img.getSampleModel())
        .getScanlineStride();
    int offset = pixels == null ? 0 : offset(img);
    boolean alpha = img.getColorModel().hasAlpha();
    int[] row = pixels == null ? new int[w] : null;
    for (int y = 0; y < h; y += stepY) {
      int cy = Math.min(ROWS - 1, y * ROWS / h);
      if (row != null) {
        img.getRGB(0, y, w, 1, row, 0, w);
      }
      for (int x = 0; x < w; x += stepX) {
        int argb = row != null ? row[x] : pixels[offset + y * stride + x];
        int cell = cy * COLS + Math.min(COLS - 1, x * COLS / w);
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

  /** Luma (BT.601, as JPEG's Y), composited on white when the pixel is transparent. */
  private static int grey(int argb, boolean alpha) {
    int r = argb >> 16 & 0xff;
    int g = argb >> 8 & 0xff;
    int b = argb & 0xff;
    int y = (299 * r + 587 * g + 114 * b) / 1000;
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
