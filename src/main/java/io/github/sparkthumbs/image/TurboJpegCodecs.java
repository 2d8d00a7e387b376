package io.github.sparkthumbs.image;

import static io.github.sparkthumbs.image.TurboJpegLibrary.API;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * What one image at a time needs of the library: a decompressor and a compressor, each with its
 * native buffers, made on first use. A {@link Thumbnailer} owns one; a task's images take turns
 * with one Thumbnailer (the job's CPU slot), so a task holds one set of these, not one per
 * fetching thread (which would be up to 16 x 32 MB of buffers).
 *
 * <p>The decoder and encoder find the set to use in {@link #CURRENT}, the one thread-local of
 * the native path: the Thumbnailer lends its own set for the length of one image ({@link #use}),
 * so that the decode entry points ({@link ImageDecoder}, {@link ExifThumbnail}) need no extra
 * parameter; callers without a Thumbnailer (tests, benchmarks) get the thread's own set.
 */
final class TurboJpegCodecs implements Runnable {
  /** Buffers a set keeps between images; a larger image gets its own, freed after it. */
  private static final long KEEP_BYTES = 16L << 20;
  /**
   * The largest pixel array a set keeps for its next decode (a web-size photo decoded whole,
   * 1/8 of a 30 MP one), for as long as the task runs.
   */
  private static final int KEEP_SPARE_PIXELS = 1 << 19;
  /**
   * The handles and buffers the thread works with now: those of the {@link Thumbnailer} it runs
   * ({@link #use}), else the thread's own (callers that decode without one: tests, benchmarks).
   */
  private static final ThreadLocal<TurboJpegCodecs> CURRENT =
      ThreadLocal.withInitial(TurboJpegCodecs::new);

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

  /**
   * Makes {@code c} the calling thread's codecs until the next call, which gets back the ones it
   * replaced (a {@link Thumbnailer} lends its own for the length of one image).
   */
  static TurboJpegCodecs use(TurboJpegCodecs c) {
    TurboJpegCodecs before = CURRENT.get();
    CURRENT.set(c);
    return before;
  }

  /** The thread's current codecs (see {@link #CURRENT}). */
  static TurboJpegCodecs current() {
    return CURRENT.get();
  }

  /** The thread's current decompressor (see {@link #CURRENT}), reused from image to image. */
  static Decompressor decompressor() {
    TurboJpegCodecs c = CURRENT.get();
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
   * Destroys the thread's current handle after a failure; the next call gets a new one. Reusing a
   * handle after a fatal error is not safe: with the Java binding, after ExifThumbnailTest's
   * damaged thumbnails had failed on it, the same thread's handle read ProgressiveDcTest's good
   * JPEGs as "Unsupported marker type 0x02" (both classes in one JVM; each alone passed).
   */
  static void discardDecompressor() {
    TurboJpegCodecs c = CURRENT.get();
    Decompressor d = c.decompressor;
    c.decompressor = null;
    if (d != null) {
      d.close();
    }
  }

  /** A compression handle and its pixel buffer. */
  static final class Compressor {
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

  /**
   * A TurboJPEG handle and the native buffers for the source bytes and the pixels, grown as
   * needed and kept up to {@link #KEEP_BYTES} each, for as long as its set.
   */
  static final class Decompressor {
    Pointer handle;
    Memory source;
    private Memory pixels;
    /** A pixel array no image uses any more ({@link TurboJpegDecoder#recycle}), for the next one. */
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
        Memory once = new Memory(size); // malloc'd: may hold a freed buffer's pixels
        once.clear();
        return once;
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
}
