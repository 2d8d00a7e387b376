package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.ExifImages;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.NativeEncoders;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
    assertTrue(f.getMessage().contains("320x240 = 76800 pixels, over the limit of 76799"),
        f.getMessage());
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
}
