package io.github.sparkthumbs.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.Image;
import io.github.sparkthumbs.result.Input;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Layout;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.Layouts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shard layouts' driver-side steps that need no SparkContext: the run's folder and its
 * count of shards, which lines are samples, the Parquet schema and rows, the console's words.
 */
class ShardLayoutTest {
  @TempDir Path dir;

  private Settings.Builder settings(Layout layout) {
    return Settings.builder().output(dir.resolve("out").toUri().toString()).layout(layout);
  }

  private ShardLayout layout(Layout layout) {
    return (ShardLayout) Layouts.of(settings(layout).build());
  }

  private static ThumbResult ok(String source) {
    return ThumbResult.ok(new Input(source, 1234, 1_000L), List.of("k.jpg"),
        new Image(40, 30, "jpeg", null, null, null, null)).withShard("shard", "k");
  }

  @Test
  void eachRunHasAFolderNamedByItsStartTime() {
    ShardLayout a = layout(Layout.TAR);
    ShardLayout b = layout(Layout.TAR);
    String shards =
        new org.apache.hadoop.fs.Path(dir.resolve("out").toUri().toString(), "shards") + "/";
    for (ShardLayout l : List.of(a, b)) {
      assertTrue(l.runDir.startsWith(shards), l.runDir);
      assertTrue(l.runDir.substring(shards.length())
          .matches("20\\d{6}-\\d{6}-\\d{3}-[0-9a-f]{8}"), l.runDir);
    }
    assertNotEquals(a.runDir, b.runDir, "two runs in one millisecond differ by their suffix");
    assertEquals(new Destination(dir.resolve("out").toUri().toString(), false), a.destination());
  }

  /** What finish leaves after the shards are written: Hadoop's and Spark's own files uncounted. */
  @Test
  void theShardsAreThePartFilesAndAnEmptyRunLeavesNoFolder() throws Exception {
    ShardLayout tar = layout(Layout.TAR);
    Path run = Path.of(new org.apache.hadoop.fs.Path(tar.runDir).toUri());
    Files.createDirectories(run);
    for (String f : List.of("part-r-00000.tar", "part-r-00002.tar", "_SUCCESS",
        ".part-r-00000.tar.crc", "apart-r-1.tar")) {
      Files.write(run.resolve(f), new byte[] {1});
    }
    assertEquals(2, tar.countShards(new Configuration()));
    assertTrue(Files.exists(run.resolve("part-r-00002.tar")));
    assertEquals(tar.runDir + " (2 tar shards)", tar.where(null, 2));

    ShardLayout parquet = layout(Layout.PARQUET);
    Path empty = Path.of(new org.apache.hadoop.fs.Path(parquet.runDir).toUri());
    Files.createDirectories(empty);
    Files.write(empty.resolve("_SUCCESS"), new byte[0]);
    assertEquals(0, parquet.countShards(new Configuration()));
    assertFalse(Files.exists(empty), "no shard: no folder");
    assertTrue(Files.exists(run), "the other run's folder is kept");
    assertEquals("none made this run (the manifest names the shards of earlier runs)",
        parquet.where(null, 0));
    assertEquals(parquet.runDir + " (1 parquet shards)", parquet.where(null, 1));
  }

  @Test
  void onlyLinesWithThumbnailsAreSamples() {
    assertTrue(ShardLayout.isSample(new Line("{}", ok("file:/a.jpg"), List.of(new byte[0]))));
    assertFalse(ShardLayout.isSample(new Line("{}", ok("file:/a.jpg"), null)));
    assertFalse(ShardLayout.isSample(Line.carried("{}")));
  }

  @Test
  void aTaskHoldsAtMostOneShardOfSamples() {
    ShardLayout tar = layout(Layout.TAR);
    int max = Layout.MAX_SAMPLES_PER_SHARD;
    assertEquals(List.of(0, 1, 1, 2, 2, 3), List.of(tar.minPartitions(0), tar.minPartitions(1),
        tar.minPartitions(max), tar.minPartitions(max + 1), tar.minPartitions(2L * max),
        tar.minPartitions(2L * max + 1)));
    assertEquals(100_000, tar.minPartitions(1_000_000_000L));
  }

  @Test
  void aParquetRowIsTheKeyTheDescribingColumnsTheLineAndTheThumbnails() {
    assertEquals(List.of("thumbnail"),
        ParquetLayout.thumbnailColumns(settings(Layout.PARQUET).build()));
    Settings two = settings(Layout.PARQUET)
        .sizes(List.of(new Size(40, 30), new Size(256, 256))).build();
    assertEquals(List.of("thumbnail_40x30", "thumbnail_256x256"),
        ParquetLayout.thumbnailColumns(two));
    List<StructField> f = List.of(ParquetLayout.schema(two).fields());
    assertEquals(List.of("key", "source", "width", "height", "format", "bytes", "json",
        "thumbnail_40x30", "thumbnail_256x256"), f.stream().map(StructField::name).toList());
    assertEquals(List.of(DataTypes.StringType, DataTypes.StringType, DataTypes.IntegerType,
        DataTypes.IntegerType, DataTypes.StringType, DataTypes.LongType, DataTypes.StringType,
        DataTypes.BinaryType, DataTypes.BinaryType), f.stream().map(StructField::dataType)
        .toList());
    assertEquals(List.of(false, false, false, false, true, false, false, false, false),
        f.stream().map(StructField::nullable).toList());

    ThumbResult r = ok("file:/in/a.jpg");
    Row row = ParquetLayout.row(new Line("{\"source\":1}", r,
        List.of(new byte[] {1, 2}, new byte[] {3})));
    assertEquals(9, row.length());
    assertEquals(List.of("k", "file:/in/a.jpg", 40, 30, "jpeg", 1234L, "{\"source\":1}"),
        List.of(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5),
            row.get(6)));
    assertArrayEquals(new byte[] {1, 2}, (byte[]) row.get(7));
    assertArrayEquals(new byte[] {3}, (byte[]) row.get(8));
  }
}
