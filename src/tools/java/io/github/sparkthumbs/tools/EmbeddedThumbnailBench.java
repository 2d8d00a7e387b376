package io.github.sparkthumbs.tools;

import io.github.sparkthumbs.image.EncodedThumbnails;
import io.github.sparkthumbs.image.Thumbnailer;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Size;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * {@code EmbeddedThumbnailBench DIR [ROUNDS] [WxH]}: CPU ms per image of the per-image core on one
 * thread, without Spark, with and without {@code --embedded-thumbnails}, on the pure-Java and the
 * libjpeg-turbo paths, interleaved round by round as in {@link DecodeBench}. DIR is
 * made by scripts/exif-thumbnail-corpus. Each file is read inside the timed loop, as there.
 */
public final class EmbeddedThumbnailBench {
  private EmbeddedThumbnailBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Size box = Size.parse(args.length > 2 ? args[2] : ImageSettings.DEFAULT_SIZE_TEXT);
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      for (boolean nativeJpeg : new boolean[] {false, true}) {
        for (boolean flag : new boolean[] {false, true}) {
          ImageSettings s = ImageSettings.builder().sizes(List.of(box))
              .nativeJpeg(nativeJpeg).embeddedThumbnails(flag).build();
          Thumbnailer t = new Thumbnailer(s);
          long cpu0 = mx.getCurrentThreadCpuTime();
          long wall0 = System.nanoTime();
          int ok = 0;
          int fromThumbnail = 0;
          for (Path f : files) {
            try {
              EncodedThumbnails e = t.make(Files.readAllBytes(f), OutputFormat.JPG);
              ok++;
              fromThumbnail += e.decodedFrom() != null ? 1 : 0;
            } catch (ImageFailure e) {
              // counted as not ok
            }
          }
          System.out.printf(Locale.ROOT,
              "round %d %-6s flag %-3s %4d images ok %4d from-thumbnail %4d  %6.2f cpu ms/image"
                  + "  %6.2f wall ms/image%n",
              round, nativeJpeg ? "native" : "java", flag ? "on" : "off", files.size(), ok,
              fromThumbnail, (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / files.size(),
              (System.nanoTime() - wall0) / 1e6 / files.size());
        }
      }
    }
    compare(files, box);
  }

  /**
   * How far the thumbnails made from the EXIF thumbnail are from those made from the photo
   * (libjpeg-turbo, both encoded as the run would write them): PSNR in dB, mean and worst.
   */
  private static void compare(List<Path> files, Size box) throws IOException {
    ImageSettings.Builder b = ImageSettings.builder().sizes(List.of(box));
    Thumbnailer photo = new Thumbnailer(b.embeddedThumbnails(false).build());
    Thumbnailer thumb = new Thumbnailer(b.embeddedThumbnails(true).build());
    double sum = 0;
    double worst = Double.MAX_VALUE;
    int n = 0;
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      try {
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(
            photo.make(bytes, OutputFormat.JPG).encoded().get(0)));
        BufferedImage t = ImageIO.read(new ByteArrayInputStream(
            thumb.make(bytes, OutputFormat.JPG).encoded().get(0)));
        double p = psnr(a, t);
        sum += p;
        worst = Math.min(worst, p);
        n++;
      } catch (ImageFailure e) {
        // not compared
      }
    }
    System.out.printf(Locale.ROOT,
        "thumbnail vs photo output, %d images: PSNR mean %.1f dB, worst %.1f dB%n", n, sum / n,
        worst);
  }

  static double psnr(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      return 0; // a different size is as wrong as it gets
    }
    double se = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift < 24; shift += 8) {
          int d = ((p >> shift) & 0xFF) - ((q >> shift) & 0xFF);
          se += d * d;
        }
      }
    }
    double mse = se / (3.0 * a.getWidth() * a.getHeight());
    return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
  }
}
