package io.github.sparkthumbs.report;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.source.ListFile;
import io.github.sparkthumbs.source.ListSplit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * {@code OUTPUT/report.html}, built from the manifest's lines alone, so that a past
 * run's report can be made again ({@code scripts/report OUTPUT}), also from a single-file
 * manifest of earlier versions. One pass over the lines on the executors, reducing to a bounded
 * value ({@link ReportStats}: counts, samples, a time histogram). A manifest on disk is read in
 * splits by {@link ManifestLines}, not Spark SQL, whose start-up costs seconds, nor
 * {@code textFile}, which holds a line of any length in memory.
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
      stats.addLine(line, "a line kept from an earlier run", since);
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
    Broadcast<SerializableConfiguration> conf = ManifestLines.conf(jsc);
    Totals t = ManifestLines.splits(jsc, manifest)
        .map(split -> {
          ReportStats part = new ReportStats();
          ManifestLines.read(split, conf.value().value(), new ListFile.Visitor() {
            @Override
            public void input(String text, long offset) {
              part.addLine(text, ListSplit.where(split.file(), offset), since);
            }

            @Override
            public void badLine(long offset, String why) {
              part.addUnreadable(ListSplit.where(split.file(), offset), why);
            }
          });
          Totals one = new Totals(since);
          one.stats.merge(part);
          return one;
        })
        .treeAggregate(new Totals(since), Totals::merge, Totals::merge);
    return write(fs, qualified, manifest, t);
  }

  /**
   * Writes the report of {@code totals}, the lines of the manifest {@code manifest}: to a new file
   * of a name nobody can have taken before (a link planted at a fixed name would be written
   * through), then renamed over {@code report.html}, which replaces a link there rather than
   * writing to where it points.
   */
  public static Path write(FileSystem fs, Path root, Path manifest, Totals totals)
      throws IOException {
    Path qualified = fs.makeQualified(root);
    byte[] html = ReportHtml.render(qualified, manifest, totals.stats)
        .getBytes(StandardCharsets.UTF_8);
    Path out = new Path(qualified, FILE_NAME);
    if ("file".equals(qualified.toUri().getScheme())) {
      java.nio.file.Path dir = Paths.get(qualified.toUri());
      // Not Files.createTempFile: its 0600 would make the page unreadable to a web server or a
      // group sharing the output. CREATE_NEW never opens a link planted at the name.
      java.nio.file.Path tmp = dir.resolve("." + FILE_NAME + "." + UUID.randomUUID() + ".tmp");
      try {
        Files.write(tmp, html, java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return out;
    }
    Path tmp = new Path(qualified, "." + FILE_NAME + "." + UUID.randomUUID() + ".tmp");
    try {
      try (OutputStream o = fs.create(tmp, false)) {
        o.write(html);
      }
      fs.delete(out, false);
      if (!fs.rename(tmp, out)) {
        throw new IOException("could not rename " + tmp + " to " + out);
      }
    } finally {
      fs.delete(tmp, false);
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
