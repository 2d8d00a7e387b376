package io.github.sparkthumbs.job;

import io.github.sparkthumbs.settings.InputFormat;
import io.github.sparkthumbs.settings.ListingSettings;
import io.github.sparkthumbs.settings.SettingsException;
import io.github.sparkthumbs.source.CsvTable;
import io.github.sparkthumbs.source.FileSystemPolicy;
import io.github.sparkthumbs.source.InputLister;
import io.github.sparkthumbs.source.ListRows;
import io.github.sparkthumbs.source.ListSplit;
import io.github.sparkthumbs.source.Listed;
import io.github.sparkthumbs.source.ParquetListing;
import io.github.sparkthumbs.source.ParquetSplit;
import io.github.sparkthumbs.source.TableListing;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The listing as a distributed dataset: what the driver found on the command line
 * ({@link InputLister}: files, top levels, URLs), the subtrees walked by the tasks, and the rows of
 * {@code @list} inputs read by the tasks: plain lines and JSON lines in byte splits
 * ({@link ListSplit}), CSV and TSV one task per file ({@link TableListing}: a quoted field may
 * hold a line break, so a record's start is known only from the file's start), Parquet by row
 * groups ({@link ParquetSplit}, planned from the files' footers). Each row, whatever it holds,
 * ends as its inputs or as one failed line ({@link ListRows#row}), and so does a list file, or a
 * row group of one, that cannot be read. Nothing here is collected on the driver.
 */
final class Inputs {
  /** Subtrees per task: enough to spread a wide tree, few enough for small tasks. */
  private static final int WALKS_PER_PARTITION = 4;

  private Inputs() {}

  /**
   * @param output the output, qualified
   * @throws FileNotFoundException when an {@code @list} names nothing (a usage error)
   * @throws SettingsException when a list lacks the URL column or a kept column
   */
  static JavaRDD<Listed> listed(JavaSparkContext jsc, List<String> inputs, ListingSettings s,
      Path output, Broadcast<SerializableConfiguration> conf) throws IOException {
    Configuration hadoop = jsc.hadoopConfiguration();
    InputLister.Listing l = InputLister.list(inputs, output, hadoop);
    FileSystemPolicy policy = new FileSystemPolicy(hadoop, inputs, s.listFileSystems());
    FileSystem defaultFs = FileSystem.get(hadoop);
    String base = defaultFs.makeQualified(defaultFs.getWorkingDirectory()).toString();
    String out = output.toString();

    List<Listed> onDriver = new ArrayList<>();
    l.sources().forEach(x -> onDriver.add(Listed.of(x)));
    l.rejected().forEach(x -> onDriver.add(Listed.of(x)));
    JavaRDD<Listed> all = jsc.parallelize(onDriver,
        Math.max(1, Math.min(jsc.defaultParallelism(), onDriver.size() / 1000 + 1)));
    if (!l.walks().isEmpty()) {
      int slices = Math.max(1, (l.walks().size() + WALKS_PER_PARTITION - 1) / WALKS_PER_PARTITION);
      all = all.union(jsc.parallelize(l.walks(), slices).mapPartitions(walks -> {
        List<Listed> found = new ArrayList<>();
        ListRows rows = rows(conf, out, policy, base, found::add);
        walks.forEachRemaining(rows::walk);
        return found.iterator();
      }));
    }
    if (l.lists().isEmpty()) {
      return all;
    }
    if (s.inputFormat() == InputFormat.TEXT || s.inputFormat() == InputFormat.JSON) {
      List<ListSplit> splits = new ArrayList<>();
      for (String list : l.lists()) {
        splits.addAll(ListSplit.of(list, hadoop, ListSplit.SPLIT_BYTES));
      }
      return all.union(jsc.parallelize(splits, Math.max(1, splits.size())).flatMap(split -> {
        List<Listed> found = new ArrayList<>();
        rows(conf, out, policy, base, found::add).read(split, s);
        return found.iterator();
      }));
    }
    if (s.inputFormat() == InputFormat.CSV || s.inputFormat() == InputFormat.TSV) {
      List<String> files = new ArrayList<>();
      for (String list : l.lists()) {
        for (ListSplit whole : ListSplit.of(list, hadoop, Long.MAX_VALUE)) {
          // the usage error (a header without the URL column) before any task starts
          CsvTable.open(whole.file(), TableListing.separator(s.inputFormat()), hadoop,
              s.urlColumn(), s.keepColumns()).close();
          files.add(whole.file());
        }
      }
      return all.union(jsc.parallelize(files, Math.max(1, files.size())).flatMap(file ->
          new TableListing(found -> rows(conf, out, policy, base, found), file, s,
              conf.value().value())));
    }
    List<ParquetSplit> splits = new ArrayList<>();
    for (String list : l.lists()) {
      // the usage error (a file without the URL column) before any task starts
      splits.addAll(ParquetSplit.of(list, hadoop, s.urlColumn(), s.keepColumns()));
    }
    return all.union(jsc.parallelize(splits, Math.max(1, splits.size())).flatMap(split ->
        new ParquetListing(found -> rows(conf, out, policy, base, found), split, s,
            conf.value().value())));
  }

  private static ListRows rows(Broadcast<SerializableConfiguration> conf, String output,
      FileSystemPolicy policy, String base, Consumer<Listed> found) {
    return new ListRows(conf.value().value(), new Path(output), policy, new Path(base), found);
  }
}
