package io.github.sparkthumbs.image;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.github.sparkthumbs.result.ImageFailure;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
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
final class TurboJpeg {
  static final String RESOURCE = "/native/linux-x86-64/libturbojpeg.so.0";
  static final String SYSTEM_NAME = "libturbojpeg.so.0";
  private static final int ERR_WARNING = 0;
  private static final int CS_CMYK = 3;
  private static final int CS_YCCK = 4;
  /** TJPF_BGRX: on a little-endian machine each pixel reads as one int 0xXXRRGGBB. */
  private static final int PF_BGRX = 3;
  /** TJSAMP_420: chroma halved both ways, as the JDK's writer and Pillow's save do. */
  private static final int SAMP_420 = 2;
  /** Buffers a {@link Codecs} keeps between images; a larger image gets its own, freed after it. */
  private static final long KEEP_BYTES = 16L << 20;
  /**
   * The largest pixel array a {@link Codecs} keeps for its next decode (a web-size photo decoded
   * whole, 1/8 of a 30 MP one), for as long as the task runs.
   */
  private static final int KEEP_SPARE_PIXELS = 1 << 19;
  /** {@code TYPE_INT_RGB}'s own model: an image over a recycled array has that type too. */
  private static final DirectColorModel RGB = new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);

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
      TurboJpeg.class.getResource(RESOURCE) != null, SYSTEM_NAME);
  private static final Api API = LOADED.api();
  private static final List<int[]> FACTORS = API == null ? List.of() : factors(API);
  /**
   * The handles and buffers the thread works with now: those of the {@link Thumbnailer} it runs
   * ({@link #use}), else the thread's own (callers that decode without one: tests, benchmarks).
   */
  private static final ThreadLocal<Codecs> CURRENT = ThreadLocal.withInitial(Codecs::new);

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
   * that the ImageIO path decodes it or classifies the failure. Unless the request wants
   * {@linkplain DecodeRequest#everyWarning every warning}, a progressive JPEG decoded at 1/8 skips
   * the scans that scale does not need.
   */
  static Decoded decode(byte[] bytes, DecodeRequest request) throws ImageFailure {
    try {
      return decodeNative(bytes, request);
    } catch (RuntimeException e) { // a damaged segment our own parsers trip on: ImageIO names it
      return null;
    }
  }

  private static Decoded decodeNative(byte[] bytes, DecodeRequest request) throws ImageFailure {
    Decompressor d = decompressor();
    if (d == null || !d.renew()) {
      return null;
    }
    Memory dst = null;
    try {
      Memory src = d.source(bytes);
      int[] w = new int[1];
      int[] h = new int[1];
      int[] subsamp = new int[1];
      int[] cs = new int[1];
      if (API.tjDecompressHeader3(d.handle, src, new NativeLong(bytes.length), w, h, subsamp, cs)
          != 0) {
        discardDecompressor();
        return null; // a damaged header: let ImageIO classify it
      }
      ImageDecoder.checkDimensions("jpeg", w[0], h[0], request.maxPixels());
      if (cs[0] == CS_CMYK || cs[0] == CS_YCCK || JpegSegments.hasNonSrgbProfile(bytes)) {
        return null; // TurboJPEG converts neither these nor ICC profiles; TwelveMonkeys does
      }
      int orientation = ExifOrientation.read(bytes);
      int[] need = ImageDecoder.need(w[0], h[0], orientation, request.boxes(),
          request.mode());
      int[] scaled = scaledSize(FACTORS, w[0], h[0], 2 * need[0], 2 * need[1]);
      dst = d.pixels((long) scaled[0] * scaled[1] * 4);
      BufferedImage img = null;
      if (!request.everyWarning()
          && ProgressiveDc.isEighthScale(w[0], h[0], scaled[0], scaled[1])) {
        byte[] dc = ProgressiveDc.rewrite(bytes); // only the scans 1/8 needs
        if (dc != null) {
          img = decompress(d, d.source(dc), dc.length, dst, scaled[0], scaled[1]);
          if (img == null) { // the library had something to say: decode the whole file
            d.release(dst); // d is closed: only a one-off pixel buffer is left to free
            dst = null;
            d = decompressor();
            if (d == null) {
              return null;
            }
            d.source(bytes);
            dst = d.pixels((long) scaled[0] * scaled[1] * 4);
          }
        }
      }
      List<String> warnings = new ArrayList<>(1);
      if (img == null) {
        if (API.tjDecompress2(d.handle, d.source, new NativeLong(bytes.length), dst, scaled[0],
            scaled[0] * 4, scaled[1], PF_BGRX, 0) != 0) {
          if (API.tjGetErrorCode(d.handle) != ERR_WARNING) {
            discardDecompressor();
            return null;
          }
          // libjpeg finished the image (grey where data was missing) and complained.
          warnings.add(ImageDecoder.classify(String.valueOf(API.tjGetErrorStr2(d.handle))));
        }
        img = pixels(d, dst, scaled[0], scaled[1]);
      }
      return Decoded.of(img, w[0], h[0], orientation, "jpeg", warnings);
    } finally {
      if (d != null) {
        d.release(dst);
      }
    }
  }

  /**
   * A small JPEG (an embedded thumbnail) expected to be {@code w x h}, decoded in stored
   * orientation at the smallest DCT scale with at least {@code minW x minH}; null when it is not
   * that size, CMYK, or TurboJPEG fails or warns (a damaged thumbnail is not used).
   */
  static BufferedImage decodeWhole(byte[] jpeg, int w, int h, int minW, int minH) {
    Decompressor d = API == null ? null : decompressor();
    if (d == null || !d.renew()) {
      return null;
    }
    Memory dst = null;
    try {
      int[] hw = new int[1];
      int[] hh = new int[1];
      int[] cs = new int[1];
      if (API.tjDecompressHeader3(d.handle, d.source(jpeg), new NativeLong(jpeg.length), hw, hh,
          new int[1], cs) != 0) {
        discardDecompressor();
        return null;
      }
      if (hw[0] != w || hh[0] != h || cs[0] == CS_CMYK || cs[0] == CS_YCCK) {
        return null;
      }
      int[] scaled = scaledSize(FACTORS, w, h, minW, minH);
      dst = d.pixels((long) scaled[0] * scaled[1] * 4);
      return decompress(d, d.source, jpeg.length, dst, scaled[0], scaled[1]);
    } finally {
      d.release(dst);
    }
  }

  /**
   * The {@code length} bytes in {@code src} decoded to {@code sw x sh}; null, and a new handle
   * for the thread's codecs, when the library reported anything, a warning included.
   */
  static BufferedImage decompress(Decompressor d, Memory src, int length, Memory dst, int sw,
      int sh) {
    if (API.tjDecompress2(d.handle, src, new NativeLong(length), dst, sw, sw * 4, sh, PF_BGRX, 0)
        != 0) {
      discardDecompressor();
      return null;
    }
    return pixels(d, dst, sw, sh);
  }

  /**
   * The decoded pixels as a {@code TYPE_INT_RGB} image, in the array {@link #recycle} gave back
   * when it is large enough: a new array is zeroed by the JVM only to be overwritten here (on
   * web-size photos that zeroing was a visible share of a run's CPU, and the arrays filled the
   * young generation: docs/speed-vs-pil.md, "What each step bought"). Every pixel of the image
   * is written, so nothing of the previous image shows.
   */
  private static BufferedImage pixels(Decompressor d, Memory dst, int sw, int sh) {
    int n = sw * sh;
    int[] px = d.takeSpare(n);
    dst.read(0, px, 0, n);
    return new BufferedImage(RGB, Raster.createPackedRaster(new DataBufferInt(px, n), sw, sh, sw,
        RGB.getMasks(), null), false, null);
  }

  /**
   * Gives the pixels of {@code img} to the next decode of the thread's current codecs. Only for a
   * caller that will read neither {@code img} nor anything sharing its pixels again (the
   * {@link Thumbnailer}, once it has encoded); callers that keep decoded images never call it,
   * and get new arrays.
   */
  static void recycle(BufferedImage img) {
    Decompressor d = CURRENT.get().decompressor;
    if (d != null && img.getType() == BufferedImage.TYPE_INT_RGB
        && img.getRaster().getDataBuffer() instanceof DataBufferInt buffer
        && buffer.getNumBanks() == 1) {
      d.giveSpare(buffer.getData());
    }
  }

  /**
   * Destroys the thread's current handle after a failure; the next call gets a new one. Reusing a
   * handle after a fatal error is not safe: with the Java binding, after ExifThumbnailTest's
   * damaged thumbnails had failed on it, the same thread's handle read ProgressiveDcTest's good
   * JPEGs as "Unsupported marker type 0x02" (both classes in one JVM; each alone passed).
   */
  static void discardDecompressor() {
    Codecs c = CURRENT.get();
    Decompressor d = c.decompressor;
    c.decompressor = null;
    if (d != null) {
      d.close();
    }
  }

  /**
   * An opaque image as a baseline 4:2:0 JPEG at {@code quality}, by libjpeg-turbo's SIMD encoder;
   * null when the library fails (the caller then uses ImageIO's). The JDK's writer (libjpeg 6b
   * without SIMD, behind ImageIO's Java layers) was the costliest step after the decode on 256 px
   * thumbnails of web-size photos (profiled in docs/speed-vs-pil.md, "What each step bought").
   */
  static byte[] encode(BufferedImage img, int quality) {
    if (API == null || img.getType() != BufferedImage.TYPE_INT_RGB
        || !(img.getRaster().getDataBuffer() instanceof DataBufferInt buffer)
        || img.getRaster().getParent() != null) {
      return null;
    }
    Codecs codecs = CURRENT.get();
    Compressor c = codecs.compressor;
    if (c == null) {
      Pointer handle = API.tjInitCompress();
      if (handle == null) {
        return null;
      }
      c = new Compressor(handle);
      codecs.compressor = c;
    }
    int w = img.getWidth();
    int h = img.getHeight();
    int[] px = buffer.getData();
    Memory src = c.pixels(4L * w * h);
    src.write(0, px, buffer.getOffset(), w * h);
    PointerByReference out = new PointerByReference();
    NativeLongByReference size = new NativeLongByReference();
    try {
      if (API.tjCompress2(c.handle, src, w, w * 4, h, PF_BGRX, out, size, SAMP_420, quality, 0)
          != 0) {
        codecs.compressor = null;
        c.close();
        return null;
      }
      return out.getValue().getByteArray(0, size.getValue().intValue());
    } finally {
      if (out.getValue() != null) {
        API.tjFree(out.getValue());
      }
    }
  }

  /**
   * What one image at a time needs of the library: a decompressor and a compressor, each with its
   * native buffers, made on first use. A {@link Thumbnailer} owns one; a task's images take turns
   * with one Thumbnailer (the job's CPU slot), so a task holds one set of these, not one per
   * fetching thread (16 x 32 MB of buffers at most, before).
   */
  static final class Codecs implements Runnable {
    Decompressor decompressor;
    Compressor compressor;

    /** Frees both, once no thread uses them (as a Cleaner's action too). */
    @Override
    public void run() {
      if (decompressor != null) {
        decompressor.close();
        decompressor = null;
      }
      if (compressor != null) {
        compressor.close();
        compressor = null;
      }
    }
  }

  /**
   * Makes {@code c} the calling thread's codecs until the next call, which gets back the ones it
   * replaced (a {@link Thumbnailer} lends its own for the length of one image).
   */
  static Codecs use(Codecs c) {
    Codecs before = CURRENT.get();
    CURRENT.set(c);
    return before;
  }

  /** A compression handle and its pixel buffer. */
  private static final class Compressor {
    final Pointer handle;
    private Memory pixels;

    Compressor(Pointer handle) {
      this.handle = handle;
    }

    void close() {
      API.tjDestroy(handle);
      if (pixels != null) {
        pixels.close();
      }
    }

    Memory pixels(long size) {
      if (pixels == null || pixels.size() < size) {
        if (pixels != null) {
          pixels.close();
        }
        pixels = new Memory(Math.max(size, 1 << 16));
      }
      return pixels;
    }
  }

  /** The thread's current decompressor (see {@link #CURRENT}), reused from image to image. */
  static Decompressor decompressor() {
    Codecs c = CURRENT.get();
    if (c.decompressor == null) {
      Pointer handle = API.tjInitDecompress();
      if (handle == null) {
        return null; // out of memory in the library; ImageIO may still manage
      }
      c.decompressor = new Decompressor(handle);
    }
    return c.decompressor;
  }

  /**
   * A TurboJPEG handle and the native buffers for the source bytes and the pixels, grown as
   * needed and kept up to {@link #KEEP_BYTES} each, for as long as its {@link Codecs}.
   */
  static final class Decompressor {
    Pointer handle;
    Memory source;
    private Memory pixels;
    /** A pixel array no image uses any more ({@link #recycle}), for the next decode. */
    private int[] spare;

    Decompressor(Pointer handle) {
      this.handle = handle;
    }

    /**
     * A new library handle for the next image, the buffers kept. libjpeg keeps an image's
     * Huffman and quantization tables in its handle for later "abbreviated" images, so a damaged
     * file without tables could decode differently depending on what the thread had decoded
     * before it. A handle costs an allocation; a decode is milliseconds.
     */
    boolean renew() {
      Pointer fresh = API.tjInitDecompress();
      if (fresh == null) {
        return false;
      }
      API.tjDestroy(handle);
      handle = fresh;
      return true;
    }

    /** The source buffer, holding {@code bytes}. */
    Memory source(byte[] bytes) {
      if (source == null || source.size() < bytes.length) {
        if (source != null) {
          source.close();
        }
        source = new Memory(Math.max(bytes.length, 1 << 16));
      }
      source.write(0, bytes, 0, bytes.length);
      return source;
    }

    /** The handle and the buffers, once this decompressor is no longer used. */
    void close() {
      API.tjDestroy(handle);
      if (source != null) {
        source.close();
      }
      if (pixels != null) {
        pixels.close();
      }
    }

    /**
     * A pixel buffer of at least {@code size} bytes, zeroed: rows the library does not write
     * must read as black, as in a new image, never as the previous image's pixels.
     */
    Memory pixels(long size) {
      if (size > KEEP_BYTES) {
        return new Memory(size);
      }
      if (pixels == null || pixels.size() < size) {
        if (pixels != null) {
          pixels.close();
        }
        pixels = new Memory(Math.max(size, 1 << 18));
      }
      pixels.setMemory(0, size, (byte) 0);
      return pixels;
    }

    /** The spare array when it holds {@code n} pixels (then no longer spare), else a new one. */
    int[] takeSpare(int n) {
      int[] px = spare;
      if (px == null || px.length < n) {
        return new int[n];
      }
      spare = null;
      return px;
    }

    /** Keeps the larger of {@code px} and the current spare, up to {@link #KEEP_SPARE_PIXELS}. */
    void giveSpare(int[] px) {
      if (px.length <= KEEP_SPARE_PIXELS && (spare == null || px.length > spare.length)) {
        spare = px;
      }
    }

    /**
     * After each image, decoded or not: frees a one-off pixel buffer and an outsized source
     * buffer now rather than at some later garbage collection.
     */
    void release(Memory m) {
      if (m != null && m != pixels) {
        m.close();
      }
      if (source != null && source.size() > KEEP_BYTES) {
        source.close();
        source = null;
      }
    }
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
      tried.add(name + " (" + firstLine(e.getMessage()) + ")");
      String why = prefix != null ? prefix + tried.get(tried.size() - 1)
          : "libturbojpeg not found (install the Debian package libturbojpeg0); tried "
              + String.join(", ", tried);
      return new Loaded(null, null, why);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "not loadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
