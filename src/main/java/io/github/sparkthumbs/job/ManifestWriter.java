package io.github.sparkthumbs.job;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.output.OutputStore;
import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;

/**
 * Writes the manifest from the tasks: each partition's lines become one part file of
 * {@code OUTPUT/manifest/} ({@code part-00000}, ...), through the commit protocol Spark uses for
 * its own output ({@code saveAsTextFile}: Hadoop's FileOutputCommitter; a task's
 * file is published only when the task commits, so a retried or speculated task never leaves a
 * duplicate or a half part). The new folder is written beside the old one under a hidden name and
 * swapped in with two renames: until the second, the old manifest is still there for the next run
 * ({@link EarlierRecords#find}).
 */
final class ManifestWriter {
  private ManifestWriter() {}

  /** Writes {@code lines} as the manifest of {@code store}; returns the manifest folder. */
  static Path write(JavaRDD<String> lines, OutputStore store) throws IOException {
    FileSystem fs = store.fileSystem();
    Path root = store.root();
    Path fresh = new Path(root, Manifest.NEW_DIR_PREFIX + UUID.randomUUID());
    // Spark's own RDD output path (Hadoop's FileOutputCommitter through Spark's commit
    // protocol), not a Dataset writer: that one costs seconds of Spark SQL start-up per run.
    try {
      lines.saveAsTextFile(fresh.toString());
    } catch (Exception e) { // SparkException: checked in Java's eyes, undeclared by Scala
      throw ManifestNotWritten.of(root, e);
    }
    Path current = new Path(root, Manifest.DIR);
    Path previous = new Path(root, Manifest.PREVIOUS_DIR);
    if (fs.exists(current)) {
      fs.delete(previous, true); // left by a run stopped after its swap: current is newer
      rename(fs, current, previous);
    }
    rename(fs, fresh, current);
    fs.delete(previous, true);
    // An earlier version's single file: its lines are in the new folder now.
    fs.delete(new Path(root, Manifest.LEGACY_FILE_NAME), false);
    return current;
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("could not rename " + from + " to " + to);
    }
  }
}
