package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which bottom rows count as the fill a decoder left: within 2 per channel of it. */
class DamageTest {
  /**
   * Ten rows: the top five a picture, the bottom five fill (mid-grey 128), one of which is off by
   * {@code off} in the channel at {@code shift}: within 2 it is still fill.
   */
  @ParameterizedTest(name = "off by {0} at bit {1}")
  @CsvSource({"2, 0, 0.5", "2, 8, 0.5", "2, 16, 0.5", "-2, 16, 0.5", "3, 0, 0.7", "3, 8, 0.7",
      "-3, 16, 0.7", "3, 24, 0.7", "-2, 24, 0.5"})
  void aRowWithinTwoOfTheFillIsFill(int off, int shift, double decoded) {
    BufferedImage img = new BufferedImage(4, 10, BufferedImage.TYPE_INT_ARGB);
    int fill = 0xF0808080;
    for (int y = 0; y < 10; y++) {
      for (int x = 0; x < 4; x++) {
        img.setRGB(x, y, y < 5 ? 0xFF000000 | (x * 60) << 8 : fill);
      }
    }
    img.setRGB(2, 6, fill + (off << shift));
    assertEquals(decoded, Damage.decodedFraction(img), 1e-9);
  }
}
