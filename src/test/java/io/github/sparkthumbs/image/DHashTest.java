package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.report.NearDuplicates;
import io.github.sparkthumbs.settings.Hash;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.tools.NearCopies;
import io.github.sparkthumbs.testing.Images;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The difference hash on known pictures, and through the core on copies of one photo. */
class DHashTest {
  private static final Thumbnailer CORE =
      new Thumbnailer(ImageSettings.builder().hash(Hash.DHASH).build());

  private static long coreHash(byte[] bytes) throws Exception {
    return DHash.parse(CORE.make(bytes, OutputFormat.JPG).dhash());
  }

  private static BufferedImage halves(int type, Color left, Color right) {
    BufferedImage img = new BufferedImage(90, 80, type);
    Graphics2D g = img.createGraphics();
    g.setColor(left);
    g.fillRect(0, 0, 45, 80);
    g.setColor(right);
    g.fillRect(45, 0, 45, 80);
    g.dispose();
    return img;
  }

  @Test
  void brighterLeftCellsSetTheirBits() {
    // cells 0-3 white, cell 4 half and half, 5-8 black: bits 3 and 4 of each row are set
    assertEquals(0x1818181818181818L,
        DHash.of(halves(BufferedImage.TYPE_INT_RGB, Color.WHITE, Color.BLACK)));
    assertEquals(0L, DHash.of(halves(BufferedImage.TYPE_INT_RGB, Color.BLACK, Color.WHITE)));
    assertEquals("1818181818181818", DHash.hex(0x1818181818181818L));
    assertEquals("00000000000000ff", DHash.hex(0xffL));
    assertEquals(-1L, DHash.parse("ffffffffffffffff"));
    assertEquals(4, DHash.distance(0b1011L, 0b0100L));
    assertEquals(64, DHash.distance(0L, -1L));
  }

  @Test
  void everyPixelLayoutHashesAlike() {
    BufferedImage packed = Images.quadrants(300, 200);
    BufferedImage bgr = new BufferedImage(300, 200, BufferedImage.TYPE_3BYTE_BGR);
    bgr.createGraphics().drawImage(packed, 0, 0, null);
    assertEquals(DHash.hex(DHash.of(packed)), DHash.hex(DHash.of(bgr)));
    // a view into a larger raster (offsets) reads its own pixels only
    BufferedImage big = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
    big.createGraphics().drawImage(packed, 50, 60, null);
    assertEquals(DHash.hex(DHash.of(packed)), DHash.hex(DHash.of(big.getSubimage(50, 60, 300, 200))));
  }

  @Test
  void transparentCountsAsWhite() {
    BufferedImage clearLeft = halves(BufferedImage.TYPE_INT_ARGB, new Color(0, 0, 0, 0),
        Color.BLACK);
    assertEquals(0x1818181818181818L, DHash.of(clearLeft));
  }

  @Test
  void tinyImagesStillHash() {
    BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    assertEquals(0L, DHash.of(one));
    // narrower than the 9 cells: empty cells take their left neighbour's mean, no bit is set
    assertEquals(0L, DHash.of(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB)));
    BufferedImage stripe = new BufferedImage(3, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      stripe.setRGB(0, y, 0xffffff);
    }
    // white column 0 (cells 0-2) before black columns: the first step down sets bit 2 of a row
    assertEquals(0x2020202020202020L, DHash.of(stripe));
  }

  /** A 90x80 image of nine 10-pixel columns, one per cell, of {@code argb} left to right. */
  private static BufferedImage columns(int type, int... argb) {
    BufferedImage img = new BufferedImage(90, 80, type);
    for (int y = 0; y < 80; y++) {
      for (int x = 0; x < 90; x++) {
        img.setRGB(x, y, argb[x / 10]);
      }
    }
    return img;
  }

  /** The same byte in each of the eight rows. */
  private static long everyRow(int bits) {
    return 0x0101010101010101L * bits;
  }

  /**
   * Grey is BT.601 luma of all three channels: red (76) and blue (29) are brighter than black,
   * green (149) brighter than red; each channel's weight and place decides a bit.
   */
  @Test
  void eachChannelCountsByItsWeight() {
    BufferedImage img = columns(BufferedImage.TYPE_INT_RGB, 0xFF0000, 0, 0x0000FF, 0, 0x00FF00,
        0, 0xFFFFFF, 0, 0x808080);
    assertEquals(everyRow(0b10101010), DHash.of(img));
    BufferedImage order = columns(BufferedImage.TYPE_INT_RGB, 0x00FF00, 0xFF0000, 0x0000FF,
        0x00FF00, 0xFF0000, 0x0000FF, 0x00FF00, 0xFF0000, 0x0000FF);
    assertEquals(everyRow(0b11011011), DHash.of(order));
  }

  /**
   * Cells one grey level apart are told apart (means kept in 1/16 levels): a ramp down sets
   * every bit, a ramp up none.
   */
  @Test
  void oneGreyLevelIsADifference() {
    int[] down = new int[9];
    int[] up = new int[9];
    for (int c = 0; c < 9; c++) {
      down[c] = (108 - c) * 0x010101;
      up[c] = (100 + c) * 0x010101;
    }
    assertEquals(-1L, DHash.of(columns(BufferedImage.TYPE_INT_RGB, down)));
    assertEquals(0L, DHash.of(columns(BufferedImage.TYPE_INT_RGB, up)));
  }

  /**
   * A cell's mean is over its own points: 10 pixels across put two in the first cell and one in
   * each other, and a darker first cell sets no bit however many points it has.
   */
  @Test
  void aCellsMeanIsOverItsOwnPoints() {
    BufferedImage img = new BufferedImage(10, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 10; x++) {
        img.setRGB(x, y, x < 2 ? 0x646464 : 0x969696);
      }
    }
    assertEquals(0L, DHash.of(img));
  }

  /**
   * A transparent pixel is composited on white by its alpha: grey 100 at alpha 128 is 177, so it
   * sits between opaque 176 and 178.
   */
  @Test
  void partialAlphaIsCompositedOnWhite() {
    int half = 0x80646464;
    BufferedImage img = columns(BufferedImage.TYPE_INT_ARGB, half, 0xFFB0B0B0, half,
        0xFFB2B2B2, half, 0xFFB1B1B1, half, 0xFFB1B1B1, half);
    // 177 > 176: 1; 176 > 177: 0; 177 > 178: 0; 178 > 177: 1; 177 = 177: 0 ...
    assertEquals(everyRow(0b10010000), DHash.of(img));
  }

  /** Images that are not packed ints are read row by row: the same hash as packed. */
  @Test
  void aNonPackedImageIsReadRowByRow() {
    BufferedImage bgr = halves(BufferedImage.TYPE_3BYTE_BGR, Color.WHITE, Color.BLACK);
    assertEquals(0x1818181818181818L, DHash.of(bgr));
  }

  /** A view into a raster reads its own pixels, not those at the start of the shared array. */
  @Test
  void aSubimageReadsItsOwnPixels() {
    BufferedImage big = halves(BufferedImage.TYPE_INT_RGB, Color.BLACK, Color.WHITE);
    // black left of x = 150, white right of it; white | black halves at (100, 80)
    // 300 wide: a view 100 across reads at 100 + y * 300, not at an offset that is whole rows
    BufferedImage parent = new BufferedImage(300, 160, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = parent.createGraphics();
    g.drawImage(big, 0, 0, 300, 160, null);
    g.drawImage(halves(BufferedImage.TYPE_INT_RGB, Color.WHITE, Color.BLACK), 100, 80, null);
    g.dispose();
    assertEquals(0L, DHash.of(parent.getSubimage(0, 0, 90, 80)));
    assertEquals(0x1818181818181818L, DHash.of(parent.getSubimage(100, 80, 90, 80)));
  }

  @Test
  void onlyWhenAskedFor() throws Exception {
    Thumbnailer plain = new Thumbnailer(ImageSettings.defaults());
    assertNull(plain.make(Images.jpeg(200, 100, 1), OutputFormat.JPG).dhash());
  }

  /**
   * Copies stay within the finder's default distance; distinct photos are far apart. Measured on
   * these 12 photos: resized or recompressed copies 0-6 bits away, cropped by 2% per side 1-6,
   * by 3% up to 13 (dHash is not made for crops; docs/report-and-hashes.md), distinct photos 22+.
   */
  @Test
  void copiesAreNearAndDistinctPhotosFar() throws Exception {
    List<Long> originals = new ArrayList<>();
    int worstCopy = 0;
    for (long seed = 1; seed <= 12; seed++) {
      BufferedImage photo = NearCopies.photo(seed);
      long h = coreHash(NearCopies.jpeg(photo, 0.9f));
      originals.add(h);
      long[] copies = {
        coreHash(NearCopies.jpeg(NearCopies.resized(photo, 0.4), 0.9f)),
        coreHash(NearCopies.jpeg(photo, 0.3f)),
        coreHash(NearCopies.jpeg(NearCopies.cropped(photo, 2), 0.85f)),
        coreHash(Images.encode(NearCopies.resized(photo, 0.25), "png")),
      };
      for (long c : copies) {
        worstCopy = Math.max(worstCopy, DHash.distance(h, c));
      }
    }
    int nearestDistinct = 64;
    for (int i = 0; i < originals.size(); i++) {
      for (int j = i + 1; j < originals.size(); j++) {
        nearestDistinct = Math.min(nearestDistinct,
            DHash.distance(originals.get(i), originals.get(j)));
      }
    }
    System.out.println("dhash: worst copy " + worstCopy + " bits, nearest distinct "
        + nearestDistinct + " bits");
    assertTrue(worstCopy <= NearDuplicates.DEFAULT_DISTANCE, "a copy " + worstCopy + " bits away");
    assertTrue(nearestDistinct > 2 * NearDuplicates.DEFAULT_DISTANCE,
        "distinct photos only " + nearestDistinct + " bits apart");
  }
}
