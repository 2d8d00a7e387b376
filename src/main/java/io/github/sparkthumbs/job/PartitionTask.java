package io.github.sparkthumbs.job;

import io.github.sparkthumbs.output.Line;
import io.github.sparkthumbs.output.Outcome;
import io.github.sparkthumbs.output.OutputLayout;
import io.github.sparkthumbs.output.OutputNames;
import io.github.sparkthumbs.output.OutputStore;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Source;
import io.github.sparkthumbs.source.UrlNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

/**
 * One thumbnail task: the output-name groups of a partition of the {@link JobPlan}'s last shuffle
 * to the manifest's lines, thumbnails written on the way. Inputs whose record shows them unchanged
 * are up to date without a look at their outputs; the rest go through the {@link PartitionRunner}.
 * Shipped to the executors with its fields alone (settings, the broadcast configuration, the
 * progress accumulators), never with the plan.
 */
final class PartitionTask
    implements FlatMapFunction<Iterator<Tuple2<String, Iterable<Item>>>, Line> {
  private final Settings settings;
  private final OutputLayout layout;
  private final Broadcast<SerializableConfiguration> conf;
  /** Null when no progress is shown. */
  private final Progress.Counters progress;

  PartitionTask(Settings settings, OutputLayout layout, Broadcast<SerializableConfiguration> conf,
      Progress.Counters progress) {
    this.settings = settings;
    this.layout = layout;
    this.conf = conf;
    this.progress = progress;
  }

  @Override
  public Iterator<Line> call(Iterator<Tuple2<String, Iterable<Item>>> groups) throws IOException {
    return thumbnails(groups, conf.value().value());
  }

  /**
   * The key of the shuffle by output name: a source's first output path; other items are keyed
   * by themselves (NUL: never a name).
   */
  static String nameKey(Item i, Settings s) {
    if (i.source() != null) {
      return OutputNames.relativePaths(i.source().stem(), s).get(0);
    }
    return "\0" + (i.decided() != null ? i.decided().source() : i.carried());
  }

  private Iterator<Line> thumbnails(Iterator<Tuple2<String, Iterable<Item>>> groups,
      Configuration hadoop) throws IOException {
    Settings s = settings;
    Consumer<ThumbResult> counted = progress == null ? r -> { } : progress::count;
    OutputStore store = new OutputStore(layout.destination().output(), hadoop);
    List<Line> out = new ArrayList<>();
    List<Item> todo = new ArrayList<>();
    while (groups.hasNext()) {
      for (Item i : named(groups.next()._2(), s)) {
        if (i.decided() != null) {
          out.add(Line.of(i.decided()));
          counted.accept(i.decided());
        } else if (i.carried() != null) {
          out.add(Line.carried(i.carried()));
        } else {
          Source src = i.source();
          // Only a record can tell without a look at the outputs; an input with none is named
          // once, by its InputTask.
          List<String> targets = i.earlier() == null ? null : layout.targets(src, store);
          if (targets != null && layout.upToDateByRecord(src, i.earlier(), targets)) {
            out.add(Line.of(listing(ThumbResult.upToDate(src.uri(), src.bytes(), targets)
                .withEarlier(i.earlier()), src)));
            counted.accept(out.get(out.size() - 1).counted());
          } else {
            todo.add(i);
          }
        }
      }
    }
    if (!todo.isEmpty()) {
      try (PartitionRunner runner =
          new PartitionRunner(s, layout, hadoop, TaskContext.getPartitionId())) {
        List<Outcome> outcomes = runner.run(todo.stream().map(Item::source).toList(), counted);
        for (int k = 0; k < todo.size(); k++) {
          Item i = todo.get(k);
          Outcome o = outcomes.get(k);
          out.add(Line.of(o.with(listing(EarlierRecords.withEarlier(o.result(), i.earlier()),
              i.source()))));
        }
      }
    }
    return out.iterator();
  }

  /**
   * The group's items with each source under a distinct output name: the one whose output keeps
   * its own name first ({@code y.jpg} before {@code y}, a JPEG without extension), then by source;
   * the others get a hash of their source before the extension ({@code y-1a2b3c4d.jpg}).
   */
  static List<Item> named(Iterable<Item> group, Settings s) {
    List<Item> sources = new ArrayList<>();
    List<Item> out = new ArrayList<>();
    for (Item i : group) {
      (i.source() != null ? sources : out).add(i);
    }
    sources.sort(Comparator.<Item, Boolean>comparing(i -> !keepsName(i.source(), s))
        .thenComparing(i -> i.source().uri()));
    for (int k = 0; k < sources.size(); k++) {
      Item i = sources.get(k);
      Source src = i.source();
      out.add(k == 0 ? i
          : Item.todo(src.withStem(UrlNames.withHash(src.stem(), src.uri())), i.earlier()));
    }
    return out;
  }

  private static boolean keepsName(Source src, Settings s) {
    return OutputNames.relativePaths(src.stem(), s).get(0).equals(src.stem());
  }

  private static ThumbResult listing(ThumbResult r, Source src) {
    return r.withListing(src.isUrl() ? null : src.modifiedMillis(), src.columns());
  }
}
