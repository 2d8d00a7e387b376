package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.Size;
import java.awt.Rectangle;
import org.junit.jupiter.api.Test;

class GeometryTest {
  private static final Size BOX = new Size(75, 75);

  @Test
  void landscapeFitsWidth() {
    assertEquals(new Size(75, 56), Geometry.fit(4000, 3000, BOX));
  }

  @Test
  void portraitFitsHeight() {
    assertEquals(new Size(56, 75), Geometry.fit(3000, 4000, BOX));
  }

  @Test
  void squareFillsBox() {
    assertEquals(new Size(75, 75), Geometry.fit(1000, 1000, BOX));
  }

  @Test
  void stripsKeepOnePixel() {
    assertEquals(new Size(1, 75), Geometry.fit(1, 5000, BOX));
    assertEquals(new Size(75, 1), Geometry.fit(5000, 1, BOX));
  }

  @Test
  void smallerThanBoxIsNeverUpscaled() {
    assertEquals(new Size(40, 30), Geometry.fit(40, 30, BOX));
    assertEquals(new Size(75, 10), Geometry.fit(75, 10, BOX));
  }

  @Test
  void nonSquareBox() {
    assertEquals(new Size(150, 100), Geometry.fit(3000, 2000, new Size(200, 100)));
  }

  @Test
  void cropFillsBoxAndCutsCentre() {
    assertEquals(BOX, Geometry.crop(4000, 3000, BOX));
    assertEquals(new Rectangle(500, 0, 3000, 3000),
        Geometry.region(4000, 3000, BOX, Mode.CROP));
    assertEquals(new Rectangle(0, 0, 4000, 3000), Geometry.region(4000, 3000, BOX, Mode.FIT));
  }

  @Test
  void cropOfSmallImageCutsButDoesNotEnlarge() {
    assertEquals(new Size(40, 30), Geometry.crop(40, 30, BOX));
    assertEquals(new Size(75, 30), Geometry.crop(200, 30, BOX));
  }

  @Test
  void subsamplingKeepsTwiceTheOutput() {
    assertEquals(26, Geometry.subsampling(4000, 75, 2));
    assertEquals(6, Geometry.subsampling(4000, 75, 8));
    assertEquals(1, Geometry.subsampling(100, 75, 2));
    assertEquals(1, Geometry.subsampling(1, 1, 4));
  }

  /** Crop regions for a non-square output, landscape and portrait: centred, the output's aspect. */
  @Test
  void cropRegionsKeepTheOutputsAspect() {
    Size wide = new Size(40, 20);
    assertEquals(new Rectangle(400, 0, 200, 100), Geometry.region(1000, 100, wide, Mode.CROP));
    assertEquals(new Rectangle(0, 175, 100, 50), Geometry.region(100, 400, wide, Mode.CROP));
    assertEquals(new Rectangle(0, 0, 200, 100), Geometry.region(200, 100, wide, Mode.CROP));
  }
}
