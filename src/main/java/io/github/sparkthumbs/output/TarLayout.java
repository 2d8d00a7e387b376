package io.github.sparkthumbs.output;

import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import scala.Tuple2;

/**
 * Webdataset tar shards ({@code --layout tar}), one per task, {@code part-r-NNNNN.tar}: per sample
 * its thumbnail(s) ({@code KEY.jpg}) and its manifest line ({@code KEY.json}). Written by
 * {@link TarShards}, a Hadoop {@code FileOutputFormat}, so Hadoop's FileOutputCommitter commits
 * them (on S3A the committer that {@code mapreduce.outputcommitter.factory.scheme.s3a} names, if
 * set), and Spark lets exactly one attempt of each partition commit. A line's {@code shard} names
 * its partition's file: partitions keep their index through {@code filter} and {@code map}.
 */
final class TarLayout extends ShardLayout {
  TarLayout(Settings settings, Destination destination) {
    super(settings, destination);
  }

  /** The name Hadoop's FileOutputFormat gives the task's file. */
  @Override
  String shard(int partition) {
    return runDir + "/" + String.format("part-r-%05d.tar", partition);
  }

  @Override
  void write(JavaSparkContext jsc, JavaRDD<Line> samples) {
    samples.mapToPair(l -> new Tuple2<>(NullWritable.get(), l))
        .saveAsNewAPIHadoopFile(runDir, NullWritable.class, Line.class, TarShards.class,
            jsc.hadoopConfiguration());
  }

  /**
   * The tar writer of one task attempt. The file is made at the first sample, so a partition
   * without one leaves none. Members are dated by the run's start, so that two attempts of a task
   * write the same bytes.
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
          List<String> names = r.written().outputs();
          for (int i = 0; i < names.size(); i++) {
            member(names.get(i), l.thumbnails().get(i));
          }
          member(ShardNames.jsonMember(r.written().key()),
              l.text().getBytes(StandardCharsets.UTF_8));
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
