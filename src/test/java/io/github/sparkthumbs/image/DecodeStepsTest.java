package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.Size;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The size a vector image is drawn at, and the sizes it is refused at, at their edges. */
class DecodeStepsTest {
  private static final DecodeRequest BOX_100 =
      DecodeRequest.of(List.of(new Size(100, 100)), Mode.FIT, 1L << 40);

  /** A side of 0, below it, not a number, or of 2^31 - 1 or more is a corrupt size. */
  @ParameterizedTest(name = "{0} x {1}")
  @CsvSource({"0, 5", "5, 0", "-1, 5", "NaN, 5", "5, NaN", "2147483647, 1", "1, 2147483647",
      "Infinity, 1"})
  void anImpossibleSizeIsCorrupt(double w, double h) {
    ImageFailure f = assertThrows(ImageFailure.class,
        () -> DecodeSteps.vectorSize("svg", w, h, BOX_100));
    assertEquals(ErrorClass.CORRUPT, f.errorClass());
    assertEquals("svg claims a size of " + w + "x" + h, f.getMessage());
  }

  /** Just inside the limits: drawn at the box's size, its own size held to the pixel limit. */
  @Test
  void theLargestSidesAreSizesToo() throws Exception {
    assertArrayEquals(new int[] {1, 1, 1, 1},
        DecodeSteps.vectorSize("svg", 0.25, 0.25, BOX_100));
    assertArrayEquals(new int[] {2147483646, 1, 100, 1},
        DecodeSteps.vectorSize("svg", 2147483646, 1, BOX_100));
    ImageFailure f = assertThrows(ImageFailure.class, () -> DecodeSteps.vectorSize("pdf page",
        2147483646, 2, DecodeRequest.of(List.of(new Size(100, 100)), Mode.FIT, 1L << 31)));
    assertEquals(ErrorClass.TOO_LARGE, f.errorClass());
    assertEquals("pdf page claims 2147483646x2 = 4294967292 pixels, over the limit of"
        + " 2147483648 (--max-pixels)", f.getMessage());
  }

  @Test
  void aSmallVectorIsDrawnAtItsOwnSize() throws Exception {
    assertArrayEquals(new int[] {40, 30, 40, 30}, DecodeSteps.vectorSize("svg", 40, 30, BOX_100));
    assertArrayEquals(new int[] {400, 300, 100, 75},
        DecodeSteps.vectorSize("svg", 400.4, 299.6, BOX_100));
  }
}
