package io.github.sparkthumbs.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.sparkthumbs.result.Image;
import io.github.sparkthumbs.result.Input;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Layout;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.Layouts;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.OutputCommitter;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.task.JobContextImpl;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task attempt's tar shard as Hadoop's committer leaves it, without Spark: the writer of
 * {@code --layout tar} driven through the same FileOutputFormat calls Spark makes, its members
 * read back.
 */
class TarShardsTest {
  @TempDir Path dir;
  private Path folder;
  private TaskAttemptContext task;
  private JobContext job;
  private OutputCommitter committer;

  @BeforeEach
  void commitProtocol() throws Exception {
    folder = dir.resolve("shards/run");
    Configuration conf = new Configuration();
    conf.set(FileOutputFormat.OUTDIR, folder.toUri().toString());
    TaskAttemptID attempt = new TaskAttemptID("20261207", 1, TaskType.REDUCE, 3, 0);
    job = new JobContextImpl(conf, attempt.getJobID());
    task = new TaskAttemptContextImpl(conf, attempt);
    committer = new TarLayout.TarShards().getOutputCommitter(task);
    committer.setupJob(job);
    committer.setupTask(task);
  }

  private void commit() throws Exception {
    committer.commitTask(task);
    committer.commitJob(job);
  }

  /** An ok line of this run, in shard {@code shard} under {@code key}, with its members. */
  private static Line sample(String source, String key, List<String> members,
      List<byte[]> thumbnails) {
    ThumbResult r = ThumbResult.ok(new Input(source, 9, 1_000L), members,
        new Image(40, 30, "jpeg", null, null, null, null)).withFinished(5_000L)
        .withShard("shard", key);
    return new Line(Manifest.line(r), r, thumbnails);
  }

  private record Member(String name, long modified, byte[] data) {}

  private static List<Member> members(Path tar) throws Exception {
    List<Member> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(tar);
        TarArchiveInputStream t = new TarArchiveInputStream(in, UTF_8.name())) {
      for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
        out.add(new Member(e.getName(), e.getModTime().getTime(), t.readAllBytes()));
      }
    }
    return out;
  }

  @Test
  void eachSampleIsItsThumbnailsThenItsManifestLine() throws Exception {
    Line two = sample("file:/in/a.jpg", "aaaa", List.of("aaaa.40x30.jpg", "aaaa.80x60.jpg"),
        List.of(new byte[] {1, 2, 3}, new byte[] {4}));
    Line one = sample("file:/in/é.png", "bbbb", List.of("bbbb.png"),
        List.of(new byte[] {5, 6}));
    RecordWriter<NullWritable, Line> w = new TarLayout.TarShards().getRecordWriter(task);
    w.write(NullWritable.get(), two);
    w.write(NullWritable.get(), one);
    w.close(task);
    commit();

    Settings s = Settings.builder().output(dir.toUri().toString()).layout(Layout.TAR).build();
    String name = ((TarLayout) Layouts.of(s)).shard(3);
    Path tar = folder.resolve(name.substring(name.lastIndexOf('/') + 1));
    assertEquals("part-r-00003.tar", tar.getFileName().toString(), "the name the line says");
    List<Member> m = members(tar);
    assertEquals(List.of("aaaa.40x30.jpg", "aaaa.80x60.jpg", "aaaa.json", "bbbb.png",
        "bbbb.json"), m.stream().map(Member::name).toList());
    assertArrayEquals(new byte[] {1, 2, 3}, m.get(0).data());
    assertArrayEquals(new byte[] {4}, m.get(1).data());
    assertEquals(two.text(), new String(m.get(2).data(), UTF_8));
    assertArrayEquals(new byte[] {5, 6}, m.get(3).data());
    assertEquals(one.text(), new String(m.get(4).data(), UTF_8));
    assertEquals(List.of(0L, 0L, 0L, 0L, 0L), m.stream().map(Member::modified).toList(),
        "dated by nothing, so that two attempts write the same bytes");
    // whole 512-byte blocks and the archive's end (two zero blocks): the tar was closed
    byte[] bytes = Files.readAllBytes(tar);
    assertEquals(0, bytes.length % 512, "length " + bytes.length);
    assertArrayEquals(new byte[1024], Arrays.copyOfRange(bytes, bytes.length - 1024,
        bytes.length));
  }

  @Test
  void aMemberNameLongerThanATarHeaderIsKeptWhole() throws Exception {
    String longName = "k".repeat(120) + ".jpg";
    RecordWriter<NullWritable, Line> w = new TarLayout.TarShards().getRecordWriter(task);
    w.write(NullWritable.get(), sample("file:/in/a.jpg", "k", List.of(longName),
        List.of(new byte[] {7})));
    w.close(task);
    commit();
    List<Member> m = members(folder.resolve("part-r-00003.tar"));
    assertEquals(List.of(longName, "k.json"), m.stream().map(Member::name).toList());
    assertArrayEquals(new byte[] {7}, m.get(0).data());
  }

  @Test
  void anAttemptWithoutSamplesLeavesNoShard() throws Exception {
    new TarLayout.TarShards().getRecordWriter(task).close(task);
    commit();
    try (var files = Files.list(folder)) {
      assertEquals(List.of("_SUCCESS"),
          files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
              .toList());
    }
    assertFalse(Files.exists(folder.resolve("part-r-00003.tar")));
  }

  @Test
  void theTaskAttemptIsNamedFromItsPartition() {
    Settings s = Settings.builder().output("/out").layout(Layout.TAR).build();
    TarLayout tar = (TarLayout) Layouts.of(s);
    assertEquals(tar.runDir + "/part-r-00000.tar", tar.shard(0));
    assertEquals(tar.runDir + "/part-r-12345.tar", tar.shard(12_345));
  }
}
