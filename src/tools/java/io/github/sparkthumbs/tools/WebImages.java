package io.github.sparkthumbs.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Web-size JPEGs for the URL rate: 0.25-0.48 MP photo-like images ({@link PhotoSynth}) of about
 * 30-60 KB, as the images of a web crawl (img2dataset's LAION-style inputs) mostly are. A few
 * dozen distinct images are rendered; the K files are hard links to them (decoding cost depends on
 * the pixels, not on the name).
 */
final class WebImages {
  private static final int DISTINCT = 48;
  private static final int[][] SIZES = {
      {640, 480}, {600, 450}, {720, 480}, {512, 512}, {800, 600}, {480, 640}, {576, 432},
      {700, 500}};
  private static final int TARGET_BYTES = 60_000;

  private WebImages() {}

  static String name(int i) {
    return String.format(Locale.ROOT, "w%03d/img-%06d.jpg", i / 1000, i);
  }

  /** Writes {@code k} files under {@code dir}; returns {min MP, max MP, mean bytes}. */
  static double[] write(Path dir, int k) throws IOException {
    Path originals = Files.createDirectories(dir.resolve("originals"));
    byte[][] jpegs = new byte[DISTINCT][];
    double minMp = Double.MAX_VALUE;
    double maxMp = 0;
    for (int d = 0; d < DISTINCT; d++) {
      int[] wh = SIZES[d % SIZES.length];
      var img = PhotoSynth.render(wh[0], wh[1], 9000 + d);
      // The synthetic noise compresses worse than most photos: lower the quality until the file
      // has a web image's size.
      float q = 0.85f;
      byte[] data = PhotoSynth.jpeg(img, q, false);
      while (data.length > TARGET_BYTES && q > 0.35f) {
        q -= 0.1f;
        data = PhotoSynth.jpeg(img, q, false);
      }
      Files.write(originals.resolve("o" + d + ".jpg"), data);
      jpegs[d] = data;
      double mp = wh[0] * wh[1] / 1e6;
      minMp = Math.min(minMp, mp);
      maxMp = Math.max(maxMp, mp);
    }
    long bytes = 0;
    for (int i = 0; i < k; i++) {
      Path f = dir.resolve(name(i));
      Files.createDirectories(f.getParent());
      Path original = originals.resolve("o" + (i % DISTINCT) + ".jpg");
      try {
        Files.createLink(f, original);
      } catch (UnsupportedOperationException | IOException e) {
        Files.copy(original, f);
      }
      bytes += jpegs[i % DISTINCT].length;
    }
    return new double[] {minMp, maxMp, (double) bytes / k};
  }
}
