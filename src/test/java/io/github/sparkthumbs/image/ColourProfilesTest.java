package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sparkthumbs.image.ColourProfiles.Declared;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.testing.FreshThread;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.NativeEncoders;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every format that declares a colour space comes out in sRGB. The fixtures
 * (src/test/resources/colour/make-fixtures.sh) hold eight flat patches of the same stored values,
 * in Display P3 or Adobe RGB, each tagged the way its format tags it; the references are those
 * values converted by LittleCMS's transicc. A thumbnail at the fixture's own size is the
 * converted picture, compared patch by patch.
 */
class ColourProfilesTest {
  /** The stored values of the eight patches (4 x 2, 16x24 each), as the script writes them. */
  private static final int[][] STORED = {{255, 0, 0}, {60, 170, 60}, {60, 60, 190},
      {230, 140, 40}, {128, 128, 128}, {0, 150, 150}, {150, 40, 160}, {220, 170, 140}};

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = ColourProfilesTest.class.getResourceAsStream("/colour/" + name)) {
      return in.readAllBytes();
    }
  }

  private static EncodedThumbnails thumbnail(byte[] source) throws Exception {
    try (Thumbnailer t = new Thumbnailer(ImageSettings.builder().size(64, 48).build())) {
      return t.make(source, OutputFormat.PNG);
    }
  }

  /**
   * The mean absolute difference per channel between {@code a} and {@code b} over the middle
   * 8x12 of each patch (away from the edges, where lossy codecs and chroma subsampling blur).
   */
  private static double meanDifference(BufferedImage a, BufferedImage b) {
    long sum = 0;
    int n = 0;
    for (int patch = 0; patch < 8; patch++) {
      for (int y = 24 * (patch / 4) + 6; y < 24 * (patch / 4) + 18; y++) {
        for (int x = 16 * (patch % 4) + 4; x < 16 * (patch % 4) + 12; x++) {
          int p = a.getRGB(x, y);
          int q = b.getRGB(x, y);
          for (int shift = 0; shift <= 16; shift += 8) {
            sum += Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF));
            n++;
          }
        }
      }
    }
    return (double) sum / n;
  }

  private static BufferedImage stored() {
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        int[] c = STORED[4 * (y / 24) + x / 16];
        img.setRGB(x, y, c[0] << 16 | c[1] << 8 | c[2]);
      }
    }
    return img;
  }

  /** The green patch (stored 60,170,60): out of sRGB's gamut in both spaces, red clips to 0. */
  private static int greenPatchRed(BufferedImage img) {
    return img.getRGB(24, 12) >> 16 & 0xFF;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "p3.png, png, p3-reference.png, 0.5",
      "adobe.png, png, adobe-reference.png, 0.5",
      "p3-cicp.png, png, p3-reference.png, 0.5",
      "p3.webp, webp, p3-reference.png, 0.5",
      "p3.tif, tiff, p3-reference.png, 0.5",
      "adobe.tif, tiff, adobe-reference.png, 0.5",
      "p3.bmp, bmp, p3-reference.png, 0.5",
      "p3.psd, psd, p3-reference.png, 0.5",
      "p3.jpg, jpeg, p3-reference.png, 1.5",
      "p3.heic, heif, p3-reference.png, 1.5",
      "p3-nclx.avif, avif, p3-reference.png, 1.5"})
  void eachFormatsDeclaredColourSpaceBecomesSrgb(String name, String format, String reference,
      double tolerance) throws Exception {
    if (format.equals("heif") || format.equals("avif")) {
      assumeTrue(NativeEncoders.library("libheif.so.1"), "libheif1 not installed");
    }
    EncodedThumbnails t = thumbnail(fixture(name));
    assertEquals(format, t.format());
    assertEquals(List.of(), t.warnings());
    BufferedImage thumb = Images.read(t.encoded().get(0));
    BufferedImage ref = Images.read(fixture(reference));
    double toReference = meanDifference(thumb, ref);
    assertTrue(toReference <= tolerance, name + ": mean difference to LittleCMS's conversion "
        + toReference + " > " + tolerance);
    double toStored = meanDifference(thumb, stored());
    assertTrue(toStored > 7, name + ": mean difference to the unconverted values only "
        + toStored);
    assertTrue(greenPatchRed(thumb) <= 3, name + ": green patch "
        + Images.rgb(thumb.getRGB(24, 12)) + ", unconverted it is (60,170,60)");
  }

  /**
   * A HEIC's thumbnail item, decoded instead of the primary image for a small box, is converted
   * by the primary image's profile.
   */
  @Test
  void aHeifThumbnailItemIsConvertedToo() throws Exception {
    assumeTrue(NativeEncoders.library("libheif.so.1"), "libheif1 not installed");
    EncodedThumbnails t;
    try (Thumbnailer th = new Thumbnailer(ImageSettings.builder().size(16, 12).build())) {
      t = th.make(fixture("p3-thumbnail.heic"), OutputFormat.PNG);
    }
    assertEquals(Heif.SOURCE, t.decodedFrom());
    BufferedImage thumb = Images.read(t.encoded().get(0));
    BufferedImage ref = Images.read(fixture("p3-reference.png"));
    for (int patch = 0; patch < 8; patch++) {
      int x = 4 * (patch % 4) + 2;
      int y = 6 * (patch / 4) + 3;
      int p = thumb.getRGB(x, y);
      int q = ref.getRGB(4 * x, 4 * y);
      for (int shift = 0; shift <= 16; shift += 8) {
        assertEquals(q >> shift & 0xFF, p >> shift & 0xFF, 4,
            "patch " + patch + ": " + Images.rgb(p) + " vs " + Images.rgb(q));
      }
    }
  }

  /** A profile LittleCMS cannot read leaves the pixels as stored, with a warning. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"damaged-profile.png, 0.5", "damaged-profile.avif, 1.5"})
  void aDamagedProfileIsAWarningAndThePixelsAsStored(String name, double tolerance)
      throws Exception {
    if (name.endsWith(".avif")) {
      assumeTrue(NativeEncoders.library("libheif.so.1"), "libheif1 not installed");
    }
    EncodedThumbnails t = thumbnail(fixture(name));
    assertEquals(List.of(ColourProfiles.IGNORED), t.warnings());
    assertEquals(1.0, t.decoded(), "an intact image: every row decoded");
    double toStored = meanDifference(Images.read(t.encoded().get(0)), stored());
    assertTrue(toStored <= tolerance, name + ": " + toStored);
  }

  /** An iCCP chunk that inflates past the cap is refused before LittleCMS sees it. */
  @Test
  void aProfileOverTheCapIsNotParsed() throws Exception {
    byte[] png = withIccp(fixture("p3.png"),
        new byte[ColourProfiles.MAX_PROFILE_BYTES + 1]);
    assertTrue(png.length < 20_000, "the bomb is small: " + png.length);
    assertEquals("PNG iCCP profile is over 4194304 bytes", DeclaredColour.ofPng(png).problem());
    EncodedThumbnails t = thumbnail(png);
    assertEquals(List.of(ColourProfiles.IGNORED), t.warnings());
    assertTrue(meanDifference(Images.read(t.encoded().get(0)), stored()) <= 0.5);
  }

  /** A BMP whose profile would lie past its end (a cut file): its pixels, with the warning. */
  @Test
  void aBmpProfilePastTheEndIsAWarning() throws Exception {
    byte[] whole = fixture("p3.bmp");
    byte[] cut = Arrays.copyOf(whole, whole.length - 100); // the profile comes last
    assertTrue(DeclaredColour.ofBmp(cut).problem().contains("past the end"));
    EncodedThumbnails t = thumbnail(cut);
    assertEquals(List.of(ColourProfiles.IGNORED), t.warnings());
    assertTrue(meanDifference(Images.read(t.encoded().get(0)), stored()) <= 0.5);
  }

  /** An sRGB profile is recognised by its description and not applied. */
  @Test
  void anSrgbProfileIsSkipped() {
    BufferedImage img = stored();
    byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    assertSame(img, ColourProfiles.fromIcc(img, srgb));
  }

  /** Transparency survives the conversion: the colour changes, the alpha does not. */
  @Test
  void alphaIsKept() throws Exception {
    BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, 2, 2, new int[] {0x803CAA3C, 0x803CAA3C, 0xFF3CAA3C, 0x003CAA3C}, 0, 2);
    BufferedImage out = ColourProfiles.fromIcc(img, fixture("display-p3.icc"));
    assertEquals(BufferedImage.TYPE_INT_ARGB, out.getType());
    int[] alpha = {0x80, 0x80, 0xFF, 0x00};
    for (int i = 0; i < 3; i++) {
      int p = out.getRGB(i % 2, i / 2);
      assertEquals(alpha[i], p >>> 24, Images.rgb(p));
      assertEquals(173, p >> 8 & 0xFF, 2, "green 170 in P3 is 173 in sRGB: " + Images.rgb(p));
      assertTrue((p >> 16 & 0xFF) <= 3, Images.rgb(p));
    }
  }

  /** A grey profile maps grey levels: the JDK's linear grey 50% is sRGB's 188. */
  @Test
  void aGreyProfileMapsGreyLevels() {
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        img.setRGB(x, y, 0x808080);
      }
    }
    byte[] linearGrey = ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData();
    int p = ColourProfiles.fromIcc(img, linearGrey).getRGB(1, 1);
    for (int shift = 0; shift <= 16; shift += 8) {
      assertEquals(188, p >> shift & 0xFF, 2, Images.rgb(p));
    }
  }

  /**
   * H.273 code points: sRGB's (1/13) and unspecified ones are left alone, as are HDR transfers
   * (PQ), which need tone mapping; P3-D65 (12) with the sRGB curve (13) matches LittleCMS; DCI-P3
   * (11, its own white) is adapted to D65 and lands near it.
   */
  @Test
  void codePointsConvertByMatrix() throws Exception {
    BufferedImage img = stored();
    assertSame(img, CodePoints.toSrgb(img, 1, 13));
    assertSame(img, CodePoints.toSrgb(img, 2, 2));
    assertSame(img, CodePoints.toSrgb(img, 9, 16));
    assertSame(img, CodePoints.toSrgb(img, 10, 13));
    BufferedImage ref = Images.read(fixture("p3-reference.png"));
    double p3 = meanDifference(CodePoints.toSrgb(img, 12, 13), ref);
    assertTrue(p3 <= 0.5, "P3-D65: " + p3);
    double dci = meanDifference(CodePoints.toSrgb(img, 11, 13), ref);
    assertTrue(dci > 0.5 && dci < 6, "DCI-P3: " + dci);
  }

  private static Decoded decoded(BufferedImage img) {
    return new Decoded(img, img.getWidth(), img.getHeight(), 1, "png", List.of(), 1.0, null);
  }

  /**
   * A declaration that changes nothing (sRGB by profile or by code points) is the decode itself;
   * a conversion keeps everything of it but the pixels; nothing declared is the decode too.
   */
  @Test
  void aDecodeIsReplacedOnlyWhenItsPixelsChange() throws Exception {
    Decoded d = decoded(stored());
    assertSame(d, ColourProfiles.toSrgb(d, null));
    assertSame(d, ColourProfiles.toSrgb(d, Declared.codePoints(1, 13)));
    byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    assertSame(d, ColourProfiles.toSrgb(d, Declared.icc(srgb)));
    Decoded p3 = ColourProfiles.toSrgb(d, Declared.icc(fixture("display-p3.icc")));
    assertEquals(List.of(), p3.warnings());
    assertEquals(List.of(64, 48, "png"), List.of(p3.width(), p3.height(), p3.format()));
    assertTrue(meanDifference(p3.image(), Images.read(fixture("p3-reference.png"))) <= 0.5);
    Decoded cicp = ColourProfiles.toSrgb(d, Declared.codePoints(12, 13));
    assertTrue(meanDifference(cicp.image(), Images.read(fixture("p3-reference.png"))) <= 0.5);
  }

  /** A profile of a space that is neither RGB nor grey (XYZ here) is a warning, pixels kept. */
  @Test
  void aProfileOfAnotherSpaceIsAWarning() {
    BufferedImage img = stored();
    Decoded d = decoded(img);
    byte[] xyz = ICC_Profile.getInstance(ColorSpace.CS_CIEXYZ).getData();
    assertEquals(null, ColourProfiles.fromIcc(img, xyz));
    Decoded out = ColourProfiles.toSrgb(d, Declared.icc(xyz));
    assertSame(img, out.image());
    assertEquals(List.of(ColourProfiles.IGNORED), out.warnings());
    Decoded damaged = ColourProfiles.toSrgb(d, Declared.unusable("cut off"));
    assertSame(img, damaged.image());
    assertEquals(List.of(ColourProfiles.IGNORED), damaged.warnings());
  }

  /**
   * The cap is on the profile's bytes: one over it is not parsed (null), one of exactly the cap is
   * handed to the JDK, which refuses these zeros as a profile.
   */
  @Test
  void aProfileOfExactlyTheCapIsParsedAndOneMoreIsNot() {
    BufferedImage img = stored();
    assertEquals(null, ColourProfiles.fromIcc(img, new byte[ColourProfiles.MAX_PROFILE_BYTES + 1]));
    assertThrows(IllegalArgumentException.class,
        () -> ColourProfiles.fromIcc(img, new byte[ColourProfiles.MAX_PROFILE_BYTES]));
  }

  /** A grey profile maps each channel by its own level and keeps the alpha. */
  @Test
  void aGreyProfileMapsEachChannelAndKeepsAlpha() {
    byte[] linearGrey = ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData();
    BufferedImage levels = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
    levels.setRGB(0, 0, 3, 1, new int[] {0x202020, 0x808080, 0xF0F0F0}, 0, 3);
    BufferedImage mapped = ColourProfiles.fromIcc(levels, linearGrey);
    int[] level = new int[3];
    for (int i = 0; i < 3; i++) {
      level[i] = mapped.getRGB(i, 0) & 0xFF;
    }
    assertTrue(level[0] < level[1] && level[1] < level[2], Arrays.toString(level));
    BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, 0x8020_80F0);
    int p = ColourProfiles.fromIcc(img, linearGrey).getRGB(0, 0);
    assertEquals(0x80 << 24 | level[0] << 16 | level[1] << 8 | level[2], p, Images.rgb(p));
  }

  /**
   * A device link or abstract profile converts to no colour space: not applied, a warning (the
   * JDK refuses a device link itself; an abstract one is refused here).
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"link", "abst"})
  void aProfileOfAnotherClassIsNotApplied(String profileClass) throws Exception {
    byte[] icc = fixture("display-p3.icc");
    System.arraycopy(profileClass.getBytes(StandardCharsets.US_ASCII), 0, icc, 12, 4);
    BufferedImage img = stored();
    Decoded out = ColourProfiles.toSrgb(decoded(img), Declared.icc(icc));
    assertSame(img, out.image());
    assertEquals(List.of(ColourProfiles.IGNORED), out.warnings());
    if (profileClass.equals("abst")) {
      assertEquals(null, ColourProfiles.fromIcc(img, icc));
    }
  }

  /**
   * The thread's last profile is reused only for the same bytes: Display P3, then Adobe RGB,
   * then P3 again each convert by their own, beginning on a thread that has converted nothing.
   */
  @Test
  void eachProfileConvertsByItsOwn() throws Throwable {
    FreshThread.run(ColourProfilesTest::convertEachByItsOwn);
  }

  private static void convertEachByItsOwn() throws Exception {
    byte[] p3 = fixture("display-p3.icc");
    byte[] adobe = DeclaredColour.ofPng(fixture("adobe.png")).icc();
    BufferedImage p3Ref = Images.read(fixture("p3-reference.png"));
    BufferedImage adobeRef = Images.read(fixture("adobe-reference.png"));
    for (byte[] icc : List.of(p3, adobe, p3)) {
      BufferedImage out = ColourProfiles.fromIcc(stored(), icc);
      BufferedImage ref = icc == p3 ? p3Ref : adobeRef;
      double d = meanDifference(out, ref);
      assertTrue(d <= 0.5, (icc == p3 ? "P3" : "Adobe RGB") + ": " + d);
    }
  }

  /** {@code png} with its iCCP chunk replaced by one holding {@code profile}. */
  private static byte[] withIccp(byte[] png, byte[] profile) throws IOException {
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (DeflaterOutputStream d = new DeflaterOutputStream(z,
        new Deflater(Deflater.BEST_COMPRESSION))) {
      d.write(profile);
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.write("big".getBytes(StandardCharsets.ISO_8859_1));
    data.write(new byte[] {0, 0});
    data.write(z.toByteArray());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, 8);
    ByteBuffer b = ByteBuffer.wrap(png);
    for (int pos = 8; pos < png.length; ) {
      int len = b.getInt(pos);
      String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
      if (type.equals("iCCP")) {
        chunk(out, "iCCP", data.toByteArray());
      } else {
        out.write(png, pos, len + 12);
      }
      pos += len + 12;
    }
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
