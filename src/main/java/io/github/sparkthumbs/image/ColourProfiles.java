package io.github.sparkthumbs.image;

import java.awt.Transparency;
import java.awt.color.CMMException;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.color.ProfileDataException;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.ImagingOpException;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Converts a decoded image to sRGB from the colour space its file declares, so that a thumbnail
 * is sRGB pixels: an untagged image is what browsers and viewers take for sRGB, and a phone's
 * Display P3 photo shown as sRGB looks dull and shifted. The conversion runs on the image as
 * decoded (already shrunk), before the final downscale.
 *
 * <p>A file declares its colour space by an ICC profile (converted by the JDK's LittleCMS, as
 * vips converts with LittleCMS) or by ITU-T H.273 code points (HEIF/AVIF {@code nclx}, PNG
 * {@code cICP}: colour primaries and transfer characteristics, converted here by a matrix). The
 * JPEG, TIFF and WebP readers of TwelveMonkeys convert ICC profiles themselves (TIFF: not for a
 * palette image, whose profile is left unapplied), and libjpeg-turbo hands JPEGs with a profile
 * to them ({@link JpegSegments#hasNonSrgbProfile}); this class serves the decoders that do not:
 * PNG and BMP ({@link #declaredBy}) and libheif ({@link Heif}).
 *
 * <p>Profiles are untrusted bytes: one that cannot be read or applied leaves the image as
 * decoded with the warning {@link #IGNORED}, never a failure, and none over
 * {@link #MAX_PROFILE_BYTES} is parsed.
 */
final class ColourProfiles {
  /** The manifest warning of an image whose declared colour space could not be applied. */
  static final String IGNORED = "colour-profile-ignored";

  /**
   * Real profiles are a few KB (Display P3: 536 bytes to 4 KB; printer profiles with large
   * tables up to 1-2 MB); a larger one is refused before LittleCMS parses it.
   */
  static final int MAX_PROFILE_BYTES = 4 << 20;

  private static final int PRIMARIES_BT709 = 1;
  private static final int UNSPECIFIED = 2;
  private static final int TRANSFER_SRGB = 13;
  /** Linear light to 8-bit sRGB, in steps fine enough that no 8-bit value is skipped. */
  private static final int ENCODE_STEPS = 1 << 14;
  private static final byte[] SRGB_ENCODE = srgbEncodeTable();

  private ColourProfiles() {}

  /**
   * A colour space as a file declares it: ICC profile bytes, H.273 code points, or the reason
   * the declaration cannot be used (a damaged or oversized chunk). The manifest's warnings are
   * words, so the reason stays here, for tests and debuggers.
   */
  record Declared(byte[] icc, int primaries, int transfer, String problem) {
    static Declared icc(byte[] profile) {
      return new Declared(profile, 0, 0, null);
    }

    static Declared codePoints(int primaries, int transfer) {
      return new Declared(null, primaries, transfer, null);
    }

    static Declared unusable(String problem) {
      return new Declared(null, 0, 0, problem);
    }
  }

  /**
   * {@code d} in sRGB: converted from {@code declared}; unchanged when nothing or sRGB is
   * declared, or code points this class does not convert (HDR transfers: PQ, HLG); unchanged with
   * the warning {@link #IGNORED} when the declaration is damaged.
   */
  static Decoded toSrgb(Decoded d, Declared declared) {
    if (declared == null) {
      return d;
    }
    if (declared.problem() != null) {
      return d.withWarning(IGNORED);
    }
    if (declared.icc() == null) {
      BufferedImage out = fromCodePoints(d.image(), declared.primaries(), declared.transfer());
      return out == d.image() ? d : d.withImage(out);
    }
    try {
      BufferedImage out = fromIcc(d.image(), declared.icc());
      return out == null ? d.withWarning(IGNORED) : out == d.image() ? d : d.withImage(out);
    } catch (IllegalArgumentException | CMMException | ProfileDataException
        | ImagingOpException e) {
      // LittleCMS refusing the profile's data: the profile is the file's fault, the pixels are
      // still good.
      return d.withWarning(IGNORED);
    }
  }

  /**
   * {@code img} (8-bit values in the profile's space) in sRGB; {@code img} itself for an sRGB
   * profile; null for a profile that does not fit the image (CMYK, Lab, or too large).
   */
  static BufferedImage fromIcc(BufferedImage img, byte[] icc) {
    if (icc.length > MAX_PROFILE_BYTES) {
      return null;
    }
    String desc = JpegSegments.iccDescription(icc, 0, icc.length);
    if (desc != null && desc.startsWith("sRGB")) {
      return img; // sRGB IEC61966-2.1 and its variants: nothing to do
    }
    Transform t = Transform.of(icc);
    return switch (t.type) {
      case ColorSpace.TYPE_RGB -> convertRgb(img, t);
      case ColorSpace.TYPE_GRAY -> convertGrey(img, t);
      default -> null;
    };
  }

  /**
   * A profile made ready for LittleCMS, kept for the thread's next image: a run's photos mostly
   * carry the same profile (a phone's Display P3), and LittleCMS builds its transform on first
   * use, which took about 5 ms, as long as converting a 1024x768 image.
   */
  private static final class Transform {
    private static final ThreadLocal<Transform> LAST = new ThreadLocal<>();

    final byte[] icc;
    final int type;
    final ColorSpace space;
    final ColorConvertOp op = new ColorConvertOp(null);

    private Transform(byte[] icc) {
      ICC_Profile profile = ICC_Profile.getInstance(icc);
      int c = profile.getProfileClass();
      this.icc = icc;
      this.type = c == ICC_Profile.CLASS_DEVICELINK || c == ICC_Profile.CLASS_ABSTRACT ? -1
          : profile.getColorSpaceType();
      this.space = new ICC_ColorSpace(profile);
    }

    static Transform of(byte[] icc) {
      Transform t = LAST.get();
      if (t == null || !Arrays.equals(t.icc, icc)) {
        t = new Transform(icc);
        LAST.set(t);
      }
      return t;
    }
  }

  /**
   * Through LittleCMS on the image's own pixel array, read as values in the profile's space
   * (the JDK hands packed int layouts to LittleCMS without a per-pixel fallback).
   */
  private static BufferedImage convertRgb(BufferedImage img, Transform t) {
    boolean alpha = img.getColorModel().hasAlpha();
    DirectColorModel cm = new DirectColorModel(t.space, alpha ? 32 : 24, 0xFF0000, 0xFF00, 0xFF,
        alpha ? 0xFF000000 : 0, false, DataBuffer.TYPE_INT);
    BufferedImage in = new BufferedImage(cm, img.getRaster(), false, null);
    BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), img.getType());
    t.op.filter(in, out);
    return out;
  }

  /**
   * A grey profile maps each grey level to one sRGB grey: the 256 levels go through LittleCMS
   * once and every channel through the resulting table.
   */
  private static BufferedImage convertGrey(BufferedImage img, Transform t) {
    byte[] levels = new byte[256];
    for (int i = 0; i < 256; i++) {
      levels[i] = (byte) i;
    }
    ComponentColorModel cm = new ComponentColorModel(t.space, false, false, Transparency.OPAQUE,
        DataBuffer.TYPE_BYTE);
    BufferedImage in = new BufferedImage(cm, Raster.createInterleavedRaster(
        new DataBufferByte(levels, 256), 256, 1, 256, 1, new int[] {0}, null), false, null);
    BufferedImage srgb = new BufferedImage(256, 1, BufferedImage.TYPE_3BYTE_BGR);
    t.op.filter(in, srgb);
    byte[] bgr = ((DataBufferByte) srgb.getRaster().getDataBuffer()).getData();
    int[] table = new int[256];
    for (int i = 0; i < 256; i++) {
      table[i] = bgr[3 * i + 1] & 0xFF; // green: the luminance of a neutral grey
    }
    int[] in2 = pixels(img);
    BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), img.getType());
    int[] px = pixels(out);
    for (int i = 0; i < px.length; i++) {
      int p = in2[i];
      px[i] = p & 0xFF000000 | table[p >> 16 & 0xFF] << 16 | table[p >> 8 & 0xFF] << 8
          | table[p & 0xFF];
    }
    return out;
  }

  /**
   * {@code img} converted from H.273 colour primaries and transfer characteristics to sRGB;
   * {@code img} itself when they are sRGB's (or unspecified) or not ones this class converts.
   * Relative colorimetric, as LittleCMS converts a matrix profile: linear light through one
   * 3x3 matrix (with a Bradford adaptation when the white points differ), clipped to the sRGB
   * gamut.
   */
  static BufferedImage fromCodePoints(BufferedImage img, int primaries, int transfer) {
    boolean srgbPrimaries = primaries == PRIMARIES_BT709 || primaries == UNSPECIFIED;
    boolean srgbTransfer = transfer == TRANSFER_SRGB || transfer == UNSPECIFIED;
    double[] decode = Transfer.table(srgbTransfer ? TRANSFER_SRGB : transfer);
    double[][] m = srgbPrimaries ? Primaries.IDENTITY : Primaries.toSrgb(primaries);
    if (srgbPrimaries && srgbTransfer || decode == null || m == null) {
      return img;
    }
    int[] in = pixels(img);
    BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), img.getType());
    int[] px = pixels(out);
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

  /**
   * The pixel array of a decoded image: {@code TYPE_INT_RGB} or {@code TYPE_INT_ARGB}, as every
   * decoder here returns them ({@link ImageDecoder#normalize}), one pixel per element.
   */
  private static int[] pixels(BufferedImage img) {
    int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    if (px.length < img.getWidth() * img.getHeight()) {
      throw new IllegalStateException("not a plain packed image: " + img);
    }
    return px;
  }

  /**
   * The colour space the file of {@code format} declares where its ImageIO reader leaves it
   * unapplied: PNG ({@link #ofPng}) and BMP ({@link #ofBmp}); else null.
   */
  static Declared declaredBy(String format, byte[] b) {
    return switch (format) {
      case "png" -> ofPng(b); // the JDK's reader keeps iCCP in its metadata, knows no cICP
      case "bmp" -> ofBmp(b); // TwelveMonkeys' reader reads the pixels only
      default -> null;
    };
  }

  /**
   * The ICC profile a BMP's {@code BITMAPV5HEADER} embeds ({@code bV5CSType} 'MBED'); null for
   * any other colour space: sRGB, the Windows default, calibrated endpoints (rare, not applied),
   * or a profile linked by file name, which is never opened.
   */
  static Declared ofBmp(byte[] b) {
    int header = 14; // BITMAPFILEHEADER
    if (b.length < header + 124 || Bytes.u32le(b, header) < 124
        || Bytes.u32le(b, header + 56) != 0x4D424544) { // 'MBED'
      return null;
    }
    long at = header + Bytes.u32le(b, header + 112); // from the start of the info header
    long size = Bytes.u32le(b, header + 116);
    if (size > MAX_PROFILE_BYTES) {
      return Declared.unusable("BMP profile of " + size + " bytes is over " + MAX_PROFILE_BYTES);
    }
    if (at + size > b.length) {
      return Declared.unusable("BMP profile at " + at + " (" + size + " bytes) is past the end"
          + " of the file (" + b.length + " bytes)");
    }
    return Declared.icc(Arrays.copyOfRange(b, (int) at, (int) (at + size)));
  }

  /**
   * The colour space a PNG declares before its image data: {@code cICP} (PNG third edition),
   * which takes precedence, else {@code iCCP}; null for neither (sRGB, or {@code gAMA} and
   * {@code cHRM}, which are not applied: files carrying only those are rare and old).
   */
  static Declared ofPng(byte[] b) {
    int pos = 8;
    Declared icc = null;
    while (pos + 8 <= b.length) {
      long len = Bytes.u32be(b, pos);
      int type = (int) Bytes.u32be(b, pos + 4);
      int data = pos + 8;
      if (type == 0x49444154 || type == 0x49454E44 || len > b.length - data) { // IDAT, IEND
        break;
      }
      if (type == 0x63494350 && len >= 4) { // cICP: primaries, transfer, matrix, full range
        return Declared.codePoints(b[data] & 0xFF, b[data + 1] & 0xFF);
      }
      if (type == 0x69434350 && icc == null) { // iCCP: name, NUL, method, zlib stream
        icc = iccp(b, data, data + (int) len);
      }
      pos = data + (int) len + 4;
    }
    return icc;
  }

  private static Declared iccp(byte[] b, int from, int to) {
    int nul = from;
    while (nul < to && b[nul] != 0) {
      nul++;
    }
    if (nul + 2 > to || b[nul + 1] != 0) {
      return Declared.unusable("PNG iCCP chunk without a deflate stream");
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(b, nul + 2, to - nul - 2);
      ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return Declared.unusable("PNG iCCP profile is cut off");
        }
        out.write(buf, 0, n);
        if (out.size() > MAX_PROFILE_BYTES) {
          return Declared.unusable("PNG iCCP profile is over " + MAX_PROFILE_BYTES + " bytes");
        }
      }
      return Declared.icc(out.toByteArray());
    } catch (DataFormatException e) {
      return Declared.unusable("PNG iCCP profile cannot be inflated: " + e.getMessage());
    } finally {
      inflater.end();
    }
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
