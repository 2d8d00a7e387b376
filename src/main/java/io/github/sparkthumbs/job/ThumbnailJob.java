package io.github.sparkthumbs.job;

import io.github.sparkthumbs.image.ImageDecoder;
import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.output.OutputLock;
import io.github.sparkthumbs.output.OutputStore;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Source;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The Spark side: list once on the driver, parallelize the sources in cost-balanced partitions,
 * thumbnail each partition with {@code mapPartitions}, stream the results back into the manifest.
 *
 * <p>From a shell, with the session you already have:
 *
 * <pre>{@code
 * val results = ThumbnailJob.results(sc, "/thumbs", "/photos").rdd // persisted: reuse it
 * results.filter(_.isFailed).map(_.error).countByValue()
 * results.sortBy(-_.bytes).take(3)
 * }</pre>
 */
public final class ThumbnailJob {
  /** Failures printed to stderr in full; the rest are in the manifest. */
  private static final int MAX_ERRORS_SHOWN = 20;

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
   * when done. Only {@link #run} writes the manifest and holds the output's lock.
   */
  public static JavaRDD<ThumbResult> results(SparkContext sc, List<String> inputs, Settings s)
      throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    JobPlan plan = JobPlan.make(jsc, inputs, s);
    return thumbnails(jsc, plan).union(jsc.parallelize(plan.rejected(), 1))
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** The thumbnails of the plan's sources, one result per source, lazily. */
  private static JavaRDD<ThumbResult> thumbnails(JavaSparkContext jsc, JobPlan plan) {
    List<List<Source>> buckets = Balancer.split(plan.sources(), plan.partitions());
    Broadcast<SerializableConfiguration> conf =
        jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
    Settings shipped = plan.settings();
    // One bucket per slice: parallelize keeps element order, so slice i holds bucket i.
    return jsc.parallelize(buckets, buckets.size()).mapPartitions(it -> {
      List<ThumbResult> out = new ArrayList<>();
      try (PartitionRunner runner = new PartitionRunner(shipped, conf.value().value())) {
        while (it.hasNext()) {
          out.addAll(runner.run(it.next()));
        }
      }
      return out.iterator();
    });
  }

  /**
   * Runs the whole job: lists, thumbnails, writes {@code manifest.jsonl}, prints progress and the
   * summary line to {@code out} and failures to {@code err}. Holds the output's lock
   * ({@link OutputLock}) throughout.
   *
   * @throws OutputLock.Busy when another run is writing into the same output
   */
  public static Summary run(SparkContext sc, List<String> inputs, Settings s, PrintStream out,
      PrintStream err) throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    OutputStore store = new OutputStore(s.output(), jsc.hadoopConfiguration());
    try (OutputLock lock = OutputLock.acquire(store.root(), jsc.hadoopConfiguration(), out)) {
      return run(jsc, store, inputs, s, out, err);
    }
  }

  private static Summary run(JavaSparkContext jsc, OutputStore store, List<String> inputs,
      Settings s, PrintStream out, PrintStream err) throws IOException {
    long start = System.nanoTime();
    SparkContext sc = jsc.sc();
    JobPlan plan = JobPlan.make(jsc, store, inputs, s);
    out.println("jpeg decoder on the driver: " + (s.nativeJpeg()
        ? "libjpeg-turbo " + ImageDecoder.nativeJpegStatus() : "pure Java (--decoder java)"));
    out.printf("listed %d inputs (%.1f MB) in %.1f s; %d partitions on %s%n",
        plan.sources().size() + plan.rejected().size(), plan.bytes() / 1e6,
        (System.nanoTime() - start) / 1e9, plan.partitions(), sc.master());

    int stale = store.removeTemporaries();
    if (stale > 0) {
      out.println("removed " + stale + " temporary files left by an interrupted run");
    }
    JavaRDD<ThumbResult> results = thumbnails(jsc, plan);
    // Cache so that streaming the results to the driver (toLocalIterator) does not recompute
    // them; count() runs all partitions in parallel first. Two copies on a cluster: an executor
    // lost before its partitions are streamed would otherwise force recomputing them, and the
    // recomputation finds their thumbnails written and reports them skipped/up-to-date instead of
    // ok. Results are a few hundred bytes per input.
    results.persist(sc.isLocal() ? StorageLevel.MEMORY_AND_DISK()
        : StorageLevel.MEMORY_AND_DISK_2());
    results.count();

    Summary summary = new Summary();
    Path manifest = store.resolve(Manifest.FILE_NAME);
    JavaRDD<ThumbResult> all = results.union(jsc.parallelize(plan.rejected(), 1));
    // The new manifest replaces the old one only when whole (temporary name, then rename), so
    // the earlier records are still there to be read while it is written.
    JavaRDD<EarlierRecords.Line> lines = store.modifiedMillis(manifest) >= 0
        ? EarlierRecords.merge(jsc, all, manifest)
        : all.map(r -> new EarlierRecords.Line(Manifest.line(r), r));
    long[] carried = {0};
    int[] shown = {0};
    store.write(manifest, stream -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
      for (Iterator<EarlierRecords.Line> it = lines.toLocalIterator(); it.hasNext(); ) {
        EarlierRecords.Line line = it.next();
        w.write(line.text());
        w.write('\n');
        ThumbResult r = line.counted();
        if (r == null) {
          carried[0]++;
          continue;
        }
        summary.add(r);
        if (r.isFailed() && shown[0]++ < MAX_ERRORS_SHOWN) {
          err.println(r.source() + ": " + r.error() + ": " + r.message());
        }
      }
      w.flush();
    });
    if (carried[0] > 0) {
      out.println("kept " + carried[0] + " lines of earlier runs for inputs not named this time");
    }
    results.unpersist(false);
    // Every partition has succeeded (count and the stream above waited for them) and Spark kills
    // the other attempts of a partition once one succeeds: what is left in the staging folder was
    // written by attempts killed mid-write.
    int killed = store.removeTemporaries();
    if (killed > 0) {
      out.println("removed " + killed + " temporary files of task attempts killed mid-write");
    }
    if (shown[0] > MAX_ERRORS_SHOWN) {
      err.println("... and " + (shown[0] - MAX_ERRORS_SHOWN) + " more failures in " + manifest);
    }
    out.println("thumbnails: " + store.root());
    out.println("manifest:   " + manifest);
    out.println(summary.line((System.nanoTime() - start) / 1e9));
    return summary;
  }
}
