package io.github.sparkthumbs.job;

import io.github.sparkthumbs.output.FileSystems;
import io.github.sparkthumbs.output.ShardNames;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Layout;
import io.github.sparkthumbs.settings.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Writes the shard layouts from a run's lines, one shard per partition of the lines, through the
 * commit protocols Spark uses for its own output: a task attempt writes into its own work folder
 * and Spark lets exactly one attempt of each partition commit (its OutputCommitCoordinator), so a
 * retried, speculated or killed task never leaves a duplicate or a partial shard; the run's
 * folder appears when the job commits. The lines' {@code shard} fields name the same partition's
 * file ({@link ShardNames#shard}): partitions keep their index through {@code filter} and
 * {@code map}.
 *
 * <ul>
 *   <li>{@code tar}: {@link TarShards}, a Hadoop {@code FileOutputFormat} writing
 *       {@code part-r-NNNNN.tar} (Hadoop's FileOutputCommitter; on S3A the committer that
 *       {@code mapreduce.outputcommitter.factory.scheme.s3a} names, if set);
 *   <li>{@code parquet}: Spark SQL's Parquet writer with its own commit protocol.
 * </ul>
 */
final class ShardWriter {
  private ShardWriter() {}

  /**
   * Writes the shards of {@code lines} (the lines with thumbnails) into {@code dir}; returns how
   * many shard files it holds. A run that made no thumbnail (a rerun with all up to date) leaves
   * no folder.
   */
  static int write(JavaSparkContext jsc, JavaRDD<Line> lines, Settings s, String dir)
      throws IOException {
    JavaRDD<Line> samples = lines.filter(l -> l.thumbnails() != null);
    if (s.layout() == Layout.TAR) {
      samples.mapToPair(l -> new Tuple2<>(NullWritable.get(), l))
          .saveAsNewAPIHadoopFile(dir, NullWritable.class, Line.class, TarShards.class,
              jsc.hadoopConfiguration());
    } else {
      SparkSession spark = ThumbnailJob.session(jsc);
      spark.createDataFrame(samples.map(l -> row(l, s)), schema(s)).write().parquet(dir);
    }
    Path folder = new Path(dir);
    FileSystem fs = FileSystems.forPath(folder, jsc.hadoopConfiguration());
    int shards = 0;
    for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(folder)) { // one per partition
      shards += st.getPath().getName().startsWith("part-") ? 1 : 0;
    }
    if (shards == 0) {
      fs.delete(folder, true);
    }
    return shards;
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
    return s.multiSize() ? s.sizes().stream().map(z -> "thumbnail_" + z).toList()
        : List.of("thumbnail");
  }

  private static Row row(Line l, Settings s) {
    ThumbResult r = l.counted();
    List<Object> v = new ArrayList<>(List.of(r.written().key(), r.source(), r.image().width(),
        r.image().height()));
    v.add(r.image().format());
    v.add(r.input().bytes());
    v.add(l.text());
    v.addAll(l.thumbnails());
    return RowFactory.create(v.toArray());
  }

  /**
   * Webdataset tar shards: per sample its thumbnail(s) ({@code KEY.jpg}) and its manifest line
   * ({@code KEY.json}). The file is made at the first sample, so a partition without one leaves
   * none. Members are dated by the run's start, so that two attempts of a task write the same
   * bytes.
   */
  public static final class TarShards extends FileOutputFormat<NullWritable, Line> {
    @Override
    public RecordWriter<NullWritable, Line> getRecordWriter(TaskAttemptContext ctx)
        throws IOException {
      Path file = getDefaultWorkFile(ctx, ".tar");
      return new RecordWriter<>() {
        private TarArchiveOutputStream tar;

        @Override
        public void write(NullWritable k, Line l) throws IOException {
          if (tar == null) {
            FileSystem fs = FileSystems.forPath(file, ctx.getConfiguration());
            FSDataOutputStream out = fs.create(file, false);
            tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
          }
          ThumbResult r = l.counted();
          for (int i = 0; i < r.written().outputs().size(); i++) {
            member(r.written().outputs().get(i), l.thumbnails().get(i));
          }
          member(ShardNames.jsonMember(r.written().key()), l.text()
              .getBytes(StandardCharsets.UTF_8));
        }

        private void member(String name, byte[] data) throws IOException {
          TarArchiveEntry e = new TarArchiveEntry(name);
          e.setSize(data.length);
          e.setModTime(0L);
          tar.putArchiveEntry(e);
          tar.write(data);
          tar.closeArchiveEntry();
        }

        @Override
        public void close(TaskAttemptContext c) throws IOException {
          if (tar != null) {
            tar.close(); // finishes the archive (two zero blocks) and closes the file
          }
        }
      };
    }
  }
}
