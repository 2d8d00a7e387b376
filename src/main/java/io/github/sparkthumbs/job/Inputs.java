package io.github.sparkthumbs.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.github.sparkthumbs.settings.InputFormat;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.SettingsException;
import io.github.sparkthumbs.source.FileSystemPolicy;
import io.github.sparkthumbs.source.InputLister;
import io.github.sparkthumbs.source.ListRows;
import io.github.sparkthumbs.source.ListSplit;
import io.github.sparkthumbs.source.Listed;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * {@code @list} inputs read by the tasks in splits (plain lines and JSON lines by
 * {@link ListRows}, CSV, TSV and Parquet by Spark SQL's readers). Nothing here is collected on the
 * driver.
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
        ListRows rows = rows(conf, out, policy, base, found);
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
      return all.union(jsc.parallelize(splits, splits.size()).flatMap(split -> {
        List<Listed> found = new ArrayList<>();
        rows(conf, out, policy, base, found).read(split, s);
        return found.iterator();
      }));
    }
    return all.union(tableRows(jsc, l.lists(), s).javaRDD().mapPartitions(it -> {
      List<Listed> found = new ArrayList<>();
      ListRows rows = rows(conf, out, policy, base, found);
      it.forEachRemaining(r -> {
        String where = r.getString(2);
        if (r.isNullAt(0) || r.getString(0).isBlank()) {
          rows.rowWithoutUrl(where, s.urlColumn(), r.getString(3),
              r.isNullAt(1) ? null : r.getString(1));
        } else {
          rows.add(r.getString(0).strip(), where, r.isNullAt(1) ? null : r.getString(1));
        }
      });
      return found.iterator();
    }));
  }

  private static ListRows rows(Broadcast<SerializableConfiguration> conf, String output,
      FileSystemPolicy policy, String base, List<Listed> found) {
    return new ListRows(conf.value().value(), new Path(output), policy, new Path(base),
        found::add);
  }

  /**
   * CSV, TSV or Parquet lists through Spark SQL's readers (split and read by the tasks; CSV
   * columns stay strings: no schema inference pass). Columns: the URL or path, the kept columns
   * as a JSON object, the list file, and a row without a URL as JSON (to name it).
   */
  private static Dataset<Row> tableRows(JavaSparkContext jsc, List<String> lists, Settings s)
      throws FileNotFoundException {
    SparkSession spark = ThumbnailJob.session(jsc);
    DataFrameReader reader = spark.read();
    String[] paths = lists.toArray(new String[0]);
    Dataset<Row> df;
    try {
      df = switch (s.inputFormat()) {
        case CSV -> reader.option("header", "true").csv(paths);
        case TSV -> reader.option("header", "true").option("sep", "\t").csv(paths);
        case PARQUET -> reader.parquet(paths);
        default -> throw new IllegalArgumentException("not a table format: " + s.inputFormat());
      };
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
    return df.select(url, kept, input_file_name(), when(url.isNull(), whole));
  }

  /** A column name as Spark SQL reads it literally (dots and spaces are not paths). */
  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
