package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.Craft;
import io.github.sparkthumbs.testing.ExifImages;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.NativeEncoders;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HEIC and AVIF input through libheif, on files made here by Debian's encoders from
 * images the test draws, checked pixel by pixel against those images. Needs libheif1 (looked up
 * as a file) and the encoders heif-enc (libheif-examples) and avifenc (libavif-bin).
 */
class HeifDecodeTest {
  @TempDir Path dir;

  @BeforeEach
  void needsLibheif() {
    assumeTrue(NativeEncoders.library("libheif.so.1"), "libheif1 not installed");
  }

  private static void needs(String tool, String pkg) {
    assumeTrue(NativeEncoders.installed(tool), tool + " not installed (" + pkg + ")");
  }

  private static EncodedThumbnails thumbs(byte[] src, Size box, long maxPixels)
      throws ImageFailure {
    ImageSettings s = ImageSettings.builder().sizes(List.of(box)).maxPixels(maxPixels)
        .build();
    return new Thumbnailer(s).make(src, OutputFormat.PNG);
  }


  @Test
  void heicDecodesToTheRightSizeAndColours() throws Exception {
    needs("heif-enc", "libheif-examples");
    byte[] heic = NativeEncoders.heic(dir, Images.encode(Images.quadrants(320, 240), "png"),
        "q.png", 90);
    assertEquals("HEIC/HEIF", Sniff.heifKind(heic));
    EncodedThumbnails t = thumbs(heic, new Size(80, 80), Long.MAX_VALUE);
    assertEquals(List.of(320, 240, "heif"), List.of(t.width(), t.height(), t.format()));
    BufferedImage png = Images.read(t.encoded().get(0));
    assertEquals(List.of(80, 60), List.of(png.getWidth(), png.getHeight()));
    Images.assertQuadrants(png, 24);
  }

  @Test
  void avifDecodesToTheRightSizeAndColours() throws Exception {
    needs("avifenc", "libavif-bin");
    byte[] avif = NativeEncoders.avif(dir, Images.encode(Images.quadrants(300, 200), "png"),
        "q.png");
    assertEquals("AVIF", Sniff.heifKind(avif));
    EncodedThumbnails t = thumbs(avif, new Size(60, 60), Long.MAX_VALUE);
    assertEquals(List.of(300, 200, "avif"), List.of(t.width(), t.height(), t.format()));
    BufferedImage png = Images.read(t.encoded().get(0));
    assertEquals(List.of(60, 40), List.of(png.getWidth(), png.getHeight()));
    Images.assertQuadrants(png, 24);
  }

  @Test
  void avifAlphaIsKeptForPngAndWhiteForJpeg() throws Exception {
    needs("avifenc", "libavif-bin");
    BufferedImage src = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = src.createGraphics();
    g.setColor(Color.BLUE);
    g.fillRect(100, 0, 100, 100); // the left half stays transparent
    g.dispose();
    byte[] avif = NativeEncoders.avif(dir, Images.encode(src, "png"), "alpha.png");
    Decoded keep = ImageDecoder.decode(avif,
        DecodeRequest.of(List.of(new Size(50, 50)), Mode.FIT, Long.MAX_VALUE).withKeepAlpha(true));
    assertEquals(0, keep.image().getRGB(10, 50) >>> 24, "transparent half");
    assertEquals(255, keep.image().getRGB(190, 50) >>> 24, "opaque half");
    Decoded flat = ImageDecoder.decode(avif,
        DecodeRequest.of(List.of(new Size(50, 50)), Mode.FIT, Long.MAX_VALUE));
    assertTrue(Images.near(flat.image().getRGB(10, 50), Color.WHITE, 8),
        "composited on white, got " + Images.rgb(flat.image().getRGB(10, 50)));
  }

  /**
   * HEIF's orientation is its {@code irot}/{@code imir} properties, which libheif applies while
   * decoding: avifenc writes irot 1 (90 degrees anticlockwise) for an image stored as a camera
   * held sideways (EXIF 8) would store it; the thumbnail comes out upright.
   */
  @Test
  void irotIsApplied() throws Exception {
    needs("avifenc", "libavif-bin");
    BufferedImage shown = Images.quadrants(240, 120);
    byte[] stored = Images.encode(Images.storedFor(shown, 8), "png");
    byte[] avif = NativeEncoders.encode(dir, stored, "s.png", "s.avif",
        "avifenc", "-s", "8", "--min", "0", "--max", "10", "--irot", "1", "IN", "OUT");
    EncodedThumbnails t = thumbs(avif, new Size(120, 120), Long.MAX_VALUE);
    assertEquals(List.of(240, 120), List.of(t.width(), t.height()), "displayed size");
    BufferedImage png = Images.read(t.encoded().get(0));
    assertEquals(List.of(120, 60), List.of(png.getWidth(), png.getHeight()));
    Images.assertQuadrants(png, 30);
  }

  /**
   * An EXIF orientation inside a HEIF is not applied on top: HEIF (and MIAF) make irot/imir the
   * orientation, iPhones write both (EXIF 6 beside an irot that libheif already applied), and a
   * second rotation would turn their photos sideways. heif-enc 1.15 copies a JPEG's EXIF 6
   * without writing irot; such a file shows as stored here, as in vipsthumbnail 8.14 (checked:
   * 100x50 from this 240x120 file) and in browsers, which ignore EXIF orientation in HEIF/AVIF.
   */
  @Test
  void exifOrientationInHeifIsNotAppliedOnTop() throws Exception {
    needs("heif-enc", "libheif-examples");
    BufferedImage stored = Images.quadrants(240, 120);
    byte[] jpeg = ExifImages.jpeg(Images.encode(stored, "jpeg"),
        ExifImages.exif(6, ByteOrder.BIG_ENDIAN));
    byte[] heic = NativeEncoders.heic(dir, jpeg, "exif6.jpg", 90);
    EncodedThumbnails t = thumbs(heic, new Size(120, 120), Long.MAX_VALUE);
    BufferedImage png = Images.read(t.encoded().get(0));
    assertEquals(List.of(120, 60), List.of(png.getWidth(), png.getHeight()));
    Images.assertQuadrants(png, 30);
  }

  @Test
  void theEmbeddedThumbnailIsDecodedWhenItIsTwiceTheOutput() throws Exception {
    needs("heif-enc", "libheif-examples");
    byte[] heic = NativeEncoders.heic(dir, Images.encode(Images.quadrants(640, 480), "png"),
        "big.png", 80, "-t", "64");
    // 16x12 needs 32x24 decoded: the 64x48 thumbnail is enough
    Decoded small = ImageDecoder.decode(heic,
        DecodeRequest.of(List.of(new Size(16, 16)), Mode.FIT, Long.MAX_VALUE));
    assertEquals(List.of(64, 48, 640, 480), List.of(small.image().getWidth(),
        small.image().getHeight(), small.width(), small.height()));
    Images.assertQuadrants(small.image(), 30);
    assertEquals("heif-thumbnail", small.decodedFrom()); // the manifest says so
    // 40x30 needs 80x60: more than the thumbnail has, so the primary image
    Decoded big = ImageDecoder.decode(heic,
        DecodeRequest.of(List.of(new Size(40, 40)), Mode.FIT, Long.MAX_VALUE));
    assertEquals(List.of(640, 480), List.of(big.image().getWidth(), big.image().getHeight()));
    assertNull(big.decodedFrom());
  }

  @Test
  void limitsAreCheckedOnTheHeader() throws Exception {
    needs("heif-enc", "libheif-examples");
    byte[] heic = NativeEncoders.heic(dir, Images.encode(Images.quadrants(320, 240), "png"),
        "q.png", 50);
    ImageFailure f = assertThrows(ImageFailure.class,
        () -> thumbs(heic, new Size(75, 75), 320 * 240 - 1));
    assertEquals(ErrorClass.TOO_LARGE, f.errorClass());
    assertTrue(f.getMessage().contains("HEIC/HEIF header claims 320x240 = 76800 pixels, over the"
        + " limit of 76799"), f.getMessage());
  }

  @Test
  void damagedFilesAreCorrupt() throws Exception {
    needs("heif-enc", "libheif-examples");
    byte[] heic = NativeEncoders.heic(dir, Images.jpeg(640, 480, 3), "p.jpg", 50);
    byte[] cut = Arrays.copyOf(heic, heic.length / 2);
    ImageFailure f = assertThrows(ImageFailure.class, () -> thumbs(cut, new Size(75, 75),
        Long.MAX_VALUE));
    assertEquals(ErrorClass.CORRUPT, f.errorClass(), f.getMessage());
    assertTrue(f.getMessage().startsWith("HEIC/HEIF "), f.getMessage());

    byte[] onlyFtyp = Arrays.copyOf(heic, 64);
    assertEquals(ErrorClass.CORRUPT, assertThrows(ImageFailure.class,
        () -> thumbs(onlyFtyp, new Size(75, 75), Long.MAX_VALUE)).errorClass());
  }

  @Test
  void brandsAreRecognised() {
    assertEquals("HEIC/HEIF", Sniff.heifKind(ftyp("heic", "mif1", "heic")));
    assertEquals("HEIC/HEIF", Sniff.heifKind(ftyp("mif1", "mif1", "heix")));
    assertEquals("AVIF", Sniff.heifKind(ftyp("avif", "mif1", "miaf")));
    assertEquals("AVIF", Sniff.heifKind(ftyp("mif1", "mif1", "avif")));
    assertEquals("AVIF", Sniff.heifKind(ftyp("avis", "msf1", "miaf")));
    assertNull(Sniff.heifKind(ftyp("isom", "iso2", "mp41")), "an MP4 video is no HEIF");
    assertNull(Sniff.heifKind("not an image at all".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void withoutTheLibraryTheReasonNamesThePackage() {
    NativeLib.Loaded<Heif.Api> none =
        NativeLib.load(Heif.Api.class, "libheif", "libheif1", "heif-that-does-not-exist");
    assertFalse(none.available());
    assertTrue(none.whyNot().startsWith("libheif not found (install the Debian package libheif1)"),
        none.whyNot());
    assertTrue(Heif.status().startsWith("libheif 1."), Heif.status());
  }

  private static byte[] ftyp(String major, String... compatible) {
    byte[] b = new byte[16 + 4 * compatible.length + 8];
    int size = 16 + 4 * compatible.length;
    b[3] = (byte) size;
    System.arraycopy("ftyp".getBytes(StandardCharsets.US_ASCII), 0, b, 4, 4);
    System.arraycopy(major.getBytes(StandardCharsets.US_ASCII), 0, b, 8, 4);
    for (int i = 0; i < compatible.length; i++) {
      System.arraycopy(compatible[i].getBytes(StandardCharsets.US_ASCII), 0, b, 16 + 4 * i, 4);
    }
    return b;
  }

  @Test
  void libheifErrorsAreClassedByTheirCode() throws Exception {
    Heif.check("AVIF", error(0, "fine"), "header"); // no error: nothing thrown
    for (int code : new int[] {1, 2, 3, 4, 5, 6, 7}) {
      ImageFailure f = assertThrows(ImageFailure.class,
          () -> Heif.check("AVIF", error(code, "what libheif says"), "primary image"));
      assertEquals(code == 4 ? ErrorClass.UNSUPPORTED : code == 6 ? ErrorClass.TOO_LARGE
          : ErrorClass.CORRUPT, f.errorClass(), "code " + code);
      assertEquals("AVIF primary image cannot be decoded: libheif error " + code + "/0: what"
          + " libheif says", f.getMessage());
    }
  }

  @Test
  void withoutLibheifAFileIsUnsupported() {
    NativeLib.Loaded<Heif.Api> none = new NativeLib.Loaded<>(null, "libheif not found (test)");
    ImageFailure f = assertThrows(ImageFailure.class, () -> Heif.decode(none,
        ftyp("heic", "mif1"), "HEIC/HEIF", request(16)));
    assertEquals(ErrorClass.UNSUPPORTED, f.errorClass());
    assertEquals("HEIC/HEIF needs libheif, which is not installed: libheif not found (test)",
        f.getMessage());
  }

  /**
   * libheif's context, image handles, decoded image and nclx profile are native memory the JVM
   * does not collect: each is released once, whichever picture was decoded; libheif gets no
   * threads of its own and a side limit one above the header's larger side.
   */
  @Test
  void everythingLibheifAllocatesIsReleasedOnce() throws Exception {
    byte[] heic = quadrantsHeic(320, 240, 80, "-t", "64");
    for (int box : new int[] {16, 80}) {
      Calls calls = new Calls();
      Decoded d = Heif.decode(calls.lib(), heic, "HEIC/HEIF", request(box));
      assertEquals(box == 16 ? 64 : 320, d.image().getWidth());
      assertEquals(List.of(0), calls.args("heif_context_set_max_decoding_threads", 1));
      assertEquals(List.of(321), calls.args("heif_context_set_maximum_image_size_limit", 1));
      assertEquals(4, calls.obtained.size(), "context, primary, thumbnail item, decoded image");
      calls.assertAllReleased();
    }
    needs("avifenc", "libavif-bin");
    Calls calls = new Calls();
    Heif.decode(calls.lib(), NativeEncoders.avif(dir, Images.encode(Images.quadrants(40, 30),
        "png"), "n.png"), "AVIF", request(16));
    assertEquals(1, calls.args("heif_image_handle_get_nclx_color_profile", 0).size());
    calls.assertAllReleased();
  }

  @Test
  void eachFailingStepIsNamedAndReleasesWhatItHad() throws Exception {
    byte[] heic = quadrantsHeic(64, 48, 80);
    Calls header = new Calls();
    ImageFailure f = assertThrows(ImageFailure.class, () -> Heif.decode(header.lib(),
        Arrays.copyOf(heic, 64), "HEIC/HEIF", request(16)));
    assertTrue(f.getMessage().startsWith("HEIC/HEIF header cannot be decoded: libheif error "),
        f.getMessage());
    header.assertAllReleased();

    Calls primary = new Calls();
    primary.fake("heif_context_get_primary_image_handle", a -> error(3, "no primary"));
    f = assertThrows(ImageFailure.class, () -> Heif.decode(primary.lib(), heic, "HEIC/HEIF",
        request(16)));
    assertEquals("HEIC/HEIF primary image cannot be decoded: libheif error 3/0: no primary",
        f.getMessage());
    primary.assertAllReleased();

    Calls data = new Calls();
    data.failDecoding();
    f = assertThrows(ImageFailure.class, () -> Heif.decode(data.lib(), heic, "HEIC/HEIF",
        request(16)));
    assertEquals(ErrorClass.CORRUPT, f.errorClass());
    assertEquals("HEIC/HEIF image data cannot be decoded: libheif error 7/0: not decoded",
        f.getMessage());
    data.assertAllReleased();

    Calls noContext = new Calls();
    noContext.fake("heif_context_alloc", a -> null);
    f = assertThrows(ImageFailure.class, () -> Heif.decode(noContext.lib(), heic, "HEIC/HEIF",
        request(16)));
    assertEquals(ErrorClass.INTERNAL, f.errorClass());
    assertEquals("libheif could not allocate a context", f.getMessage());
  }

  /**
   * The coded image must have the size its header claims in each side: one column fewer claimed
   * is as wrong as one row fewer (libheif's own side limit, one above the claimed size, lets
   * both through).
   */
  @Test
  void aCodedImageOneSideOffItsHeaderIsCorrupt() throws Exception {
    byte[] heic = quadrantsHeic(320, 240, 50);
    for (int[] claim : new int[][] {{319, 240}, {320, 239}}) {
      ImageFailure f = assertThrows(ImageFailure.class, () -> Heif.decode(
          Craft.heifClaiming(heic, claim[0], claim[1]), "HEIC/HEIF", request(16)));
      assertEquals(ErrorClass.CORRUPT, f.errorClass());
      assertEquals("HEIC/HEIF header (ispe) claims " + claim[0] + "x" + claim[1] + " but its"
          + " coded image is 320x240", f.getMessage());
    }
  }

  /**
   * Of the thumbnail items, the smallest in pixels whose sides are both at least twice the
   * output's is decoded (the first of equals); broken items are skipped and every other one is
   * released. A 16x12 output of 320x240 needs 32x24.
   */
  @Test
  void theSmallestThumbnailWithTwiceTheOutputSidesIsChosen() throws Exception {
    byte[] heic = quadrantsHeic(320, 240, 50);
    Calls calls = new Calls();
    // ids 1-7; id 3 is broken
    calls.thumbnails(new int[][] {{50, 30}, {32, 24}, null, {32, 23}, {31, 24}, {40, 30},
        {32, 24}});
    calls.failDecoding();
    assertThrows(ImageFailure.class, () -> Heif.decode(calls.lib(), heic, "HEIC/HEIF",
        request(16)));
    assertEquals(List.of(calls.thumbnail(2)), calls.args("heif_decode_image", 0));
    calls.assertAllReleased();

    Calls none = new Calls();
    Heif.decode(none.lib(), heic, "HEIC/HEIF", request(16));
    assertEquals(List.of(), none.args("heif_image_handle_get_list_of_thumbnail_IDs", 1),
        "no thumbnails, so no list asked for");
    Calls negative = new Calls();
    negative.fake("heif_image_handle_get_number_of_thumbnails", a -> -1);
    assertEquals(320, Heif.decode(negative.lib(), heic, "HEIC/HEIF", request(16)).image()
        .getWidth());
  }

  /**
   * A colour declaration libheif cannot hand over, or an ICC profile of no bytes or of more than
   * {@link ColourProfiles#MAX_PROFILE_BYTES} (not even asked for), leaves the pixels as coded
   * with the warning; the profile type {@code rICC} is read like {@code prof}.
   */
  @Test
  void unusableColourDeclarationsAreIgnoredWithAWarning() throws Exception {
    byte[] heic = quadrantsHeic(64, 48, 80);
    Memory srgbNclx = new Memory(16);
    srgbNclx.clear();
    srgbNclx.setInt(4, 1); // BT.709 primaries, sRGB transfer: nothing to convert
    srgbNclx.setInt(8, 13);
    byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    long max = ColourProfiles.MAX_PROFILE_BYTES;
    record Case(String name, int type, long size, Heif.Error raw, Heif.Error nclx,
        Pointer nclxValue, boolean rawAsked) {}
    for (Case c : List.of(
        new Case("nclx error", 0x6E636C78, 0, null, error(1, "bad nclx"), srgbNclx, false),
        new Case("nclx none", 0x6E636C78, 0, null, error(0, ""), null, false),
        new Case("rICC of 0 bytes", 0x72494343, 0, error(0, ""), null, null, false),
        new Case("prof of 1 byte", 0x70726F66, 1, error(2, "bad prof"), null, null, true),
        new Case("prof over the limit", 0x70726F66, max + 1, error(0, ""), null, null, false),
        new Case("prof at the limit", 0x70726F66, max, error(2, "bad"), null, null, true),
        new Case("prof error", 0x70726F66, srgb.length, error(2, "bad"), null, null, true))) {
      Calls calls = new Calls();
      calls.fake("heif_image_handle_get_color_profile_type", a -> c.type());
      calls.fake("heif_image_handle_get_raw_color_profile_size", a -> new NativeLong(c.size()));
      calls.fake("heif_image_handle_get_raw_color_profile", a -> {
        byte[] out = (byte[]) a[1];
        System.arraycopy(srgb, 0, out, 0, Math.min(out.length, srgb.length));
        return c.raw();
      });
      calls.fake("heif_image_handle_get_nclx_color_profile", a -> {
        ((PointerByReference) a[1]).setValue(c.nclxValue());
        return c.nclx();
      });
      calls.fake("heif_nclx_color_profile_free", a -> null);
      Decoded d = Heif.decode(calls.lib(), heic, "HEIC/HEIF", request(16));
      assertEquals(List.of(ColourProfiles.IGNORED), d.warnings(), c.name());
      assertEquals(c.rawAsked() ? 1 : 0,
          calls.args("heif_image_handle_get_raw_color_profile", 0).size(), c.name());
      Images.assertQuadrants(d.image(), 24);
    }
  }

  /** A HEIC of {@link Images#quadrants} made by heif-enc at this quality. */
  private byte[] quadrantsHeic(int w, int h, int quality, String... extra) throws Exception {
    needs("heif-enc", "libheif-examples");
    return NativeEncoders.heic(dir, Images.encode(Images.quadrants(w, h), "png"), "q.png",
        quality, extra);
  }

  private static DecodeRequest request(int box) {
    return DecodeRequest.of(List.of(new Size(box, box)), Mode.FIT, Long.MAX_VALUE);
  }

  private static Heif.Error error(int code, String message) {
    Heif.Error e = new Heif.Error();
    e.code = code;
    e.message = message;
    return e;
  }

  /**
   * libheif with every call recorded and some answered here instead: thumbnail items and decoded
   * images that exist only in the test are pointers in {@code FAKE} and beyond, never handed to
   * libheif. Records what libheif handed out and what was released.
   */
  private static final class Calls implements InvocationHandler {
    private static final long FAKE = 0x7F0000000000L;
    private final Heif.Api real = Heif.LOADED.api();
    private final Map<String, Function<Object[], Object>> fakes = new HashMap<>();
    private final Map<Long, int[]> fakeSizes = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<Object[]> argLists = new ArrayList<>();
    final List<Long> obtained = new ArrayList<>();
    final List<Long> released = new ArrayList<>();

    NativeLib.Loaded<Heif.Api> lib() {
      return new NativeLib.Loaded<>((Heif.Api) Proxy.newProxyInstance(
          Heif.Api.class.getClassLoader(), new Class<?>[] {Heif.Api.class}, this), null);
    }

    void fake(String method, Function<Object[], Object> answer) {
      fakes.put(method, answer);
    }

    Pointer thumbnail(int id) {
      return new Pointer(FAKE + id);
    }

    /** Thumbnail items of these sizes, ids from 1; null: a broken item. */
    void thumbnails(int[][] sizes) {
      fake("heif_image_handle_get_number_of_thumbnails", a -> sizes.length);
      fake("heif_image_handle_get_list_of_thumbnail_IDs", a -> {
        for (int i = 0; i < sizes.length; i++) {
          ((int[]) a[1])[i] = i + 1;
        }
        return sizes.length;
      });
      fake("heif_image_handle_get_thumbnail", a -> {
        int id = (int) a[1];
        if (sizes[id - 1] == null) {
          return error(2, "broken thumbnail");
        }
        ((PointerByReference) a[2]).setValue(thumbnail(id));
        obtained.add(FAKE + id);
        fakeSizes.put(FAKE + id, sizes[id - 1]);
        return error(0, "");
      });
    }

    /** heif_decode_image fails, leaving a fake image (0x0) where a decoded one would be. */
    void failDecoding() {
      fake("heif_decode_image", a -> {
        ((PointerByReference) a[1]).setValue(new Pointer(FAKE + 1000));
        fakeSizes.put(FAKE + 1000, new int[] {0, 0});
        return error(7, "not decoded");
      });
    }

    /** The {@code index}th argument of each call of {@code method}, in order. */
    List<Object> args(String method, int index) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).equals(method)) {
          out.add(argLists.get(i)[index]);
        }
      }
      return out;
    }

    void assertAllReleased() {
      List<Long> a = new ArrayList<>(obtained);
      List<Long> r = new ArrayList<>(released);
      Collections.sort(a);
      Collections.sort(r);
      assertEquals(a, r, "native objects handed out vs released; calls: " + names);
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      String name = m.getName();
      names.add(name);
      argLists.add(args == null ? new Object[0] : args.clone());
      Object first = args == null ? null : args[0];
      if (args != null && args.length > 0 && first == null
          && m.getParameterTypes()[0] == Pointer.class) {
        throw new AssertionError(name + " called with a null context or handle");
      }
      long peer = first instanceof Pointer p ? Pointer.nativeValue(p) : 0;
      if (name.endsWith("_release") || name.endsWith("_free")) {
        released.add(peer);
      }
      if (fakeSizes.containsKey(peer)) {
        switch (name) {
          case "heif_image_handle_get_width", "heif_image_get_width":
            return fakeSizes.get(peer)[0];
          case "heif_image_handle_get_height", "heif_image_get_height":
            return fakeSizes.get(peer)[1];
          case "heif_image_handle_has_alpha_channel":
            return 0;
          default:
            if (name.endsWith("_release")) {
              return null;
            }
        }
      }
      Object result = fakes.containsKey(name) ? fakes.get(name).apply(args)
          : m.invoke(real, args);
      if (!fakes.containsKey(name)) {
        recordObtained(name, args, result);
      }
      return result;
    }

    private void recordObtained(String name, Object[] args, Object result) {
      if (name.equals("heif_context_alloc") && result != null) {
        obtained.add(Pointer.nativeValue((Pointer) result));
      } else if (result instanceof Heif.Error e && e.code == 0) {
        for (Object a : args) {
          if (a instanceof PointerByReference ref && ref.getValue() != null) {
            obtained.add(Pointer.nativeValue(ref.getValue()));
          }
        }
      }
    }
  }
}
