package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.Craft;
import io.github.sparkthumbs.testing.ExifImages;
import io.github.sparkthumbs.testing.Images;
import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOException;
import org.junit.jupiter.api.Test;

/**
 * The decoder's edges, on real bytes: the limits at their exact values, how far a source is
 * shrunk on load, what a damaged image is measured and called, and the helpers that name
 * unreadable content and decoder complaints. Written against the mutants PIT found surviving.
 */
class ImageDecoderTest {
  private static final List<Size> BOX = List.of(new Size(75, 75));

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  // ---- limits ---------------------------------------------------------------------------

  @Test
  void pixelLimitIsInclusive() throws Exception {
    byte[] png = Images.png(40, 30, 1);
    Decoded d = ImageDecoder.decode(png,
        DecodeRequest.of(BOX, Mode.FIT, 1200).withNativeJpeg(false));
    assertEquals(List.of(40, 30), List.of(d.width(), d.height()));
    ImageFailure f = assertThrows(ImageFailure.class,
        () -> ImageDecoder.decode(png,
            DecodeRequest.of(BOX, Mode.FIT, 1199).withNativeJpeg(false)));
    assertEquals(ErrorClass.TOO_LARGE, f.errorClass());
    assertTrue(f.getMessage().contains("40x30 = 1200 pixels, over the limit of 1199"),
        f.getMessage());
  }

  @Test
  void absurdHeadersAreCorruptAndHugeOnesTooLarge() {
    for (int[] wh : new int[][] {{0, 5}, {5, 0}, {-1, 5}}) {
      ImageFailure f = assertThrows(ImageFailure.class,
          () -> DecodeSteps.checkDimensions("png", wh[0], wh[1], Long.MAX_VALUE));
      assertEquals(ErrorClass.CORRUPT, f.errorClass(), Arrays.toString(wh));
      assertTrue(f.getMessage().contains("claims " + wh[0] + "x" + wh[1]), f.getMessage());
    }
    // 50000 x 50000 overflows an int product: the limit must see 2.5 G pixels
    ImageFailure big = assertThrows(ImageFailure.class,
        () -> DecodeSteps.checkDimensions("png", 50_000, 50_000, 1_000_000_000L));
    assertEquals(ErrorClass.TOO_LARGE, big.errorClass());
  }

  // ---- shrink-on-load -------------------------------------------------------------------

  /** 4000x3000 for 75x75: needs 75x56, every 13th pixel keeps 4x that: 308x231 decoded. */
  @Test
  void imageIoSubsamplesToFourTimesTheOutput() throws Exception {
    Decoded d = ImageDecoder.decode(Images.png(4000, 3000, 2),
        DecodeRequest.of(BOX, Mode.FIT, Long.MAX_VALUE).withNativeJpeg(false));
    assertEquals(List.of(308, 231), List.of(d.image().getWidth(), d.image().getHeight()));
    assertEquals(List.of(4000, 3000), List.of(d.width(), d.height()));
    assertEquals("png", d.format());
    assertEquals(1, d.orientation());
  }

  @Test
  void needIsInStoredOrientationAndTheLargestOverAllBoxes() {
    // fit: the output itself
    assertArrayEquals(new int[] {100, 25},
        DecodeSteps.need(4000, 1000, 1, List.of(new Size(100, 100)), Mode.FIT));
    // crop fills the box: the source scaled until its short side covers it
    assertArrayEquals(new int[] {400, 100},
        DecodeSteps.need(4000, 1000, 1, List.of(new Size(100, 100)), Mode.CROP));
    // stored 4000x1000 shown 1000x4000 (orientation 6): the need is still per stored axis
    assertArrayEquals(new int[] {400, 100},
        DecodeSteps.need(4000, 1000, 6, List.of(new Size(100, 100)), Mode.CROP));
    assertArrayEquals(new int[] {200, 50}, // shown 1000x4000 fits as 50x200
        DecodeSteps.need(4000, 1000, 6, List.of(new Size(200, 200)), Mode.FIT));
    // the largest need of each axis over all boxes
    for (List<Size> boxes : List.of(List.of(new Size(300, 10), new Size(400, 400)),
        List.of(new Size(400, 400), new Size(300, 10)))) {
      assertArrayEquals(new int[] {400, 100}, DecodeSteps.need(4000, 1000, 1, boxes, Mode.FIT));
    }
    // a crop that rounds up, never down: 333.3 -> 334
    assertArrayEquals(new int[] {334, 100},
        DecodeSteps.need(1000, 300, 1, List.of(new Size(100, 100)), Mode.CROP));
  }

  // ---- damaged images -------------------------------------------------------------------

  /** Rows above the uniform tail, with the decoders' unit of tolerance per channel. */
  @Test
  void decodedFractionIsTheShareAboveTheFillTail() {
    BufferedImage img = new BufferedImage(4, 10, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) {
      img.setRGB(0, y, 0xFFFFFF);
    }
    assertEquals(0.4, Damage.decodedFraction(img), 1e-9);
    img.setRGB(3, 7, 0x020202); // within the tolerance of the black fill
    assertEquals(0.4, Damage.decodedFraction(img), 1e-9);
    img.setRGB(3, 7, 0x000003); // one unit more, in one channel only: a decoded row
    assertEquals(0.8, Damage.decodedFraction(img), 1e-9);
    img.setRGB(3, 7, 0x030000);
    assertEquals(0.8, Damage.decodedFraction(img), 1e-9);
    BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0x80000000); // differs from the transparent fill in alpha only
    assertEquals(0.5, Damage.decodedFraction(argb), 1e-9);
    BufferedImage flat = new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB);
    assertEquals(0.0, Damage.decodedFraction(flat), 1e-9);
  }

  @Test
  void decodedIsSaidOnlyWithWarningsAndRoundedDown() {
    BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    assertNull(new Decoded(img, 2, 2, 1, "png", List.of(), 0.999, null).decodedOrNull());
    assertEquals(0.45, new Decoded(img, 2, 2, 1, "png", List.of("truncated"), 0.459, null)
        .decodedOrNull(), 1e-9);
    Decoded intact = Decoded.of(img, 2, 2, 1, "png", List.of());
    assertEquals(1.0, intact.decoded(), 1e-9); // not measured: an intact black image is fine
  }

  /** A JPEG cut at its scan: most of it decodes (kept, with a warning), or too little (corrupt). */
  @Test
  void truncatedJpegIsKeptWhenEnoughDecodedAndCorruptOtherwise() throws Exception {
    byte[] jpeg = Images.jpeg(64, 256, 5);
    byte[] mostly = Arrays.copyOf(jpeg, jpeg.length * 9 / 10);
    for (boolean nativeJpeg : new boolean[] {false, true}) {
      Decoded d = ImageDecoder.decode(mostly,
          DecodeRequest.of(List.of(new Size(64, 256)), Mode.FIT, Long.MAX_VALUE)
              .withNativeJpeg(nativeJpeg));
      assertEquals(List.of("truncated"), d.warnings(), "native " + nativeJpeg);
      assertTrue(d.decoded() >= 0.5 && d.decoded() < 1.0, "native " + nativeJpeg + ": "
          + d.decoded());
      assertEquals(Math.floor(d.decoded() * 100) / 100, d.decodedOrNull(), 1e-9);
    }
    int sos = sos(jpeg);
    byte[] sliver = Arrays.copyOf(jpeg, sos + (jpeg.length - sos) / 20);
    for (boolean nativeJpeg : new boolean[] {false, true}) {
      ImageFailure f = assertThrows(ImageFailure.class, () -> ImageDecoder.decode(sliver,
          DecodeRequest.of(List.of(new Size(64, 256)), Mode.FIT, Long.MAX_VALUE)
              .withNativeJpeg(nativeJpeg)));
      assertEquals(ErrorClass.CORRUPT, f.errorClass(), f.getMessage());
      assertTrue(f.getMessage().contains("of the rows decoded") && f.getMessage().contains(
          "(ok needs 25%)"), f.getMessage());
    }
  }

  /**
   * A PNG cut inside its image data: the PNG reader throws part-way, and the rows it wrote into
   * the destination before that are kept. Top 64 of 256 rows white, the rest black, cut at row
   * 200: the uniform black tail starts at row 64, exactly the 25% that is still ok.
   */
  @Test
  void aPngCutInItsDataKeepsTheRowsBeforeTheCut() throws Exception {
    byte[] png = Craft.storedPng(64, 256, 64);
    byte[] cut = Arrays.copyOf(png, Craft.storedPngRowStart(png, 64, 200));
    Decoded d = ImageDecoder.decode(cut,
        DecodeRequest.of(List.of(new Size(64, 256)), Mode.FIT, Long.MAX_VALUE));
    assertEquals(List.of("truncated"), d.warnings());
    assertEquals(0.25, d.decoded(), 1e-12);
    assertEquals(0.25, d.decodedOrNull(), 1e-12);
    BufferedImage img = d.image();
    assertEquals(List.of(64, 256), List.of(img.getWidth(), img.getHeight()));
    assertEquals(0xFFFFFF, img.getRGB(10, 63) & 0xFFFFFF, "a decoded white row");
    assertEquals(0x000000, img.getRGB(10, 64) & 0xFFFFFF, "a decoded black row");
  }

  /** The same with 16 white rows: 6.25% decoded, said as 6% in the failure. */
  @Test
  void tooLittleDecodedSaysHowMuch() {
    byte[] png = Craft.storedPng(64, 256, 16);
    byte[] cut = Arrays.copyOf(png, Craft.storedPngRowStart(png, 64, 200));
    ImageFailure f = assertThrows(ImageFailure.class, () -> ImageDecoder.decode(cut,
        DecodeRequest.of(List.of(new Size(64, 256)), Mode.FIT, Long.MAX_VALUE)));
    assertEquals(ErrorClass.CORRUPT, f.errorClass());
    assertEquals("png data is damaged [truncated]: only 6% of the rows decoded, the rest is fill"
        + " (ok needs 25%)", f.getMessage());
  }

  private static int sos(byte[] jpeg) {
    for (int i = 2; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
        return i;
      }
    }
    throw new AssertionError("no SOS");
  }

  @Test
  void thumbnailerCarriesTheDamageReport() throws Exception {
    byte[] jpeg = Images.jpeg(64, 256, 6);
    byte[] mostly = Arrays.copyOf(jpeg, jpeg.length * 9 / 10);
    ImageSettings s = ImageSettings.builder().size(32, 128).nativeJpeg(false).build();
    EncodedThumbnails t = new Thumbnailer(s).make(mostly, OutputFormat.JPG);
    assertEquals(List.of("truncated"), t.warnings());
    assertTrue(t.decoded() != null && t.decoded() >= 0.5 && t.decoded() < 1.0, "" + t.decoded());
    BufferedImage out = Images.read(t.encoded().get(0));
    assertEquals(List.of(32, 128), List.of(out.getWidth(), out.getHeight()));
  }

  // ---- pixels ---------------------------------------------------------------------------

  @Test
  void droppedAlphaIsCompositedOnWhiteAndKeptAlphaStays() {
    BufferedImage abgr = new BufferedImage(2, 1, BufferedImage.TYPE_4BYTE_ABGR);
    abgr.setRGB(0, 0, 0x00000000); // fully transparent
    abgr.setRGB(1, 0, 0xFF102030);
    BufferedImage rgb = ImageDecoder.normalize(abgr, false);
    assertEquals(BufferedImage.TYPE_INT_RGB, rgb.getType());
    assertEquals(0xFFFFFF, rgb.getRGB(0, 0) & 0xFFFFFF, "transparent must become white");
    assertEquals(0x102030, rgb.getRGB(1, 0) & 0xFFFFFF);
    BufferedImage argb = ImageDecoder.normalize(abgr, true);
    assertEquals(BufferedImage.TYPE_INT_ARGB, argb.getType());
    assertEquals(0, argb.getRGB(0, 0) >>> 24);
    assertEquals(0xFF102030, argb.getRGB(1, 0));
    BufferedImage already = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    assertSame(already, ImageDecoder.normalize(already, true), "no alpha: nothing to keep");
    BufferedImage bgr = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
    bgr.setRGB(0, 0, 0x405060);
    BufferedImage converted = ImageDecoder.normalize(bgr, false);
    assertEquals(BufferedImage.TYPE_INT_RGB, converted.getType());
    assertEquals(0x405060, converted.getRGB(0, 0) & 0xFFFFFF);
  }

  /** Kept alpha is copied, not blended: half-transparent pixels keep their exact colour. */
  @Test
  void keptAlphaIsExact() {
    BufferedImage abgr = new BufferedImage(4, 1, BufferedImage.TYPE_4BYTE_ABGR);
    int[] argb = {0x80102030, 0x01FFFFFF, 0x7F7F7F7F, 0xFE010203};
    for (int i = 0; i < argb.length; i++) {
      abgr.setRGB(i, 0, argb[i]);
    }
    BufferedImage out = ImageDecoder.normalize(abgr, true);
    for (int i = 0; i < argb.length; i++) {
      assertEquals(Images.rgb(abgr.getRGB(i, 0)) + " alpha " + (abgr.getRGB(i, 0) >>> 24),
          Images.rgb(out.getRGB(i, 0)) + " alpha " + (out.getRGB(i, 0) >>> 24), "pixel " + i);
    }
  }

  @Test
  void pngWithAlphaKeepsItOnlyWhenTheOutputCan() throws Exception {
    BufferedImage src = new BufferedImage(20, 20, BufferedImage.TYPE_INT_ARGB); // transparent
    byte[] png = Images.encode(src, "png");
    Decoded keep = ImageDecoder.decode(png,
        DecodeRequest.of(BOX, Mode.FIT, Long.MAX_VALUE).withKeepAlpha(true).withNativeJpeg(false));
    assertEquals(BufferedImage.TYPE_INT_ARGB, keep.image().getType());
    Decoded drop = ImageDecoder.decode(png,
        DecodeRequest.of(BOX, Mode.FIT, Long.MAX_VALUE).withNativeJpeg(false));
    assertEquals(BufferedImage.TYPE_INT_RGB, drop.image().getType());
    assertEquals(Color.WHITE.getRGB(), drop.image().getRGB(5, 5));
  }

  @Test
  void lowerQualityMakesSmallerJpegs() throws Exception {
    byte[] src = Images.jpeg(600, 400, 9);
    ImageSettings.Builder b = ImageSettings.builder().size(300, 200);
    int low = new Thumbnailer(b.quality(10).build()).make(src, OutputFormat.JPG).encoded().get(0)
        .length;
    int high = new Thumbnailer(b.quality(95).build()).make(src, OutputFormat.JPG).encoded()
        .get(0).length;
    assertTrue(low * 2 < high, "q10 " + low + " bytes, q95 " + high);
  }

  /** An image already the size of its thumbnail is encoded as decoded, every pixel. */
  @Test
  void anImageOfExactlyTheOutputSizeIsNotResampled() throws Exception {
    BufferedImage src = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
    int[] colours = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0x00FFFF, 0xFF00FF};
    for (int i = 0; i < 6; i++) {
      src.setRGB(i % 3, i / 3, colours[i]);
    }
    ImageSettings s = ImageSettings.builder().size(3, 2).build();
    byte[] png = new Thumbnailer(s).make(Images.encode(src, "png"), OutputFormat.PNG).encoded()
        .get(0);
    BufferedImage out = Images.read(png);
    for (int i = 0; i < 6; i++) {
      assertEquals(colours[i], out.getRGB(i % 3, i / 3) & 0xFFFFFF, "pixel " + i);
    }
  }

  // ---- names for content and complaints ---------------------------------------------------

  /**
   * A decode abandoned at its time budget (its thread interrupted) stops at the reader's first
   * progress report: its rows are never decoded and stay as the destination's zeros.
   */
  @Test
  void anInterruptedDecodeStopsEarly() throws Exception {
    byte[] white = Craft.storedPng(64, 256, 256);
    DecodeRequest request = DecodeRequest.of(List.of(new Size(64, 256)), Mode.FIT, 1L << 40);
    // first uninterrupted: the plugin scan and class loading must not see the interrupt
    assertEquals(0xFFFFFFFF, ImageDecoder.decode(white, request).image().getRGB(63, 255));
    Decoded d;
    Thread.currentThread().interrupt();
    try {
      d = ImageDecoder.decode(white, request);
    } finally {
      assertTrue(Thread.interrupted(), "the interrupt is left for the caller");
    }
    assertEquals(0xFF000000, d.image().getRGB(0, 0));
    assertEquals(0xFF000000, d.image().getRGB(63, 255));
  }

  /** A reader that cannot say its format is named "unknown" rather than failing the image. */
  @Test
  void aReaderWithoutAFormatNameIsUnknown() {
    javax.imageio.ImageReader reader = new javax.imageio.ImageReader(null) {
      @Override
      public String getFormatName() throws IOException {
        throw new IOException("no format");
      }

      @Override public int getNumImages(boolean allowSearch) {
        return 0;
      }
      @Override public int getWidth(int imageIndex) {
        return 0;
      }
      @Override public int getHeight(int imageIndex) {
        return 0;
      }
      @Override public java.util.Iterator<javax.imageio.ImageTypeSpecifier> getImageTypes(int i) {
        return null;
      }
      @Override public javax.imageio.metadata.IIOMetadata getStreamMetadata() {
        return null;
      }
      @Override public javax.imageio.metadata.IIOMetadata getImageMetadata(int imageIndex) {
        return null;
      }
      @Override public BufferedImage read(int imageIndex, javax.imageio.ImageReadParam param) {
        return null;
      }
    };
    assertEquals("unknown", ImageDecoder.formatName(reader));
  }

  @Test
  void knownUnreadableFormatsAreNamed() {
    assertEquals("HEIC/HEIF", Sniff.knownUnreadable(ascii("\0\0\0\u0018ftypheic")));
    assertEquals("HEIC/HEIF", Sniff.knownUnreadable(ascii("\0\0\0\u0018ftypmif1")));
    assertEquals("HEIC/HEIF", Sniff.knownUnreadable(ascii("\0\0\0\u0018ftyphevc")));
    assertEquals("AVIF", Sniff.knownUnreadable(ascii("\0\0\0\u0018ftypavif")));
    assertNull(Sniff.knownUnreadable(ascii("\0\0\0\u0018ftypisom"))); // an MP4
    assertNull(Sniff.knownUnreadable(ascii("\0\0\0\u0018ftyphei"))); // 11 bytes
    assertEquals("JPEG 2000",
        Sniff.knownUnreadable(ascii("\0\0\0\u000CjP  \r\n\u0087\n")));
    assertNull(Sniff.knownUnreadable(ascii("\0\0\0\u000CjX  \r\n\u0087\n")));
    assertNull(Sniff.knownUnreadable(ascii("\0\0\0\rjP  \r\n\u0087\n")));
    assertNull(Sniff.knownUnreadable(ascii("\0\0\u0001\u000CjP  \r\n\u0087\n")));
    assertEquals("AVIF, which Java cannot decode",
        Sniff.describe(ascii("\0\0\0\u0018ftypavif")));
  }

  @Test
  void contentIsDescribedByItsFirstBytes() {
    assertEquals("HTML starting '<!DOCTYPE html><'",
        Sniff.describe(ascii("<!DOCTYPE html><html><body>")));
    assertEquals("HTML starting '<html>'", Sniff.describe(ascii("<html>")));
    assertEquals("markup starting '<?xml version=\"1'", Sniff.describe(ascii("<?xml version=\"1.0\"?>")));
    assertEquals("text starting 'Not Found'", Sniff.describe(ascii("Not\tFound\r\n")));
    assertEquals("text starting '~ ~'", Sniff.describe(ascii("~ ~")));
    assertEquals("bytes 00 7f 80 ff 01 02 03 04", Sniff.describe(
        new byte[] {0, 0x7F, (byte) 0x80, (byte) 0xFF, 1, 2, 3, 4, 5, 6}));
    assertEquals("bytes 41 42 7f", Sniff.describe(new byte[] {'A', 'B', 0x7F}));
    assertEquals("bytes 41 1f", Sniff.describe(new byte[] {'A', 0x1F}));
    assertEquals("bytes", Sniff.describe(new byte[0]));
  }

  @Test
  void imageExtensions() {
    for (String yes : List.of("a.JPG", "a.jpeg", "b/c.tif", "x.tiff", "y.webp", "z.heic")) {
      assertTrue(Sniff.hasImageExtension(yes), yes);
    }
    for (String no : List.of("a.txt", "jpg", "a.jpg.txt", "a.jpgx", "a_jpg")) {
      assertFalse(Sniff.hasImageExtension(no), no);
    }
  }

  @Test
  void complaintsAreClassified() {
    for (String t : List.of("Premature end of JPEG file", "premature SOS", "Image data truncated",
        "Unexpected EOF", "Reached end of stream", "unexpected end of data",
        "Unexpected end-of-stream")) {
      assertEquals("truncated", DecodeSteps.classify(t), t);
    }
    for (String c : List.of("Corrupt JPEG data: bad Huffman code", "Invalid SOS parameters")) {
      assertEquals("corrupt-data", DecodeSteps.classify(c), c);
    }
  }

  @Test
  void informationalWarningsAreNotDamage() {
    for (String info : List.of("Embedded ICC profile ignored", "Bad color profile",
        "Colors may look wrong", "Ignoring JFXX segment", "Unknown APP14 marker")) {
      assertTrue(ImageDecoder.isInformational(info), info);
    }
    for (String damage : List.of("Unknown thing", "Missing marker", "Corrupt JPEG data")) {
      assertFalse(ImageDecoder.isInformational(damage), damage);
    }
  }

  @Test
  void messagesIncludeTheCauseOfAnImageIoError() {
    assertEquals("read failed: bad huffman", ImageDecoder.message(
        new IIOException("read failed", new IOException("bad huffman"))));
    assertEquals("read failed", ImageDecoder.message(
        new IIOException("read failed", new IOException())));
    assertEquals("read failed", ImageDecoder.message(new IIOException("read failed")));
    assertEquals("outer", ImageDecoder.message(new IOException("outer", new IOException("in"))));
    assertEquals("NullPointerException", ImageDecoder.message(new NullPointerException()));
  }

  // ---- colour profiles ------------------------------------------------------------------

  /** The JPEG with an APP2 ICC_PROFILE segment right after SOI. */
  private static byte[] withIcc(byte[] jpeg, byte[] profile) {
    int len = 2 + 12 + 2 + profile.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (len >> 8), (byte) len});
    out.writeBytes(ascii("ICC_PROFILE\0"));
    out.writeBytes(new byte[] {1, 1});
    out.writeBytes(profile);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  @Test
  void onlyNonSrgbProfilesAreFlagged() throws Exception {
    byte[] jpeg = Images.jpeg(16, 16, 3);
    assertFalse(JpegSegments.hasNonSrgbProfile(jpeg), "no profile");
    byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    byte[] linear = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    assertFalse(JpegSegments.hasNonSrgbProfile(withIcc(jpeg, srgb)));
    assertTrue(JpegSegments.hasNonSrgbProfile(withIcc(jpeg, linear)));
    int[] at = JpegSegments.find(withIcc(jpeg, srgb), 0xE2, "ICC_PROFILE\0");
    assertArrayEquals(new int[] {18, 20 + srgb.length}, at); // after the prefix, to the end
    assertTrue(JpegSegments.iccDescription(withIcc(jpeg, srgb), 20, at[1]).startsWith("sRGB"));
    assertTrue(JpegSegments.hasNonSrgbProfile(withIcc(jpeg, new byte[40])), "damaged: ImageIO");
  }

  @Test
  void v4ProfileDescriptionsAreRead() {
    // header (128) + tag count + one 'desc' tag pointing at an 'mluc' record holding "sRGB v4"
    String text = "sRGB v4";
    byte[] p = new byte[132 + 12 + 28 + 2 * text.length()];
    put32(p, 128, 1);
    put32(p, 132, 0x64657363);
    put32(p, 136, 144);
    put32(p, 140, p.length - 144);
    put32(p, 144, 0x6D6C7563);
    put32(p, 144 + 20, 2 * text.length());
    put32(p, 144 + 24, 28);
    byte[] utf16 = text.getBytes(StandardCharsets.UTF_16BE);
    System.arraycopy(utf16, 0, p, 144 + 28, utf16.length);
    assertEquals(text, JpegSegments.iccDescription(p, 0, p.length));
    put32(p, 144, 0x58595A20); // 'XYZ ': a desc of an unknown type
    assertNull(JpegSegments.iccDescription(p, 0, p.length));
    put32(p, 132, 0x77747074); // 'wtpt': no desc tag at all
    assertNull(JpegSegments.iccDescription(p, 0, p.length));
  }

  private static void put32(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  /** Other APP1 segments (XMP) may come before the EXIF one: each is skipped by its length. */
  @Test
  void exifAfterAnXmpSegmentIsFound() throws Exception {
    BufferedImage shown = Images.quadrants(40, 20);
    byte[] oriented = ExifImages.oriented("jpeg", shown, 6, ByteOrder.BIG_ENDIAN);
    byte[] xmp = ascii("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(oriented, 0, 2);
    int len = 2 + xmp.length;
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (len >> 8), (byte) len});
    out.writeBytes(xmp);
    out.write(oriented, 2, oriented.length - 2);
    assertEquals(6, ExifOrientation.read(out.toByteArray()));
    assertEquals(6, ExifOrientation.read(oriented));
    assertNull(JpegSegments.find(ascii("GIF89a..."), 0xE1, "Exif\0\0"));
  }
}
