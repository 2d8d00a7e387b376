package io.github.sparkthumbs.image;

import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.Size;
import java.awt.image.BufferedImage;
import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * The optional native fast path: libjpeg-turbo's TurboJPEG Java API decodes a JPEG straight to
 * 1/2, 1/4 or 1/8 of its size in the DCT domain (what Pillow's {@code draft()} does), where the
 * JDK decoder must decode every block and then drop pixels. Measured here (tools/DecodeBench,
 * 3.9 MP photos): 14 vs 29-32 CPU ms per thumbnail, and no aliasing from point sampling.
 *
 * <p>Not on Maven Central, so it is found at run time: the classes from the class path or from
 * {@code /usr/share/java/turbojpeg.jar} (Debian {@code libturbojpeg-java}, override with
 * {@code -Dthumbnailer.turbojpeg.jar=PATH}), the native library from {@code java.library.path}
 * ({@code libturbojpeg0}). When either is missing, or with {@code --decoder java}, every image
 * takes the pure-Java path, with the same output sizes.
 */
final class TurboJpeg {
  static final String DEFAULT_JAR = "/usr/share/java/turbojpeg.jar";
  private static final String PKG = "org.libjpegturbo.turbojpeg.";
  private static final int ERR_WARNING = 0;
  private static final int CS_CMYK = 3;
  private static final int CS_YCCK = 4;

  static final Loaded LOADED = Api.load(TurboJpeg.class.getClassLoader(),
      System.getProperty("thumbnailer.turbojpeg.jar", DEFAULT_JAR));
  private static final Api API = LOADED.api();
  private static final ThreadLocal<Object> DECOMPRESSORS = new ThreadLocal<>();

  private TurboJpeg() {}

  static boolean available() {
    return API != null;
  }

  /** Why the fast path is off, or "available". */
  static String status() {
    return API != null ? "available" : LOADED.whyNot();
  }

  static boolean isJpeg(byte[] b) {
    return b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8
        && (b[2] & 0xFF) == 0xFF;
  }

  /**
   * Decodes at the smallest DCT scale that leaves at least twice the pixels the largest output
   * needs; null when TurboJPEG cannot handle this file (CMYK, damaged header, fatal error), so
   * that the ImageIO path decodes it or classifies the failure. {@code skipScans}: a progressive
   * JPEG decoded at 1/8 may skip the scans that scale does not need (issue 15).
   */
  static Decoded decode(byte[] bytes, List<Size> boxes, Mode mode, long maxPixels,
      boolean skipScans) throws ImageFailure {
    try {
      Object d = decompressor();
      API.setSourceImage.invoke(d, bytes, bytes.length);
      int w = (int) API.getWidth.invoke(d);
      int h = (int) API.getHeight.invoke(d);
      ImageDecoder.checkDimensions("jpeg", w, h, maxPixels);
      int cs = (int) API.getColorspace.invoke(d);
      if (cs == CS_CMYK || cs == CS_YCCK || JpegSegments.hasNonSrgbProfile(bytes)) {
        return null; // TurboJPEG converts neither these nor ICC profiles; TwelveMonkeys does
      }
      int orientation = ExifOrientation.read(bytes);
      int[] need = ImageDecoder.need(w, h, orientation, boxes, mode);
      int[] scaled = API.scaledSize(w, h, 2 * need[0], 2 * need[1]);
      BufferedImage img = new BufferedImage(scaled[0], scaled[1], BufferedImage.TYPE_INT_RGB);
      List<String> warnings = new ArrayList<>(1);
      try {
        if (!skipScans || !decodedFromDcScans(d, bytes, w, h, img)) { // issue 15
          API.decompress.invoke(decompressor(), img, 0);
        }
      } catch (Exception e) {
        if (!API.isWarning(e)) {
          discardDecompressor();
          return null;
        }
        // libjpeg finished the image (grey where data was missing) and complained.
        warnings.add(ImageDecoder.classify(String.valueOf(e.getMessage())));
      }
      return Decoded.of(img, w, h, orientation, "jpeg", warnings);
    } catch (ImageFailure f) {
      throw f;
    } catch (Throwable e) { // a TJException on a damaged header: let ImageIO classify it
      if (e instanceof Error && !(e instanceof LinkageError)) {
        throw (Error) e;
      }
      discardDecompressor();
      return null;
    }
  }

  /**
   * A small JPEG (an embedded thumbnail) expected to be {@code w x h}, decoded in stored
   * orientation at the smallest DCT scale with at least {@code minW x minH}; null when it is not
   * that size, CMYK, or TurboJPEG fails or warns (a damaged thumbnail is not used).
   */
  static BufferedImage decodeWhole(byte[] jpeg, int w, int h, int minW, int minH) {
    try {
      Object d = decompressor();
      API.setSourceImage.invoke(d, jpeg, jpeg.length);
      int cs = (int) API.getColorspace.invoke(d);
      if ((int) API.getWidth.invoke(d) != w || (int) API.getHeight.invoke(d) != h
          || cs == CS_CMYK || cs == CS_YCCK) {
        return null;
      }
      int[] scaled = API.scaledSize(w, h, minW, minH);
      BufferedImage img = new BufferedImage(scaled[0], scaled[1], BufferedImage.TYPE_INT_RGB);
      API.decompress.invoke(d, img, 0);
      return img;
    } catch (Throwable e) { // a warning too: the photo itself is decoded instead
      if (e instanceof Error && !(e instanceof LinkageError)) {
        throw (Error) e;
      }
      discardDecompressor();
      return null;
    }
  }

  /**
   * Issue 15: at 1/8, a progressive JPEG decodes from a stream without the AC scans it does not
   * need ({@link ProgressiveDc}). False when that does not apply or the decoder had anything to
   * say about that stream; then the source is the file again, for today's decode and warnings.
   */
  private static boolean decodedFromDcScans(Object d, byte[] bytes, int w, int h,
      BufferedImage img) throws Throwable {
    byte[] dc = ProgressiveDc.isEighthScale(w, h, img.getWidth(), img.getHeight())
        ? ProgressiveDc.rewrite(bytes) : null;
    if (dc == null) {
      return false;
    }
    try {
      API.setSourceImage.invoke(d, dc, dc.length);
      API.decompress.invoke(d, img, 0);
      return true;
    } catch (Exception e) {
      discardDecompressor();
      API.setSourceImage.invoke(decompressor(), bytes, bytes.length);
      return false;
    }
  }

  /**
   * Closes this thread's decompressor after a failure; the next call gets a new one. Reusing a
   * handle after a fatal error is not safe: after ExifThumbnailTest's damaged thumbnails had failed
   * on it, the same thread's handle read ProgressiveDcTest's good JPEGs as "Unsupported marker
   * type 0x02" (both classes in one JVM; each alone passed).
   */
  static void discardDecompressor() {
    Object d = DECOMPRESSORS.get();
    DECOMPRESSORS.remove();
    if (d instanceof java.io.Closeable c) {
      try {
        c.close();
      } catch (java.io.IOException e) {
        // the native handle is gone either way
      }
    }
  }

  /** This thread's decompressor: one per thread, reused (TurboJPEG handles are not shared). */
  static Object decompressor() throws Throwable {
    Object d = DECOMPRESSORS.get();
    if (d == null) {
      d = API.newDecompressor.invoke();
      DECOMPRESSORS.set(d);
    }
    return d;
  }

  /** The API, or null and why not. */
  record Loaded(Api api, String whyNot) {}

  /** Method handles into the TurboJPEG classes, found once per JVM. */
  static final class Api {
    final MethodHandle newDecompressor;
    final MethodHandle setSourceImage;
    final MethodHandle getWidth;
    final MethodHandle getHeight;
    final MethodHandle getColorspace;
    final MethodHandle decompress;
    final MethodHandle errorCode;
    final Class<?> exceptionClass;
    /** Scaling factors as {num, denom}, largest reduction first. */
    final List<int[]> factors = new ArrayList<>();

    private Api(Class<?> tj, Class<?> dec, Class<?> factor, Class<?> exc) throws Throwable {
      MethodHandles.Lookup l = MethodHandles.publicLookup();
      newDecompressor = l.findConstructor(dec, MethodType.methodType(void.class));
      setSourceImage = l.findVirtual(dec, "setSourceImage",
          MethodType.methodType(void.class, byte[].class, int.class));
      getWidth = l.findVirtual(dec, "getWidth", MethodType.methodType(int.class));
      getHeight = l.findVirtual(dec, "getHeight", MethodType.methodType(int.class));
      getColorspace = l.findVirtual(dec, "getColorspace", MethodType.methodType(int.class));
      decompress = l.findVirtual(dec, "decompress",
          MethodType.methodType(void.class, BufferedImage.class, int.class));
      errorCode = l.findVirtual(exc, "getErrorCode", MethodType.methodType(int.class));
      exceptionClass = exc;
      Object[] all = (Object[]) l.findStatic(tj, "getScalingFactors",
          MethodType.methodType(java.lang.reflect.Array.newInstance(factor, 0).getClass()))
          .invoke(); // loads the native library: fails here when it is missing
      MethodHandle num = l.findVirtual(factor, "getNum", MethodType.methodType(int.class));
      MethodHandle den = l.findVirtual(factor, "getDenom", MethodType.methodType(int.class));
      for (Object f : all) {
        int n = (int) num.invoke(f);
        int dd = (int) den.invoke(f);
        if (n <= dd) {
          factors.add(new int[] {n, dd});
        }
      }
      factors.sort((a, b) -> Double.compare((double) a[0] / a[1], (double) b[0] / b[1]));
    }

    /** The smallest scaled size with both sides at least {@code minW x minH}. */
    int[] scaledSize(int w, int h, int minW, int minH) {
      for (int[] f : factors) {
        int sw = (w * f[0] + f[1] - 1) / f[1]; // TJSCALED: ceil(dim * num / denom)
        int sh = (h * f[0] + f[1] - 1) / f[1];
        if (sw >= Math.min(w, minW) && sh >= Math.min(h, minH)) {
          return new int[] {sw, sh};
        }
      }
      return new int[] {w, h};
    }

    boolean isWarning(Throwable e) throws Throwable {
      return exceptionClass.isInstance(e) && (int) errorCode.invoke(e) == ERR_WARNING;
    }

    /**
     * The classes from {@code cl}, else from the jar at {@code jarPath}; the native library is
     * loaded by TurboJPEG's own loader when the classes initialise.
     */
    static Loaded load(ClassLoader cl, String jarPath) {
      try {
        try {
          Class.forName(PKG + "TJ", false, cl);
        } catch (ClassNotFoundException notOnClassPath) {
          File jar = new File(jarPath);
          if (!jar.isFile()) {
            return new Loaded(null,
                "TurboJPEG classes not found (install libturbojpeg-java: " + jar + ")");
          }
          cl = new URLClassLoader(new URL[] {jar.toURI().toURL()}, cl);
        }
        return new Loaded(new Api(Class.forName(PKG + "TJ", true, cl),
            Class.forName(PKG + "TJDecompressor", true, cl),
            Class.forName(PKG + "TJScalingFactor", true, cl),
            Class.forName(PKG + "TJException", true, cl)), null);
      } catch (Throwable e) { // UnsatisfiedLinkError: classes without the native library
        return new Loaded(null, "TurboJPEG unusable: " + e);
      }
    }
  }
}
