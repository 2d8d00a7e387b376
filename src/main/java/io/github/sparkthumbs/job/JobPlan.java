package io.github.sparkthumbs.job;

import io.github.sparkthumbs.output.Destination;
import io.github.sparkthumbs.output.Line;
import io.github.sparkthumbs.output.OutputLayout;
import io.github.sparkthumbs.output.OutputStore;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Listed;
import io.github.sparkthumbs.source.Source;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

/**
 * A run's dataflow, from the distributed listing to the manifest's lines, with no step that
 * gathers inputs on the driver:
 *
 * <ol>
 *   <li>the listing ({@link Inputs}), kept (memory, then disk) and counted on the executors, for
 *       the number of partitions;
 *   <li>one shuffle by source: an input named twice is one input, and meets the earlier run's
 *       record of it ({@link EarlierRecords});
 *   <li>one shuffle by output name: distinct inputs that would write the same file are told apart
 *       (the one whose output keeps its own name first, the others get a hash of their source
 *       before the extension); the partitions of this shuffle are the thumbnail tasks;
 *   <li>in each task ({@link PartitionTask}), inputs whose record shows them unchanged are up to
 *       date without a look at their outputs, and the rest go through the
 *       {@link PartitionRunner}.
 * </ol>
 */
final class JobPlan {
  /**
   * What the listing counted, reduced on the executors.
   *
   * @param inputs listed items, rejected ones included
   * @param urls of which URLs
   * @param bytes total size of the files (URLs count 0)
   */
  record Counts(long inputs, long urls, long bytes) implements Serializable {
    Counts add(Listed l) {
      Source s = l.source();
      boolean url = s != null && s.isUrl();
      return new Counts(inputs + 1, urls + (url ? 1 : 0),
          bytes + (s == null ? 0 : Math.max(0, s.bytes())));
    }

    Counts merge(Counts o) {
      return new Counts(inputs + o.inputs, urls + o.urls, bytes + o.bytes);
    }
  }

  final Settings settings;
  final OutputStore store;
  final int partitions;
  final Counts counts;
  /** How this run stores its thumbnails, in the tasks and after them. */
  final OutputLayout layout;
  /** The Hadoop configuration, shipped once to the executors for every step of the run. */
  final Broadcast<SerializableConfiguration> conf;
  private final JavaRDD<Listed> listed;

  private JobPlan(Settings settings, OutputStore store,
      Broadcast<SerializableConfiguration> conf, JavaRDD<Listed> listed, Counts counts,
      int partitions, OutputLayout layout) {
    this.layout = layout;
    this.settings = settings;
    this.store = store;
    this.conf = conf;
    this.listed = listed;
    this.counts = counts;
    this.partitions = partitions;
  }

  /**
   * Lists (on the executors) and counts. The output is qualified here, on the driver
   * ({@code thumbs} -> {@code file:/home/me/thumbs}): on a cluster an executor would resolve a
   * relative output against its own working directory.
   *
   * @param fresh the output did not exist before the run: every input's thumbnails are made
   *     without a look for them ({@link Destination#overwrite()})
   */
  static JobPlan make(JavaSparkContext jsc, OutputStore store, List<String> inputs, Settings s,
      boolean fresh) throws IOException {
    Broadcast<SerializableConfiguration> conf =
        jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
    JavaRDD<Listed> listed = Inputs.listed(jsc, inputs, s.listing(), store.root(), conf)
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    Counts c = listed.aggregate(new Counts(0, 0, 0), Counts::add, Counts::merge);
    // --partitions is a wish, capped at one per input: an empty partition is a task for nothing
    // and an empty manifest part
    int wish = s.run().partitions();
    int partitions = wish > 0 ? (int) Math.max(1, Math.min(wish, c.inputs()))
        : Balancer.defaultPartitions(c.inputs(), c.urls(), jsc.defaultParallelism(),
            s.fetch().concurrency());
    Destination destination =
        new Destination(store.root().toString(), s.run().overwrite() || fresh);
    OutputLayout layout = OutputLayout.of(s, destination);
    if (wish == 0) {
      partitions = Math.max(partitions, layout.minPartitions(c.inputs()));
    }
    return new JobPlan(s, store, conf, listed, c, partitions, layout);
  }

  /**
   * The new manifest's lines, lazily: this run's results (thumbnails written as the lines are
   * computed) and the earlier lines of inputs not named this time.
   *
   * @param earlier the earlier manifest's lines keyed by source, or null
   */
  JavaRDD<Line> lines(JavaPairRDD<String, String> earlier) {
    return lines(earlier, null);
  }

  /** As {@link #lines(JavaPairRDD)}, each of this run's results also counted for progress. */
  JavaRDD<Line> lines(JavaPairRDD<String, String> earlier, Progress.Counters progress) {
    HashPartitioner part = new HashPartitioner(partitions);
    // Locals, so that the closures capture them and not the plan.
    Settings s = settings;
    Broadcast<SerializableConfiguration> c = conf;
    OutputLayout out = layout;
    // No combining on the map side: a source named twice is rare, and the combining map costs
    // its upkeep for every input (Spark sizes such maps by walking samples of their records).
    // The serializer null is Spark's configured one.
    JavaPairRDD<String, Listed> bySource = listed.mapToPair(l -> new Tuple2<>(l.key(), l))
        .combineByKey(l -> l, JobPlan::pick, JobPlan::pick, part, false, null);
    JavaRDD<Item> items = earlier == null
        ? bySource.flatMap(t -> items(List.of(t._2()), List.of()))
        : bySource.cogroup(earlier, part).flatMap(t -> items(t._2()._1(), t._2()._2()));
    return items
        .mapToPair(i -> new Tuple2<>(PartitionTask.nameKey(i, s), i))
        .groupByKey(part)
        .mapPartitions(new PartitionTask(s, out, c, progress));
  }

  /** Lets go of the kept listing. */
  void release() {
    listed.unpersist(false);
  }

  /** Of two items for one source, the same one whichever order they come in. */
  private static Listed pick(Listed a, Listed b) {
    if ((a.source() == null) != (b.source() == null)) {
      return a.source() != null ? a : b;
    }
    String ka = a.source() != null ? a.source().stem() : a.rejected().failure().message();
    String kb = b.source() != null ? b.source().stem() : b.rejected().failure().message();
    return ka.compareTo(kb) <= 0 ? a : b;
  }

  /**
   * One source's listing (at most one, after pick) with the earlier run's lines of it.
   *
   * @param listing empty for a source only the earlier manifest names
   */
  private static Iterator<Item> items(Iterable<Listed> listing, Iterable<String> earlierLines) {
    List<Item> out = new ArrayList<>();
    Iterator<Listed> now = listing.iterator();
    if (!now.hasNext()) {
      earlierLines.forEach(line -> out.add(Item.carried(line)));
      return out.iterator();
    }
    Listed l = now.next();
    if (l.source() == null) {
      out.add(Item.decided(l.rejected()));
      return out.iterator();
    }
    ThumbResult earlier = null;
    for (String line : earlierLines) {
      earlier = earlier != null ? earlier : EarlierRecords.parseOrNull(line);
    }
    out.add(Item.todo(l.source(), earlier));
    return out.iterator();
  }
}
