package io.github.sparkthumbs.job;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.report.ManifestLines;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.InputFailure;
import io.github.sparkthumbs.result.SkipReason;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.source.ListFile;
import io.github.sparkthumbs.source.ListSplit;
import io.github.sparkthumbs.source.Source;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

/**
 * A rerun never loses the record of an earlier run, and does not look at every output to know
 * what is up to date. The earlier manifest is read by the tasks (in splits, like a list) and
 * joined with this run's inputs by source on the executors: an input whose record says its
 * thumbnails were made from a source of the same size and modification time, at the same output
 * paths ({@code OutputLayout.upToDateByRecord}), is up to date without a single status call on
 * the output, and keeps the record's dimensions, format and warnings; a line of an input this run
 * did not name is carried over as it was. Only this run's lines are counted.
 */
final class EarlierRecords {
  private EarlierRecords() {}

  /**
   * The earlier manifest: the folder {@code manifest/}, else the one a run left under its
   * previous name while swapping in a new one (it stopped between the two renames), else an
   * earlier version's single {@code manifest.jsonl}; null when there is none.
   */
  static Path find(FileSystem fs, Path root) throws IOException {
    for (String name : new String[] {Manifest.DIR, Manifest.PREVIOUS_DIR,
        Manifest.LEGACY_FILE_NAME}) {
      Path p = new Path(root, name);
      if (fs.exists(p)) {
        return p;
      }
    }
    return null;
  }

  /** The earlier manifest's lines keyed by source; blank lines dropped. */
  static JavaPairRDD<String, String> read(JavaSparkContext jsc, Path manifest,
      Broadcast<SerializableConfiguration> conf) throws IOException {
    Configuration hadoop = jsc.hadoopConfiguration();
    List<ListSplit> splits = ListSplit.of(manifest.toString(), hadoop, ListSplit.SPLIT_BYTES);
    return jsc.parallelize(splits, Math.max(1, splits.size())).flatMapToPair(split -> {
      List<Tuple2<String, String>> out = new ArrayList<>();
      split.read(conf.value().value(), ManifestLines.MAX_LINE_BYTES, new ListFile.Visitor() {
        @Override
        public void input(String line, long offset) {
          out.add(new Tuple2<>(sourceOf(line), line));
        }

        @Override
        public void badLine(long offset, String why) {
          // Not one of ours (over ManifestLines' bound, or not UTF-8): it cannot be carried as it
          // is, so the new manifest says where it was and why it is not there.
          String where = ListSplit.where(split.file(), offset);
          out.add(new Tuple2<>(where, Manifest.line(ThumbResult.failed(where, -1,
              new InputFailure(ErrorClass.UNREADABLE, "earlier manifest " + where + ": " + why
                  + "; this line could not be carried over")))));
        }
      });
      return out.iterator();
    });
  }

  /** {@code r} with what the earlier record knew, when r is an up-to-date skip. */
  static ThumbResult withEarlier(ThumbResult r, ThumbResult earlier) {
    boolean upToDate = r.failure().reason() == SkipReason.UP_TO_DATE;
    return upToDate && earlier != null ? r.withEarlier(earlier) : r;
  }

  /**
   * A line that does not parse (edited by hand) is carried verbatim, keyed by itself; one that
   * parses but cannot be used ({@link #parseOrNull}) is keyed by its source, so that this run's
   * line of that source replaces it.
   */
  static String sourceOf(String line) {
    try {
      return Manifest.parse(line).source();
    } catch (IllegalArgumentException e) {
      return line;
    }
  }

  /** The earlier record of a line, or null when the line is not one a reader can use. */
  static ThumbResult parseOrNull(String line) {
    return ManifestLines.usableOrNull(line);
  }
}
