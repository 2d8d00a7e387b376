package io.github.sparkthumbs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.cli.Main;
import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.output.ShardNames;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.testing.ManifestFiles;
import io.github.sparkthumbs.testing.Shards;
import io.github.sparkthumbs.tools.SampleImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inputs read from and thumbnails and manifest written to a real HDFS (scripts/hdfs-up), through
 * scripts/spark-submit; then again with --overwrite, which renames onto existing files (HDFS
 * refuses that; OutputStore replaces them).
 */
class HdfsRoundTripIT {
  static final int INPUTS = 16;
  static final Path WORK = Scripts.PROJECT.resolve("target/it/hdfs");
  /** The NameNode's URI; its port is chosen by the system (no fixed port to clash with). */
  static String hdfs;

  static Scripts scripts;

  @BeforeAll
  static void hdfsWithSamples() throws Exception {
    StandaloneClusterIT.deleteTree(WORK);
    Files.createDirectories(WORK);
    scripts = new Scripts(WORK.resolve("logs"), Map.of(
        "THUMBS_HDFS_DIR", WORK.resolve("hdfs-state").toString(),
        "THUMBS_HDFS_PORT", "0"));
    SampleImages.main(new String[] {WORK.resolve("samples").toString(), String.valueOf(INPUTS)});
    Scripts.Run up = scripts.run(WORK, Duration.ofMinutes(3), "hdfs-up");
    assertEquals(0, up.exit(), up.all());
    hdfs = up.out().trim();
    assertTrue(hdfs.matches("hdfs://127\\.0\\.0\\.1:\\d+"), up.all());
    Scripts.Run put = scripts.run(WORK, Duration.ofMinutes(3), "hdfs-dfs", "-put", "samples",
        hdfs + "/samples");
    assertEquals(0, put.exit(), put.all());
  }

  @AfterAll
  static void stopHdfs() throws Exception {
    if (scripts != null) {
      scripts.run(WORK, Duration.ofMinutes(2), "hdfs-down");
    }
    // Belt and braces: the HDFS process must not outlive the tests.
    for (ProcessHandle p : StandaloneClusterIT.processesNaming(WORK, "MiniHdfs")) {
      p.destroyForcibly();
    }
  }

  @Test
  void thumbnailsFromHdfsToHdfs() throws Exception {
    Scripts.Run first = submit();
    assertEquals(0, first.exit(), first.all());
    assertTrue(first.out().contains("done: " + INPUTS + " inputs: ok=" + INPUTS), first.all());
    OutputCheck.assertComplete(hdfs + "/thumbs", INPUTS);

    Scripts.Run again = submit("--overwrite");
    assertEquals(0, again.exit(), again.all());
    assertTrue(again.out().contains("done: " + INPUTS + " inputs: ok=" + INPUTS), again.all());
    OutputCheck.assertComplete(hdfs + "/thumbs", INPUTS);
  }

  /** Tar shards on HDFS: every input once across the shards, each named by its manifest line. */
  @Test
  void tarShardsOnHdfs() throws Exception {
    Scripts.Run r = submitTo(hdfs + "/shards-out", "--layout", "tar");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("done: " + INPUTS + " inputs: ok=" + INPUTS), r.all());
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    java.util.Map<String, java.util.Map<String, Shards.Member>> samples =
        Shards.samples(Shards.members(new org.apache.hadoop.fs.Path(hdfs + "/shards-out/"
            + ShardNames.DIR), conf));
    assertEquals(INPUTS, samples.size(), r.all());
    java.util.List<String> lines =
        ManifestFiles.lines(new org.apache.hadoop.fs.Path(hdfs + "/shards-out"), conf);
    assertEquals(INPUTS, lines.size());
    for (String line : lines) {
      ThumbResult res = Manifest.parse(line);
      assertEquals(res.written().shard(), samples.get(res.written().key()).get("jpg").shard(),
          line);
    }
  }

  private static Scripts.Run submit(String... extra) throws Exception {
    return submitTo(hdfs + "/thumbs", extra);
  }

  private static Scripts.Run submitTo(String output, String... extra) throws Exception {
    String[] args = {"--master", "local[2]", "--conf", "spark.ui.enabled=false",
        "--class", Main.class.getName(), Scripts.APP_JAR.toString(),
        hdfs + "/samples", "--output", output};
    String[] all = java.util.stream.Stream.concat(
        java.util.Arrays.stream(args), java.util.Arrays.stream(extra)).toArray(String[]::new);
    return scripts.run(WORK, Duration.ofMinutes(5), "spark-submit", all);
  }
}
