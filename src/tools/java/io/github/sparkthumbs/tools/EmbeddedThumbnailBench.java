package io.github.sparkthumbs.tools;

import io.github.sparkthumbs.image.EncodedThumbnails;
import io.github.sparkthumbs.image.Thumbnailer;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.Size;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code EmbeddedThumbnailBench DIR [ROUNDS] [WxH]}: CPU ms per image of the per-image core on one
 * thread, without Spark, with and without {@code --embedded-thumbnails}, on the pure-Java and the
 * libjpeg-turbo paths, interleaved round by round as in {@link DecodeBench} (issue 15). DIR is
 * made by scripts/exif-thumbnail-corpus. Each file is read inside the timed loop, as there.
 */
public final class EmbeddedThumbnailBench {
  private EmbeddedThumbnailBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Size box = Size.parse(args.length > 2 ? args[2] : Settings.DEFAULT_SIZE_TEXT);
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      for (boolean nativeJpeg : new boolean[] {false, true}) {
        for (boolean flag : new boolean[] {false, true}) {
          Settings s = Settings.builder().output("unused").sizes(List.of(box))
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
  }
}
