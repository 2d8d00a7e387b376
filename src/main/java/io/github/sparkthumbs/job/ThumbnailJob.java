package io.github.sparkthumbs.job;

import io.github.sparkthumbs.output.Line;
import io.github.sparkthumbs.output.Destination;
import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.output.OutputCleanup;
import io.github.sparkthumbs.output.OutputLayout;
import io.github.sparkthumbs.output.OutputLock;
import io.github.sparkthumbs.output.OutputStore;
import io.github.sparkthumbs.report.RunReport;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.SettingsException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The Spark side: list (the driver the command line, the tasks the rest), thumbnail in the tasks,
 * and let the tasks write the manifest's parts; the driver holds counts, not inputs
 * ({@link JobPlan}).
 *
 * <p>From a shell, with the session you already have:
 *
 * <pre>{@code
 * ThumbnailJob.run(sc, java.util.List.of("/photos"), settings, System.out, System.err)
 * val m = ThumbnailJob.manifest(spark, "/thumbs")          // a DataFrame, one row per input
 * m.groupBy("error").count().show()
 * m.orderBy(desc("millis")).select("source", "millis").show(3)
 * }</pre>
 */
public final class ThumbnailJob {
  private ThumbnailJob() {}

  /**
   * The shell's short form: thumbnails of {@code inputs} (paths, globs, {@code @list} files or
   * URLs, as on the command line) into {@code output} with every other setting at its default.
   * Lazy like {@link #results(SparkContext, List, Settings)}; the manifest is written only by
   * {@link #run}.
   */
  public static JavaRDD<ThumbResult> results(SparkContext sc, String output, String... inputs)
      throws IOException {
    return results(sc, List.of(inputs), Settings.builder().output(output).build());
  }

  /**
   * Lists {@code inputs} and returns the per-input results. Thumbnails are written when the RDD
   * is first evaluated; it is persisted (memory, then disk), so that a second action reads the
   * same results instead of running again and finding every thumbnail up to date. Unpersist it
   * when done. Only {@link #run} writes the manifest, holds the output's lock and uses the earlier
   * run's records.
   */
  public static JavaRDD<ThumbResult> results(SparkContext sc, List<String> inputs, Settings s)
      throws IOException {
    if (OutputLayout.of(s, new Destination(s.run().output(), false)).needsManifest()) {
      throw new SettingsException("--layout", s.run().layout() + " shards are written by run(),"
          + " which writes the manifest that names them; results() writes files only");
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    OutputStore store = new OutputStore(s.run().output(), jsc.hadoopConfiguration());
    return JobPlan.make(jsc, store, inputs, s, false).lines(null).map(Line::counted)
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * The manifest of a run into {@code output} as a DataFrame, one row per input, for Spark SQL
   * ({@code groupBy("error").count()}).
   */
  public static Dataset<Row> manifest(SparkSession spark, String output) {
    return spark.read().json(new Path(output, Manifest.DIR).toString());
  }

  /**
   * Runs the whole job: lists, thumbnails, writes {@code OUTPUT/manifest/}, prints progress and
   * the summary line to {@code out} and failures to {@code err}. Holds the output's lock
   * ({@link OutputLock}) throughout.
   *
   * @throws OutputLock.Busy when another run is writing into the same output
   */
  public static Summary run(SparkContext sc, List<String> inputs, Settings s, PrintStream out,
      PrintStream err) throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    OutputStore store = new OutputStore(s.run().output(), jsc.hadoopConfiguration());
    // A new output holds no thumbnail: looking for each input's would cost a status call per
    // input (on S3 a HEAD and a LIST, as many requests as the PUTs themselves) to find nothing.
    boolean fresh = !store.fileSystem().exists(store.root());
    try (OutputLock lock = OutputLock.acquire(store.root(), jsc.hadoopConfiguration(), out)) {
      return run(jsc, store, inputs, s, fresh, out, err);
    }
  }

  private static Summary run(JavaSparkContext jsc, OutputStore store, List<String> inputs,
      Settings s, boolean fresh, PrintStream out, PrintStream err) throws IOException {
    long start = System.nanoTime();
    long startedAt = System.currentTimeMillis();
    SparkContext sc = jsc.sc();
    RunConsole console = new RunConsole(out, err);
    console.removedStale(OutputCleanup.beforeRun(store));
    console.decoder(s);
    JobPlan plan = JobPlan.make(jsc, store, inputs, s, fresh);
    console.listed(plan, (System.nanoTime() - start) / 1e9, sc.master());

    Path earlierManifest = EarlierRecords.find(store.fileSystem(), store.root());
    JavaPairRDD<String, String> earlier = earlierManifest == null ? null
        : EarlierRecords.read(jsc, earlierManifest, plan.conf);
    // Kept so that the summary and the failures shown read the results the manifest was written
    // from. Two copies on a cluster: an executor lost before then would otherwise force
    // recomputing its partitions, which would find their thumbnails written and report them
    // up to date instead of ok.
    // Serialized: a line is a few hundred bytes as bytes and several times that as objects.
    Path manifest;
    JavaRDD<Line> lines;
    int shards = 0;
    // Progress lines while the thumbnails are made (the tasks run in the first write: the
    // shards', or else the manifest's).
    try (Progress progress = Progress.start(sc, plan.counts.inputs(), s.run().progressSeconds(), out)) {
      // In the shard layouts the lines hold the thumbnails until the shards are written.
      lines = plan.lines(earlier, progress == null ? null : progress.counters).persist(
          sc.isLocal() ? StorageLevel.MEMORY_AND_DISK_SER() : StorageLevel.MEMORY_AND_DISK_SER_2());
      // First, so that a run whose shards fail writes no manifest naming them.
      shards = plan.layout.finish(jsc, lines);
      manifest = ManifestWriter.write(lines.map(Line::text), store);
    }
    Tuple2<Summary, RunReport.Totals> totals = totals(lines, startedAt);
    Summary summary = totals._1();
    console.carried(summary);
    console.failures(lines, summary, manifest);
    lines.unpersist(false);
    plan.release();
    console.removedKilled(OutputCleanup.afterRun(store));
    console.outputs(plan, shards, manifest);
    // The report, from the lines just written as the manifest (scripts/report makes the same page
    // from the files); a run whose report cannot be written still made its thumbnails
    // and manifest, so that is said, not failed.
    try {
      long t0 = System.nanoTime();
      Path report = RunReport.write(store.fileSystem(), store.root(), manifest, totals._2());
      console.report(report, (System.nanoTime() - t0) / 1e9);
    } catch (IOException | RuntimeException e) {
      console.reportNotWritten(store.root(), e);
    }
    console.summary(summary, (System.nanoTime() - start) / 1e9);
    return summary;
  }

  /**
   * The summary and the report's numbers in one pass over the lines just written: no second
   * pass for the report.
   */
  private static Tuple2<Summary, RunReport.Totals> totals(JavaRDD<Line> lines, long startedAt) {
    return lines.treeAggregate(
        new Tuple2<>(new Summary(), new RunReport.Totals(startedAt)), (acc, l) -> {
          if (l.counted() != null) {
            acc._1().add(l.counted());
            acc._2().add(l.counted());
          } else {
            acc._1().addCarried();
            acc._2().addLine(l.text());
          }
          return acc;
        }, (a, b) -> new Tuple2<>(a._1().merge(b._1()), a._2().merge(b._2())));
  }

  /** The session of the context the job runs in (the shell's own, when there is one). */
  static SparkSession session(JavaSparkContext jsc) {
    return SparkSession.builder().sparkContext(jsc.sc()).getOrCreate();
  }
}
