package io.github.sparkthumbs.sql;

import io.github.sparkthumbs.output.Destination;
import io.github.sparkthumbs.output.OutputStore;
import io.github.sparkthumbs.settings.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The DataFrame API: thumbnails of the paths or URLs in a column, written under the settings'
 * output folder as the command line writes them, and each row given back with its result, in the
 * columns the manifest's fields are named after. Lazy, like any DataFrame transformation: the
 * work happens per partition when the result is written or collected, so a user writes it where
 * they like ({@code .write().parquet(...)}, a table).
 *
 * <pre>{@code
 * Dataset<Row> out = ThumbnailFrames.thumbnails(spark.read().parquet("urls.parquet"), "url",
 *     Settings.builder().output("s3a://bucket/thumbs").size(256, 256).build());
 * out.write().parquet("s3a://bucket/thumbs-index");
 * }</pre>
 */
public final class ThumbnailFrames {
  /** The result columns, after the input's, with the manifest's field names. */
  public static final StructType RESULT = new StructType()
      .add("source", DataTypes.StringType)
      .add("status", DataTypes.StringType)
      .add("reason", DataTypes.StringType)
      .add("outputs", DataTypes.createArrayType(DataTypes.StringType))
      .add("width", DataTypes.IntegerType)
      .add("height", DataTypes.IntegerType)
      .add("bytes", DataTypes.LongType)
      .add("millis", DataTypes.LongType)
      .add("format", DataTypes.StringType)
      .add("error", DataTypes.StringType)
      .add("message", DataTypes.StringType)
      .add("warnings", DataTypes.createArrayType(DataTypes.StringType))
      .add("decoded", DataTypes.DoubleType)
      .add("httpStatus", DataTypes.IntegerType)
      .add("attempts", DataTypes.IntegerType)
      .add("finalUrl", DataTypes.StringType)
      .add("dhash", DataTypes.StringType)
      .add("decodedFrom", DataTypes.StringType);

  private ThumbnailFrames() {}

  /**
   * {@code df} with the result columns of thumbnailing the path or URL in {@code column}; a row
   * whose input fails has its error in them, as a manifest line would.
   *
   * @param settings the command line's settings (output folder, sizes, format, limits, fetch);
   *     the listing and run settings (partitions, input format, layout, progress) are not read:
   *     the DataFrame is the listing, and the thumbnails are written as files
   * @throws IllegalArgumentException when {@code column} is not a string column of {@code df},
   *     or a result column's name is already taken by a column of {@code df}
   */
  public static Dataset<Row> thumbnails(Dataset<Row> df, String column, Settings settings) {
    StructType in = df.schema();
    if (!Arrays.asList(in.fieldNames()).contains(column)
        || !(in.apply(column).dataType() instanceof StringType)) {
      throw new IllegalArgumentException("thumbnails: column '" + column + "' must be a string"
          + " column of the DataFrame, which has " + in.simpleString());
    }
    for (String name : RESULT.fieldNames()) {
      for (String taken : in.fieldNames()) {
        if (taken.equalsIgnoreCase(name)) {
          throw new IllegalArgumentException("thumbnails: the DataFrame's column '" + taken
              + "' has the name of a result column; rename it (the result columns: "
              + List.of(RESULT.fieldNames()) + ")");
        }
      }
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
    Destination destination;
    try {
      // qualified here, on the driver, as the job does: executors may have another default FS
      OutputStore store = new OutputStore(settings.run().output(), jsc.hadoopConfiguration());
      destination = new Destination(store.root().toString(), settings.run().overwrite());
    } catch (IOException e) {
      throw new UncheckedIOException("opening the output " + settings.run().output(), e);
    }
    StructType out = in;
    for (StructField f : RESULT.fields()) {
      out = out.add(f);
    }
    return df.mapPartitions(new PartitionThumbnails(settings, destination,
        jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration())),
        in.fieldIndex(column)), Encoders.row(out));
  }
}
