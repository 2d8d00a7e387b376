package io.github.sparkthumbs.output;

import io.github.sparkthumbs.result.InputFailure;
import io.github.sparkthumbs.result.SkipReason;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Source;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * How thumbnails are stored ({@code --layout}): one class per layout, made once per run on the
 * driver and shipped to the tasks with it. It owns where an input's thumbnails go, when they are
 * up to date, what a task does with an input's outcome, and what the driver does once the tasks'
 * lines are computed. {@link #of} is the registration, the one place that knows every layout.
 */
public interface OutputLayout extends Serializable {
  /**
   * The layout {@code s} asks for, for one run into {@code d}.
   */
  static OutputLayout of(Settings s, Destination d) {
    return switch (s.run().layout()) {
      case FILES -> new FileLayout(s, d);
      case TAR -> new TarLayout(s, d);
      case PARQUET -> new ParquetLayout(s, d);
    };
  }

  /** Where this run writes, as the driver settled it. */
  Destination destination();

  /**
   * Where {@code src}'s thumbnails go, one per size in the order of the image settings' sizes: what
   * the manifest's {@code outputs} say, and what an earlier record's are compared with.
   */
  List<String> targets(Source src, OutputStore store);

  /**
   * Whether {@code src} is up to date by its earlier record alone: the record shows thumbnails at
   * {@code targets} made from the same source (a URL's when they were made at all; a file's when
   * its size and modification time are those recorded; records of earlier versions have no
   * modification time: never). No look at the outputs.
   */
  default boolean upToDateByRecord(Source src, ThumbResult earlier, List<String> targets) {
    if (overwrite() || earlier == null
        || !(earlier.isOk() || earlier.failure().reason() == SkipReason.UP_TO_DATE)
        || !earlier.written().outputs().equals(targets)) {
      return false;
    }
    Long modified = earlier.input().modified();
    return src.isUrl() || (modified != null && modified == src.modifiedMillis()
        && earlier.input().bytes() == src.bytes());
  }

  /**
   * Whether {@code src}'s thumbnails at {@code targets} are there and newer than it, by looking
   * at them (a URL has no modification time: when they exist). Asked on the input's worker
   * thread, under its time budget, when its record did not already tell.
   */
  boolean upToDateOnDisk(Source src, List<String> targets, OutputStore store) throws IOException;

  /** {@code --overwrite}, or a new output: nothing is up to date. */
  default boolean overwrite() {
    return destination().overwrite();
  }

  /**
   * What the task does with an ok input's thumbnails ({@code ok.written().outputs()}, encoded in
   * that order): writes them, or keeps them in the outcome for the task's shard.
   *
   * @param partition the task's partition, whose shard a shard layout names
   * @throws InputFailure {@code write-failed} when a thumbnail cannot be written
   */
  Outcome store(ThumbResult ok, List<byte[]> encoded, OutputStore store, int partition)
      throws InputFailure;

  /**
   * At least this many tasks for {@code inputs} when {@code --partitions} leaves it to the plan;
   * 0 for no minimum of its own.
   */
  default int minPartitions(long inputs) {
    return 0;
  }

  /**
   * Whether only a whole run ({@code ThumbnailJob.run}), whose manifest names where each input's
   * thumbnails are, may use this layout.
   */
  default boolean needsManifest() {
    return false;
  }

  /**
   * On the driver, once the tasks' lines are computed (persisted) and before the manifest is
   * written from them: stores what the tasks kept ({@link Line#thumbnails()}).
   *
   * @return how many files it wrote (shards), 0 when the tasks wrote everything
   */
  default int finish(JavaSparkContext jsc, JavaRDD<Line> lines) throws IOException {
    return 0;
  }

  /** Where the thumbnails are, for the run's console, after {@link #finish} wrote {@code made}. */
  String where(Path root, int made);
}
