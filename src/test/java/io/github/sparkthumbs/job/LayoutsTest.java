package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.output.ShardNames;
import io.github.sparkthumbs.result.SkipReason;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Layout;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.SettingsException;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.ManifestFiles;
import io.github.sparkthumbs.testing.Shards;
import io.github.sparkthumbs.testing.SparkTestSupport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shard layouts: every ok input is exactly one sample across the run's shards, the manifest
 * names its shard and key, failures are in the manifest and in no shard, and reruns decide from
 * the records as in the files layout.
 */
class LayoutsTest {
  private static final int PHOTOS = 11;

  @TempDir Path dir;
  private final SparkContext sc = SparkTestSupport.context();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void photos() throws IOException {
    for (int i = 0; i < PHOTOS; i++) {
      Images.write(dir.resolve("in/p" + i + ".jpg"), Images.jpeg(200 + 10 * i, 100 + 7 * i, i));
    }
    Files.writeString(dir.resolve("in/broken.jpg"), "not a jpeg");
  }

  private Settings.Builder settings(Layout layout) {
    return Settings.builder().output(dir.resolve("out").toString()).layout(layout).partitions(3);
  }

  private Summary run(Settings s) throws IOException {
    return ThumbnailJob.run(sc, List.of(dir.resolve("in").toString()), s,
        new PrintStream(out, true), new PrintStream(out, true));
  }

  private Map<String, ThumbResult> manifest() throws IOException {
    return ManifestFiles.results(dir.resolve("out")).stream()
        .collect(Collectors.toMap(r -> Images.local(r.source()).getFileName().toString(),
            Function.identity()));
  }

  private static org.apache.hadoop.fs.Path shards(Path output) {
    return new org.apache.hadoop.fs.Path(output.resolve(ShardNames.DIR).toUri());
  }

  @Test
  void tarShardsHoldEveryOkInputOnceWithItsManifestLine() throws IOException {
    Summary s = run(settings(Layout.TAR).build());
    assertEquals(PHOTOS, s.ok(), out.toString());
    assertEquals(1, s.failed(), out.toString());

    Map<String, ThumbResult> m = manifest();
    List<String> lines = ManifestFiles.lines(dir.resolve("out"));
    assertEquals(PHOTOS + 1, m.size());
    ThumbResult broken = m.get("broken.jpg");
    assertNull(broken.written().shard(), broken.toString());
    assertNull(broken.written().key(), broken.toString());

    List<Shards.Member> members = Shards.members(shards(dir.resolve("out")), new Configuration());
    Map<String, Map<String, Shards.Member>> samples = Shards.samples(members);
    assertEquals(PHOTOS, samples.size(), "samples across the shards");
    assertTrue(Shards.tarFiles(shards(dir.resolve("out")), new Configuration()).size() <= 3);
    for (int i = 0; i < PHOTOS; i++) {
      ThumbResult r = m.get("p" + i + ".jpg");
      Map<String, Shards.Member> sample = samples.get(r.written().key());
      assertEquals(Set.of("jpg", "json"), sample.keySet(), r.toString());
      assertEquals(r.written().shard(), sample.get("jpg").shard(), "the manifest names the shard");
      assertEquals(List.of(r.written().key() + ".jpg"), r.written().outputs());
      // the json member is the sample's manifest line, byte for byte
      String json = new String(sample.get("json").data(), StandardCharsets.UTF_8);
      assertTrue(lines.contains(json), json);
      BufferedImage t = Images.read(sample.get("jpg").data());
      assertEquals(75, t.getWidth(), r.toString());
      assertEquals(Math.round(75.0 * (100 + 7 * i) / (200 + 10 * i)), t.getHeight(), 1.0);
    }
    // nothing but the committed shards: no attempt folders, no temporaries
    try (Stream<Path> all = Files.walk(dir.resolve("out"))) {
      List<String> stray = all.map(p -> dir.relativize(p).toString())
          .filter(p -> p.contains("_temporary") || p.contains(".tmp-") || p.contains("staging"))
          .toList();
      assertEquals(List.of(), stray);
    }
  }

  @Test
  void aRerunKeepsTheShardsOfUnchangedInputsAndShardsOnlyWhatChanged() throws IOException {
    run(settings(Layout.TAR).build());
    Map<String, ThumbResult> first = manifest();
    List<Path> shardRuns = runFolders();
    assertEquals(1, shardRuns.size());

    Summary again = run(settings(Layout.TAR).build());
    assertEquals(0, again.ok(), out.toString());
    assertEquals(PHOTOS, again.skipped(), out.toString());
    assertEquals(shardRuns, runFolders(), "an all-up-to-date rerun makes no shard folder");
    Map<String, ThumbResult> second = manifest();
    for (int i = 0; i < PHOTOS; i++) {
      ThumbResult r = second.get("p" + i + ".jpg");
      assertEquals(SkipReason.UP_TO_DATE, r.failure().reason(), r.toString());
      assertEquals(first.get("p" + i + ".jpg").written().shard(), r.written().shard());
      assertEquals(first.get("p" + i + ".jpg").written().key(), r.written().key());
      assertEquals(first.get("p" + i + ".jpg").image().width(), r.image().width());
    }

    Images.write(dir.resolve("in/p3.jpg"), Images.jpeg(90, 60, 99)); // changed
    Summary third = run(settings(Layout.TAR).build());
    assertEquals(1, third.ok(), out.toString());
    List<Path> after = runFolders();
    assertEquals(2, after.size());
    assertEquals(shardRuns.get(0), after.get(0), "the first run's folder sorts first");
    Path newFolder = after.get(1);
    ThumbResult p3 = manifest().get("p3.jpg");
    assertTrue(p3.written().shard().contains(newFolder.getFileName().toString()), p3.toString());
    Map<String, Map<String, Shards.Member>> newest = Shards.samples(Shards.members(
        new org.apache.hadoop.fs.Path(newFolder.toUri()), new Configuration()));
    assertEquals(Set.of(p3.written().key()), newest.keySet(),
        "the new shard holds only what changed");
    BufferedImage t = Images.read(newest.get(p3.written().key()).get("jpg").data());
    assertEquals(List.of(75, 50), List.of(t.getWidth(), t.getHeight()), "the new 90x60 photo");
  }

  @Test
  void parquetShardsHoldTheThumbnailBytesBesideTheManifestColumns() throws IOException {
    Settings s = settings(Layout.PARQUET).sizes(List.of(Size.parse("64x64"), Size.parse("32x32")))
        .build();
    assertEquals(PHOTOS, run(s).ok(), out.toString());
    Map<String, ThumbResult> m = manifest();
    String folder = m.get("p0.jpg").written().shard();
    Dataset<Row> rows = ThumbnailJob.session(JavaSparkContext.fromSparkContext(sc))
        .read().parquet(folder);
    List<Row> all = rows.collectAsList();
    assertEquals(PHOTOS, all.size());
    Set<String> keys = new HashSet<>();
    for (Row row : all) {
      String source = row.getAs("source");
      ThumbResult r = m.get(Images.local(source).getFileName().toString());
      assertEquals(folder, r.written().shard());
      assertEquals(r.written().key(), row.getAs("key"));
      assertTrue(keys.add(r.written().key()));
      assertEquals(r.image().width(), (int) row.getAs("width"));
      assertEquals(64, Images.read((byte[]) row.getAs("thumbnail_64x64")).getWidth());
      assertEquals(32, Images.read((byte[]) row.getAs("thumbnail_32x32")).getWidth());
      assertEquals(List.of(r.written().key() + ".64x64.jpg", r.written().key() + ".32x32.jpg"),
          r.written().outputs());
    }
    assertFalse(keys.contains(null));
  }

  @Test
  void theShellsLazyResultsRefuseTheShardLayouts() {
    SettingsException e = assertThrows(SettingsException.class,
        () -> ThumbnailJob.results(sc, List.of(dir.resolve("in").toString()),
            settings(Layout.TAR).build()));
    assertTrue(e.getMessage().startsWith("--layout"), e.getMessage());
  }

  private List<Path> runFolders() throws IOException {
    Path d = dir.resolve("out").resolve(ShardNames.DIR);
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.sorted().toList();
    }
  }
}
