package io.github.sparkthumbs.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code scripts/bench-corpus DIR [N]}: the CPU benchmark's corpus, N (default 6000) photo-like
 * JPEGs, deterministic. Camera and phone sizes: 60% 1-3 MP, 30% 3-6 MP, 9% 8-12 MP, 1% 16-24 MP;
 * quality 85-92; baseline 4:2:0 (the JDK writer's default) with every 8th progressive.
 * An existing file is kept, so an interrupted run resumes.
 */
public final class BenchCorpus {
  private BenchCorpus() {}

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: bench-corpus DIR [N]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 6000;
    long t0 = System.nanoTime();
    long[] made = PhotoSynth.generate(n, i -> write(dir, i));
    System.out.printf(Locale.ROOT,
        "corpus %s: %d JPEGs, %.1f MB, %.1f megapixels (%.2f MP average) in %.1f s%n",
        dir.toAbsolutePath(), n, made[0] / 1e6, made[1] / 1e6, made[1] / 1e6 / n,
        (System.nanoTime() - t0) / 1e9);
  }

  static long[] write(Path dir, int i) throws IOException {
    SplittableRandom rnd = new SplittableRandom(7_000_000L + i);
    int k = rnd.nextInt(100);
    double mp = k < 60 ? 1 + rnd.nextDouble() * 2
        : k < 90 ? 3 + rnd.nextDouble() * 3
        : k < 99 ? 8 + rnd.nextDouble() * 4
        : 16 + rnd.nextDouble() * 8;
    double aspect = new double[] {4 / 3.0, 3 / 2.0, 16 / 9.0}[rnd.nextInt(3)];
    int longSide = (int) Math.round(Math.sqrt(mp * 1e6 * aspect));
    int shortSide = (int) Math.round(longSide / aspect);
    boolean portrait = rnd.nextInt(3) == 0;
    int w = portrait ? shortSide : longSide;
    int h = portrait ? longSide : shortSide;
    Path file = dir.resolve(String.format(Locale.ROOT, "%02d/photo-%05d.jpg", i % 40, i));
    if (Files.isRegularFile(file)) {
      return new long[] {Files.size(file), (long) w * h};
    }
    byte[] data = PhotoSynth.jpeg(PhotoSynth.render(w, h, i), (85 + rnd.nextInt(8)) / 100f,
        i % 8 == 7);
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(tmp, data);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return new long[] {data.length, (long) w * h};
  }
}
