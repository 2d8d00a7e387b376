package io.github.sparkthumbs.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Converts pixels declared by ITU-T H.273 code points (HEIF/AVIF {@code nclx}, PNG {@code cICP}:
 * colour primaries and transfer characteristics) to sRGB. There is no profile to hand to
 * LittleCMS, so the code points become one 3x3 matrix in linear light, as LittleCMS would build
 * from a matrix profile of the same primaries; {@link ColourProfiles#toSrgb} calls it.
 */
final class CodePoints {
  private static final int PRIMARIES_BT709 = 1;
  private static final int UNSPECIFIED = 2;
  private static final int TRANSFER_SRGB = 13;
  /** Linear light to 8-bit sRGB, in steps fine enough that no 8-bit value is skipped. */
  private static final int ENCODE_STEPS = 1 << 14;
  private static final byte[] SRGB_ENCODE = srgbEncodeTable();

  private CodePoints() {}

  /**
   * {@code img} converted from H.273 colour primaries and transfer characteristics to sRGB;
   * {@code img} itself when they are sRGB's (or unspecified) or not ones this class converts.
   * Relative colorimetric, as LittleCMS converts a matrix profile: linear light through one
   * 3x3 matrix (with a Bradford adaptation when the white points differ), clipped to the sRGB
   * gamut.
   */
  static BufferedImage toSrgb(BufferedImage img, int primaries, int transfer) {
    boolean srgbPrimaries = primaries == PRIMARIES_BT709 || primaries == UNSPECIFIED;
    boolean srgbTransfer = transfer == TRANSFER_SRGB || transfer == UNSPECIFIED;
    double[] decode = Transfer.table(srgbTransfer ? TRANSFER_SRGB : transfer);
    double[][] m = srgbPrimaries ? Primaries.IDENTITY : Primaries.toSrgb(primaries);
    if (srgbPrimaries && srgbTransfer || decode == null || m == null) {
      return img;
    }
    int[] in = ColourProfiles.pixels(img);
    BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), img.getType());
    int[] px = ColourProfiles.pixels(out);
    for (int i = 0; i < px.length; i++) {
      int p = in[i];
      double r = decode[p >> 16 & 0xFF];
      double g = decode[p >> 8 & 0xFF];
      double b = decode[p & 0xFF];
      px[i] = p & 0xFF000000
          | encode(m[0][0] * r + m[0][1] * g + m[0][2] * b) << 16
          | encode(m[1][0] * r + m[1][1] * g + m[1][2] * b) << 8
          | encode(m[2][0] * r + m[2][1] * g + m[2][2] * b);
    }
    return out;
  }

  private static int encode(double linear) {
    int i = (int) (linear * ENCODE_STEPS + 0.5);
    return SRGB_ENCODE[i < 0 ? 0 : Math.min(i, ENCODE_STEPS)] & 0xFF;
  }

  private static byte[] srgbEncodeTable() {
    byte[] t = new byte[ENCODE_STEPS + 1];
    for (int i = 0; i <= ENCODE_STEPS; i++) {
      double l = (double) i / ENCODE_STEPS;
      double v = l <= 0.0031308 ? 12.92 * l : 1.055 * Math.pow(l, 1 / 2.4) - 0.055;
      t[i] = (byte) Math.round(v * 255);
    }
    return t;
  }

  /** H.273 colour primaries to sRGB's, in linear light. */
  private static final class Primaries {
    static final double[][] IDENTITY = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    private static final double[] D65 = {0.3127, 0.3290};
    private static final double[] ILLUMINANT_C = {0.310, 0.316};
    private static final double[][] BRADFORD = {
        {0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}};
    private static final double[][] SRGB_FROM_XYZ =
        invert(toXyz(new double[] {0.64, 0.33, 0.30, 0.60, 0.15, 0.06}, D65));

    /** Red, green and blue xy of each H.273 code point this class converts, and the white. */
    private static double[][] chromaticities(int code) {
      return switch (code) {
        case 4 -> new double[][] {{0.67, 0.33, 0.21, 0.71, 0.14, 0.08}, ILLUMINANT_C};
        case 5 -> new double[][] {{0.64, 0.33, 0.29, 0.60, 0.15, 0.06}, D65};
        case 6, 7 -> new double[][] {{0.630, 0.340, 0.310, 0.595, 0.155, 0.070}, D65};
        case 8 -> new double[][] {{0.681, 0.319, 0.243, 0.692, 0.145, 0.049}, ILLUMINANT_C};
        case 9 -> new double[][] {{0.708, 0.292, 0.170, 0.797, 0.131, 0.046}, D65};
        case 11 -> new double[][] {{0.680, 0.320, 0.265, 0.690, 0.150, 0.060}, {0.314, 0.351}};
        case 12 -> new double[][] {{0.680, 0.320, 0.265, 0.690, 0.150, 0.060}, D65};
        case 22 -> new double[][] {{0.630, 0.340, 0.295, 0.605, 0.155, 0.077}, D65};
        default -> null; // 10 (XYZ) and reserved values: not a display's colours
      };
    }

    /** The matrix from linear {@code code} RGB to linear sRGB, or null. */
    static double[][] toSrgb(int code) {
      double[][] c = chromaticities(code);
      if (c == null) {
        return null;
      }
      double[][] m = toXyz(c[0], c[1]);
      if (!Arrays.equals(c[1], D65)) {
        m = multiply(adaptation(c[1], D65), m);
      }
      return multiply(SRGB_FROM_XYZ, m);
    }

    /** RGB to XYZ for primaries {rx, ry, gx, gy, bx, by} and white {x, y} (Y of white = 1). */
    private static double[][] toXyz(double[] p, double[] white) {
      double[][] m = new double[3][3];
      for (int c = 0; c < 3; c++) {
        double[] v = xyz(p[2 * c], p[2 * c + 1]);
        for (int r = 0; r < 3; r++) {
          m[r][c] = v[r];
        }
      }
      double[] s = apply(invert(m), xyz(white[0], white[1]));
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          m[r][c] *= s[c];
        }
      }
      return m;
    }

    private static double[][] adaptation(double[] from, double[] to) {
      double[] src = apply(BRADFORD, xyz(from[0], from[1]));
      double[] dst = apply(BRADFORD, xyz(to[0], to[1]));
      double[][] scale = {{dst[0] / src[0], 0, 0}, {0, dst[1] / src[1], 0},
          {0, 0, dst[2] / src[2]}};
      return multiply(invert(BRADFORD), multiply(scale, BRADFORD));
    }

    private static double[] xyz(double x, double y) {
      return new double[] {x / y, 1, (1 - x - y) / y};
    }

    private static double[] apply(double[][] m, double[] v) {
      double[] out = new double[3];
      for (int r = 0; r < 3; r++) {
        out[r] = m[r][0] * v[0] + m[r][1] * v[1] + m[r][2] * v[2];
      }
      return out;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
      double[][] out = new double[3][3];
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          out[r][c] = a[r][0] * b[0][c] + a[r][1] * b[1][c] + a[r][2] * b[2][c];
        }
      }
      return out;
    }

    private static double[][] invert(double[][] m) {
      double a = m[0][0];
      double b = m[0][1];
      double c = m[0][2];
      double d = m[1][0];
      double e = m[1][1];
      double f = m[1][2];
      double g = m[2][0];
      double h = m[2][1];
      double i = m[2][2];
      double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
      return new double[][] {
          {(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det},
          {(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det},
          {(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det}};
    }
  }

  /** H.273 transfer characteristics: 8-bit code value to linear light. */
  private static final class Transfer {
    /** The 256 linear values, or null for a transfer this class does not convert. */
    static double[] table(int code) {
      double[] t = new double[256];
      for (int i = 0; i < 256; i++) {
        double v = i / 255.0;
        double l = switch (code) {
          // BT.709, BT.601, BT.2020 10 and 12 bit: the inverse of the camera curve
          case 1, 6, 14, 15 -> v < 0.081 ? v / 4.5 : Math.pow((v + 0.099) / 1.099, 1 / 0.45);
          case 4 -> Math.pow(v, 2.2);
          case 5 -> Math.pow(v, 2.8);
          case 7 -> v < 0.0913 ? v / 4 : Math.pow((v + 0.1115) / 1.1115, 1 / 0.45);
          case 8 -> v;
          case 13 -> v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
          // PQ and HLG are HDR: without tone mapping, no conversion is better than a wrong one
          default -> Double.NaN;
        };
        if (Double.isNaN(l)) {
          return null;
        }
        t[i] = l;
      }
      return t;
    }
  }
}
