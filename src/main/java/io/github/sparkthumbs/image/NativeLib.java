package io.github.sparkthumbs.image;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds an optional native library at run time through JNA: libwebp for WebP output,
 * libheif for HEIC/HEIF and AVIF input. Like {@link TurboJpegLibrary}, nothing is needed at build
 * time and a machine without the library still runs every other format; the reason it is off names
 * the Debian package to install.
 *
 * <p>The unversioned name ({@code libwebp.so}) comes only with the {@code -dev} package, so the
 * runtime package's versioned file ({@code libwebp.so.7}) is tried as well. A system property
 * {@code thumbnailer.WHAT} ({@code -Dthumbnailer.libwebp=/opt/lib/libwebp.so}) names the one file
 * to load instead: for a library installed elsewhere, and for the tests of a machine without it.
 */
final class NativeLib {
  private NativeLib() {}

  /** The bound library, or null and why not. */
  record Loaded<T>(T api, String whyNot) {
    boolean available() {
      return api != null;
    }
  }

  /**
   * Binds {@code iface} to the first of {@code names} that loads.
   *
   * @param what the library as a user knows it ({@code libwebp})
   * @param debianPackage what to install when none loads
   */
  static <T extends Library> Loaded<T> load(
      Class<T> iface, String what, String debianPackage, String... names) {
    String given = System.getProperty("thumbnailer." + what);
    if (given != null) {
      names = new String[] {given};
    }
    List<String> tried = new ArrayList<>(names.length);
    for (String name : names) {
      try {
        return new Loaded<>(Native.load(name, iface), null);
      } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
        // NoClassDefFoundError: JNA's own native stub is missing for this platform
        tried.add(name + " (" + firstLine(e.getMessage()) + ")");
      }
    }
    return new Loaded<>(null, what + " not found (install the Debian package " + debianPackage
        + "); tried " + String.join(", ", tried));
  }

  static String firstLine(String s) {
    if (s == null) {
      return "not loadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
