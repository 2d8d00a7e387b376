package io.github.sparkthumbs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.output.OutputStore;
import io.github.sparkthumbs.report.RunReport;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.testing.ManifestFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * What a finished run must leave in its output directory, on any Hadoop FileSystem, however many
 * tasks were retried or speculated: every input exactly once in the manifest, exactly one
 * thumbnail per input (beside them only the manifest and the run's report), and no temporary file
 * or staging folder.
 */
final class OutputCheck {
  private OutputCheck() {}

  /** Asserts the output of a single-size run over {@code inputs} images; returns the results. */
  static List<ThumbResult> assertComplete(String outputDir, int inputs) throws IOException {
    return assertComplete(outputDir, inputs, new Configuration());
  }

  /** As above, with the settings that reach the output's file system (s3a's endpoint, keys). */
  static List<ThumbResult> assertComplete(String outputDir, int inputs, Configuration conf)
      throws IOException {
    return assertComplete(outputDir, inputs, 0, conf);
  }

  /**
   * As above for a run in which {@code failed} of the inputs failed: each has its manifest line
   * and no thumbnail.
   */
  static List<ThumbResult> assertComplete(String outputDir, int inputs, int failed,
      Configuration conf) throws IOException {
    Path out = new Path(outputDir);
    FileSystem fs = out.getFileSystem(conf);
    List<ThumbResult> results = new ArrayList<>();
    for (String line : ManifestFiles.lines(out, conf)) {
      results.add(Manifest.parse(line));
    }
    assertEquals(inputs, results.size(), "manifest lines");
    Set<String> sources = new HashSet<>();
    List<String> failures = new ArrayList<>();
    for (ThumbResult res : results) {
      assertTrue(sources.add(res.source()), "twice in the manifest: " + res.source());
      if (res.isFailed()) {
        failures.add(res.source() + ": " + res.failure().message());
      }
    }
    assertEquals(failed, failures.size(), () -> "failed: " + failures);
    assertFalse(fs.exists(new Path(out, OutputStore.STAGING_DIR)), "staging folder left");

    Path report = new Path(fs.makeQualified(out), RunReport.FILE_NAME);
    assertTrue(fs.exists(report), "the run's report: " + report);
    int thumbnails = 0;
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(out, true);
    while (files.hasNext()) {
      Path p = files.next().getPath();
      assertFalse(OutputStore.isTemporary(p.getName()) || p.getName().contains(".tmp-"),
          "temporary file left: " + p);
      if (!p.getParent().getName().equals(Manifest.DIR) && !p.equals(report)) {
        thumbnails++;
      }
    }
    assertEquals(inputs - failed, thumbnails, "thumbnails in " + out);
    return results;
  }
}
