package io.github.sparkthumbs.image;

import static io.github.sparkthumbs.testing.DamagedHeaders.BLUE;
import static io.github.sparkthumbs.testing.DamagedHeaders.RED;
import static io.github.sparkthumbs.testing.TiffBuilder.LONG;
import static io.github.sparkthumbs.testing.TiffBuilder.SHORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.testing.Craft;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.TiffBuilder;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * {@link TiffWebP}: TIFFs of WebP strips built entry by entry around the two 16x8 VP8 strips of
 * {@code damaged/webp-strips.tif} (red, blue), whose frame headers are set to other sizes (one
 * 16x16 macroblock holds any size up to 16x16), or with an uncompressed alpha plane added. The
 * rewrite is read back by ImageIO and checked pixel by pixel.
 */
class TiffWebPTest {
  private static final byte[] RED_STRIP;
  private static final byte[] BLUE_STRIP;

  static {
    try (InputStream in = TiffWebPTest.class.getResourceAsStream("/damaged/webp-strips.tif")) {
      byte[] b = in.readAllBytes();
      RED_STRIP = riff(b, 8);
      BLUE_STRIP = riff(b, 8 + RED_STRIP.length);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The RIFF file at {@code at} in {@code b}. */
  private static byte[] riff(byte[] b, int at) {
    int size = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(at + 4);
    return Arrays.copyOfRange(b, at, at + 8 + size);
  }

  /** {@code strip} with its VP8 frame header saying {@code w x h} (at most 16x16). */
  private static byte[] sized(byte[] strip, int w, int h) {
    byte[] s = strip.clone();
    ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN).putShort(26, (short) w)
        .putShort(28, (short) h);
    return s;
  }

  /**
   * {@code strip} (16 x {@code h}) as an extended WebP with every alpha value {@code alpha}. Its
   * ALPH chunk is lossless (TwelveMonkeys does not read uncompressed alpha): a headerless VP8L
   * image without transforms, colour cache or meta codes whose five prefix codes have one symbol
   * each (green, the alpha: {@code alpha}), so that its pixels take no bits.
   */
  private static byte[] withAlpha(byte[] strip, int h, int alpha) {
    // {value, bits}, least significant bit first; a simple code: 1, one symbol (0), 8-bit symbol?
    int[][] fields = {{0, 3}, {0b101, 3}, {alpha, 8}, {0b001, 3}, {0, 1}, {0b001, 3}, {0, 1},
        {0b001, 3}, {0, 1}, {0b001, 3}, {0, 1}};
    long acc = 0;
    int n = 0;
    for (int[] f : fields) {
      acc |= (long) f[0] << n;
      n += f[1];
    }
    byte[] alph = new byte[1 + 6]; // 1: compressed, not filtered
    alph[0] = 1;
    for (int i = 0; i < 4; i++) {
      alph[1 + i] = (byte) (acc >>> 8 * i);
    }
    byte[] vp8x = {0x10, 0, 0, 0, 15, 0, 0, (byte) (h - 1), 0, 0}; // alpha; canvas 16 x h
    return Craft.webp(Craft.riffChunk("VP8X", vp8x), Craft.riffChunk("ALPH", alph),
        Craft.webpFrameChunks(sized(strip, 16, h)));
  }

  /**
   * A WebP TIFF of {@code 16 x h}, {@code rows} per strip (-1: no tag), {@code samples} per
   * pixel; {@code more} adds entries after the strips' (the 8th and 9th).
   */
  private static byte[] tiff(ByteOrder order, int h, int rows, int samples, int stripType,
      UnaryOperator<TiffBuilder> more, byte[]... strips) {
    TiffBuilder t = new TiffBuilder(order).add(256, SHORT, 16).add(257, SHORT, h)
        .add(258, SHORT, samples == 4 ? new long[] {8, 8, 8, 8} : new long[] {8, 8, 8})
        .add(259, SHORT, 50001).add(262, SHORT, 2).add(277, SHORT, samples);
    if (rows >= 0) {
      t.add(278, SHORT, rows);
    }
    return more.apply(t.strips(stripType, strips)).build();
  }

  private static byte[] redOverBlue(UnaryOperator<TiffBuilder> more) {
    return tiff(ByteOrder.LITTLE_ENDIAN, 16, 8, 3, LONG, more, RED_STRIP, BLUE_STRIP);
  }

  /** The rewrite of {@code tiff} as ImageIO reads it, checked to be {@code 16 x h}. */
  private static BufferedImage rewritten(byte[] tiff, int h, int samples) throws IOException {
    byte[] out = TiffWebP.uncompressed(tiff, Long.MAX_VALUE);
    assertNotNull(out);
    assertEquals(8 + 2 + 12 * (samples == 4 ? 10 : 9) + 4 + 8 + 16 * h * samples, out.length);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(out));
    assertEquals(16, img.getWidth());
    assertEquals(h, img.getHeight());
    return img;
  }

  /** Every pixel of {@code img} red down to row {@code redRows}, blue below. */
  private static void assertRedThenBlue(BufferedImage img, int redRows, String what) {
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < 16; x++) {
        Color want = y < redRows ? RED : BLUE;
        int rgb = img.getRGB(x, y);
        assertTrue(Images.near(rgb, want, 8), what + " at " + x + "," + y + ": " + Images.rgb(rgb));
      }
    }
  }

  @Test
  void stripsInEitherByteOrderWithShortOrLongValuesAndAShortLastStrip() throws IOException {
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      for (int type : new int[] {SHORT, LONG}) {
        // 12 rows of 8 per strip: the last strip has 4
        byte[] tiff = tiff(order, 12, 8, 3, type, t -> t, RED_STRIP, sized(BLUE_STRIP, 16, 4));
        assertRedThenBlue(rewritten(tiff, 12, 3), 8, order + " type " + type);
      }
    }
  }

  @Test
  void absentPlanarConfigurationAndRowsPerStripTakeTheirDefaults() throws IOException {
    byte[] tiff = tiff(ByteOrder.LITTLE_ENDIAN, 8, -1, 3, LONG, t -> t, RED_STRIP);
    assertRedThenBlue(rewritten(tiff, 8, 3), 8, "one strip of all rows");
    byte[] planar = redOverBlue(t -> t.add(284, SHORT, 1));
    assertRedThenBlue(rewritten(planar, 16, 3), 8, "planar configuration 1");
  }

  @Test
  void rgbaStripsKeepTheirAlpha() throws IOException {
    byte[] tiff = tiff(ByteOrder.LITTLE_ENDIAN, 16, 8, 4, LONG, t -> t,
        withAlpha(RED_STRIP, 8, 0x80), withAlpha(BLUE_STRIP, 8, 0xFF));
    BufferedImage img = rewritten(tiff, 16, 4);
    assertTrue(img.getColorModel().hasAlpha());
    assertRedThenBlue(img, 8, "rgba");
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        assertEquals(y < 8 ? 0x80 : 0xFF, img.getRGB(x, y) >>> 24, "alpha at " + x + "," + y);
      }
    }
  }

  @Test
  void entriesPastTheIfdsCountAndTagsOverExtraSamplesAreIgnored() throws IOException {
    assertNull(TiffWebP.uncompressed(redOverBlue(t -> t.add(322, SHORT, 16)), Long.MAX_VALUE),
        "tiles");
    assertRedThenBlue(rewritten(redOverBlue(t -> t.add(322, SHORT, 16).declare(9)), 16, 3), 8,
        "a TileWidth entry after the 9 the IFD counts");
    assertRedThenBlue(rewritten(redOverBlue(t -> t.add(339, SHORT, 1, 1, 1).add(700, LONG, 0)),
        16, 3), 8, "SampleFormat and XMP");
  }

  @Test
  void onlyChunkyEightBitRgbOfWebPStripsIsRewritten() {
    Object[][] refused = {
      {"LZW", replaced(redOverBlue(t -> t), 259, 5)},
      {"tiles", redOverBlue(t -> t.add(322, SHORT, 16))},
      {"planar", redOverBlue(t -> t.add(284, SHORT, 2))},
      {"grey", replaced(redOverBlue(t -> t), 262, 1)},
      {"YCbCr", replaced(redOverBlue(t -> t), 262, 6)},
      {"no photometric", replaced(redOverBlue(t -> t), 262, -1)},
      {"16 bits", replaced(redOverBlue(t -> t), 258, 16)},
      {"2 samples", replaced(redOverBlue(t -> t), 277, 2)},
      {"5 samples", replaced(redOverBlue(t -> t), 277, 5)},
      {"0 rows high", replaced(redOverBlue(t -> t), 257, 0)},
    };
    for (Object[] r : refused) {
      assertNull(TiffWebP.uncompressed((byte[]) r[1], Long.MAX_VALUE), (String) r[0]);
    }
  }

  /**
   * {@code tiff} (little-endian) with the first value of {@code tag}'s SHORT entry set to
   * {@code value}; -1 gives the entry a tag no reader knows, as if it were absent.
   */
  private static byte[] replaced(byte[] tiff, int tag, int value) {
    ByteBuffer b = ByteBuffer.wrap(tiff.clone()).order(ByteOrder.LITTLE_ENDIAN);
    int n = b.getShort(8);
    for (int i = 0; i < n; i++) {
      int e = 8 + 2 + 12 * i;
      if (b.getShort(e) == tag) {
        if (value < 0) {
          b.putShort(e, (short) 65000);
        } else if (b.getInt(e + 4) * 2 > 4) {
          b.putShort(b.getInt(e + 8), (short) value);
        } else {
          b.putShort(e + 8, (short) value);
        }
        return b.array();
      }
    }
    throw new IllegalArgumentException("no tag " + tag);
  }

  @Test
  void valuesPastTheirCountOrOfAnotherTypeAreRefusedNamingTheTag() {
    // StripOffsets as two SHORTs in the entry, its count cut to 1: strip 2 has no offset
    byte[] tiff = tiff(ByteOrder.LITTLE_ENDIAN, 16, 8, 3, SHORT, t -> t, RED_STRIP, BLUE_STRIP);
    int offsets = 8 + 2 + 12 * 7;
    ByteBuffer b = ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(273, b.getShort(offsets));
    assertNotNull(TiffWebP.uncompressed(tiff, Long.MAX_VALUE));
    b.putInt(offsets + 4, 1);
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
        () -> TiffWebP.uncompressed(tiff, Long.MAX_VALUE));
    assertEquals("TIFF entry 273", e.getMessage());
    for (int type : new int[] {1, 5}) { // BYTE, RATIONAL
      byte[] other = redOverBlue(t -> t);
      ByteBuffer.wrap(other).order(ByteOrder.LITTLE_ENDIAN).putShort(8 + 2 + 12 * 2 + 2,
          (short) type);
      e = assertThrows(IndexOutOfBoundsException.class,
          () -> TiffWebP.uncompressed(other, Long.MAX_VALUE));
      assertEquals("TIFF entry 258", e.getMessage(), "type " + type);
    }
  }

  @Test
  void aStripPastTheEndOfTheFileIsRefused() {
    byte[] tiff = redOverBlue(t -> t);
    assertNotNull(TiffWebP.uncompressed(tiff, Long.MAX_VALUE), "the last strip ends the file");
    ByteBuffer b = ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN);
    int counts = b.getInt(8 + 2 + 12 * 8 + 8); // StripByteCounts' values
    b.putInt(counts + 4, BLUE_STRIP.length + 1);
    assertNull(TiffWebP.uncompressed(tiff, Long.MAX_VALUE));
  }

  @Test
  void anInterruptedThreadGetsNoRewrite() {
    Thread.currentThread().interrupt();
    try {
      assertNull(TiffWebP.uncompressed(redOverBlue(t -> t), Long.MAX_VALUE));
    } finally {
      assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    }
  }
}
