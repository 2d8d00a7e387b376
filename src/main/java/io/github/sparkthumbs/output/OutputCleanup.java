package io.github.sparkthumbs.output;

import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * What a run does to its output before its tasks start and after they all ended, under the
 * output's lock ({@link OutputLock}), when no task of ours is writing: refuse links at the names
 * this tool keeps for itself, and remove what an interrupted run or killed task attempts left.
 */
public final class OutputCleanup {
  private OutputCleanup() {}

  /**
   * Before a run: refuses a local output whose reserved names are links
   * ({@link OutputStore#refuseLinkedNames}), then removes the staging folder and the manifest
   * folders a killed run was writing; returns how many temporary files and folders it removed.
   *
   * @throws OutputStore.Unsafe when a reserved name is a link
   */
  public static int beforeRun(OutputStore store) throws IOException {
    store.refuseLinkedNames(Manifest.DIR, Manifest.PREVIOUS_DIR, Manifest.LEGACY_FILE_NAME,
        OutputStore.STAGING_DIR, ShardNames.DIR);
    return store.removeTemporaries() + removeUnfinishedManifests(store);
  }

  /**
   * After a run whose tasks all succeeded: Spark kills the other attempts of a partition once one
   * succeeds, so what is left in the staging folder was written by attempts killed mid-write.
   * Returns how many files it removed.
   */
  public static int afterRun(OutputStore store) throws IOException {
    return store.removeTemporaries();
  }

  /** Folders of manifests a killed run was writing (never swapped in). */
  private static int removeUnfinishedManifests(OutputStore store) throws IOException {
    FileSystem fs = store.fileSystem();
    if (!fs.exists(store.root())) {
      return 0;
    }
    int n = 0;
    // listStatus, not a glob: the output's own name may hold glob characters (thumbs[1])
    for (FileStatus st : fs.listStatus(store.root())) {
      if (st.getPath().getName().startsWith(Manifest.NEW_DIR_PREFIX)) {
        n += fs.delete(st.getPath(), true) ? 1 : 0;
      }
    }
    return n;
  }
}
