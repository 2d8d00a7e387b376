package io.github.sparkthumbs.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import net.coobird.thumbnailator.resizers.Resizer;

/**
 * The final reduction as an exact box filter: each output pixel is the coverage-weighted mean of
 * the source pixels under it, the way the quality guard's reference is made. Thumbnailator's
 * default (bilinear, halving while it can) samples 4 source pixels per output pixel, so between
 * 1x and 2x it skips pixels and aliases; measured on real photos (docs/cpu-experiment.md) that
 * is what kept the DCT scale at 2x the output. With this filter the decoder may stop at 1x:
 * libjpeg-turbo's scaled IDCT has already averaged each 8x8 block.
 *
 * <p>Separable, in fixed point: a horizontal pass into 16-bit intermediates, then a vertical
 * one. Opaque {@code TYPE_INT_RGB} only (alpha would need premultiplying); {@link #accepts} says
 * when it applies, else Thumbnailator's own resizer runs.
 */
final class AreaAverage implements Resizer {
  static final AreaAverage INSTANCE = new AreaAverage();
  private static final int BITS = 12;
  private static final int ONE = 1 << BITS;

  private AreaAverage() {}

  /** Whether this filter can reduce {@code src} to {@code dest}. */
  static boolean accepts(BufferedImage src, int outW, int outH) {
    return src.getType() == BufferedImage.TYPE_INT_RGB
        && src.getRaster().getSampleModel() instanceof SinglePixelPackedSampleModel
        && outW <= src.getWidth() && outH <= src.getHeight();
  }

  @Override
  public void resize(BufferedImage src, BufferedImage dest) {
    int sw = src.getWidth();
    int sh = src.getHeight();
    int dw = dest.getWidth();
    int dh = dest.getHeight();
    Weights wx = new Weights(sw, dw);
    Weights wy = new Weights(sh, dh);

    WritableRaster in = src.getRaster();
    int[] px = ((DataBufferInt) in.getDataBuffer()).getData();
    int stride = ((SinglePixelPackedSampleModel) in.getSampleModel()).getScanlineStride();
    // A sub-image (Thumbnailator's source region) shares its parent's array at an offset.
    int base = in.getDataBuffer().getOffset() - in.getSampleModelTranslateY() * stride
        - in.getSampleModelTranslateX();

    // One output row at a time from the source rows under it, each reduced across once (a row on
    // the boundary of two output rows is kept for the second): two rows of work memory instead
    // of the whole horizontally reduced image (2 MB for a 640 px photo, zeroed on allocation: an
    // eighth of this method's samples, and young collections). The weights are read into locals
    // because the launcher runs C1 only (scripts/thumbnail), which does not hoist field loads out
    // of loops.
    // Red and blue share a long, 32 bits apart: a channel's weighted sum stays under 2^28 (8 bits
    // of value, 8 kept after the horizontal pass, 12 of weight), so the lanes cannot carry into
    // each other and one multiply serves two channels; the sums are exactly the per-channel ones.
    int[] yFirst = wy.first;
    int[] yOffset = wy.offset;
    int[] yWeight = wy.weight;
    long[] reducedRb = new long[dw];
    int[] reducedG = new int[dw];
    int reducedRow = -1;
    long[] accRb = new long[dw];
    int[] accG = new int[dw];
    // Straight into the destination's pixels when they are a plain packed array (Thumbnailer's
    // new TYPE_INT_RGB image), else into an array copied in at the end.
    WritableRaster to = dest.getRaster();
    boolean direct = dest.getType() == BufferedImage.TYPE_INT_RGB
        && to.getDataBuffer() instanceof DataBufferInt && to.getParent() == null
        && to.getSampleModel() instanceof SinglePixelPackedSampleModel sm
        && sm.getScanlineStride() == dw && to.getDataBuffer().getOffset() == 0;
    int[] out = direct ? ((DataBufferInt) to.getDataBuffer()).getData() : new int[dw * dh];
    int round = 1 << (BITS + 7);
    for (int y = 0; y < dh; y++) {
      int k0 = yOffset[y];
      int n = yOffset[y + 1] - k0;
      for (int k = 0; k < n; k++) {
        int sy = yFirst[y] + k;
        if (sy != reducedRow) {
          reduceRow(px, base + sy * stride, wx, reducedRb, reducedG);
          reducedRow = sy;
        }
        int w = yWeight[k0 + k];
        if (k == 0) {
          for (int x = 0; x < dw; x++) {
            accRb[x] = reducedRb[x] * w;
            accG[x] = reducedG[x] * w;
          }
        } else {
          for (int x = 0; x < dw; x++) {
            accRb[x] += reducedRb[x] * w;
            accG[x] += reducedG[x] * w;
          }
        }
      }
      for (int x = 0, o = y * dw; x < dw; x++) {
        long rb = accRb[x];
        out[o + x] = (((int) (rb >>> 32) + round) >> (BITS + 8)) << 16
            | ((accG[x] + round) >> (BITS + 8)) << 8
            | (((int) (rb & 0xFFFFFFFFL) + round) >> (BITS + 8));
      }
    }
    if (!direct) {
      to.setDataElements(0, 0, dw, dh, out);
    }
  }

  /**
   * One source row reduced to {@code dw} pixels, 8 extra bits per channel kept: red and blue in
   * {@code rb} (red 32 bits up), green in {@code g}.
   */
  private static void reduceRow(int[] px, int row, Weights wx, long[] rb, int[] g) {
    int[] first = wx.first;
    int[] offset = wx.offset;
    int[] weight = wx.weight;
    int k = offset[0];
    int half = 1 << (BITS - 9);
    for (int x = 0; x < rb.length; x++) {
      int s = row + first[x];
      int end = offset[x + 1];
      long rbSum = 0;
      int gSum = 0; // green stays 8 bits up: under 2^28 all the same
      for (; k < end; k++, s++) {
        int p = px[s];
        int w = weight[k];
        rbSum += ((p & 0xFF0000L) << 16 | (p & 0xFF)) * w;
        gSum += (p & 0xFF00) * w;
      }
      int r = ((int) (rbSum >>> 32) + half) >> (BITS - 8);
      int b = ((int) (rbSum & 0xFFFFFFFFL) + half) >> (BITS - 8);
      rb[x] = (long) r << 32 | b;
      g[x] = ((gSum >>> 8) + half) >> (BITS - 8);
    }
  }

  /**
   * For each output pixel, the first source pixel it covers and the weights of the pixels it
   * covers (their coverage over the output pixel's width), in units of 1/{@value #ONE}, summing
   * to exactly {@value #ONE}.
   */
  static final class Weights {
    final int[] first;
    final int[] offset;
    final int[] weight;

    Weights(int src, int dst) {
      double scale = (double) src / dst;
      first = new int[dst];
      offset = new int[dst + 1];
      weight = new int[dst * ((int) Math.ceil(scale) + 2)];
      int k = 0;
      for (int i = 0; i < dst; i++) {
        double from = i * scale;
        double to = Math.min(src, from + scale);
        int j0 = (int) from;
        int j1 = Math.min(src, (int) Math.ceil(to));
        first[i] = j0;
        offset[i] = k;
        int sum = 0;
        int largest = k;
        for (int j = j0; j < j1; j++) {
          double cover = Math.min(to, j + 1) - Math.max(from, j);
          weight[k] = (int) Math.round(cover / scale * ONE);
          sum += weight[k];
          if (weight[k] > weight[largest]) {
            largest = k;
          }
          k++;
        }
        weight[largest] += ONE - sum; // rounding: the weights of a pixel sum to exactly one
      }
      offset[dst] = k;
    }
  }
}
