package io.github.sparkthumbs.report;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.ThumbResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code OUTPUT/report.html}, built from the manifest's lines alone (issue 13), so that a past
 * run's report can be made again ({@code scripts/report OUTPUT}), also from a single-file
 * manifest of earlier versions. One pass over the lines on the executors, reducing to a bounded
 * value ({@link ReportStats}: counts, samples, a time histogram). A manifest on disk is read as
 * text with Spark's own RDD input, not Spark SQL, whose start-up costs seconds (as for the
 * manifest's write).
 */
public final class RunReport {
  /** The report's name beside the manifest. */
  public static final String FILE_NAME = "report.html";
  /** Bars of the chart at most: wide enough to read a rate, few enough for a small SVG. */
  static final int BARS = 60;

  private RunReport() {}

  /**
   * The report's numbers, reduced like a run's summary: a run adds its manifest lines as it
   * reduces its summary (one pass over the lines it has just written, no second read of the
   * manifest, measured at 1-2 s a run), {@link #write(JavaSparkContext, Path, long)} adds the lines
   * of a manifest on disk. Either way only bounded samples reach the driver.
   */
  public static final class Totals implements java.io.Serializable {
    private final ReportStats stats = new ReportStats();
    private final long since;

    /**
     * @param since lines finished before this (epoch ms) stay off the chart: the lines of earlier
     *     runs that a rerun keeps; 0 for all
     */
    public Totals(long since) {
      this.since = since;
    }

    /** One of this run's results, as its manifest line says it. */
    public Totals add(ThumbResult r) {
      stats.add(r, since);
      return this;
    }

    /** One manifest line as written (an earlier run's line a rerun keeps). */
    public Totals addLine(String line) {
      stats.addLine(line, since);
      return this;
    }

    public Totals merge(Totals o) {
      stats.merge(o.stats);
      return this;
    }
  }

  /**
   * Builds the report of the run whose output is {@code root} from its manifest on disk.
   *
   * @param since see {@link Totals#Totals(long)}
   * @return the report written
   * @throws IOException when there is no manifest, or the report cannot be written
   */
  public static Path write(JavaSparkContext jsc, Path root, long since) throws IOException {
    FileSystem fs = root.getFileSystem(jsc.hadoopConfiguration());
    Path qualified = fs.makeQualified(root);
    Path manifest = manifestOf(fs, qualified);
    Totals t = jsc.textFile(manifest.toString())
        .treeAggregate(new Totals(since), Totals::addLine, Totals::merge);
    return write(fs, qualified, manifest, t);
  }

  /** Writes the report of {@code totals}, the lines of the manifest {@code manifest}. */
  public static Path write(FileSystem fs, Path root, Path manifest, Totals totals)
      throws IOException {
    Path qualified = fs.makeQualified(root);
    String html = ReportHtml.render(qualified, manifest, totals.stats);
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

}
