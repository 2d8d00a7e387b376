package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.NativeEncoders;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JPEG 2000 input (jai-imageio-jpeg2000, pure Java) on files made by OpenJPEG's
 * {@code opj_compress} (libopenjp2-tools), lossless, so the colours are checked exactly.
 */
class Jpeg2000DecodeTest {
  @TempDir Path dir;

  private byte[] opj(BufferedImage img, String ext, String... options) throws Exception {
    assumeTrue(NativeEncoders.installed("opj_compress"), "opj_compress not installed"
        + " (libopenjp2-tools)");
    List<String> cmd = new ArrayList<>(List.of("opj_compress", "-i", "IN", "-o", "OUT"));
    cmd.addAll(List.of(options));
    return NativeEncoders.encode(dir, Images.encode(img, "png"), "in.png", "out." + ext,
        cmd.toArray(new String[0]));
  }

  /** Jpeg2000's own shrink-on-load (null: the general path decodes the file), in a FIT box. */
  private static Decoded reduced(byte[] j2k, int box, long maxPixels) throws ImageFailure {
    return Jpeg2000.decode(j2k,
        DecodeRequest.of(List.of(new Size(box, box)), Mode.FIT, maxPixels));
  }

  private static List<Integer> size(Decoded d) {
    return List.of(d.image().getWidth(), d.image().getHeight());
  }

  private static BufferedImage thumb(byte[] src, Size box) throws ImageFailure {
    ImageSettings s = ImageSettings.builder().sizes(List.of(box)).build();
    try {
      return Images.read(new Thumbnailer(s).make(src, OutputFormat.PNG).encoded().get(0));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }


  @Test
  void jp2AndCodestreamDecodeToTheRightSizeAndColours() throws Exception {
    for (String ext : List.of("jp2", "j2k")) {
      byte[] j2k = opj(Images.quadrants(320, 240), ext);
      Decoded d = ImageDecoder.decode(j2k,
          DecodeRequest.of(List.of(new Size(80, 80)), Mode.FIT, Long.MAX_VALUE));
      assertEquals(List.of(320, 240, "jpeg2000"), List.of(d.width(), d.height(), d.format()),
          ext);
      BufferedImage t = thumb(j2k, new Size(80, 80));
      assertEquals(List.of(80, 60), List.of(t.getWidth(), t.getHeight()), ext);
      Images.assertQuadrants(t, 2);
    }
  }

  /**
   * opj_compress writes 5 decomposition levels: a 1600x1200 image holds 800x600 ... 50x38. A
   * 75x75 box needs 150x113 (twice 75x56): the 200x150 level, three levels down, is decoded.
   */
  @Test
  void aReducedResolutionLevelIsDecoded() throws Exception {
    for (String ext : List.of("jp2", "j2k")) {
      byte[] j2k = opj(Images.quadrants(1600, 1200), ext);
      assertEquals(5, Jpeg2000.decompositionLevels(j2k), ext);
      Decoded d = ImageDecoder.decode(j2k,
          DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, Long.MAX_VALUE));
      assertEquals(List.of(200, 150, 1600, 1200), List.of(d.image().getWidth(),
          d.image().getHeight(), d.width(), d.height()), ext);
      Images.assertQuadrants(d.image(), 2);
      Decoded full = ImageDecoder.decode(j2k,
          DecodeRequest.of(List.of(new Size(1000, 1000)), Mode.FIT, Long.MAX_VALUE));
      assertEquals(List.of(1600, 1200), List.of(full.image().getWidth(),
          full.image().getHeight()), ext + ": 2000x1500 needed, so every level");
      BufferedImage t = thumb(j2k, new Size(75, 75));
      assertEquals(List.of(75, 56), List.of(t.getWidth(), t.getHeight()));
      Images.assertQuadrants(t, 2);
    }
  }

  @Test
  void limitsAreCheckedOnTheHeader() throws Exception {
    byte[] j2k = opj(Images.quadrants(320, 240), "jp2");
    ImageFailure f = assertThrows(ImageFailure.class, () -> ImageDecoder.decode(j2k,
        DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, 320 * 240 - 1)));
    assertEquals(ErrorClass.TOO_LARGE, f.errorClass());
    assertTrue(f.getMessage().contains("320x240 = 76800 pixels"), f.getMessage());
  }

  @Test
  void aCutFileIsNeverAnInternalError() throws Exception {
    byte[] j2k = opj(Images.read(Images.jpeg(640, 480, 5)), "jp2");
    for (int keep : new int[] {j2k.length / 2, 200, 40}) {
      byte[] cut = Arrays.copyOf(j2k, keep);
      try {
        Decoded d = ImageDecoder.decode(cut,
            DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, Long.MAX_VALUE));
        assertTrue(!d.warnings().isEmpty(), keep + " bytes decoded without a warning");
      } catch (ImageFailure f) {
        assertEquals(ErrorClass.CORRUPT, f.errorClass(), keep + " bytes: " + f.getMessage());
      }
    }
  }

  @Test
  void onlyTheJpeg2000ReaderOfJaiImageioIsRegistered() {
    for (String format : List.of("tiff", "bmp", "pnm", "pcx", "wbmp", "raw")) {
      ImageIO.getImageReadersByFormatName(format).forEachRemaining(r -> assertTrue(
          !r.getClass().getName().startsWith(Plugins.JAI_CORE_PLUGINS),
          format + " read by " + r.getClass().getName()));
    }
    assertTrue(ImageIO.getImageReadersByFormatName("jpeg2000").hasNext());
  }

  /**
   * The level kept is the smallest whose sides are still at least twice the output's: a 320x240
   * codestream of 5 levels holds 160x120 ... 10x8, and a 20x15 output needs 40x30 exactly, which
   * is three levels down. A 20x20 box on 320x232 needs 40x30 too, but three levels down are
   * 40x29: the height decides, two levels down.
   */
  @Test
  void theLevelKeptIsTheSmallestWithTwiceTheOutputSides() throws Exception {
    byte[] j2k = opj(Images.quadrants(320, 240), "j2k");
    assertEquals(List.of(40, 30), size(reduced(j2k, 20, Long.MAX_VALUE)));
    assertEquals(List.of(80, 60), size(reduced(j2k, 21, Long.MAX_VALUE)));
    assertEquals(List.of(10, 8), size(reduced(j2k, 1, Long.MAX_VALUE)), "every level dropped");
    Decoded d = reduced(j2k, 1, Long.MAX_VALUE);
    assertEquals(List.of(320, 240, "jpeg2000", 1), List.of(d.width(), d.height(), d.format(),
        d.orientation()));
    assertNull(reduced(j2k, 200, Long.MAX_VALUE), "a 200x150 output needs every level");
    byte[] lower = opj(Images.quadrants(320, 232), "j2k");
    assertEquals(List.of(80, 58), size(reduced(lower, 20, Long.MAX_VALUE)));
  }

  /**
   * One level down a 202x100 codestream is 101x50 (sides rounded up), one pixel short of the
   * 102 columns a 51x25 output needs: nothing lower helps.
   */
  @Test
  void aLevelOnePixelShortIsNotTaken() throws Exception {
    byte[] j2k = opj(Images.quadrants(202, 100), "j2k");
    assertNull(reduced(j2k, 51, Long.MAX_VALUE));
    assertEquals(List.of(101, 50), size(reduced(j2k, 50, Long.MAX_VALUE)));
  }

  /**
   * A codestream without decomposition levels (one resolution) has nothing lower to offer: the
   * fast path steps aside before reading its header, so the limit is the general path's to
   * check.
   */
  @Test
  void noLevelsMeansNoFastPath() throws Exception {
    byte[] j2k = opj(Images.quadrants(64, 48), "j2k", "-n", "1");
    assertEquals(0, Jpeg2000.decompositionLevels(j2k));
    assertNull(reduced(j2k, 8, 1));
    ImageFailure f = assertThrows(ImageFailure.class, () -> ImageDecoder.decode(j2k,
        DecodeRequest.of(List.of(new Size(8, 8)), Mode.FIT, 1)));
    assertEquals(ErrorClass.TOO_LARGE, f.errorClass());
  }

  @Test
  void sniffedByItsSignatureBoxOrItsFirstTwoMarkers() {
    byte[] jp2 = {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A, 0};
    byte[] raw = {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51, 0, 0x29, 0, 0, 0, 0, 0, 0, 0};
    assertTrue(Jpeg2000.isJpeg2000(jp2));
    assertTrue(Jpeg2000.isJpeg2000(raw));
    assertFalse(Jpeg2000.isJpeg2000(Arrays.copyOf(jp2, 12)), "12 bytes are too few");
    assertFalse(Jpeg2000.isJpeg2000(Arrays.copyOf(raw, 12)), "12 bytes are too few");
    for (byte[] sig : List.of(jp2, raw)) {
      for (int i = 0; i < (sig == jp2 ? 6 : 4); i++) {
        byte[] other = sig.clone();
        other[i] ^= 0x20;
        assertFalse(Jpeg2000.isJpeg2000(other), "byte " + i + " changed");
      }
    }
  }

  /** SOC, then a SIZ marker segment of {@code xsiz x ysiz} at offset {@code xo, yo}. */
  private static byte[] socSiz(long xsiz, long ysiz, long xo, long yo) {
    ByteBuffer b = ByteBuffer.allocate(4 + 38);
    b.putShort((short) 0xFF4F).putShort((short) 0xFF51).putShort((short) 38).putShort((short) 0);
    b.putInt((int) xsiz).putInt((int) ysiz).putInt((int) xo).putInt((int) yo);
    return b.array();
  }

  private static byte[] at(int offset, byte[] part, int length) {
    byte[] b = new byte[length];
    System.arraycopy(part, 0, b, offset, part.length);
    return b;
  }

  /**
   * The size is the image area less its offset on the reference grid, read from the SIZ
   * segment's 22 bytes of Lsiz to YOsiz; the codestream may start anywhere in the first 4 KB of
   * its box.
   */
  @Test
  void theCodestreamSizeIsReadFromItsSizSegment() {
    byte[] siz = socSiz(1000, 700, 200, 100);
    assertArrayEquals(new int[] {800, 600}, Jpeg2000.codestreamSize(siz, 0, siz.length));
    assertArrayEquals(new int[] {800, 600}, Jpeg2000.codestreamSize(siz, 0, 24),
        "ending right after YOsiz");
    assertNull(Jpeg2000.codestreamSize(siz, 0, 23), "YOsiz cut");
    byte[] later = at(9, siz, 100);
    assertArrayEquals(new int[] {800, 600}, Jpeg2000.codestreamSize(later, 5, 9 + 24));
    assertNull(Jpeg2000.codestreamSize(later, 5, 9 + 23));
    assertNull(Jpeg2000.codestreamSize(later, 10, 100), "the SOC before the box is not its");
    assertNull(Jpeg2000.codestreamSize(new byte[100], 0, 100), "no SOC");
    byte[] edge = at(3 + 4092, siz, 3 + 4200);
    assertArrayEquals(new int[] {800, 600}, Jpeg2000.codestreamSize(edge, 3, edge.length));
    byte[] beyond = at(3 + 4093, siz, 3 + 4200);
    assertNull(Jpeg2000.codestreamSize(beyond, 3, beyond.length), "past the first 4 KB");
    byte[] huge = socSiz(0xFFFFFFFFL, 0, 0, 1);
    assertArrayEquals(new int[] {Integer.MAX_VALUE, -1},
        Jpeg2000.codestreamSize(huge, 0, huge.length), "clamped to an int, negative to -1");
    byte[] negative = socSiz(5, 0x80000000L, 0x7FFFFFFFL, 0);
    assertArrayEquals(new int[] {-1, Integer.MAX_VALUE},
        Jpeg2000.codestreamSize(negative, 0, negative.length));
  }

  /** A main header: SOC, then marker segments each {@code marker, length, length - 2 bytes}. */
  private static byte[] header(int... markerAndLength) {
    ByteBuffer b = ByteBuffer.allocate(4096);
    b.putShort((short) 0xFF4F);
    for (int i = 0; i < markerAndLength.length; i += 2) {
      b.putShort((short) markerAndLength[i]).putShort((short) markerAndLength[i + 1]);
      b.position(b.position() + Math.max(0, markerAndLength[i + 1] - 2));
    }
    return Arrays.copyOf(b.array(), b.position());
  }

  /** A COD segment's SPcod: its first byte, the level count, 5 bytes after the length. */
  private static byte[] withLevels(byte[] header, int codAt, int levels) {
    header[codAt + 9] = (byte) levels;
    return header;
  }

  @Test
  void decompositionLevelsAreReadFromTheCodSegment() {
    // SOC at 0, SIZ at 2 (41 bytes with its marker), COD at 45
    assertEquals(3, Jpeg2000.decompositionLevels(withLevels(
        header(0xFF51, 41, 0xFF52, 12), 45, 3)));
    assertEquals(255, Jpeg2000.decompositionLevels(withLevels(
        header(0xFF51, 41, 0xFF52, 12), 45, 255)));
    // a comment of 258 bytes (its length's high byte counts) before COD at 305
    assertEquals(7, Jpeg2000.decompositionLevels(withLevels(
        header(0xFF51, 41, 0xFF64, 0x102, 0xFF52, 12), 305, 7)));
    // a segment of length 2 is only its length field
    assertEquals(4, Jpeg2000.decompositionLevels(withLevels(
        header(0xFF51, 41, 0xFF64, 2, 0xFF52, 12), 49, 4)));
    // COD's level count is its tenth byte: a header ending one byte earlier has none
    byte[] cod = withLevels(header(0xFF51, 41, 0xFF52, 12), 45, 3);
    assertEquals(3, Jpeg2000.decompositionLevels(Arrays.copyOf(cod, 45 + 10)));
    assertEquals(-1, Jpeg2000.decompositionLevels(Arrays.copyOf(cod, 45 + 9)));
  }

  @Test
  void withoutACodSegmentThereAreNoLevels() {
    byte[] socSizOnly = header(0xFF51, 41);
    assertEquals(-1, Jpeg2000.decompositionLevels(socSizOnly), "the header just ends");
    assertEquals(-1, Jpeg2000.decompositionLevels(Arrays.copyOf(socSizOnly, 5)), "cut in SIZ");
    assertEquals(-1, Jpeg2000.decompositionLevels(withLevels(
        header(0xFF51, 41, 0xFF90, 10, 0xFF52, 12), 57, 3)), "a tile (SOT) before COD");
    assertEquals(-1, Jpeg2000.decompositionLevels(withLevels(
        header(0xFF51, 41, 0x7F64, 2, 0xFF52, 12), 49, 3)), "not a marker");
    assertEquals(-1, Jpeg2000.decompositionLevels(withLevels(
        header(0xFF51, 41, 0xFF64, 1, 0xFF52, 12), 48, 3)), "a length below 2");
    byte[] noSoc = new byte[64];
    noSoc[1] = (byte) 0xFF; // a COD where a SOC at -1 would put it
    noSoc[2] = 0x52;
    noSoc[10] = 5;
    assertEquals(-1, Jpeg2000.decompositionLevels(noSoc), "no SOC");
  }
}
