package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.Images;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The TwelveMonkeys readers added for old and niche formats (SGI, PCX, Amiga IFF, PICT, DDS):
 * each fixture (src/test/resources/formats/make-fixtures.sh: 64x48, four coloured quadrants,
 * written by ImageMagick or by the script, not by the reader under test) becomes a thumbnail
 * with its quadrants in their colours; a header claiming a huge size is {@code too-large}
 * before decoding; a truncated file is one failure or a damaged-but-ok image, never a crash.
 */
class TwelveMonkeysFormatsTest {
  private static final Size BOX = new Size(32, 32);

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = TwelveMonkeysFormatsTest.class.getResourceAsStream("/formats/" + name)) {
      return in.readAllBytes();
    }
  }

  private static Thumbnailer thumbnailer(long maxPixels) {
    return new Thumbnailer(ImageSettings.builder().sizes(List.of(BOX)).maxPixels(maxPixels)
        .build());
  }

  @ParameterizedTest
  @CsvSource({"photo.sgi, sgi", "photo.pcx, pcx", "photo.iff, iff", "photo.pict, pict",
      "photo.dds, dds"})
  void eachFormatShowsItsQuadrants(String name, String format) throws Exception {
    EncodedThumbnails t = thumbnailer(ImageSettings.DEFAULT_MAX_PIXELS)
        .make(fixture(name), OutputFormat.PNG);
    assertEquals(format, t.format().toLowerCase(java.util.Locale.ROOT));
    assertEquals(64, t.width());
    assertEquals(48, t.height());
    assertEquals(List.of(), t.warnings());
    BufferedImage img = Images.read(t.encoded().get(0));
    assertEquals(new Size(32, 24), new Size(img.getWidth(), img.getHeight()), name);
    Images.assertQuadrants(img, 12);
  }

  /** The header's size is checked against --max-pixels before the reader allocates it. */
  @ParameterizedTest
  @CsvSource({"photo.sgi", "photo.pcx", "photo.iff", "photo.pict", "photo.dds"})
  void aSizeOverMaxPixelsIsTooLargeBeforeDecoding(String name) throws Exception {
    ImageFailure f = assertThrows(ImageFailure.class,
        () -> thumbnailer(64 * 48 - 1).make(fixture(name), OutputFormat.PNG));
    assertEquals(ErrorClass.TOO_LARGE, f.errorClass(), f.getMessage());
    assertTrue(f.getMessage().contains("64x48 = 3072 pixels, over the limit of 3071"),
        f.getMessage());
  }

  /** A file cut short is one result: a failure naming the format, or the rows that decoded. */
  @ParameterizedTest
  @CsvSource({"photo.sgi", "photo.pcx", "photo.iff", "photo.pict", "photo.dds"})
  void aTruncatedFileIsOneFailureOrDamagedImage(String name) throws Exception {
    byte[] whole = fixture(name);
    for (int cut : new int[] {whole.length / 2, 40, 8}) {
      byte[] part = Arrays.copyOf(whole, cut);
      try {
        EncodedThumbnails t = thumbnailer(ImageSettings.DEFAULT_MAX_PIXELS)
            .make(part, OutputFormat.PNG);
        assertTrue(!t.warnings().isEmpty(), name + " cut at " + cut + " decoded without warning");
      } catch (ImageFailure f) {
        assertTrue(f.errorClass() == ErrorClass.CORRUPT || f.errorClass() == ErrorClass.UNSUPPORTED,
            name + " cut at " + cut + ": " + f.errorClass() + " " + f.getMessage());
      }
    }
  }

  /**
   * A DDS header claiming 150 million mipmap levels (one flipped byte) ran the reader out of a
   * 1 GB heap while it read the header; it is refused before the reader sees it.
   */
  @org.junit.jupiter.api.Test
  void aDdsWithMoreMipmapsThanItsSizeAllowsIsCorrupt() throws Exception {
    byte[] b = fixture("photo.dds");
    assertEquals(1, b[28]); // dwMipMapCount, little-endian
    b[31] = 9;
    long start = System.nanoTime();
    ImageFailure f = assertThrows(ImageFailure.class,
        () -> thumbnailer(ImageSettings.DEFAULT_MAX_PIXELS).make(b, OutputFormat.PNG));
    assertEquals(ErrorClass.CORRUPT, f.errorClass(), f.getMessage());
    assertEquals("dds header claims 150994945 mipmap levels for a 64x48 texture, which has at"
        + " most 7", f.getMessage());
    assertTrue(System.nanoTime() - start < 5_000_000_000L);
    b[31] = 0;
    b[28] = 7; // 64, 32, ..., 1: as many as 64 px allow
    try {
      thumbnailer(ImageSettings.DEFAULT_MAX_PIXELS).make(b, OutputFormat.PNG);
    } catch (ImageFailure e) { // the file holds one level: the reader may miss the others
      assertTrue(!e.getMessage().contains("mipmap levels"), e.getMessage());
    }
  }

  /** A PICT pixmap whose bounds (30000x30000) are far over its picture frame (64x48). */
  @org.junit.jupiter.api.Test
  void aPictPixmapOverItsFrameIsOneFailure() throws Exception {
    byte[] b = fixture("photo.pict");
    int op = 512 + 0x34; // the PackBitsRect opcode after the 512-byte file header
    assertEquals(0x0098, (b[op] & 0xFF) << 8 | (b[op + 1] & 0xFF));
    b[op + 2] = (byte) 0xBF; // rowBytes 0x3FFF, pixmap flag kept
    b[op + 3] = (byte) 0xFF;
    b[op + 8] = b[op + 10] = 0x75; // bottom, right: 30000
    b[op + 9] = b[op + 11] = 0x30;
    long start = System.nanoTime();
    ImageFailure f = assertThrows(ImageFailure.class,
        () -> thumbnailer(ImageSettings.DEFAULT_MAX_PIXELS).make(b, OutputFormat.PNG));
    assertEquals(ErrorClass.CORRUPT, f.errorClass(), f.getMessage());
    assertTrue(System.nanoTime() - start < 10_000_000_000L);
  }

  /** No XWD reader is served here: an X11 dump is named in its failure, not "not an image". */
  @org.junit.jupiter.api.Test
  void anXwdIsNamedAsUnsupported() {
    byte[] xwd = new byte[200];
    xwd[3] = 100; // header size 100, big-endian
    xwd[7] = 7; // file version 7
    ImageFailure f = assertThrows(ImageFailure.class,
        () -> thumbnailer(ImageSettings.DEFAULT_MAX_PIXELS).make(xwd, OutputFormat.PNG));
    assertEquals(ErrorClass.UNSUPPORTED, f.errorClass());
    assertTrue(f.getMessage().contains("XWD (X Window dump)"), f.getMessage());
    byte[] le = new byte[200];
    le[0] = 100;
    le[4] = 7;
    assertEquals("XWD (X Window dump)", Sniff.knownUnreadable(le));
    assertEquals(null, Sniff.knownUnreadable(Arrays.copyOf(le, 99)));
    for (String name : List.of("a.sgi", "a.rgb", "a.pcx", "a.iff", "a.lbm", "a.pict", "a.pct",
        "a.dds", "a.xwd", "a.svg", "a.pdf")) {
      assertTrue(Sniff.hasImageExtension(name), name);
    }
  }
}
