package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.FreshThread;
import io.github.sparkthumbs.testing.Images;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The libjpeg-turbo fast path, told apart from the ImageIO path by what it decodes: DCT scaling
 * gives ceil(side x n/8) for the smallest n that keeps twice the output, ImageIO keeps every k-th
 * pixel for four times the output. A fast path that quietly fails and falls back to ImageIO gives
 * the ImageIO size, so these tests see it. They need libjpeg-turbo: the copy the build put among
 * the classes, or the system's; the check for it is made here from the files, not through the
 * code under test.
 */
class TurboJpegTest {
  static final String SYSTEM_LIBRARY = "/usr/lib/x86_64-linux-gnu/libturbojpeg.so.0";

  /** Whether the build bundled the library, looked up independently. */
  static boolean bundled() {
    return TurboJpegTest.class.getResource("/native/linux-x86-64/libturbojpeg.so.0") != null
        && BundledLibrary.platformMatches();
  }

  /** Whether a library is there to load: the bundled copy or the system's. */
  static boolean installed() {
    return bundled() || new File(SYSTEM_LIBRARY).isFile();
  }

  private static byte[] jpeg(int w, int h) throws IOException {
    return Images.encode(Images.quadrants(w, h), "jpeg");
  }

  private static List<Integer> decodedSize(byte[] jpeg, Size box, boolean nativeJpeg)
      throws ImageFailure {
    Decoded d = ImageDecoder.decode(jpeg,
        DecodeRequest.of(List.of(box), Mode.FIT, Long.MAX_VALUE).withNativeJpeg(nativeJpeg));
    return List.of(d.image().getWidth(), d.image().getHeight());
  }

  @Test
  void availableWhenInstalled() {
    assumeTrue(installed(), "libjpeg-turbo not installed and not bundled");
    assertTrue(TurboJpegLibrary.available(), TurboJpegLibrary.status());
    assertEquals("available", ImageDecoder.nativeJpegStatus());
  }

  /**
   * The copy in the jar wins over the system's, so that every executor runs the same decoder:
   * the file loaded is one extracted to the temp folder, even on this machine, which has the
   * system library too; it is deleted once loaded, so a killed JVM leaves no copy behind.
   */
  @Test
  void theBundledCopyIsLoadedBeforeTheSystemOne() throws Exception {
    assumeTrue(bundled(), "this build bundled no libturbojpeg.so.0");
    for (TurboJpegLibrary.Loaded l : List.of(TurboJpegLibrary.LOADED,
        TurboJpegLibrary.load(null, true, TurboJpegLibrary.SYSTEM_NAME))) {
      assertNull(l.whyNot());
      File f = l.file();
      assertEquals(new File(System.getProperty("java.io.tmpdir")).getCanonicalFile(),
          f.getCanonicalFile().getParentFile(), f.getPath());
      assertTrue(f.getName().startsWith("thumbnailer-")
          && f.getName().endsWith("-libturbojpeg.so.0"), f.getName());
      assertFalse(f.exists(), "deleted once loaded: " + f);
      // and it decodes: the binding from this copy works
      Pointer handle = l.api().tjInitDecompress();
      assertTrue(handle != null);
      l.api().tjDestroy(handle);
    }
    assertNotSame(TurboJpegLibrary.LOADED.file(),
        TurboJpegLibrary.load(null, true, TurboJpegLibrary.SYSTEM_NAME).file());
  }

  /** A jar built without a copy uses the system's versioned file: no -dev package needed. */
  @Test
  void withoutABundledCopyTheSystemLibraryLoads() {
    assumeTrue(new File(SYSTEM_LIBRARY).isFile(), "libturbojpeg0 not installed");
    TurboJpegLibrary.Loaded l = TurboJpegLibrary.load(null, false, TurboJpegLibrary.SYSTEM_NAME);
    assertNull(l.whyNot());
    assertEquals(List.of("1/8", "1/4", "3/8", "1/2", "5/8", "3/4", "7/8", "1/1"),
        TurboJpegLibrary.factors(l.api()).stream().map(f -> f[0] + "/" + f[1]).toList());
  }

  @Test
  void aGivenLibraryIsTheOnlyOneTried() {
    TurboJpegLibrary.Loaded l = TurboJpegLibrary.load("/nonexistent/libturbojpeg.so.0", true,
        TurboJpegLibrary.SYSTEM_NAME);
    assertNull(l.api());
    assertTrue(l.whyNot().startsWith("not loaded from"
        + " -Dthumbnailer.turbojpeg.lib=/nonexistent/libturbojpeg.so.0:"
        + " /nonexistent/libturbojpeg.so.0 ("), l.whyNot());
  }

  /** A library that loads but is not TurboJPEG is refused when bound, not at the first image. */
  @Test
  void aLibraryWithoutTheApiIsRefused() {
    File libz = new File("/usr/lib/x86_64-linux-gnu/libz.so.1");
    assumeTrue(libz.isFile(), "no libz to try");
    TurboJpegLibrary.Loaded l =
        TurboJpegLibrary.load(libz.getPath(), false, TurboJpegLibrary.SYSTEM_NAME);
    assertNull(l.api());
    assertTrue(l.whyNot().contains("tjGetScalingFactors"), l.whyNot());
  }

  /**
   * Thumbnails are encoded by libjpeg-turbo: a baseline (SOF0) JFIF JPEG whose luma is sampled
   * 2x2 (4:2:0), colours within JPEG's error of the source; not for images with alpha.
   */
  @Test
  void encodesBaseline420Jpeg() throws Exception {
    assumeTrue(installed(), "libjpeg-turbo not installed and not bundled");
    BufferedImage src = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    int[] colours = {0xD02020, 0x20B020, 0x2040D0, 0xE0E020};
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        src.setRGB(x, y, colours[(y < 24 ? 0 : 2) + (x < 32 ? 0 : 1)]);
      }
    }
    byte[] jpeg = TurboJpegEncoder.encode(src, 90);
    int sof = indexOf(jpeg, (byte) 0xFF, (byte) 0xC0);
    assertTrue(sof > 0, "baseline SOF0 marker");
    assertEquals(0x22, jpeg[sof + 11] & 0xFF, "luma sampling factors 2x2");
    BufferedImage back = Images.read(jpeg);
    assertEquals(64, back.getWidth());
    assertEquals(48, back.getHeight());
    for (int i = 0; i < 4; i++) {
      int p = back.getRGB(i % 2 == 0 ? 8 : 56, i < 2 ? 8 : 40);
      for (int shift = 0; shift <= 16; shift += 8) {
        int d = Math.abs((p >> shift & 0xFF) - (colours[i] >> shift & 0xFF));
        assertTrue(d <= 8, "quadrant " + i + " channel " + shift + " off by " + d);
      }
    }
    assertNull(TurboJpegEncoder.encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB), 90));
  }

  /**
   * What the native encoder leaves to ImageIO's: an image that is a view into a larger one; a
   * quality the library refuses, after which the thread's compressor is replaced. The compressor
   * is otherwise kept, and a large image's pixels all reach the library.
   */
  @Test
  void theEncoderRefusesViewsAndKeepsItsCompressor() throws Throwable {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    BufferedImage src = Images.quadrants(300, 200);
    FreshThread.run(() -> {
      assertNull(TurboJpegEncoder.encode(src.getSubimage(0, 0, 150, 100), 90), "a view");
      byte[] jpeg = TurboJpegEncoder.encode(src, 90);
      TurboJpegCodecs.Compressor first = TurboJpegCodecs.current().compressor;
      BufferedImage back = Images.read(jpeg);
      assertEquals(List.of(300, 200), List.of(back.getWidth(), back.getHeight()));
      assertTrue(Images.near(back.getRGB(225, 150), java.awt.Color.YELLOW, 8),
          Images.rgb(back.getRGB(225, 150)));
      assertTrue(TurboJpegEncoder.encode(src, 80).length > 0);
      assertSame(first, TurboJpegCodecs.current().compressor, "kept from image to image");
      Memory buffer = first.pixels(1); // the one it holds
      assertNull(TurboJpegEncoder.encode(src, 101), "quality 101");
      assertNull(TurboJpegCodecs.current().compressor, "dropped after a failure");
      assertFalse(buffer.valid(), "and freed");
      assertTrue(TurboJpegEncoder.encode(src, 90).length > 0);
      assertNotSame(first, TurboJpegCodecs.current().compressor);
    });
  }

  private static int indexOf(byte[] b, byte x, byte y) {
    for (int i = 0; i + 1 < b.length; i++) {
      if (b[i] == x && b[i + 1] == y) {
        return i;
      }
    }
    return -1;
  }

  /** Neither the jar's copy nor the system's: the reason names the package and what was tried. */
  @Test
  void nothingFoundSaysWhatWasTried() {
    TurboJpegLibrary.Loaded l =
        TurboJpegLibrary.load(null, false, "libturbojpeg-not-installed.so.0");
    assertNull(l.api());
    assertTrue(l.whyNot().startsWith("libturbojpeg not found (install the Debian package"
        + " libturbojpeg0); tried the copy in the jar (this jar was built without one),"
        + " libturbojpeg-not-installed.so.0 ("), l.whyNot());
  }

  /**
   * BGRX into a TYPE_INT_RGB raster: the ints are 0x..RRGGBB with red in bits 16-23, checked on
   * flat colours (no chroma bleeding) at full size and scaled.
   */
  @Test
  void coloursLandInTheirChannels() throws Exception {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    java.awt.Color[] colours = {new java.awt.Color(200, 100, 50), java.awt.Color.RED,
        java.awt.Color.GREEN, java.awt.Color.BLUE, new java.awt.Color(10, 20, 240)};
    for (java.awt.Color c : colours) {
      BufferedImage flat = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
      java.awt.Graphics2D g = flat.createGraphics();
      g.setColor(c);
      g.fillRect(0, 0, 160, 120);
      g.dispose();
      byte[] jpeg = Images.encode(flat, "jpeg");
      for (Size box : List.of(new Size(200, 200), new Size(20, 20))) {
        Decoded d = TurboJpegDecoder.decode(jpeg,
            DecodeRequest.of(List.of(box), Mode.FIT, Long.MAX_VALUE));
        int[] raster = ((java.awt.image.DataBufferInt) d.image().getRaster().getDataBuffer())
            .getData(); // may be longer than the image (a recycled array): index within it
        int mid = raster[d.image().getHeight() / 2 * d.image().getWidth()
            + d.image().getWidth() / 2];
        assertTrue(Images.near(mid, c, 6), c + " came out " + Images.rgb(mid) + " at " + box);
        assertEquals(mid & 0xFFFFFF, d.image().getRGB(d.image().getWidth() / 2,
            d.image().getHeight() / 2) & 0xFFFFFF);
      }
    }
  }

  private static byte[] cmykJpeg() throws IOException {
    try (java.io.InputStream in = TurboJpegTest.class.getResourceAsStream("/hostile/cmyk.jpg")) {
      return in.readAllBytes();
    }
  }

  /** CMYK is left to ImageIO (TwelveMonkeys converts it), which still makes the thumbnail. */
  @Test
  void cmykIsLeftToImageIo() throws Exception {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    byte[] cmyk = cmykJpeg();
    assertNull(TurboJpegDecoder.decode(cmyk,
        DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, Long.MAX_VALUE)));
    Decoded d = ImageDecoder.decode(cmyk,
        DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, Long.MAX_VALUE));
    assertTrue(d.image().getWidth() > 0);
  }

  /** SOI and the first marker's 0xFF, and at least one more byte. */
  @Test
  void jpegSignature() {
    assertTrue(TurboJpegDecoder.isJpeg(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}));
    assertFalse(TurboJpegDecoder.isJpeg(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}));
    assertFalse(TurboJpegDecoder.isJpeg(new byte[] {(byte) 0xFE, (byte) 0xD8, (byte) 0xFF, 0}));
    assertFalse(TurboJpegDecoder.isJpeg(new byte[] {(byte) 0xFF, (byte) 0xD9, (byte) 0xFF, 0}));
    assertFalse(TurboJpegDecoder.isJpeg(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFE, 0}));
  }

  /**
   * 1600x1200 for 75x75: needs 75x56, twice that is 150x112, and 1/8 (200x150) already has it.
   * ImageIO keeps every 5th pixel (320x240).
   */
  @Test
  void decodesAtTheSmallestDctScale() throws Exception {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    byte[] jpeg = jpeg(1600, 1200);
    assertEquals(List.of(200, 150), decodedSize(jpeg, new Size(75, 75), true));
    assertEquals(List.of(320, 240), decodedSize(jpeg, new Size(75, 75), false));
  }

  /**
   * Sides that do not divide by 8 round up, as libjpeg does (TJSCALED), and a scale is taken when
   * it gives exactly twice the need on the tight axis. 801x600 for 300x300 needs 300x225, twice
   * that is 600x450: 5/8 gives 501x375, 3/4 gives ceil(600.75) x 450 = 601x450.
   */
  @Test
  void scaledSidesRoundUpAndExactlyTwiceIsEnough() throws Exception {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    Size box = new Size(300, 300);
    assertEquals(List.of(601, 450), decodedSize(jpeg(801, 600), box, true)); // height exact
    assertEquals(List.of(600, 451), decodedSize(jpeg(800, 601), box, true)); // width exact
    assertEquals(List.of(600, 450), decodedSize(jpeg(800, 600), box, true)); // both exact
    // ImageIO cannot keep every 2nd pixel and still have 4x: it decodes everything
    assertEquals(List.of(801, 600), decodedSize(jpeg(801, 600), box, false));
    // 7/8 of 1000x1000 is 875 >= 2 x 400; 3/4 (750) is not
    assertEquals(List.of(875, 875), decodedSize(jpeg(1000, 1000), new Size(400, 400), true));
    // rounding makes one axis need more: 100x399 in 150x150 needs 38x150, twice 76x300; 3/4 is
    // 75x300, short by one column, so 7/8 (88x350)
    assertEquals(List.of(88, 350), decodedSize(jpeg(100, 399), new Size(150, 150), true));
    // 100x295 in 75x75 needs 25x75, twice 50x150; 1/2 is 50x148, short by two rows: 5/8 (63x185)
    assertEquals(List.of(63, 185), decodedSize(jpeg(100, 295), new Size(75, 75), true));
  }

  /** An image smaller than twice its output is decoded whole (1/1), never enlarged. */
  @Test
  void smallImagesDecodeAtFullSize() throws Exception {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    assertEquals(List.of(100, 80), decodedSize(jpeg(100, 80), new Size(75, 75), true));
    assertEquals(List.of(30, 20), decodedSize(jpeg(30, 20), new Size(75, 75), true));
  }

  /** The pixel limit holds on the fast path too, with the same message. */
  @Test
  void pixelLimitOnTheFastPath() throws Exception {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    byte[] jpeg = jpeg(40, 30);
    Decoded ok = ImageDecoder.decode(jpeg,
        DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, 1200));
    assertEquals(List.of(40, 30), List.of(ok.width(), ok.height()));
    ImageFailure f = assertThrows(ImageFailure.class, () -> ImageDecoder.decode(jpeg,
        DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, 1199)));
    assertEquals(ErrorClass.TOO_LARGE, f.errorClass());
    assertEquals("jpeg header claims 40x30 = 1200 pixels, over the limit of 1199 (--max-pixels)",
        f.getMessage());
  }

  /**
   * A truncated JPEG: libjpeg warns, fills the rest with grey and the fast path keeps its
   * decode (the DCT-scaled size), with the warning.
   */
  @Test
  void aWarningKeepsTheFastDecode() throws Exception {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    byte[] jpeg = Images.jpeg(1600, 1200, 7);
    byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 9 / 10);
    Decoded d = ImageDecoder.decode(cut,
        DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, Long.MAX_VALUE));
    assertEquals(List.of("truncated"), d.warnings());
    assertEquals(List.of(200, 150), List.of(d.image().getWidth(), d.image().getHeight()));
    int fill = d.image().getRGB(199, 149);
    assertTrue(Images.near(fill, new java.awt.Color(128, 128, 128), 3),
        "libjpeg's fill is mid-grey, not ImageIO's black: " + Images.rgb(fill));
  }

  /**
   * A fatal libjpeg error (the scan uses a Huffman table that was never defined) hands the file
   * to ImageIO, which names the failure; the fast path does not keep the grey it allocated.
   */
  @Test
  void aFatalErrorIsLeftToImageIo() throws Exception {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    byte[] jpeg = jpeg(64, 48);
    int sos = indexOfMarker(jpeg, 0xDA);
    // SOS: FF DA, length, component count, then (id, Td<<4|Ta) per component
    jpeg[sos + 6] = 0x33;
    String[] messages = new String[2];
    for (boolean nativeJpeg : new boolean[] {true, false}) {
      ImageFailure f = assertThrows(ImageFailure.class, () -> ImageDecoder.decode(jpeg,
          DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, Long.MAX_VALUE)
              .withNativeJpeg(nativeJpeg)));
      assertEquals(ErrorClass.CORRUPT, f.errorClass());
      messages[nativeJpeg ? 0 : 1] = f.getMessage();
    }
    assertTrue(messages[1].startsWith("jpeg data cannot be decoded: "), messages[1]);
    assertEquals(messages[1], messages[0]);
  }

  private static int indexOfMarker(byte[] jpeg, int marker) {
    for (int i = 2; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
        return i;
      }
    }
    throw new AssertionError("no marker " + Integer.toHexString(marker));
  }

  /**
   * One decompressor per thread, reused: TurboJPEG handles are not thread-safe. Fresh threads,
   * so that nothing an earlier test decoded on this thread is already there.
   */
  @Test
  void oneDecompressorPerThread() throws Throwable {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    Object[][] seen = new Object[2][];
    for (int t = 0; t < 2; t++) {
      Object[] mine = new Object[2];
      Thread thread = new Thread(() -> {
        try {
          mine[0] = TurboJpegCodecs.decompressor();
          mine[1] = TurboJpegCodecs.decompressor();
        } catch (Throwable e) {
          mine[0] = e;
        }
      });
      thread.start();
      thread.join();
      seen[t] = mine;
    }
    assertEquals("Decompressor", seen[0][0].getClass().getSimpleName());
    assertSame(seen[0][0], seen[0][1], "reused on its thread");
    assertSame(seen[1][0], seen[1][1], "reused on its thread");
    assertNotSame(seen[0][0], seen[1][0], "not shared between threads");
  }

  /**
   * A recycled pixel array takes the thread's next decode when it is large enough, and what it
   * held before does not show: a large image's array reused for a smaller one gives the same
   * pixels and type as a decode into a new array. A caller that does not recycle gets a new array
   * each time (fresh thread: nothing recycled earlier on this one), and an array over the size a
   * thread keeps (2 MB) is not kept.
   */
  @Test
  void aRecycledPixelArrayTakesTheNextDecodeAndShowsOnlyIt() throws Throwable {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    byte[] big = Images.jpeg(700, 500, 1);
    byte[] huge = Images.jpeg(1000, 800, 3);
    byte[] small = Images.jpeg(300, 200, 2);
    DecodeRequest whole = DecodeRequest.of(List.of(new Size(1000, 1000)), Mode.FIT,
        Long.MAX_VALUE);
    FreshThread.run(() -> {
      BufferedImage expected = TurboJpegDecoder.decode(small, whole).image();
      BufferedImage first = TurboJpegDecoder.decode(big, whole).image();
      BufferedImage kept = TurboJpegDecoder.decode(small, whole).image();
      assertNotSame(pixelsOf(first), pixelsOf(kept), "not recycled: a new array");
      TurboJpegDecoder.recycle(first);
      BufferedImage second = TurboJpegDecoder.decode(small, whole).image();
      assertSame(pixelsOf(first), pixelsOf(second), "the recycled array is reused");
      assertEquals(BufferedImage.TYPE_INT_RGB, second.getType());
      assertEquals(List.of(300, 200), List.of(second.getWidth(), second.getHeight()));
      for (int y = 0; y < 200; y++) {
        for (int x = 0; x < 300; x++) {
          assertEquals(expected.getRGB(x, y), second.getRGB(x, y), "pixel " + x + "," + y);
        }
      }
      BufferedImage third = TurboJpegDecoder.decode(small, whole).image();
      assertNotSame(pixelsOf(second), pixelsOf(third), "taken once, not shared");
      BufferedImage over = TurboJpegDecoder.decode(huge, whole).image();
      TurboJpegDecoder.recycle(over);
      BufferedImage after = TurboJpegDecoder.decode(small, whole).image();
      assertNotSame(pixelsOf(over), pixelsOf(after), "800k pixels are not kept");
    });
  }

  private static int[] pixelsOf(BufferedImage img) {
    return ((java.awt.image.DataBufferInt) img.getRaster().getDataBuffer()).getData();
  }

  /** The factors TurboJPEG offers, reductions only, smallest first: 1/8 to 1/1. */
  @Test
  void scalingFactorsAreTheReductionsSmallestFirst() {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    List<int[]> all = TurboJpegLibrary.factors(TurboJpegLibrary.LOADED.api());
    assertEquals(List.of("1/8", "1/4", "3/8", "1/2", "5/8", "3/4", "7/8", "1/1"),
        all.stream().map(f -> f[0] + "/" + f[1]).toList());
    assertEquals(List.of(601, 450),
        Arrays.stream(TurboJpegLibrary.scaledSize(all, 801, 600, 600, 450)).boxed().toList());
  }

  /** The decode is the whole picture, each quadrant in its place. */
  @Test
  void theScaledDecodeIsTheWholeImage() throws Exception {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    BufferedImage img = ImageDecoder.decode(jpeg(1600, 1200),
        DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, Long.MAX_VALUE)).image();
    assertEquals(200, img.getWidth());
    int[][] at = {{50, 37}, {150, 37}, {50, 112}, {150, 112}};
    java.awt.Color[] want = {java.awt.Color.RED, java.awt.Color.GREEN, java.awt.Color.BLUE,
        java.awt.Color.YELLOW};
    for (int i = 0; i < 4; i++) {
      int rgb = img.getRGB(at[i][0], at[i][1]);
      assertTrue(Images.near(rgb, want[i], 40), Arrays.toString(at[i]) + " " + Images.rgb(rgb));
    }
  }

  /**
   * The reductions sorted smallest first whatever order the library lists them in: here a
   * stand-in for the library that offers them shuffled, enlargements among them.
   */
  @Test
  void factorsAreSortedWhateverTheLibrarysOrder() {
    int[][] offered = {{1, 2}, {2, 1}, {1, 8}, {3, 4}, {1, 1}, {3, 8}, {15, 8}, {1, 4}};
    Memory table = new Memory(8L * offered.length);
    for (int i = 0; i < offered.length; i++) {
      table.setInt(8L * i, offered[i][0]);
      table.setInt(8L * i + 4, offered[i][1]);
    }
    TurboJpegLibrary.Api api = (TurboJpegLibrary.Api) Proxy.newProxyInstance(
        TurboJpegLibrary.Api.class.getClassLoader(), new Class<?>[] {TurboJpegLibrary.Api.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("tjGetScalingFactors")) {
            throw new UnsupportedOperationException(method.getName());
          }
          ((int[]) args[0])[0] = offered.length;
          return table;
        });
    assertEquals(List.of("1/8", "1/4", "3/8", "1/2", "3/4", "1/1"),
        TurboJpegLibrary.factors(api).stream().map(f -> f[0] + "/" + f[1]).toList());
  }

  /** Without a factor that leaves enough pixels (or any factor: no library), the full size. */
  @Test
  void withoutAFittingFactorTheScaledSizeIsTheFullSize() {
    assertEquals(List.of(801, 600),
        Arrays.stream(TurboJpegLibrary.scaledSize(List.of(), 801, 600, 10, 10)).boxed().toList());
    assertEquals(List.of(801, 600), Arrays.stream(
        TurboJpegLibrary.scaledSize(List.of(new int[] {1, 8}), 801, 600, 200, 10)).boxed()
        .toList());
    assertEquals(List.of(101, 75), Arrays.stream(
        TurboJpegLibrary.scaledSize(List.of(new int[] {1, 8}), 801, 600, 101, 75)).boxed()
        .toList());
  }

  /**
   * A JPEG cut before its frame header: libjpeg-turbo reads the header "successfully" as 0x0, and
   * the file is left to ImageIO, which names the damage.
   */
  @Test
  void aJpegCutBeforeItsFrameIsLeftToImageIo() throws Throwable {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    byte[] good = jpeg(64, 48);
    byte[] cut = Arrays.copyOf(good, indexOfMarker(good, 0xDB));
    DecodeRequest request = DecodeRequest.of(List.of(new Size(64, 64)), Mode.FIT,
        Long.MAX_VALUE);
    FreshThread.run(() -> assertNull(TurboJpegDecoder.decode(cut, request)));
  }

  /**
   * After a damaged header, a fatal error or (for a thumbnail) a warning the thread's handle is
   * dropped and the next image gets a new one; after a good image, a warning in a photo, or a
   * thumbnail of another size or colour space, which the library was not asked to decode, it is
   * kept.
   */
  @Test
  void afterAFailureTheThreadGetsANewDecompressor() throws Throwable {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    byte[] good = jpeg(64, 48);
    byte[] header = good.clone();
    header[1] = 0; // SOI damaged
    byte[] fatal = good.clone();
    fatal[indexOfMarker(fatal, 0xDA) + 6] = 0x33; // a Huffman table that was never defined
    byte[] cut = Arrays.copyOf(Images.jpeg(64, 48, 7), Images.jpeg(64, 48, 7).length * 9 / 10);
    DecodeRequest request = DecodeRequest.of(List.of(new Size(64, 64)), Mode.FIT,
        Long.MAX_VALUE);
    FreshThread.run(() -> {
      TurboJpegCodecs.Decompressor first = TurboJpegCodecs.decompressor();
      assertEquals(64, TurboJpegDecoder.decode(good, request).image().getWidth());
      assertSame(first, TurboJpegCodecs.decompressor(), "a good image");
      assertNull(TurboJpegDecoder.decode(header, request));
      TurboJpegCodecs.Decompressor second = TurboJpegCodecs.decompressor();
      assertNotSame(first, second, "a damaged header");
      assertNull(TurboJpegDecoder.decode(fatal, request));
      TurboJpegCodecs.Decompressor third = TurboJpegCodecs.decompressor();
      assertNotSame(second, third, "a fatal error");
      assertEquals(List.of("truncated"), TurboJpegDecoder.decode(cut, request).warnings());
      assertSame(third, TurboJpegCodecs.decompressor(), "a warning in a photo");

      BufferedImage whole = TurboJpegDecoder.decodeWhole(good, 64, 48, 64, 48);
      assertEquals(List.of(64, 48), List.of(whole.getWidth(), whole.getHeight()));
      assertNull(TurboJpegDecoder.decodeWhole(good, 65, 48, 1, 1));
      assertNull(TurboJpegDecoder.decodeWhole(good, 64, 49, 1, 1));
      assertSame(third, TurboJpegCodecs.decompressor(), "thumbnails of another size");
      assertNull(TurboJpegDecoder.decodeWhole(header, 64, 48, 1, 1));
      TurboJpegCodecs.Decompressor fourth = TurboJpegCodecs.decompressor();
      assertNotSame(third, fourth, "a thumbnail's damaged header");
      assertNull(TurboJpegDecoder.decodeWhole(cut, 64, 48, 64, 48));
      assertNotSame(fourth, TurboJpegCodecs.decompressor(), "a thumbnail's warning");
    });
  }

  /**
   * A file over 16 MB (here a small JPEG padded with comment segments) does not keep its source
   * buffer after it is decoded, as a photo or as a thumbnail.
   */
  @Test
  void aSourceOver16MbIsFreedAfterItsImage() throws Throwable {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    byte[] good = jpeg(64, 48);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(good, 0, 2);
    byte[] comment = new byte[65533];
    for (int i = 0; i < 260; i++) { // 260 x 65537 bytes: 17 MB
      out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF});
      out.writeBytes(comment);
    }
    out.write(good, 2, good.length - 2);
    byte[] padded = out.toByteArray();
    DecodeRequest request = DecodeRequest.of(List.of(new Size(64, 64)), Mode.FIT,
        Long.MAX_VALUE);
    FreshThread.run(() -> {
      assertEquals(64, TurboJpegDecoder.decode(padded, request).image().getWidth());
      assertNull(TurboJpegCodecs.decompressor().source);
      assertEquals(64, TurboJpegDecoder.decodeWhole(padded, 64, 48, 64, 48).getWidth());
      assertNull(TurboJpegCodecs.decompressor().source);
      assertEquals(64, TurboJpegDecoder.decode(good, request).image().getWidth());
      assertEquals(65536, TurboJpegCodecs.decompressor().source.size(), "a small one is kept");
    });
  }

  /**
   * CMYK and YCCK thumbnails are not decoded by the library (TurboJPEG makes no RGB of them): null
   * without trying, so the thread keeps its handle. The YCCK one is made by TurboJPEG itself from
   * CMYK pixels.
   */
  @Test
  void cmykAndYcckThumbnailsAreNotTried() throws Throwable {
    assumeTrue(installed(), "libjpeg-turbo not installed");
    byte[] cmyk = cmykJpeg();
    byte[] ycck = ycck(32, 16);
    FreshThread.run(() -> {
      for (byte[] jpeg : List.of(cmyk, ycck)) {
        int[] header = header(jpeg);
        TurboJpegCodecs.Decompressor before = TurboJpegCodecs.decompressor();
        assertNull(TurboJpegDecoder.decodeWhole(jpeg, header[0], header[1], 1, 1));
        assertSame(before, TurboJpegCodecs.decompressor(), "colour space " + header[2]);
      }
      assertEquals(3, header(cmyk)[2], "CMYK");
      assertEquals(4, header(ycck)[2], "YCCK");
    });
  }

  /** {width, height, colour space} as the library reads them. */
  private static int[] header(byte[] jpeg) {
    TurboJpegLibrary.Api api = TurboJpegLibrary.API;
    Pointer handle = api.tjInitDecompress();
    try (Memory src = new Memory(jpeg.length)) {
      src.write(0, jpeg, 0, jpeg.length);
      int[] w = new int[1];
      int[] h = new int[1];
      int[] cs = new int[1];
      assertEquals(0, api.tjDecompressHeader3(handle, src, new NativeLong(jpeg.length), w, h,
          new int[1], cs));
      return new int[] {w[0], h[0], cs[0]};
    } finally {
      api.tjDestroy(handle);
    }
  }

  /** A YCCK JPEG: TurboJPEG compresses CMYK pixels (TJPF_CMYK) as YCCK. */
  private static byte[] ycck(int w, int h) {
    TurboJpegLibrary.Api api = TurboJpegLibrary.API;
    Pointer handle = api.tjInitCompress();
    try (Memory src = new Memory(4L * w * h)) {
      src.setMemory(0, 4L * w * h, (byte) 0x40);
      PointerByReference out = new PointerByReference();
      NativeLongByReference size = new NativeLongByReference();
      assertEquals(0, api.tjCompress2(handle, src, w, w * 4, h, 11, out, size, 0, 90, 0));
      byte[] jpeg = out.getValue().getByteArray(0, size.getValue().intValue());
      api.tjFree(out.getValue());
      return jpeg;
    } finally {
      api.tjDestroy(handle);
    }
  }
}
