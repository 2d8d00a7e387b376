package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.output.OutputStore;
import io.github.sparkthumbs.output.ShardNames;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Layout;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.ManifestFiles;
import io.github.sparkthumbs.testing.Shards;
import io.github.sparkthumbs.testing.SparkTestSupport;
import io.github.sparkthumbs.tools.S3Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * s3a in and out against a real S3-compatible server on loopback (S3Proxy, {@link S3Server}),
 * through the settings a user gives ({@code spark.hadoop.fs.s3a.*}): photos read from one bucket,
 * thumbnails, shards and the manifest written to another, each thumbnail one PUT to its final
 * key, and a rerun that writes no thumbnail.
 */
class ObjectStoreTest {
  private static final int PHOTOS = 8;

  @TempDir static Path dir;
  private static S3Server s3;
  private static final SparkContext sc = SparkTestSupport.context();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeAll
  static void server() throws Exception {
    s3 = S3Server.start(dir.resolve("s3"));
    s3.bucket("photos");
    s3.bucket("thumbs");
    s3.hadoopSettings().forEach(sc.hadoopConfiguration()::set);
    FileSystem fs = new org.apache.hadoop.fs.Path("s3a://photos/").getFileSystem(conf());
    for (int i = 0; i < PHOTOS; i++) {
      Path local = Images.write(dir.resolve("local/p" + i + ".jpg"),
          Images.jpeg(300 + 10 * i, 200, i));
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()),
          new org.apache.hadoop.fs.Path("s3a://photos/in/" + (i % 2 == 0 ? "a/" : "b/")
              + local.getFileName()));
    }
    Path broken = Files.writeString(dir.resolve("local/broken.jpg"), "not a jpeg");
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(broken.toUri()),
        new org.apache.hadoop.fs.Path("s3a://photos/in/a/broken.jpg"));
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  private static Configuration conf() {
    return sc.hadoopConfiguration();
  }

  private Summary run(String output, Layout layout) throws IOException {
    Settings s = Settings.builder().output(output).layout(layout).partitions(3).build();
    return ThumbnailJob.run(sc, List.of("s3a://photos/in"), s, new PrintStream(out, true),
        new PrintStream(out, true));
  }

  @Test
  void filesLayoutPutsEachThumbnailOnceStraightToItsKeyAndARerunPutsNone() throws IOException {
    int before = s3.requests().size();
    Summary first = run("s3a://thumbs/files", Layout.FILES);
    assertEquals(PHOTOS, first.ok(), out.toString());
    assertEquals(1, first.failed(), out.toString());
    List<String> requests = s3.requests().subList(before, s3.requests().size());

    List<ThumbResult> results = ManifestFiles.lines(
        new org.apache.hadoop.fs.Path("s3a://thumbs/files"), conf()).stream()
        .map(io.github.sparkthumbs.output.Manifest::parse).toList();
    assertEquals(PHOTOS + 1, results.size());
    for (ThumbResult r : results) {
      if (!r.isOk()) {
        assertTrue(r.source().endsWith("/in/a/broken.jpg"), r.toString());
        continue;
      }
      String key = r.written().outputs().get(0).substring("s3a://thumbs/".length());
      assertTrue(key.startsWith("files/a/p") || key.startsWith("files/b/p"), key);
      // the object the server stored: a whole JPEG of the right size
      org.apache.hadoop.fs.Path object = new org.apache.hadoop.fs.Path(r.written().outputs()
          .get(0));
      try (java.io.InputStream in = object.getFileSystem(conf()).open(object)) {
        assertEquals(75, Images.read(in.readAllBytes()).getWidth());
      }
      assertEquals(1, requests.stream().filter(q -> q.equals("PUT /thumbs/" + key)).count(),
          "one PUT of " + key + " in " + requests);
    }
    assertEquals(List.of(), requests.stream()
        .filter(q -> q.contains(OutputStore.STAGING_DIR) || q.contains(".tmp-")).toList(),
        "no thumbnail goes through a staging name on an object store");
    assertEquals(List.of(), requests.stream()
        .filter(q -> q.startsWith("HEAD /thumbs/files/a/") || q.startsWith("HEAD /thumbs/files/b/"))
        .toList(), "a new output is not searched for thumbnails it cannot hold");

    int rerunStart = s3.requests().size();
    Summary second = run("s3a://thumbs/files", Layout.FILES);
    assertEquals(0, second.ok(), out.toString());
    assertEquals(PHOTOS, second.skipped(), out.toString());
    List<String> rerun = s3.requests().subList(rerunStart, s3.requests().size());
    assertEquals(List.of(), rerun.stream()
        .filter(q -> q.startsWith("PUT /thumbs/files/a/") || q.startsWith("PUT /thumbs/files/b/"))
        .toList(), "a rerun writes no thumbnail");
    assertEquals(PHOTOS + 1, ManifestFiles.lines(
        new org.apache.hadoop.fs.Path("s3a://thumbs/files"), conf()).size());
  }

  /**
   * A store that refuses bulk deletes (S3Proxy answers 501, as some S3-compatible stores do)
   * fails the manifest's commit, after every thumbnail was written: the run ends with one clear
   * paragraph naming the refusal and the setting that fixes it, and the lock is released.
   */
  @Test
  void aManifestCommitTheStoreRefusesEndsWithTheSettingThatFixesIt() throws IOException {
    conf().set("fs.s3a.bucket.strict.multiobjectdelete.enable", "true");
    s3.bucket("strict");
    try {
      ManifestNotWritten e = org.junit.jupiter.api.Assertions.assertThrows(
          ManifestNotWritten.class, () -> run("s3a://strict/out", Layout.FILES));
      String m = e.getMessage();
      assertTrue(m.contains("s3a://strict/out") && m.contains("fs.s3a.multiobjectdelete.enable"
          + "=false") && m.contains("501"), m);
      assertFalse(m.contains("\n") || m.contains("Job aborted"), "one paragraph: " + m);
      FileSystem fs = new org.apache.hadoop.fs.Path("s3a://strict/").getFileSystem(conf());
      assertFalse(fs.exists(new org.apache.hadoop.fs.Path("s3a://strict/out/"
          + io.github.sparkthumbs.output.OutputLock.FILE_NAME)), "the lock is released");
      assertEquals(PHOTOS, fs.listStatus(new org.apache.hadoop.fs.Path("s3a://strict/out/a"))
          .length + fs.listStatus(new org.apache.hadoop.fs.Path("s3a://strict/out/b")).length,
          "the thumbnails were written before the commit failed");
    } finally {
      conf().unset("fs.s3a.bucket.strict.multiobjectdelete.enable");
    }
  }

  @Test
  void tarShardsOnTheObjectStoreHoldEachSampleOnce() throws IOException {
    assertEquals(PHOTOS, run("s3a://thumbs/tar", Layout.TAR).ok(), out.toString());
    Map<String, Map<String, Shards.Member>> samples = Shards.samples(Shards.members(
        new org.apache.hadoop.fs.Path("s3a://thumbs/tar/" + ShardNames.DIR), conf()));
    assertEquals(PHOTOS, samples.size());
    for (ThumbResult r : ManifestFiles.lines(new org.apache.hadoop.fs.Path("s3a://thumbs/tar"),
        conf()).stream().map(io.github.sparkthumbs.output.Manifest::parse).toList()) {
      if (r.isOk()) {
        assertTrue(r.written().shard().startsWith("s3a://thumbs/tar/shards/"), r.written().shard());
        assertEquals(75, Images.read(samples.get(r.written().key()).get("jpg").data()).getWidth());
      }
    }
  }

  @Test
  void parquetShardsOnTheObjectStoreReadBackWithSpark() throws IOException {
    assertEquals(PHOTOS, run("s3a://thumbs/parquet", Layout.PARQUET).ok(), out.toString());
    String folder = ManifestFiles.lines(new org.apache.hadoop.fs.Path("s3a://thumbs/parquet"),
        conf()).stream().map(io.github.sparkthumbs.output.Manifest::parse)
        .filter(ThumbResult::isOk).findFirst().orElseThrow().written().shard();
    assertTrue(folder.startsWith("s3a://thumbs/parquet/shards/"), folder);
    assertEquals(PHOTOS, ThumbnailJob.session(JavaSparkContext.fromSparkContext(sc)).read()
        .parquet(folder).where("length(thumbnail) > 0").count());
    assertFalse(out.toString().contains("internal"), out.toString());
  }
}
