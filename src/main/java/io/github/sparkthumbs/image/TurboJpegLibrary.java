package io.github.sparkthumbs.image;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * The native fast path: libjpeg-turbo decodes a JPEG straight to 1/2, 1/4 or 1/8 of its size in
 * the DCT domain (what Pillow's {@code draft()} does), where the JDK decoder must decode every
 * block and then drop pixels. Measured here (tools/DecodeBench, 3.9 MP photos): 14 vs 29-32 CPU
 * ms per thumbnail, and no aliasing from point sampling.
 *
 * <p>Our own JNA binding to the TurboJPEG C API (the 2.x functions, which 3.x keeps), so that
 * no Java package is needed, and the library itself travels in the application jar
 * ({@link BundledLibrary}): an executor needs nothing installed. Where it comes from, first
 * that loads: {@code -Dthumbnailer.turbojpeg.lib=PATH} (only that file); the copy in the jar
 * ({@value #RESOURCE}, extracted once per JVM, deleted once loaded); the system's
 * {@code libturbojpeg.so.0} (Debian {@code libturbojpeg0}). When none loads, or with
 * {@code --decoder java}, every image takes the pure-Java path, with the same output sizes.
 */
final class TurboJpegLibrary {
  static final String RESOURCE = "/native/linux-x86-64/libturbojpeg.so.0";
  static final String SYSTEM_NAME = "libturbojpeg.so.0";
  /** TJPF_BGRX: on a little-endian machine each pixel reads as one int 0xXXRRGGBB. */
  static final int PF_BGRX = 3;

  /** The functions we call; {@code unsigned long} is a NativeLong on LP64 Linux. */
  interface Api extends Library {
    Pointer tjInitDecompress();

    int tjDecompressHeader3(Pointer handle, Pointer jpegBuf, NativeLong jpegSize, int[] width,
        int[] height, int[] jpegSubsamp, int[] jpegColorspace);

    int tjDecompress2(Pointer handle, Pointer jpegBuf, NativeLong jpegSize, Pointer dstBuf,
        int width, int pitch, int height, int pixelFormat, int flags);

    /** An array of {num, denom} int pairs, owned by the library. */
    Pointer tjGetScalingFactors(int[] numScalingFactors);

    String tjGetErrorStr2(Pointer handle);

    int tjGetErrorCode(Pointer handle);

    int tjDestroy(Pointer handle);

    Pointer tjInitCompress();

    int tjCompress2(Pointer handle, Pointer srcBuf, int width, int pitch, int height,
        int pixelFormat, PointerByReference jpegBuf, NativeLongByReference jpegSize,
        int jpegSubsamp, int jpegQual, int flags);

    void tjFree(Pointer buffer);
  }

  static final Loaded LOADED = load(System.getProperty("thumbnailer.turbojpeg.lib"),
      TurboJpegLibrary.class.getResource(RESOURCE) != null, SYSTEM_NAME);
  /** The bound library, or null when none loaded. */
  static final Api API = LOADED.api();
  static final List<int[]> FACTORS = API == null ? List.of() : factors(API);

  private TurboJpegLibrary() {}

  static boolean available() {
    return API != null;
  }

  /** Why the fast path is off, or "available". */
  static String status() {
    return API != null ? "available" : LOADED.whyNot();
  }

  /** The scaling factors the library offers as {num, denom}, reductions only, smallest first. */
  static List<int[]> factors(Api api) {
    int[] n = new int[1];
    Pointer p = api.tjGetScalingFactors(n);
    List<int[]> factors = new ArrayList<>();
    for (int i = 0; p != null && i < n[0]; i++) {
      int num = p.getInt(8L * i);
      int denom = p.getInt(8L * i + 4);
      if (num <= denom) {
        factors.add(new int[] {num, denom});
      }
    }
    factors.sort((a, b) -> Double.compare((double) a[0] / a[1], (double) b[0] / b[1]));
    return factors;
  }

  /** The smallest scaled size with both sides at least {@code minW x minH}. */
  static int[] scaledSize(List<int[]> factors, int w, int h, int minW, int minH) {
    for (int[] f : factors) {
      int sw = (w * f[0] + f[1] - 1) / f[1]; // TJSCALED: ceil(dim * num / denom)
      int sh = (h * f[0] + f[1] - 1) / f[1];
      if (sw >= Math.min(w, minW) && sh >= Math.min(h, minH)) {
        return new int[] {sw, sh};
      }
    }
    return new int[] {w, h};
  }

  /** The bound library and the file it was loaded from, or null and why not. */
  record Loaded(Api api, File file, String whyNot) {}

  /**
   * Binds the first library that loads: {@code given} alone when set; else the copy in the jar
   * (when {@code bundled}), then {@code system} from the dynamic linker's path.
   */
  static Loaded load(String given, boolean bundled, String system) {
    List<String> tried = new ArrayList<>(2);
    if (given != null) {
      return bind(given, tried, "not loaded from -Dthumbnailer.turbojpeg.lib=" + given + ": ");
    }
    if (bundled) {
      try {
        File f = BundledLibrary.extract(RESOURCE);
        Loaded l;
        try {
          l = bind(f.getPath(), tried, null);
        } finally {
          f.delete(); // once loaded the mapping stays; see BundledLibrary
        }
        if (l.api() != null) {
          return l;
        }
      } catch (java.io.IOException | RuntimeException e) { // a full or read-only temp dir
        tried.add("the copy in the jar (" + e + ")");
      }
    } else {
      tried.add("the copy in the jar (this jar was built without one)");
    }
    return bind(system, tried, null);
  }

  private static Loaded bind(String name, List<String> tried, String prefix) {
    try {
      NativeLibrary lib = NativeLibrary.getInstance(name);
      Api api = Native.load(name, Api.class);
      factors(api); // a library without the TurboJPEG API fails here, not at the first image
      return new Loaded(api, lib.getFile(), null);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      // NoClassDefFoundError: JNA's own native stub is missing for this platform
      tried.add(name + " (" + NativeLib.firstLine(e.getMessage()) + ")");
      String why = prefix != null ? prefix + tried.get(tried.size() - 1)
          : "libturbojpeg not found (install the Debian package libturbojpeg0); tried "
              + String.join(", ", tried);
      return new Loaded(null, null, why);
    }
  }
}
