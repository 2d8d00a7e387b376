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

    // Horizontal: every source row to dw pixels, 8 extra bits per channel kept.
    int[] rows = new int[sh * dw * 3];
    for (int y = 0; y < sh; y++) {
      int row = base + y * stride;
      int o = y * dw * 3;
      for (int x = 0; x < dw; x++) {
        int r = 0;
        int g = 0;
        int b = 0;
        int first = wx.first[x];
        int k0 = wx.offset[x];
        int n = wx.offset[x + 1] - k0;
        for (int k = 0; k < n; k++) {
          int p = px[row + first + k];
          int w = wx.weight[k0 + k];
          r += ((p >> 16) & 0xFF) * w;
          g += ((p >> 8) & 0xFF) * w;
          b += (p & 0xFF) * w;
        }
        rows[o++] = (r + (1 << (BITS - 9))) >> (BITS - 8);
        rows[o++] = (g + (1 << (BITS - 9))) >> (BITS - 8);
        rows[o++] = (b + (1 << (BITS - 9))) >> (BITS - 8);
      }
    }
    // Vertical: dh output rows from the reduced rows.
    int[] out = new int[dw * dh];
    int round = 1 << (BITS + 7);
    for (int y = 0; y < dh; y++) {
      int first = wy.first[y];
      int k0 = wy.offset[y];
      int n = wy.offset[y + 1] - k0;
      for (int x = 0; x < dw; x++) {
        int r = 0;
        int g = 0;
        int b = 0;
        for (int k = 0; k < n; k++) {
          int i = ((first + k) * dw + x) * 3;
          int w = wy.weight[k0 + k];
          r += rows[i] * w;
          g += rows[i + 1] * w;
          b += rows[i + 2] * w;
        }
        out[y * dw + x] = ((r + round) >> (BITS + 8)) << 16 | ((g + round) >> (BITS + 8)) << 8
            | ((b + round) >> (BITS + 8));
      }
    }
    dest.getRaster().setDataElements(0, 0, dw, dh, out);
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
