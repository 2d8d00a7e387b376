package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.sparkthumbs.testing.Images;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * H.273 code points to sRGB, value by value: each transfer curve against its formula (with sRGB's
 * primaries the matrix is the identity, so a grey ramp shows the curve alone), and P3's matrix
 * against LittleCMS converting by the Display P3 profile.
 */
class CodePointsTest {
  /** The 256 grey levels, one per pixel, in a 16x16 image of {@code type}. */
  private static BufferedImage ramp(int type, int alpha) {
    BufferedImage img = new BufferedImage(16, 16, type);
    for (int v = 0; v < 256; v++) {
      img.setRGB(v % 16, v / 16, alpha << 24 | v * 0x010101);
    }
    return img;
  }

  /**
   * Linear light to 8-bit sRGB as the encoder does it: linear light rounded to 1/16384 steps (a
   * table of 16385 entries), then the sRGB curve rounded.
   */
  private static int srgb(double linear) {
    double l = Math.round(linear * 16384) / 16384.0;
    return (int) Math.round(255 * (l <= 0.0031308 ? 12.92 * l
        : 1.055 * Math.pow(l, 1 / 2.4) - 0.055));
  }

  private static DoubleUnaryOperator curve(int transfer) {
    return switch (transfer) {
      case 1, 6, 14, 15 -> v -> v < 0.081 ? v / 4.5 : Math.pow((v + 0.099) / 1.099, 1 / 0.45);
      case 4 -> v -> Math.pow(v, 2.2);
      case 5 -> v -> Math.pow(v, 2.8);
      case 7 -> v -> v < 0.0913 ? v / 4 : Math.pow((v + 0.1115) / 1.1115, 1 / 0.45);
      case 8 -> v -> v;
      default -> throw new IllegalArgumentException("no curve " + transfer);
    };
  }

  /**
   * With sRGB's primaries (1) or unspecified ones (2), each grey level goes through the transfer
   * curve to linear light and back through sRGB's: exactly the sRGB value of the formula.
   */
  @ParameterizedTest(name = "primaries {0}, transfer {1}")
  @CsvSource({"1, 8", "2, 8", "1, 1", "2, 6", "1, 14", "1, 15", "1, 4", "1, 5", "2, 7"})
  void eachTransferCurveIsItsFormula(int primaries, int transfer) {
    BufferedImage in = ramp(BufferedImage.TYPE_INT_RGB, 0);
    BufferedImage out = CodePoints.toSrgb(in, primaries, transfer);
    assertNotSame(in, out);
    DoubleUnaryOperator f = curve(transfer);
    for (int v = 0; v < 256; v++) {
      int expected = srgb(f.applyAsDouble(v / 255.0));
      int p = out.getRGB(v % 16, v / 16);
      assertEquals(expected * 0x010101, p & 0xFFFFFF, "level " + v + ": " + Images.rgb(p));
    }
  }

  /** The alpha of each pixel is copied as it is; only the colour is converted. */
  @Test
  void alphaIsCopied() {
    BufferedImage in = ramp(BufferedImage.TYPE_INT_ARGB, 0x5A);
    in.setRGB(0, 0, 0x00FFFFFF);
    BufferedImage out = CodePoints.toSrgb(in, 1, 8);
    assertEquals(BufferedImage.TYPE_INT_ARGB, out.getType());
    assertEquals(0x00FFFFFF, out.getRGB(0, 0));
    assertEquals(0x5A000000 | srgb(52 / 255.0) * 0x010101, out.getRGB(4, 3));
  }

  /**
   * P3-D65 primaries (12) with the sRGB curve, and unspecified transfer (2) taken as the sRGB
   * curve, land within a unit of LittleCMS's conversion by the Display P3 profile, dark values
   * (the curve's linear segment) included.
   */
  @ParameterizedTest(name = "transfer {0}")
  @CsvSource({"13", "2"})
  void p3MatchesLittleCms(int transfer) throws Exception {
    BufferedImage in = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 256; i++) {
      int r = i;
      int g = (i * 37) % 256;
      int b = (i * 11) % 11; // dark blues: 0..10, below the curve's knee at 10.3
      in.setRGB(i % 16, i / 16, r << 16 | g << 8 | b);
    }
    byte[] icc;
    try (InputStream s = CodePointsTest.class.getResourceAsStream("/colour/display-p3.icc")) {
      icc = s.readAllBytes();
    }
    BufferedImage ref = ColourProfiles.fromIcc(in, icc);
    BufferedImage out = CodePoints.toSrgb(in, 12, transfer);
    for (int i = 0; i < 256; i++) {
      int p = out.getRGB(i % 16, i / 16);
      int q = ref.getRGB(i % 16, i / 16);
      for (int shift = 0; shift <= 16; shift += 8) {
        assertEquals(q >> shift & 0xFF, p >> shift & 0xFF, 1,
            "pixel " + i + ": " + Images.rgb(p) + " vs LittleCMS " + Images.rgb(q));
      }
    }
  }

  /**
   * BT.2020 primaries (9) against the matrix ITU-R BT.2087 publishes (to four decimals, so within
   * a unit): colours inside both gamuts, each channel drawing on all three.
   */
  @Test
  void bt2020MatchesBt2087sMatrix() {
    double[][] m = {{1.6605, -0.5876, -0.0728}, {-0.1246, 1.1329, -0.0083},
        {-0.0182, -0.1006, 1.1187}};
    int[] colours = {0x4D8099, 0x806633, 0x669966, 0x998080, 0x6680E6};
    BufferedImage in = new BufferedImage(colours.length, 1, BufferedImage.TYPE_INT_RGB);
    in.setRGB(0, 0, colours.length, 1, colours, 0, colours.length);
    BufferedImage out = CodePoints.toSrgb(in, 9, 8);
    for (int i = 0; i < colours.length; i++) {
      double[] v = {(colours[i] >> 16 & 0xFF) / 255.0, (colours[i] >> 8 & 0xFF) / 255.0,
          (colours[i] & 0xFF) / 255.0};
      int p = out.getRGB(i, 0);
      for (int c = 0; c < 3; c++) {
        double linear = m[c][0] * v[0] + m[c][1] * v[1] + m[c][2] * v[2];
        assertEquals(srgb(linear), p >> (16 - 8 * c) & 0xFF, 1,
            Images.rgb(colours[i]) + " channel " + c + ": " + Images.rgb(p));
      }
    }
  }

  /**
   * Primaries with another white (Illuminant C: 4, 8; DCI's: 11) are adapted to D65: their
   * white is sRGB's white and their greys stay grey.
   */
  @ParameterizedTest(name = "primaries {0}")
  @CsvSource({"4", "8", "11"})
  void anotherWhiteIsAdaptedToD65(int primaries) {
    BufferedImage in = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
    in.setRGB(0, 0, 0xFFFFFF);
    in.setRGB(1, 0, 0x808080);
    BufferedImage out = CodePoints.toSrgb(in, primaries, 13);
    int white = out.getRGB(0, 0);
    int grey = out.getRGB(1, 0);
    for (int shift = 0; shift <= 16; shift += 8) {
      assertEquals(255, white >> shift & 0xFF, 1, Images.rgb(white));
      assertEquals(128, grey >> shift & 0xFF, 1, Images.rgb(grey));
    }
  }

  /** sRGB's own code points and unspecified ones with sRGB's are the image itself. */
  @Test
  void srgbIsTheImageItself() {
    BufferedImage in = ramp(BufferedImage.TYPE_INT_RGB, 0);
    assertSame(in, CodePoints.toSrgb(in, 1, 2));
    assertSame(in, CodePoints.toSrgb(in, 2, 13));
  }
}
