package io.github.sparkthumbs.tools;

import io.github.sparkthumbs.image.Thumbnailer;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.source.Source;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code DecodeBench DIR OUT [ROUNDS] [PATHS] [BOX]}: CPU ms per image of the per-image function
 * on one thread, without Spark, for the pure-Java and the libjpeg-turbo paths, interleaved round
 * by round so that machine noise hits both alike. Used by scripts/experiment-cpu to say what each
 * path costs. PATHS (default {@code java,native}) may also name {@code native-full}: libjpeg-turbo
 * without the DC-scan rewrite of progressive JPEGs (docs/progressive-jpeg.md). BOX is the
 * square thumbnail side (default the job's, 75; the web corpus is measured at 256). Nothing is
 * written: OUT stays in the command line for the scripts that pass it.
 */
public final class DecodeBench {
  private DecodeBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    List<String> paths = List.of((args.length > 3 ? args[3] : "java,native").split(","));
    List<Size> sizes = args.length > 4
        ? List.of(new Size(Integer.parseInt(args[4]), Integer.parseInt(args[4])))
        : ImageSettings.defaults().sizes();
    List<Source> sources;
    try (Stream<Path> files = Files.walk(dir)) {
      sources = files.filter(Files::isRegularFile).sorted().map(p -> {
        try {
          return new Source(p.toUri().toString(), dir.relativize(p).toString(), Files.size(p),
              Files.getLastModifiedTime(p).toMillis());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      for (String path : paths) {
        boolean nativeJpeg = path.startsWith("native");
        System.setProperty("thumbnailer.jpeg.dc-scans",
            String.valueOf(!path.equals("native-full")));
        ImageSettings s = ImageSettings.builder().nativeJpeg(nativeJpeg).sizes(sizes).build();
        Thumbnailer t = new Thumbnailer(s);
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long ok = 0;
        for (Source src : sources) {
          // the per-image core on the file's bytes: read + decode + scale + encode, no write
          try {
            t.make(Files.readAllBytes(Path.of(java.net.URI.create(src.uri()))), OutputFormat.JPG);
            ok++;
          } catch (ImageFailure e) {
            // counted as not ok
          }
        }
        double ms = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / sources.size();
        double wall = (System.nanoTime() - wall0) / 1e6 / sources.size();
        System.out.printf(Locale.ROOT,
            "round %d %-11s %5d images ok %5d  %.2f cpu ms/image  %.2f wall ms/image%n",
            round, path, sources.size(), ok, ms, wall);
      }
    }
  }
}
