package io.github.sparkthumbs.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code scripts/sample-images DIR [N]}: N photo-like images in nested folders, deterministic
 * (image i is the same on every machine), from thumbnail-sized to ~12 MP, landscape and portrait,
 * JPEG and PNG.
 */
public final class SampleImages {
  private SampleImages() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: sample-images DIR [N]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    long t0 = System.nanoTime();
    long[] made = PhotoSynth.generate(n, i -> write(dir, i));
    System.out.printf(Locale.ROOT, "wrote %d images (%.1f MB, %.1f MP) to %s in %.1f s%n", n,
        made[0] / 1e6, made[1] / 1e6, dir.toAbsolutePath(), (System.nanoTime() - t0) / 1e9);
  }

  /** Writes sample {@code i}; returns {bytes, pixels}. */
  static long[] write(Path dir, int i) throws IOException {
    SplittableRandom rnd = new SplittableRandom(1000L + i);
    int kind = rnd.nextInt(100);
    int longSide;
    if (kind < 55) {
      longSide = 200 + rnd.nextInt(1400); // web and phone-screen sizes
    } else if (kind < 90) {
      longSide = 1600 + rnd.nextInt(1400); // 2-5 MP
    } else {
      longSide = 3000 + rnd.nextInt(1100); // 8-12 MP camera photos
    }
    double aspect = new double[] {4 / 3.0, 3 / 2.0, 16 / 9.0, 1.0}[rnd.nextInt(4)];
    int shortSide = (int) Math.round(longSide / aspect);
    boolean portrait = rnd.nextInt(3) == 0;
    int w = portrait ? shortSide : longSide;
    int h = portrait ? longSide : shortSide;
    boolean png = longSide < 1200 && rnd.nextInt(4) == 0; // PNGs of photos are rarely huge
    Path sub = dir.resolve(String.format(Locale.ROOT, "set-%02d/%s", i % 7,
        i % 3 == 0 ? "raw" : "edited"));
    Files.createDirectories(sub);
    var img = PhotoSynth.render(w, h, i);
    byte[] data = png ? PhotoSynth.png(img) : PhotoSynth.jpeg(img, 0.85f + rnd.nextInt(8) / 100f,
        rnd.nextInt(10) == 0);
    Files.write(sub.resolve(String.format(Locale.ROOT, "img-%05d.%s", i, png ? "png" : "jpg")),
        data);
    return new long[] {data.length, (long) w * h};
  }
}
