package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.tools.PhotoSynth;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Speed must not buy blur or aliasing: our 75x75 thumbnail (shrink-on-load + final downscale) is
 * compared with a reference made from the fully decoded image by exact area averaging.
 *
 * <p>Threshold 32 dB PSNR (RMS error 6.4 of 255, 2.5%). Measured here (worst of four noisy
 * photo-like images): libjpeg-turbo DCT scaling 38.8 dB, the pure-Java path 33.4 dB (ImageIO
 * subsampling to 4x the output, then Thumbnailator), while point sampling straight to the output
 * size (a nearest-neighbour resize, the aliasing this guard exists to catch) scores 24.5 dB; the
 * pure-Java path at 2x scored 30.1 dB and failed, which is why it keeps 4x. The negative control
 * below shows the guard can fail.
 */
class QualityGuardTest {
  static final double MIN_PSNR_DB = 32.0;

  private double worstPsnr(boolean nativeJpeg) throws IOException, ImageFailure {
    double worst = Double.MAX_VALUE;
    int[][] sizes = {{1600, 1200}, {900, 1350}, {2400, 1000}, {640, 480}};
    for (int i = 0; i < sizes.length; i++) {
      byte[] jpeg = PhotoSynth.jpeg(PhotoSynth.render(sizes[i][0], sizes[i][1], 40 + i), 0.9f,
          i == 1);
      ImageSettings s = ImageSettings.builder().nativeJpeg(nativeJpeg).build();
      // the core on the bytes, PNG out: the comparison measures scaling, not JPEG encoding
      BufferedImage ours = Images.read(new Thumbnailer(s).make(jpeg, OutputFormat.PNG)
          .encoded().get(0));
      BufferedImage reference = areaAverage(Images.read(jpeg), ours.getWidth(), ours.getHeight());
      double psnr = psnr(ours, reference);
      System.out.printf("quality %s q%d %dx%d: %.2f dB%n", nativeJpeg ? "native" : "java", i,
          ours.getWidth(), ours.getHeight(), psnr);
      worst = Math.min(worst, psnr);
    }
    return worst;
  }

  @Test
  void pureJavaPathMatchesAreaAveragedReference() throws Exception {
    double psnr = worstPsnr(false);
    assertTrue(psnr >= MIN_PSNR_DB, "worst PSNR " + psnr + " dB < " + MIN_PSNR_DB);
  }

  @Test
  void libjpegTurboPathMatchesAreaAveragedReference() throws Exception {
    assumeTrue(TurboJpegLibrary.available(),
        "libjpeg-turbo not installed: " + TurboJpegLibrary.status());
    double psnr = worstPsnr(true);
    assertTrue(psnr >= MIN_PSNR_DB, "worst PSNR " + psnr + " dB < " + MIN_PSNR_DB);
  }

  @Test
  void pointSamplingFailsTheGuard() throws IOException {
    BufferedImage full = PhotoSynth.render(1600, 1200, 40);
    BufferedImage nearest = new BufferedImage(75, 56, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 56; y++) {
      for (int x = 0; x < 75; x++) {
        nearest.setRGB(x, y, full.getRGB(x * 1600 / 75, y * 1200 / 56));
      }
    }
    double psnr = psnr(nearest, areaAverage(full, 75, 56));
    System.out.printf("quality nearest neighbour: %.2f dB%n", psnr);
    assertTrue(psnr < MIN_PSNR_DB, "nearest neighbour scored " + psnr + " dB");
  }

  /** Exact box filter: each output pixel is the coverage-weighted mean of the source pixels. */
  static BufferedImage areaAverage(BufferedImage src, int ow, int oh) {
    int w = src.getWidth();
    int h = src.getHeight();
    int[] px = src.getRGB(0, 0, w, h, null, 0, w);
    BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
    double sx = (double) w / ow;
    double sy = (double) h / oh;
    for (int oy = 0; oy < oh; oy++) {
      double y0 = oy * sy;
      double y1 = y0 + sy;
      for (int ox = 0; ox < ow; ox++) {
        double x0 = ox * sx;
        double x1 = x0 + sx;
        double[] acc = new double[3];
        double total = 0;
        for (int y = (int) y0; y < Math.min(h, Math.ceil(y1)); y++) {
          double wy = Math.min(y1, y + 1) - Math.max(y0, y);
          for (int x = (int) x0; x < Math.min(w, Math.ceil(x1)); x++) {
            double wt = wy * (Math.min(x1, x + 1) - Math.max(x0, x));
            int p = px[y * w + x];
            acc[0] += wt * ((p >> 16) & 0xFF);
            acc[1] += wt * ((p >> 8) & 0xFF);
            acc[2] += wt * (p & 0xFF);
            total += wt;
          }
        }
        int r = (int) Math.round(acc[0] / total);
        int g = (int) Math.round(acc[1] / total);
        int b = (int) Math.round(acc[2] / total);
        out.setRGB(ox, oy, (r << 16) | (g << 8) | b);
      }
    }
    return out;
  }

  static double psnr(BufferedImage a, BufferedImage b) {
    assertEquals(b.getWidth(), a.getWidth(), "width");
    assertEquals(b.getHeight(), a.getHeight(), "height");
    double se = 0;
    int n = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          double d = ((p >> shift) & 0xFF) - ((q >> shift) & 0xFF);
          se += d * d;
          n++;
        }
      }
    }
    double mse = se / n;
    return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
  }
}
