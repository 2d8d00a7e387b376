package io.github.sparkthumbs.tools;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * {@code scripts/fuzz-corpus DIR [N] [SEED]}: N seeded random mutations of small valid JPEG
 * (baseline and progressive), PNG and GIF files: bit flips, truncations, duplicated or zeroed
 * slices (chunks and markers repeated, lengths broken). The same seed gives the same files.
 */
public final class FuzzCorpus {
  private FuzzCorpus() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    List<Path> files = write(dir, n, seed);
    System.out.printf(Locale.ROOT, "wrote %d mutated images to %s (seed %d)%n", files.size(),
        dir.toAbsolutePath(), seed);
  }

  /** Writes {@code n} cases under {@code dir}; returns their paths. */
  public static List<Path> write(Path dir, int n, long seed) throws IOException {
    BufferedImage img = PhotoSynth.render(96, 64, seed);
    List<byte[]> bases = List.of(
        PhotoSynth.jpeg(img, 0.85f, false), PhotoSynth.jpeg(img, 0.85f, true),
        PhotoSynth.png(img), gif(img));
    String[] ext = {"jpg", "jpg", "png", "gif"};
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>(n);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      int b = i % bases.size();
      byte[] data = mutate(bases.get(b), rnd);
      Path f = dir.resolve(String.format(Locale.ROOT, "case-%05d.%s", i, ext[b]));
      Files.write(f, data);
      out.add(f);
    }
    return out;
  }

  static byte[] mutate(byte[] base, SplittableRandom rnd) {
    byte[] d = base.clone();
    int rounds = 1 + rnd.nextInt(3);
    for (int r = 0; r < rounds; r++) {
      switch (rnd.nextInt(4)) {
        case 0 -> { // bit flips, mostly after the header where decoders do the most work
          int flips = 1 + rnd.nextInt(16);
          for (int k = 0; k < flips && d.length > 0; k++) {
            int at = rnd.nextInt(d.length);
            d[at] ^= (byte) (1 << rnd.nextInt(8));
          }
        }
        case 1 -> d = Arrays.copyOf(d, Math.max(1, rnd.nextInt(Math.max(1, d.length)))); // cut
        case 2 -> { // duplicate a slice: repeated chunks, markers, scans
          if (d.length > 2) {
            int from = rnd.nextInt(d.length - 1);
            int len = 1 + rnd.nextInt(Math.min(512, d.length - from));
            int at = rnd.nextInt(d.length);
            ByteArrayOutputStream o = new ByteArrayOutputStream(d.length + len);
            o.write(d, 0, at);
            o.write(d, from, len);
            o.write(d, at, d.length - at);
            d = o.toByteArray();
          }
        }
        default -> { // zero or 0xFF a slice: broken lengths and dimensions
          if (d.length > 1) {
            int from = rnd.nextInt(d.length);
            int len = 1 + rnd.nextInt(Math.min(64, d.length - from));
            Arrays.fill(d, from, from + len, rnd.nextBoolean() ? (byte) 0 : (byte) 0xFF);
          }
        }
      }
    }
    return d;
  }

  private static byte[] gif(BufferedImage img) throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ImageIO.write(img, "gif", o);
    return o.toByteArray();
  }
}
