package io.github.sparkthumbs.output;

import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parquet shards ({@code --layout parquet}) of Spark SQL's own writer, with its own commit
 * protocol: the thumbnail bytes beside the manifest's columns, one file per task in the run's
 * folder, whose names Spark's writer chooses (so a line's {@code shard} is the folder).
 */
final class ParquetLayout extends ShardLayout {
  ParquetLayout(Settings settings, Destination destination) {
    super(settings, destination);
  }

  @Override
  String shard(int partition) {
    return runDir;
  }

  @Override
  void write(JavaSparkContext jsc, JavaRDD<Line> samples) {
    SparkSession spark = SparkSession.builder().sparkContext(jsc.sc()).getOrCreate();
    spark.createDataFrame(samples.map(ParquetLayout::row), schema(settings)).write()
        .parquet(runDir);
  }

  /**
   * A Parquet row: the key, the manifest's columns that describe a thumbnail, the whole manifest
   * line (kept columns, HTTP story) and the thumbnail bytes, one column per size.
   */
  static StructType schema(Settings s) {
    List<StructField> f = new ArrayList<>(List.of(
        DataTypes.createStructField("key", DataTypes.StringType, false),
        DataTypes.createStructField("source", DataTypes.StringType, false),
        DataTypes.createStructField("width", DataTypes.IntegerType, false),
        DataTypes.createStructField("height", DataTypes.IntegerType, false),
        DataTypes.createStructField("format", DataTypes.StringType, true),
        DataTypes.createStructField("bytes", DataTypes.LongType, false),
        DataTypes.createStructField("json", DataTypes.StringType, false)));
    for (String column : thumbnailColumns(s)) {
      f.add(DataTypes.createStructField(column, DataTypes.BinaryType, false));
    }
    return DataTypes.createStructType(f);
  }

  /** {@code thumbnail}, or {@code thumbnail_256x256} and so on with several sizes. */
  static List<String> thumbnailColumns(Settings s) {
    return s.image().multiSize() ? s.image().sizes().stream().map(z -> "thumbnail_" + z).toList()
        : List.of("thumbnail");
  }

  static Row row(Line l) {
    ThumbResult r = l.counted();
    List<Object> v = new ArrayList<>(List.of(r.written().key(), r.source(), r.image().width(),
        r.image().height()));
    v.add(r.image().format());
    v.add(r.input().bytes());
    v.add(l.text());
    v.addAll(l.thumbnails());
    return RowFactory.create(v.toArray());
  }
}
