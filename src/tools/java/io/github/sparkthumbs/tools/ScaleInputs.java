package io.github.sparkthumbs.tools;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The scale experiment's inputs, made fast and in folders of 1000 (a big flat folder would
 * measure the file system, not the job).
 *
 * <ul>
 *   <li>{@code missing}: an {@code @list} of paths that do not exist: each costs the job one
 *       failed status call, no image work;
 *   <li>{@code urls}: an {@code @list} of {@code http://127.0.0.1:9/...} URLs: the SSRF guard
 *       refuses loopback (no {@code --allow-private-network}) before any connection is made;
 *   <li>{@code tiny}: a folder tree of real tiny JPEGs (a few hundred bytes each, hard links).
 * </ul>
 */
final class ScaleInputs {
  static final int PER_FOLDER = 1000;

  private ScaleInputs() {}

  /** Writes the list of {@code n} missing paths. */
  static Path missingList(Path file, long n) throws IOException {
    return list(file, n, i -> String.format(Locale.ROOT, "/nonexistent/scale/d%05d/i%08d.jpg",
        i / PER_FOLDER, i));
  }

  /** Writes the list of {@code n} loopback URLs that the network guard refuses. */
  static Path refusedUrlList(Path file, long n) throws IOException {
    // Port 9 (discard) is closed here too: even with the guard off nothing would answer.
    return list(file, n, i -> String.format(Locale.ROOT, "http://127.0.0.1:9/d%05d/i%08d.jpg",
        i / PER_FOLDER, i));
  }

  private static Path list(Path file, long n, java.util.function.LongFunction<String> line)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (long i = 0; i < n; i++) {
        w.write(line.apply(i));
        w.write('\n');
      }
    }
    return file;
  }

  /**
   * A tree of {@code n} tiny JPEGs, {@link #PER_FOLDER} per folder. Each folder holds one real
   * file and hard links to it (ext4 allows 65,000 links per file, so not one file for all);
   * falls back to copies where the file system has no hard links.
   */
  static Path tinyTree(Path dir, long n) throws IOException {
    byte[][] jpegs = new byte[8][];
    for (int k = 0; k < jpegs.length; k++) {
      jpegs[k] = PhotoSynth.jpeg(PhotoSynth.render(16 + 4 * k, 12 + 2 * k, 77 + k), 0.7f, false);
    }
    Files.createDirectories(dir);
    Path first = null;
    for (long i = 0; i < n; i++) {
      Path f = dir.resolve(String.format(Locale.ROOT, "d%05d/i%08d.jpg", i / PER_FOLDER, i));
      if (i % PER_FOLDER == 0) {
        Files.createDirectories(f.getParent());
        first = Files.write(f, jpegs[(int) ((i / PER_FOLDER) % jpegs.length)]);
        continue;
      }
      try {
        Files.createLink(f, first);
      } catch (UnsupportedOperationException | IOException e) {
        Files.copy(first, f);
      }
    }
    return dir;
  }

  /** Bytes of the tiny JPEGs (for the report). */
  static long tinyBytes() throws IOException {
    return PhotoSynth.jpeg(PhotoSynth.render(16, 12, 77), 0.7f, false).length;
  }
}
