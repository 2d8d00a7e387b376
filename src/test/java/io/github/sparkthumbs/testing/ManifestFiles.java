package io.github.sparkthumbs.testing;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.ThumbResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads a run's manifest as a user would: every line of the part files in {@code OUTPUT/manifest/}
 * (Spark's {@code _SUCCESS} marker and hidden files aside), on any Hadoop file system.
 */
public final class ManifestFiles {
  private ManifestFiles() {}

  /** The part files, sorted by name; none when there is no manifest. */
  public static List<Path> parts(Path output, Configuration conf) throws IOException {
    Path dir = new Path(output, Manifest.DIR);
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir)) {
      return List.of();
    }
    return Arrays.stream(fs.listStatus(dir)).map(FileStatus::getPath)
        .filter(p -> !p.getName().startsWith("_") && !p.getName().startsWith("."))
        .sorted(Comparator.comparing(Path::getName)).toList();
  }

  /** Every line of the manifest, blank lines dropped. */
  public static List<String> lines(Path output, Configuration conf) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path p : parts(output, conf)) {
      FileSystem fs = p.getFileSystem(conf);
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (!line.isBlank()) {
            out.add(line);
          }
        }
      }
    }
    return out;
  }

  /** The manifest of a local output folder. */
  public static List<String> lines(java.nio.file.Path output) throws IOException {
    return lines(new Path(output.toUri()), new Configuration());
  }

  /** The manifest of a local output folder, parsed. */
  public static List<ThumbResult> results(java.nio.file.Path output) throws IOException {
    return lines(output).stream().map(Manifest::parse).toList();
  }
}
