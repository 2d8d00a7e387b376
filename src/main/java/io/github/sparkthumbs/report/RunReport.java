package io.github.sparkthumbs.report;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.Status;
import io.github.sparkthumbs.result.ThumbResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code OUTPUT/report.html}, built from the manifest alone (issue 13), so that a past run's
 * report can be made again ({@code scripts/report OUTPUT}), also from a single-file manifest of
 * earlier versions. Two passes over the manifest on the executors, each reducing to a bounded
 * value: the counts and samples ({@link ReportStats}), then images per time slice for the chart
 * (its time axis known only after the first). Read as text with Spark's own RDD input, not Spark
 * SQL, whose start-up costs seconds (as for the manifest's write).
 */
public final class RunReport {
  /** The report's name beside the manifest. */
  public static final String FILE_NAME = "report.html";
  /** Slices of the chart: wide enough to read a rate, few enough for a small SVG. */
  static final int SLICES = 60;

  private RunReport() {}

  /**
   * Builds the report of the run whose output is {@code root}.
   *
   * @param since lines finished before this (epoch ms) stay off the chart: the lines of earlier
   *     runs that a rerun keeps; 0 for all
   * @return the report written
   * @throws IOException when there is no manifest, or the report cannot be written
   */
  public static Path write(JavaSparkContext jsc, Path root, long since) throws IOException {
    FileSystem fs = root.getFileSystem(jsc.hadoopConfiguration());
    Path qualified = fs.makeQualified(root);
    Path manifest = manifestOf(fs, qualified);
    JavaRDD<String> text = jsc.textFile(manifest.toString());
    ReportStats stats = text.treeAggregate(new ReportStats(), (acc, line) -> {
      ThumbResult r = parseOrNull(line);
      return r == null ? (line.isBlank() ? acc : acc.addUnreadable()) : acc.add(r, since);
    }, ReportStats::merge);
    long[] perSlice = stats.hasTimes() ? okPerSlice(text, stats, since) : null;
    String html = ReportHtml.render(qualified, manifest, stats, perSlice);
    Path out = new Path(qualified, FILE_NAME);
    Path tmp = new Path(qualified, "." + FILE_NAME + ".tmp");
    try (OutputStream o = fs.create(tmp, true)) {
      o.write(html.getBytes(StandardCharsets.UTF_8));
    }
    fs.delete(out, false);
    if (!fs.rename(tmp, out)) {
      throw new IOException("could not rename " + tmp + " to " + out);
    }
    return out;
  }

  /** The manifest folder, or an earlier version's single file. */
  static Path manifestOf(FileSystem fs, Path root) throws IOException {
    Path dir = new Path(root, Manifest.DIR);
    if (fs.exists(dir)) {
      return dir;
    }
    Path legacy = new Path(root, Manifest.LEGACY_FILE_NAME);
    if (fs.exists(legacy)) {
      return legacy;
    }
    throw new java.io.FileNotFoundException("no manifest in " + root + " (neither " + Manifest.DIR
        + "/ nor " + Manifest.LEGACY_FILE_NAME + ")");
  }

  /** Ok images finished in each of {@link #SLICES} equal slices of the run. */
  private static long[] okPerSlice(JavaRDD<String> text, ReportStats stats, long since) {
    long t0 = stats.firstStart;
    long span = stats.lastFinished - t0;
    return text.treeAggregate(new long[SLICES], (acc, line) -> {
      ThumbResult r = parseOrNull(line);
      if (r != null && r.status() == Status.OK && r.finished() != null && r.finished() >= since) {
        int i = (int) Math.min(SLICES - 1, (r.finished() - t0) * SLICES / span);
        acc[Math.max(0, i)]++;
      }
      return acc;
    }, (a, b) -> {
      for (int i = 0; i < a.length; i++) {
        a[i] += b[i];
      }
      return a;
    });
  }

  private static ThumbResult parseOrNull(String line) {
    try {
      return Manifest.parse(line);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
