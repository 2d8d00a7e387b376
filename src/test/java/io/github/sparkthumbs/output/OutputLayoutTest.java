package io.github.sparkthumbs.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.Image;
import io.github.sparkthumbs.result.Input;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Layout;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Source;
import io.github.sparkthumbs.testing.Layouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each layout on its own, without Spark: its registration, its targets, its up-to-date look, what
 * it does with an ok input's thumbnails, and its minimum of tasks.
 */
class OutputLayoutTest {
  @TempDir Path dir;

  private Settings settings(Layout layout) {
    return settingsBuilder(layout).build();
  }

  private Settings.Builder settingsBuilder(Layout layout) {
    return Settings.builder().output(dir.resolve("out").toUri().toString()).layout(layout);
  }

  private OutputStore store() throws IOException {
    return new OutputStore(dir.resolve("out").toUri().toString(), new Configuration());
  }

  private static ThumbResult ok(String source, List<String> targets) {
    return ThumbResult.ok(new Input(source, 9, null), targets,
        new Image(40, 30, "jpeg", null, null, null, null));
  }

  @Test
  void everyLayoutIsRegisteredWithItsOwnClass() {
    assertEquals(FileLayout.class, Layouts.of(settings(Layout.FILES)).getClass());
    assertEquals(TarLayout.class, Layouts.of(settings(Layout.TAR)).getClass());
    assertEquals(ParquetLayout.class, Layouts.of(settings(Layout.PARQUET)).getClass());
    assertFalse(Layouts.of(settings(Layout.FILES)).needsManifest());
    assertTrue(Layouts.of(settings(Layout.TAR)).needsManifest());
    assertTrue(Layouts.of(settings(Layout.PARQUET)).needsManifest());
  }

  @Test
  void filesAreWrittenByTheTaskAndLookedAt() throws Exception {
    OutputLayout files = Layouts.of(settings(Layout.FILES));
    OutputStore store = store();
    Source src = new Source("file:/in/a/x.png", "a/x.png", 9, 1_000L);
    List<String> targets = files.targets(src, store);
    assertEquals(List.of(store.resolve("a/x.png.jpg").toString()), targets);
    assertFalse(files.upToDateOnDisk(src, targets, store), "not there yet");

    Outcome o = files.store(ok(src.uri(), targets), List.of(new byte[] {1, 2, 3}), store, 7);
    assertNull(o.thumbnails(), "written, nothing left to carry");
    assertNull(o.result().written().shard());
    Path written = dir.resolve("out/a/x.png.jpg");
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(written));
    assertTrue(files.upToDateOnDisk(src, targets, store), "there, and newer than the source");
    assertFalse(files.upToDateOnDisk(new Source(src.uri(), src.stem(), 9,
        Files.getLastModifiedTime(written).toMillis() + 1), targets, store), "source is newer");
    assertFalse(Layouts.of(settingsBuilder(Layout.FILES).overwrite(true).build())
        .upToDateOnDisk(src, targets, store), "--overwrite");
    assertEquals(0, files.minPartitions(1_000_000));
    assertEquals(store.root().toString(), files.where(store.root(), 0));
  }

  @Test
  void shardsKeepTheThumbnailsForTheTasksShard() throws IOException {
    OutputStore store = store();
    Source src = new Source("file:/in/a/x.png", "a/x.png", 9, 1_000L);
    for (Layout layout : List.of(Layout.TAR, Layout.PARQUET)) {
      ShardLayout shards = (ShardLayout) Layouts.of(settings(layout));
      List<String> targets = shards.targets(src, store);
      assertEquals(List.of(ShardNames.key(src.uri()) + ".jpg"), targets);
      assertFalse(shards.upToDateOnDisk(src, targets, store), "a shard is never looked into");
      List<byte[]> encoded = List.of(new byte[] {4, 5});
      Outcome o = shards.store(ok(src.uri(), targets), encoded, store, 3);
      assertSame(encoded, o.thumbnails(), layout + ": kept for the shard");
      assertEquals(ShardNames.key(src.uri()), o.result().written().key());
      assertEquals(layout == Layout.TAR ? shards.runDir + "/part-r-00003.tar" : shards.runDir,
          o.result().written().shard());
      assertTrue(shards.runDir.startsWith(store.root() + "/" + ShardNames.DIR + "/"),
          shards.runDir);
      assertFalse(Files.exists(dir.resolve("out")), "nothing written by the task");
      assertEquals(2, shards.minPartitions(Layout.MAX_SAMPLES_PER_SHARD + 1));
      assertEquals(1, shards.minPartitions(Layout.MAX_SAMPLES_PER_SHARD));
    }
  }

  @Test
  void anOutcomeCarriesThumbnailsOnlyWhileItsResultIsOk() {
    Outcome o = new Outcome(ok("file:/in/a.jpg", List.of("k.jpg")), List.of(new byte[] {1}));
    assertEquals(1, o.with(o.result().withMillis(5)).thumbnails().size());
    assertNull(o.with(ThumbResult.skipped("file:/in/a.jpg", 9,
        io.github.sparkthumbs.result.SkipReason.NOT_AN_IMAGE, "text")).thumbnails());
  }
}
