package io.github.sparkthumbs.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.github.sparkthumbs.settings.InputFormat;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.SettingsException;
import io.github.sparkthumbs.source.CsvReader;
import io.github.sparkthumbs.source.CsvTable;
import io.github.sparkthumbs.source.FileSystemPolicy;
import io.github.sparkthumbs.source.InputLister;
import io.github.sparkthumbs.source.ListRows;
import io.github.sparkthumbs.source.ListSplit;
import io.github.sparkthumbs.source.Listed;
import io.github.sparkthumbs.source.TableListing;
import io.github.sparkthumbs.source.TableRow;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The listing as a distributed dataset: what the driver found on the command line
 * ({@link InputLister}: files, top levels, URLs), the subtrees walked by the tasks, and the rows of
 * {@code @list} inputs read by the tasks: plain lines and JSON lines in byte splits
 * ({@link ListSplit}), CSV and TSV one task per file ({@link TableListing}: a quoted field may
 * hold a line break, so a record's start is known only from the file's start), Parquet by Spark
 * SQL's reader. Each row, whatever it holds, ends as its inputs or as one failed line
 * ({@link ListRows#row}). Nothing here is collected on the driver.
 */
final class Inputs {
  /** Subtrees per task: enough to spread a wide tree, few enough for small tasks. */
  private static final int WALKS_PER_PARTITION = 4;

  private Inputs() {}

  /**
   * @param s settings with the output qualified
   * @throws FileNotFoundException when an {@code @list} names nothing (a usage error)
   * @throws SettingsException when a list lacks the URL column or a kept column
   */
  static JavaRDD<Listed> listed(JavaSparkContext jsc, List<String> inputs, Settings s,
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
    return all.union(parquetRows(jsc, l.lists(), s).javaRDD().mapPartitions(it -> {
      List<Listed> found = new ArrayList<>();
      ListRows rows = rows(conf, out, policy, base, found::add);
      it.forEachRemaining(r -> rows.row(parquetRow(r), s));
      return found.iterator();
    }));
  }

  private static ListRows rows(Broadcast<SerializableConfiguration> conf, String output,
      FileSystemPolicy policy, String base, Consumer<Listed> found) {
    return new ListRows(conf.value().value(), new Path(output), policy, new Path(base), found);
  }

  /**
   * A row of {@link #parquetRows}. A cell longer than a CSV row may be is that row's error: the
   * kept columns travel as JSON that the manifest parses again (Jackson refuses strings over 20 M
   * characters).
   */
  private static TableRow parquetRow(Row r) {
    String where = ListSplit.row(r.getString(2), r.getLong(3) + 1);
    String url = r.isNullAt(0) ? null : r.getString(0);
    String kept = r.isNullAt(1) ? null : r.getString(1);
    long longest = Math.max(url == null ? 0 : url.length(), kept == null ? 0 : kept.length());
    if (longest > CsvReader.MAX_ROW_BYTES) {
      return TableRow.bad(where, "a cell is longer than " + CsvReader.MAX_ROW_BYTES
          + " characters (" + longest + ")");
    }
    return new TableRow(where, url, kept, r.isNullAt(4) ? null : r.getString(4), null);
  }

  /**
   * Parquet lists through Spark SQL's reader (split by row group and read by the tasks; columns
   * by name, so the files of a folder may order them differently). Columns: the URL or path, the
   * kept columns as a JSON object, the file, the row's index in it, and a row without a URL as
   * JSON (to name it).
   */
  private static Dataset<Row> parquetRows(JavaSparkContext jsc, List<String> lists, Settings s)
      throws FileNotFoundException {
    SparkSession spark = ThumbnailJob.session(jsc);
    String[] paths = lists.toArray(new String[0]);
    Dataset<Row> df;
    try {
      df = spark.read().parquet(paths);
    } catch (Exception e) { // AnalysisException is checked in Scala's eyes only
      if (e instanceof AnalysisException && String.valueOf(e.getMessage()).contains("PATH")) {
        throw new FileNotFoundException("input list " + lists + " does not exist ("
            + e.getMessage() + ")");
      }
      throw e;
    }
    List<String> columns = Arrays.asList(df.columns());
    if (!columns.contains(s.urlColumn())) {
      throw new SettingsException("--url-column", "no column '" + s.urlColumn() + "' in "
          + lists + "; its columns are " + columns);
    }
    for (String k : s.keepColumns()) {
      if (!columns.contains(k)) {
        throw new SettingsException("--keep-columns", "no column '" + k + "' in " + lists
            + "; its columns are " + columns);
      }
    }
    Column url = col(quoted(s.urlColumn())).cast("string");
    Column kept = s.keepColumns().isEmpty() ? lit(null).cast("string")
        : to_json(struct(s.keepColumns().stream().map(c -> col(quoted(c))).toArray(Column[]::new)));
    Column whole = to_json(struct(columns.stream().map(c -> col(quoted(c)))
        .toArray(Column[]::new)));
    return df.select(url, kept, col("_metadata.file_path"), col("_metadata.row_index"),
        when(url.isNull().or(trim(url).equalTo("")), whole));
  }

  /** A column name as Spark SQL reads it literally (dots and spaces are not paths). */
  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
