package io.github.sparkthumbs.image;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Locale;

/**
 * WebP output ({@code --format webp}) through libwebp's simple encoding API, the
 * reference encoder that cwebp, libvips and the browsers' own tools use. Maven Central has no
 * maintained pure-Java WebP writer, so the library is found at run time ({@link NativeLib}):
 * Debian {@code libwebp7}. Without it the run refuses {@code --format webp} up front
 * ({@code cli.Main}): every input would fail the same way, which is the machine's fault, not the
 * inputs'. An executor that lacks it while the driver has it fails each input {@code unsupported}.
 *
 * <p>Lossy at {@code --quality} (libwebp's 0-100 scale, the one cwebp's {@code -q} takes); with
 * an alpha channel the alpha plane is kept, compressed losslessly (libwebp's default
 * {@code alpha_quality} 100).
 */
public final class WebP {
  /** Largest side a WebP bitstream can hold (14-bit dimensions). */
  public static final int MAX_SIDE = 16383;

  interface Api extends Library {
    int WebPGetEncoderVersion();

    // size_t is a NativeLong on the LP64 platforms (Linux, macOS) the libraries come from.
    NativeLong WebPEncodeRGB(byte[] rgb, int width, int height, int stride, float quality,
        PointerByReference output);

    NativeLong WebPEncodeRGBA(byte[] rgba, int width, int height, int stride, float quality,
        PointerByReference output);

    void WebPFree(Pointer ptr);
  }

  static final NativeLib.Loaded<Api> LOADED =
      NativeLib.load(Api.class, "libwebp", "libwebp7", "webp", "libwebp.so.7");

  private WebP() {}

  public static boolean available() {
    return LOADED.available();
  }

  /** "libwebp 1.2.4", or why WebP output is off. */
  public static String status() {
    return status(LOADED);
  }

  /** {@link #status()} of {@code lib}: a seam for tests of a library that is absent or fake. */
  static String status(NativeLib.Loaded<Api> lib) {
    if (!lib.available()) {
      return lib.whyNot();
    }
    int v = lib.api().WebPGetEncoderVersion();
    return String.format(Locale.ROOT, "libwebp %d.%d.%d", v >> 16, (v >> 8) & 0xFF, v & 0xFF);
  }

  /**
   * Encodes a {@code TYPE_INT_RGB} or {@code TYPE_INT_ARGB} image.
   *
   * @throws IOException when libwebp is missing or refuses the image
   */
  public static byte[] encode(BufferedImage img, int quality) throws IOException {
    return encode(LOADED, img, quality);
  }

  /** {@link #encode(BufferedImage, int)} through {@code lib}: the seam for tests, likewise. */
  static byte[] encode(NativeLib.Loaded<Api> lib, BufferedImage img, int quality)
      throws IOException {
    if (!lib.available()) {
      throw new IOException(lib.whyNot());
    }
    int w = img.getWidth();
    int h = img.getHeight();
    if (w > MAX_SIDE || h > MAX_SIDE) {
      throw new IOException("WebP holds at most " + MAX_SIDE + " px per side, not " + w + "x" + h);
    }
    boolean alpha = img.getColorModel().hasAlpha();
    int channels = alpha ? 4 : 3;
    int[] argb = img.getRGB(0, 0, w, h, null, 0, w); // non-premultiplied sRGB, as libwebp wants
    byte[] px = new byte[argb.length * channels];
    for (int i = 0, o = 0; i < argb.length; i++) {
      int p = argb[i];
      px[o++] = (byte) (p >> 16);
      px[o++] = (byte) (p >> 8);
      px[o++] = (byte) p;
      if (alpha) {
        px[o++] = (byte) (p >>> 24);
      }
    }
    Api api = lib.api();
    PointerByReference out = new PointerByReference();
    long n = (alpha
        ? api.WebPEncodeRGBA(px, w, h, w * 4, quality, out)
        : api.WebPEncodeRGB(px, w, h, w * 3, quality, out)).longValue();
    Pointer p = out.getValue();
    try {
      if (n <= 0 || p == null) {
        throw new IOException("libwebp could not encode a " + w + "x" + h + " image");
      }
      return p.getByteArray(0, (int) n);
    } finally {
      if (p != null) {
        api.WebPFree(p);
      }
    }
  }
}
