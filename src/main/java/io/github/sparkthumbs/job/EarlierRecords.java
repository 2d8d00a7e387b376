package io.github.sparkthumbs.job;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.SkipReason;
import io.github.sparkthumbs.result.ThumbResult;
import java.io.Serializable;
import org.apache.spark.api.java.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * A rerun never loses the record of an earlier run. The new manifest is this run's results joined
 * (on the executors, by source) with the manifest already in the output: an input skipped as up to
 * date keeps what the earlier run learned of it (dimensions, format, warnings), and a line of an
 * input this run did not name is carried over as it was. Only this run's lines are counted.
 */
final class EarlierRecords {
  private EarlierRecords() {}

  /**
   * One line of the new manifest.
   *
   * @param text the JSON line
   * @param counted this run's result, counted in the summary; null for a carried-over line
   */
  record Line(String text, ThumbResult counted) implements Serializable {}

  static JavaRDD<Line> merge(JavaSparkContext jsc, JavaRDD<ThumbResult> current,
      Path previousManifest) {
    JavaPairRDD<String, ThumbResult> now =
        current.mapToPair(r -> new Tuple2<>(r.source(), r));
    // A line that does not parse (edited by hand, cut by a full disk) is carried over verbatim,
    // keyed by itself: it is not ours to drop.
    JavaPairRDD<String, String> before = jsc.textFile(previousManifest.toString())
        .filter(line -> !line.isBlank())
        .mapToPair(line -> new Tuple2<>(sourceOf(line), line));
    return now.fullOuterJoin(before, current.getNumPartitions()).values()
        .map(EarlierRecords::line);
  }

  private static Line line(Tuple2<Optional<ThumbResult>, Optional<String>> pair) {
    Optional<ThumbResult> now = pair._1();
    Optional<String> before = pair._2();
    if (!now.isPresent()) {
      return new Line(before.get(), null);
    }
    ThumbResult r = now.get();
    if (r.reason() == SkipReason.UP_TO_DATE && before.isPresent()) {
      ThumbResult earlier = parseOrNull(before.get());
      if (earlier != null) {
        r = r.withEarlier(earlier);
      }
    }
    return new Line(Manifest.line(r), r);
  }

  private static String sourceOf(String line) {
    ThumbResult r = parseOrNull(line);
    return r == null ? line : r.source();
  }

  private static ThumbResult parseOrNull(String line) {
    try {
      return Manifest.parse(line);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
