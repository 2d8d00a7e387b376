package io.github.sparkthumbs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run removes from its output before and after its tasks, and what it leaves: counted
 * exactly, on a local output (Hadoop's local FileSystem, no Spark).
 */
class OutputCleanupTest {
  @TempDir Path dir;

  private OutputStore store(Path out) throws Exception {
    return new OutputStore(out.toUri().toString(), new Configuration());
  }

  private static void file(Path p) throws Exception {
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1});
  }

  private static List<String> names(Path folder) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** An output a killed run left: staged files, two unfinished manifests, and what it made. */
  private Path killedRun() throws Exception {
    Path out = dir.resolve("out");
    file(out.resolve(OutputStore.STAGING_DIR + "/.tmp-1"));
    file(out.resolve(OutputStore.STAGING_DIR + "/a/.tmp-2"));
    file(out.resolve(OutputStore.STAGING_DIR + "/a/b/.tmp-3"));
    file(out.resolve(Manifest.NEW_DIR_PREFIX + "1/part-00000"));
    file(out.resolve(Manifest.NEW_DIR_PREFIX + "2/part-00000"));
    file(out.resolve(Manifest.DIR + "/part-00000"));
    file(out.resolve("a/x.jpg.jpg"));
    file(out.resolve("manifest-new-1/kept.jpg")); // a user's folder: not our prefix
    return out;
  }

  @Test
  void beforeARunTheStagedFilesAndUnfinishedManifestsGo() throws Exception {
    Path out = killedRun();
    assertEquals(3 + 2, OutputCleanup.beforeRun(store(out)));
    assertEquals(List.of("a", Manifest.DIR, "manifest-new-1"), names(out));
    assertTrue(Files.exists(out.resolve("a/x.jpg.jpg")));
    assertTrue(Files.exists(out.resolve(Manifest.DIR + "/part-00000")));
    assertEquals(0, OutputCleanup.beforeRun(store(out)), "nothing left the second time");
  }

  @Test
  void afterARunOnlyTheStagedFilesGo() throws Exception {
    Path out = killedRun();
    assertEquals(3, OutputCleanup.afterRun(store(out)));
    assertFalse(Files.exists(out.resolve(OutputStore.STAGING_DIR)));
    assertTrue(Files.exists(out.resolve(Manifest.NEW_DIR_PREFIX + "1/part-00000")),
        "a manifest folder is left to the next run's start");
    assertEquals(0, OutputCleanup.afterRun(store(out)));
  }

  @Test
  void aNewOutputHasNothingToRemove() throws Exception {
    Path out = dir.resolve("new");
    assertEquals(0, OutputCleanup.beforeRun(store(out)));
    assertFalse(Files.exists(out), "nothing made before the tasks write");
    Files.createDirectories(out);
    assertEquals(0, OutputCleanup.beforeRun(store(out)));
    assertEquals(List.of(), names(out));
  }

  @Test
  void aLinkAtAReservedNameIsRefusedBeforeAnythingIsRemoved() throws Exception {
    for (String reserved : List.of(Manifest.DIR, Manifest.PREVIOUS_DIR,
        Manifest.LEGACY_FILE_NAME, OutputStore.STAGING_DIR, ShardNames.DIR)) {
      Path out = dir.resolve("linked-" + reserved);
      file(out.resolve(Manifest.NEW_DIR_PREFIX + "1/part-00000"));
      Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
      Files.createSymbolicLink(out.resolve(reserved), elsewhere);
      OutputStore.Unsafe e =
          assertThrows(OutputStore.Unsafe.class, () -> OutputCleanup.beforeRun(store(out)));
      assertTrue(e.getMessage().startsWith(out.resolve(reserved) + " is a symlink (to "
          + elsewhere + "); " + reserved + " is a name this tool keeps for itself"),
          e.getMessage());
      assertTrue(Files.exists(out.resolve(Manifest.NEW_DIR_PREFIX + "1/part-00000")), reserved);
    }
  }
}
