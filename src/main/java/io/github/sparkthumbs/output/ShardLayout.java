package io.github.sparkthumbs.output;

import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Layout;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Source;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * What the shard layouts share: a task's thumbnails go into one shard, written on the driver's
 * word ({@link #finish}) through the commit protocol Spark uses for its own output, so that a
 * retried, speculated or killed task never leaves a duplicate or a partial shard; a run's shards
 * go into a folder of their own ({@code OUTPUT/shards/RUN}), since earlier runs' shards still hold
 * the samples their records name. A sample is named by its key ({@link ShardNames}); whether it
 * is up to date only its record tells, a shard is never looked into.
 */
abstract class ShardLayout implements OutputLayout {
  final Settings settings;
  private final Destination destination;
  /** This run's folder of shards. */
  final String runDir;

  ShardLayout(Settings settings, Destination destination) {
    this.settings = settings;
    this.destination = destination;
    this.runDir = new Path(destination.output(), ShardNames.DIR + "/" + runId()).toString();
  }

  @Override
  public Destination destination() {
    return destination;
  }

  /**
   * A run's name: its start time (UTC, to the millisecond, so that runs into one output, which its
   * lock keeps one after another, sort in the order they ran) and a random suffix.
   */
  private static String runId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC)
        .format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The shard that holds the samples of the task of {@code partition}. */
  abstract String shard(int partition);

  /**
   * Writes the shards of {@code samples} (the lines with thumbnails) into {@link #runDir}, one
   * per partition.
   */
  abstract void write(JavaSparkContext jsc, JavaRDD<Line> samples) throws IOException;

  @Override
  public List<String> targets(Source src, OutputStore store) {
    return ShardNames.members(src.uri(), src.stem(), settings);
  }

  @Override
  public boolean upToDateOnDisk(Source src, List<String> targets, OutputStore store) {
    return false;
  }

  /** Kept in the outcome, named in the task's shard, until the shard is written. */
  @Override
  public Outcome store(ThumbResult ok, List<byte[]> encoded, OutputStore store, int partition) {
    return new Outcome(ok.withShard(shard(partition), ShardNames.key(ok.source())), encoded);
  }

  /** A task holds its thumbnails until its shard is written. */
  @Override
  public int minPartitions(long inputs) {
    return (int) ((inputs + Layout.MAX_SAMPLES_PER_SHARD - 1) / Layout.MAX_SAMPLES_PER_SHARD);
  }

  @Override
  public boolean needsManifest() {
    return true;
  }

  /**
   * Writes the shards; a run that made no thumbnail (a rerun with all up to date) leaves no
   * folder.
   *
   * @return how many shard files the run's folder holds
   */
  @Override
  public int finish(JavaSparkContext jsc, JavaRDD<Line> lines) throws IOException {
    write(jsc, lines.filter(ShardLayout::isSample));
    return countShards(jsc.hadoopConfiguration());
  }

  /** Whether a line goes into a shard: an input made this run, whose thumbnails it carries. */
  static boolean isSample(Line l) {
    return l.thumbnails() != null;
  }

  /**
   * After the shards are written: how many {@link #runDir} holds; a folder without one is
   * removed. Package-private so that it is tested without a SparkContext.
   */
  int countShards(Configuration conf) throws IOException {
    Path folder = new Path(runDir);
    FileSystem fs = FileSystems.forPath(folder, conf);
    int shards = 0;
    for (FileStatus st : fs.listStatus(folder)) { // one per partition
      shards += st.getPath().getName().startsWith("part-") ? 1 : 0;
    }
    if (shards == 0) {
      fs.delete(folder, true);
    }
    return shards;
  }

  @Override
  public String where(Path root, int made) {
    return made > 0 ? runDir + " (" + made + " " + settings.run().layout() + " shards)"
        : "none made this run (the manifest names the shards of earlier runs)";
  }
}
