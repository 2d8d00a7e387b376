package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AreaAverageTest {
  private static BufferedImage grey(int w, int h, int... values) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < values.length; i++) {
      int v = values[i];
      img.setRGB(i % w, i / w, v << 16 | v << 8 | v);
    }
    return img;
  }

  /** Every pixel a random colour: the worst case for an average's rounding. */
  private static BufferedImage noise(int w, int h, long seed) {
    Random r = new Random(seed);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    return img;
  }

  private static BufferedImage reduce(BufferedImage src, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    AreaAverage.INSTANCE.resize(src, out);
    return out;
  }

  @Test
  void wholePixelsAreAveraged() {
    BufferedImage out = reduce(grey(4, 2, 10, 20, 30, 40, 50, 60, 70, 80), 2, 1);
    assertEquals(0x232323, out.getRGB(0, 0) & 0xFFFFFF); // (10+20+50+60)/4 = 35
    assertEquals(0x373737, out.getRGB(1, 0) & 0xFFFFFF); // (30+40+70+80)/4 = 55
  }

  @Test
  void channelsStayApartAtTheirExtremes() {
    // Red and blue share a long in the reduction: full channels next to empty ones must come out
    // exactly, with the top byte set as libjpeg-turbo's BGRX output sets it.
    for (int rgb : new int[] {0xFFFFFF, 0xFF00FF, 0x00FF00, 0xFF0000, 0x0000FF}) {
      BufferedImage src = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
      int[] px = ((java.awt.image.DataBufferInt) src.getRaster().getDataBuffer()).getData();
      java.util.Arrays.fill(px, 0xFF000000 | rgb);
      BufferedImage out = reduce(src, 3, 2);
      for (int y = 0; y < 2; y++) {
        for (int x = 0; x < 3; x++) {
          assertEquals(rgb, out.getRGB(x, y) & 0xFFFFFF, Integer.toHexString(rgb));
        }
      }
    }
  }

  @Test
  void partlyCoveredPixelsCountByCoverage() {
    // 3 -> 2: the middle pixel is half under each output pixel.
    BufferedImage out = reduce(grey(3, 1, 0, 90, 180), 2, 1);
    assertEquals(30, out.getRGB(0, 0) & 0xFF); // (0 + 90/2) / 1.5
    assertEquals(150, out.getRGB(1, 0) & 0xFF); // (90/2 + 180) / 1.5
  }

  @Test
  void subImageReadsOnlyItsRegion() {
    BufferedImage parent = grey(6, 4);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 6; x++) {
        parent.setRGB(x, y, 0xFF0000); // red outside the region
      }
    }
    int[] v = {10, 20, 30, 40, 50, 60, 70, 80};
    for (int i = 0; i < v.length; i++) {
      parent.setRGB(2 + i % 4, 1 + i / 4, v[i] << 16 | v[i] << 8 | v[i]);
    }
    BufferedImage out = reduce(parent.getSubimage(2, 1, 4, 2), 2, 1);
    assertEquals(0x232323, out.getRGB(0, 0) & 0xFFFFFF);
    assertEquals(0x373737, out.getRGB(1, 0) & 0xFFFFFF);
  }

  @Test
  void matchesTheQualityGuardsExactReference() {
    BufferedImage src = noise(333, 217, 5);
    BufferedImage ours = reduce(src, 75, 49);
    BufferedImage ref = QualityGuardTest.areaAverage(src, 75, 49);
    int worst = 0;
    for (int y = 0; y < 49; y++) {
      for (int x = 0; x < 75; x++) {
        for (int s = 0; s <= 16; s += 8) {
          worst = Math.max(worst,
              Math.abs((ours.getRGB(x, y) >> s & 0xFF) - (ref.getRGB(x, y) >> s & 0xFF)));
        }
      }
    }
    assertTrue(worst <= 1, "largest channel difference " + worst); // fixed-point rounding only
  }

  /**
   * A destination that is a region of a larger image gets the same pixels as a whole image of its
   * own, and nothing outside the region changes (the writes go through its raster there, not
   * straight into the shared array).
   */
  @Test
  void aDestinationRegionGetsTheSamePixelsAndNothingAround() {
    BufferedImage src = noise(200, 130, 9);
    BufferedImage whole = reduce(src, 60, 39);
    BufferedImage canvas = new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 80; y++) {
      for (int x = 0; x < 100; x++) {
        canvas.setRGB(x, y, 0x123456);
      }
    }
    AreaAverage.INSTANCE.resize(src, canvas.getSubimage(20, 30, 60, 39));
    for (int y = 0; y < 80; y++) {
      for (int x = 0; x < 100; x++) {
        boolean inside = x >= 20 && x < 80 && y >= 30 && y < 69;
        int want = inside ? whole.getRGB(x - 20, y - 30) : 0xFF123456;
        assertEquals(want, canvas.getRGB(x, y), x + "," + y);
      }
    }
  }

  @Test
  void weightsOfEachOutputPixelSumToOne() {
    for (int[] sd : new int[][] {{640, 256}, {1000, 75}, {7, 7}, {101, 3}}) {
      AreaAverage.Weights w = new AreaAverage.Weights(sd[0], sd[1]);
      for (int i = 0; i < sd[1]; i++) {
        int sum = 0;
        for (int k = w.offset[i]; k < w.offset[i + 1]; k++) {
          sum += w.weight[k];
        }
        assertEquals(4096, sum, sd[0] + "->" + sd[1] + " pixel " + i);
      }
    }
  }

  /** A mean of exactly half a level rounds up, across and down, in every channel. */
  @Test
  void aMeanOfExactlyHalfALevelRoundsUp() {
    assertEquals(0x0B0B0B, reduce(grey(2, 1, 10, 11), 1, 1).getRGB(0, 0) & 0xFFFFFF);
    assertEquals(0x0B0B0B, reduce(grey(1, 2, 10, 11), 1, 1).getRGB(0, 0) & 0xFFFFFF);
    assertEquals(0x0A0A0A, reduce(grey(4, 1, 10, 10, 10, 11), 1, 1).getRGB(0, 0) & 0xFFFFFF);
  }

  /** The rounding remainder goes to the first of the largest weights. */
  @Test
  void theRemainderGoesToTheFirstLargestWeight() {
    AreaAverage.Weights w = new AreaAverage.Weights(3, 1);
    assertEquals(List.of(0, 3), List.of(w.offset[0], w.offset[1]));
    assertEquals(List.of(1366, 1365, 1365), List.of(w.weight[0], w.weight[1], w.weight[2]));
    // 5 -> 2: the second output pixel covers half, one, one: its remainder goes to the second
    AreaAverage.Weights five = new AreaAverage.Weights(5, 2);
    assertEquals(List.of(0, 3, 6), List.of(five.offset[0], five.offset[1], five.offset[2]));
    assertEquals(List.of(1639, 1638, 819, 819, 1639, 1638), List.of(five.weight[0],
        five.weight[1], five.weight[2], five.weight[3], five.weight[4], five.weight[5]));
  }

  /**
   * Through Thumbnailator in crop mode: the resizer gets the centre region only (a 300x100 image,
   * red | green | blue thirds, cropped to a square, is all green), not the whole image squeezed.
   */
  @Test
  void cropModeReducesOnlyTheCentreRegion() throws Exception {
    BufferedImage src = new BufferedImage(300, 100, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 100; y++) {
      for (int x = 0; x < 300; x++) {
        src.setRGB(x, y, x < 100 ? 0xFF0000 : x < 200 ? 0x00FF00 : 0x0000FF);
      }
    }
    io.github.sparkthumbs.settings.ImageSettings s = io.github.sparkthumbs.settings.ImageSettings
        .builder().mode(io.github.sparkthumbs.settings.Mode.CROP).size(60, 60).build();
    BufferedImage out = io.github.sparkthumbs.testing.Images.read(new Thumbnailer(s)
        .make(io.github.sparkthumbs.testing.Images.encode(src, "png"),
            io.github.sparkthumbs.settings.OutputFormat.PNG).encoded().get(0));
    assertEquals(60, out.getWidth());
    assertEquals(60, out.getHeight());
    for (int[] p : new int[][] {{0, 0}, {59, 0}, {30, 30}, {0, 59}, {59, 59}}) {
      int rgb = out.getRGB(p[0], p[1]);
      // green; a pixel's worth of rounding at the region's edge may bring in a little red/blue
      assertTrue((rgb >> 8 & 0xFF) >= 240 && (rgb >> 16 & 0xFF) <= 15 && (rgb & 0xFF) <= 15,
          "pixel " + p[0] + "," + p[1] + " is " + Integer.toHexString(rgb));
    }
  }

  @Test
  void onlyOpaqueIntRgbReductions() {
    assertTrue(AreaAverage.accepts(grey(10, 10), 5, 5));
    assertFalse(AreaAverage.accepts(grey(10, 10), 11, 5)); // an enlargement
    assertTrue(AreaAverage.accepts(grey(10, 10), 10, 10));
    assertFalse(AreaAverage.accepts(grey(10, 10), 10, 11));
    assertFalse(AreaAverage.accepts(new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB), 5, 5));
  }
}
