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
