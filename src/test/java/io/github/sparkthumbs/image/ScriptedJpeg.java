package io.github.sparkthumbs.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;

/**
 * A small progressive JPEG encoder for tests, for the scan scripts no installed tool writes: the
 * JDK 17 writer's own scripts end in a NullPointerException and cjpeg is not installed. Scans are
 * rows {Ss, Se, Ah, Al, component indexes 0..2...}: DC first and refinement scans (interleaved or
 * not) and AC first scans (any Al); no AC refinement. Flat Huffman tables (every symbol), one
 * quantisation table, YCbCr with Y sampled {h, v} and chroma 1x1, a restart interval.
 */
final class ScriptedJpeg {
  private static final int[] ZIGZAG = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
      12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43,
      36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55,
      62, 63};
  /** The example luminance table of the standard (K.1), at about quality 75. */
  private static final int[] QUANT = {8, 6, 5, 8, 12, 20, 26, 31, 6, 6, 7, 10, 13, 29, 30, 28,
      7, 7, 8, 12, 20, 29, 35, 28, 7, 9, 11, 15, 26, 44, 40, 31, 9, 11, 19, 28, 34, 55, 52, 39,
      12, 18, 28, 32, 41, 52, 57, 46, 25, 32, 39, 44, 52, 61, 60, 51, 36, 46, 48, 49, 56, 50, 52,
      50};

  private static final double[][] COS = new double[8][8];

  static {
    for (int x = 0; x < 8; x++) {
      for (int u = 0; u < 8; u++) {
        COS[x][u] = Math.cos((2 * x + 1) * u * Math.PI / 16);
      }
    }
  }

  private final int width;
  private final int height;
  private final int[] hs;
  private final int[] vs;
  private final int maxH;
  private final int maxV;
  private final int mcusX;
  private final int mcusY;
  /** Per component: quantised coefficients [blockRow][blockCol][natural order]. */
  private final int[][][][] coef = new int[3][][][];
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int acc;
  private int nbits;

  private ScriptedJpeg(BufferedImage img, int h, int v) {
    width = img.getWidth();
    height = img.getHeight();
    hs = new int[] {h, 1, 1};
    vs = new int[] {v, 1, 1};
    maxH = h;
    maxV = v;
    mcusX = (width + 8 * maxH - 1) / (8 * maxH);
    mcusY = (height + 8 * maxV - 1) / (8 * maxV);
    for (int c = 0; c < 3; c++) {
      coef[c] = transform(img, c);
    }
  }

  static byte[] encode(BufferedImage img, int[] sampling, int restart, int[][] script) {
    ScriptedJpeg j = new ScriptedJpeg(img, sampling[0], sampling[1]);
    return j.write(restart, script);
  }

  /** Colour conversion, averaging down to the component's sampling, FDCT, quantisation. */
  private int[][][] transform(BufferedImage img, int c) {
    int sx = maxH / hs[c];
    int sy = maxV / vs[c];
    int bw = mcusX * hs[c];
    int bh = mcusY * vs[c];
    int[][][] blocks = new int[bh][bw][];
    double[] px = new double[64];
    for (int by = 0; by < bh; by++) {
      for (int bx = 0; bx < bw; bx++) {
        for (int y = 0; y < 8; y++) {
          for (int x = 0; x < 8; x++) {
            double sum = 0;
            for (int dy = 0; dy < sy; dy++) {
              for (int dx = 0; dx < sx; dx++) {
                int ix = Math.min(width - 1, ((bx * 8 + x) * sx) + dx);
                int iy = Math.min(height - 1, ((by * 8 + y) * sy) + dy);
                sum += component(img.getRGB(ix, iy), c);
              }
            }
            px[y * 8 + x] = sum / (sx * sy) - 128;
          }
        }
        int[] q = new int[64];
        for (int v = 0; v < 8; v++) {
          for (int u = 0; u < 8; u++) {
            double s = 0;
            for (int y = 0; y < 8; y++) {
              for (int x = 0; x < 8; x++) {
                s += px[y * 8 + x] * COS[x][u] * COS[y][v];
              }
            }
            s *= 0.25 * (u == 0 ? Math.sqrt(0.5) : 1) * (v == 0 ? Math.sqrt(0.5) : 1);
            q[v * 8 + u] = (int) Math.round(s / QUANT[v * 8 + u]);
          }
        }
        blocks[by][bx] = q;
      }
    }
    return blocks;
  }

  private static double component(int rgb, int c) {
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    return switch (c) {
      case 0 -> 0.299 * r + 0.587 * g + 0.114 * b;
      case 1 -> 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
      default -> 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
    };
  }

  private byte[] write(int restart, int[][] script) {
    marker(0xD8);
    marker(0xDB);
    u16(67);
    out.write(0);
    for (int k = 0; k < 64; k++) {
      out.write(QUANT[ZIGZAG[k]]);
    }
    if (restart > 0) {
      marker(0xDD);
      u16(4);
      u16(restart);
    }
    marker(0xC2);
    u16(8 + 3 * 3);
    out.write(8);
    u16(height);
    u16(width);
    out.write(3);
    for (int c = 0; c < 3; c++) {
      out.write(c + 1);
      out.write((hs[c] << 4) | vs[c]);
      out.write(0);
    }
    // DC table 0: categories 0..11, 4-bit codes; AC table 0: all 176 symbols, 8-bit codes
    marker(0xC4);
    u16(2 + 17 + 12 + 17 + 176);
    out.write(0x00);
    for (int len = 1; len <= 16; len++) {
      out.write(len == 4 ? 12 : 0);
    }
    for (int s = 0; s < 12; s++) {
      out.write(s);
    }
    out.write(0x10);
    for (int len = 1; len <= 16; len++) {
      out.write(len == 8 ? 176 : 0);
    }
    for (int s : acSymbols()) {
      out.write(s);
    }
    for (int[] scan : script) {
      scan(scan, restart);
    }
    marker(0xD9);
    return out.toByteArray();
  }

  private static int[] acSymbols() {
    int[] s = new int[176];
    int n = 0;
    for (int r = 0; r < 15; r++) {
      s[n++] = r << 4; // EOBr
    }
    s[n++] = 0xF0;
    for (int r = 0; r < 16; r++) {
      for (int size = 1; size <= 10; size++) {
        s[n++] = (r << 4) | size;
      }
    }
    return s;
  }

  private static int acCode(int symbol) {
    int[] s = acSymbols();
    for (int i = 0; i < s.length; i++) {
      if (s[i] == symbol) {
        return i;
      }
    }
    throw new IllegalArgumentException("symbol " + symbol);
  }

  private void scan(int[] s, int restart) {
    int ss = s[0];
    int se = s[1];
    int ah = s[2];
    int al = s[3];
    int ns = s.length - 4;
    marker(0xDA);
    u16(6 + 2 * ns);
    out.write(ns);
    for (int i = 0; i < ns; i++) {
      out.write(s[4 + i] + 1);
      out.write(0x00);
    }
    out.write(ss);
    out.write(se);
    out.write((ah << 4) | al);
    int[] pred = new int[3];
    int units = 0;
    int rst = 0;
    if (ns > 1) {
      for (int my = 0; my < mcusY; my++) {
        for (int mx = 0; mx < mcusX; mx++) {
          if (restart > 0 && units > 0 && units % restart == 0) {
            rst = restartMarker(rst, pred);
          }
          for (int i = 0; i < ns; i++) {
            int c = s[4 + i];
            for (int y = 0; y < vs[c]; y++) {
              for (int x = 0; x < hs[c]; x++) {
                block(coef[c][my * vs[c] + y][mx * hs[c] + x], c, ss, se, ah, al, pred);
              }
            }
          }
          units++;
        }
      }
    } else {
      int c = s[4];
      int bw = (int) Math.ceil(Math.ceil(width * (double) hs[c] / maxH) / 8);
      int bh = (int) Math.ceil(Math.ceil(height * (double) vs[c] / maxV) / 8);
      for (int by = 0; by < bh; by++) {
        for (int bx = 0; bx < bw; bx++) {
          if (restart > 0 && units > 0 && units % restart == 0) {
            rst = restartMarker(rst, pred);
          }
          block(coef[c][by][bx], c, ss, se, ah, al, pred);
          units++;
        }
      }
    }
    flush();
  }

  private int restartMarker(int rst, int[] pred) {
    flush();
    marker(0xD0 + rst);
    java.util.Arrays.fill(pred, 0);
    return (rst + 1) & 7;
  }

  private void block(int[] q, int c, int ss, int se, int ah, int al, int[] pred) {
    if (ss == 0) {
      int dc = q[0] >> al; // libjpeg: IRIGHT_SHIFT
      if (ah > 0) {
        bits(dc & 1, 1);
        return;
      }
      int diff = dc - pred[c];
      pred[c] = dc;
      int size = size(diff);
      bits(size, 4);
      bits(diff < 0 ? diff - 1 : diff, size);
      return;
    }
    int run = 0;
    for (int k = ss; k <= se; k++) {
      int v = q[ZIGZAG[k]];
      int t = Math.abs(v) >> al;
      if (t == 0) {
        run++;
        continue;
      }
      while (run > 15) {
        bits(acCode(0xF0), 8);
        run -= 16;
      }
      int size = size(t);
      bits(acCode((run << 4) | size), 8);
      bits(v < 0 ? ~t : t, size);
      run = 0;
    }
    if (run > 0) {
      bits(acCode(0x00), 8); // EOB, a run of one block
    }
  }

  private static int size(int v) {
    return 32 - Integer.numberOfLeadingZeros(Math.abs(v));
  }

  private void bits(int value, int len) {
    for (int i = len - 1; i >= 0; i--) {
      acc = (acc << 1) | ((value >> i) & 1);
      if (++nbits == 8) {
        out.write(acc);
        if (acc == 0xFF) {
          out.write(0);
        }
        acc = 0;
        nbits = 0;
      }
    }
  }

  private void flush() {
    while (nbits != 0) {
      bits(1, 1);
    }
  }

  private void marker(int m) {
    out.write(0xFF);
    out.write(m);
  }

  private void u16(int v) {
    out.write(v >> 8);
    out.write(v & 0xFF);
  }
}
