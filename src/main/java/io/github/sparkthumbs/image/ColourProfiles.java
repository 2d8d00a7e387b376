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
import java.util.Arrays;

/**
 * Converts a decoded image to sRGB from the colour space its file declares, so that a thumbnail
 * is sRGB pixels: an untagged image is what browsers and viewers take for sRGB, and a phone's
 * Display P3 photo shown as sRGB looks dull and shifted. The conversion runs on the image as
 * decoded (already shrunk), before the final downscale.
 *
 * <p>A file declares its colour space by an ICC profile (converted here by the JDK's LittleCMS,
 * as vips converts with LittleCMS) or by ITU-T H.273 code points (HEIF/AVIF {@code nclx}, PNG
 * {@code cICP}: colour primaries and transfer characteristics, converted by a matrix in
 * {@link CodePoints}); {@link #toSrgb} takes either. The JPEG, TIFF and WebP readers of
 * TwelveMonkeys convert ICC profiles themselves (TIFF: not for a palette image, whose profile is
 * left unapplied), and libjpeg-turbo hands JPEGs with a profile to them
 * ({@link JpegSegments#hasNonSrgbProfile}); this class serves the decoders that do not: PNG and
 * BMP (the declaration found by {@link DeclaredColour}) and libheif ({@link Heif}).
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
      BufferedImage out = CodePoints.toSrgb(d.image(), declared.primaries(), declared.transfer());
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
   * The pixel array of a decoded image: {@code TYPE_INT_RGB} or {@code TYPE_INT_ARGB}, as every
   * decoder here returns them ({@link ImageDecoder#normalize}), one pixel per element.
   */
  static int[] pixels(BufferedImage img) {
    int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    if (px.length < img.getWidth() * img.getHeight()) {
      throw new IllegalStateException("not a plain packed image: " + img);
    }
    return px;
  }
}
