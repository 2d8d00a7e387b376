package io.github.sparkthumbs.image;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * HEIC/HEIF and AVIF input through libheif, which reads HEIC through libde265 and
 * AVIF through dav1d or libaom (Debian {@code libheif1} pulls them in). No maintained Java
 * decoder exists for either, so the library is found at run time ({@link NativeLib}); without it
 * such a file is {@code unsupported} with a message naming the package, like any other format we
 * cannot read.
 *
 * <p>Shrink-on-load: HEVC and AV1 have no reduced-resolution decode, but phone HEICs carry a
 * thumbnail image (iPhones: 320x240 or so); it is decoded instead of the 12 MP primary image
 * when it still has twice the pixels the largest output needs. The limits are checked on the
 * primary image's header before anything is decoded.
 *
 * <p>Orientation: libheif applies the file's {@code irot}/{@code imir} transforms while decoding
 * (its default) and reports the displayed size. HEIF says those transforms are the orientation;
 * an EXIF orientation tag in the file only repeats them (iPhones write both) and is therefore not
 * applied a second time (vipsthumbnail 8.14 and the browsers do the same). The manifest's width
 * and height of a HEIF are therefore its displayed size, the only one libheif reports.
 *
 * <p>Colour: libheif hands over the pixels as coded, in the colour space of the item's
 * {@code colr} box, which on phones is Display P3 (an ICC profile from iPhones, {@code nclx}
 * primaries 12 from Android's AVIF and HEIC); {@link ColourProfiles} converts them to sRGB. A
 * thumbnail item without a {@code colr} box of its own is taken to share the primary image's.
 */
final class Heif {
  /** The manifest's {@code decodedFrom} for thumbnails made from a HEIF's thumbnail item. */
  static final String SOURCE = "heif-thumbnail";
  private static final int ERR_UNSUPPORTED_FEATURE = 4;
  private static final int ERR_MEMORY = 6;
  private static final int COLORSPACE_RGB = 1;
  private static final int CHROMA_INTERLEAVED_RGB = 10;
  private static final int CHROMA_INTERLEAVED_RGBA = 11;
  private static final int CHANNEL_INTERLEAVED = 10;
  /** {@code enum heif_color_profile_type}: the four characters of the colr box's type. */
  private static final int PROFILE_NCLX = 0x6E636C78;
  private static final int PROFILE_PROF = 0x70726F66;
  private static final int PROFILE_RICC = 0x72494343;

  /** {@code struct heif_error}, returned by value. */
  @Structure.FieldOrder({"code", "subcode", "message"})
  public static class Error extends Structure implements Structure.ByValue {
    public int code;
    public int subcode;
    public String message;
  }

  interface Api extends Library {
    Error heif_init(Pointer params);

    String heif_get_version();

    Pointer heif_context_alloc();

    void heif_context_free(Pointer ctx);

    void heif_context_set_max_decoding_threads(Pointer ctx, int maxThreads);

    void heif_context_set_maximum_image_size_limit(Pointer ctx, int maximumWidth);

    Error heif_context_read_from_memory(Pointer ctx, byte[] mem, NativeLong size, Pointer opts);

    Error heif_context_get_primary_image_handle(Pointer ctx, PointerByReference handle);

    void heif_image_handle_release(Pointer handle);

    int heif_image_handle_get_width(Pointer handle);

    int heif_image_handle_get_height(Pointer handle);

    int heif_image_handle_has_alpha_channel(Pointer handle);

    int heif_image_handle_get_number_of_thumbnails(Pointer handle);

    int heif_image_handle_get_list_of_thumbnail_IDs(Pointer handle, int[] ids, int count);

    Error heif_image_handle_get_thumbnail(Pointer handle, int id, PointerByReference thumb);

    Error heif_decode_image(Pointer handle, PointerByReference img, int colorspace, int chroma,
        Pointer options);

    Pointer heif_image_get_plane_readonly(Pointer img, int channel, IntByReference stride);

    int heif_image_get_width(Pointer img, int channel);

    int heif_image_get_height(Pointer img, int channel);

    void heif_image_release(Pointer img);

    int heif_image_handle_get_color_profile_type(Pointer handle);

    NativeLong heif_image_handle_get_raw_color_profile_size(Pointer handle);

    Error heif_image_handle_get_raw_color_profile(Pointer handle, byte[] out);

    Error heif_image_handle_get_nclx_color_profile(Pointer handle, PointerByReference out);

    void heif_nclx_color_profile_free(Pointer nclx);
  }

  /**
   * Bound and initialised: libheif's documentation asks for {@code heif_init()} before any other
   * call. A class initialiser runs once and every thread that uses the library waits for it, so no
   * decode can start before it. Never {@code heif_deinit()}: the library stays loaded for the
   * JVM's life.
   */
  static final NativeLib.Loaded<Api> LOADED =
      initialised(NativeLib.load(Api.class, "libheif", "libheif1", "heif", "libheif.so.1"));

  private static NativeLib.Loaded<Api> initialised(NativeLib.Loaded<Api> lib) {
    if (!lib.available()) {
      return lib;
    }
    Error e;
    try {
      e = lib.api().heif_init(null);
    } catch (UnsatisfiedLinkError old) {
      return lib; // libheif before 1.13 has no heif_init and needs none
    }
    return e.code == 0 ? lib : new NativeLib.Loaded<>(null, "libheif's heif_init failed: error "
        + e.code + "/" + e.subcode + ": " + e.message);
  }

  private Heif() {}

  static boolean available() {
    return LOADED.available();
  }

  /** "libheif 1.15.1", or why HEIC/AVIF input is off. */
  static String status() {
    return LOADED.available() ? "libheif " + LOADED.api().heif_get_version() : LOADED.whyNot();
  }

  /**
   * Decodes the primary image of a HEIF/AVIF file, or its embedded thumbnail when that is large
   * enough; {@code kind} is what {@link Sniff#heifKind} saw ("HEIC/HEIF", "AVIF").
   */
  static Decoded decode(byte[] bytes, String kind, DecodeRequest request) throws ImageFailure {
    return decode(LOADED, bytes, kind, request);
  }

  /** {@link #decode(byte[], String, DecodeRequest)} through {@code lib}: tests watch the calls. */
  static Decoded decode(NativeLib.Loaded<Api> lib, byte[] bytes, String kind,
      DecodeRequest request) throws ImageFailure {
    if (!lib.available()) {
      throw new ImageFailure(ErrorClass.UNSUPPORTED, kind + " needs libheif, which is not"
          + " installed: " + lib.whyNot());
    }
    Api api = lib.api();
    Pointer ctx = api.heif_context_alloc();
    if (ctx == null) {
      throw new ImageFailure(ErrorClass.INTERNAL, "libheif could not allocate a context");
    }
    Pointer primary = null;
    Pointer chosen = null;
    Pointer img = null;
    try {
      // Spark runs one task per core already; libheif's own tile threads would only compete.
      api.heif_context_set_max_decoding_threads(ctx, 0);
      check(kind, api.heif_context_read_from_memory(ctx, bytes, new NativeLong(bytes.length),
          null), "header");
      PointerByReference ref = new PointerByReference();
      check(kind, api.heif_context_get_primary_image_handle(ctx, ref), "primary image");
      primary = ref.getValue();
      int w = api.heif_image_handle_get_width(primary); // displayed size: irot applied
      int h = api.heif_image_handle_get_height(primary);
      DecodeSteps.checkDimensions(kind, w, h, request.maxPixels());
      // libheif 1.15's one limit is on each side, checked against ispe (which we checked above)
      // and, when decoding, against a grid's output size, which a file can state apart from its
      // ispe: refused over the side the header claims instead of at libheif's default 32768.
      api.heif_context_set_maximum_image_size_limit(ctx, Math.max(w, h) + 1);
      int[] need = DecodeSteps.need(w, h, 1, request.boxes(), request.mode());
      chosen = thumbnailAtLeast(api, primary, 2 * need[0], 2 * need[1]);
      Pointer handle = chosen != null ? chosen : primary;
      boolean alpha = api.heif_image_handle_has_alpha_channel(handle) != 0;
      check(kind, api.heif_decode_image(handle, ref, COLORSPACE_RGB,
          alpha ? CHROMA_INTERLEAVED_RGBA : CHROMA_INTERLEAVED_RGB, null), "image data");
      img = ref.getValue();
      checkDecodedSize(api, img, handle, kind, request.maxPixels());
      BufferedImage out = toImage(api, img, alpha);
      Decoded d = Decoded.of(ImageDecoder.normalize(out, request.keepAlpha()), w, h, 1,
          kind.equals("AVIF") ? "avif" : "heif", List.of());
      ColourProfiles.Declared colour = colourOf(api, handle, kind);
      if (colour == null && chosen != null) { // a thumbnail item without its own colr box
        colour = colourOf(api, primary, kind);
      }
      d = ColourProfiles.toSrgb(d, colour);
      return chosen != null ? d.from(SOURCE) : d; // the manifest says which picture was used
    } finally {
      if (img != null) {
        api.heif_image_release(img);
      }
      if (chosen != null) {
        api.heif_image_handle_release(chosen);
      }
      if (primary != null) {
        api.heif_image_handle_release(primary);
      }
      api.heif_context_free(ctx);
    }
  }

  /**
   * The colour space the image item declares in its {@code colr} box: an ICC profile
   * ({@code prof}, or {@code rICC}, restricted to matrix profiles) or {@code nclx} code points
   * (phones: Display P3 either way); null when it declares none, which means sRGB.
   */
  private static ColourProfiles.Declared colourOf(Api api, Pointer handle, String kind) {
    int type = api.heif_image_handle_get_color_profile_type(handle);
    if (type == PROFILE_NCLX) {
      PointerByReference ref = new PointerByReference();
      Error e = api.heif_image_handle_get_nclx_color_profile(handle, ref);
      if (e.code != 0 || ref.getValue() == null) {
        return ColourProfiles.Declared.unusable(kind + " nclx: " + e.message);
      }
      Pointer nclx = ref.getValue();
      try { // struct heif_color_profile_nclx: uint8_t version, then the enums as ints
        return ColourProfiles.Declared.codePoints(nclx.getInt(4), nclx.getInt(8));
      } finally {
        api.heif_nclx_color_profile_free(nclx);
      }
    }
    if (type == PROFILE_PROF || type == PROFILE_RICC) {
      long size = api.heif_image_handle_get_raw_color_profile_size(handle).longValue();
      if (size <= 0 || size > ColourProfiles.MAX_PROFILE_BYTES) {
        return ColourProfiles.Declared.unusable(kind + " ICC profile of " + size + " bytes");
      }
      byte[] icc = new byte[(int) size];
      Error e = api.heif_image_handle_get_raw_color_profile(handle, icc);
      return e.code != 0 ? ColourProfiles.Declared.unusable(kind + " ICC profile: " + e.message)
          : ColourProfiles.Declared.icc(icc);
    }
    return null;
  }

  /** The smallest embedded thumbnail with both sides at least minW x minH, or null. */
  private static Pointer thumbnailAtLeast(Api api, Pointer primary, int minW, int minH) {
    int n = api.heif_image_handle_get_number_of_thumbnails(primary);
    if (n <= 0) {
      return null;
    }
    int[] ids = new int[n];
    n = api.heif_image_handle_get_list_of_thumbnail_IDs(primary, ids, n);
    Pointer best = null;
    long bestPixels = Long.MAX_VALUE;
    PointerByReference ref = new PointerByReference();
    for (int i = 0; i < n; i++) {
      if (api.heif_image_handle_get_thumbnail(primary, ids[i], ref).code != 0) {
        continue; // a broken thumbnail item: the primary image may still be fine
      }
      Pointer t = ref.getValue();
      int tw = api.heif_image_handle_get_width(t);
      int th = api.heif_image_handle_get_height(t);
      long pixels = (long) tw * th;
      if (tw >= minW && th >= minH && pixels < bestPixels) {
        if (best != null) {
          api.heif_image_handle_release(best);
        }
        best = t;
        bestPixels = pixels;
      } else {
        api.heif_image_handle_release(t);
      }
    }
    return best;
  }

  /**
   * The coded image's real size against what its header ({@code ispe}) claimed: libheif 1.15
   * hands the HEVC or AV1 data to the codec, which decodes at the size in its own sequence header
   * and says nothing when that differs. The codec's memory is spent by now, but none of the Java
   * heap: a file claiming 100x75 that holds 4000x3000 is refused before its pixels are copied,
   * and its manifest line cannot report the claimed size as the real one.
   */
  private static void checkDecodedSize(Api api, Pointer img, Pointer handle, String kind,
      long maxPixels) throws ImageFailure {
    int w = api.heif_image_get_width(img, CHANNEL_INTERLEAVED);
    int h = api.heif_image_get_height(img, CHANNEL_INTERLEAVED);
    int claimedW = api.heif_image_handle_get_width(handle);
    int claimedH = api.heif_image_handle_get_height(handle);
    DecodeSteps.checkSize(kind + " coded image", w, h, maxPixels);
    if (w != claimedW || h != claimedH) {
      throw new ImageFailure(ErrorClass.CORRUPT, kind + " header (ispe) claims " + claimedW
          + "x" + claimedH + " but its coded image is " + w + "x" + h);
    }
  }

  private static BufferedImage toImage(Api api, Pointer img, boolean alpha) {
    int w = api.heif_image_get_width(img, CHANNEL_INTERLEAVED);
    int h = api.heif_image_get_height(img, CHANNEL_INTERLEAVED);
    IntByReference strideRef = new IntByReference();
    Pointer plane = api.heif_image_get_plane_readonly(img, CHANNEL_INTERLEAVED, strideRef);
    int stride = strideRef.getValue();
    int channels = alpha ? 4 : 3;
    BufferedImage out = new BufferedImage(w, h,
        alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    byte[] row = new byte[w * channels];
    int[] argb = new int[w];
    for (int y = 0; y < h; y++) {
      plane.read((long) y * stride, row, 0, row.length);
      for (int x = 0, i = 0; x < w; x++, i += channels) {
        int a = alpha ? row[i + 3] & 0xFF : 0xFF;
        argb[x] = a << 24 | (row[i] & 0xFF) << 16 | (row[i + 1] & 0xFF) << 8 | row[i + 2] & 0xFF;
      }
      out.setRGB(0, y, w, 1, argb, 0, w);
    }
    return out;
  }

  /**
   * A libheif error as this image's failure: a missing codec (a HEIC on a libheif built without
   * libde265) is {@code unsupported}, anything else about the bytes is {@code corrupt}.
   */
  static void check(String kind, Error e, String step) throws ImageFailure {
    if (e.code == 0) {
      return;
    }
    String msg = kind + " " + step + " cannot be decoded: libheif error " + e.code + "/"
        + e.subcode + ": " + e.message;
    throw new ImageFailure(e.code == ERR_UNSUPPORTED_FEATURE ? ErrorClass.UNSUPPORTED
        : e.code == ERR_MEMORY ? ErrorClass.TOO_LARGE : ErrorClass.CORRUPT, msg);
  }
}
