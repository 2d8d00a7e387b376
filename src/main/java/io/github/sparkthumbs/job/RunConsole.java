package io.github.sparkthumbs.job;

import io.github.sparkthumbs.image.ImageDecoder;
import io.github.sparkthumbs.output.Line;
import io.github.sparkthumbs.settings.Settings;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;

/**
 * What a run prints beside its progress lines ({@link Progress}): the steps it took and where
 * its outputs are to {@code out}, the first failures in full to {@code err}, and the summary
 * line last. Scripts and tests read these lines.
 */
final class RunConsole {
  /** Failures printed to stderr in full; the rest are in the manifest. */
  private static final int MAX_ERRORS_SHOWN = 20;

  private final PrintStream out;
  private final PrintStream err;

  RunConsole(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** What {@link io.github.sparkthumbs.output.OutputCleanup#beforeRun} removed, if anything. */
  void removedStale(int stale) {
    if (stale > 0) {
      out.println("removed " + stale + " temporary files left by an interrupted run");
    }
  }

  void decoder(Settings s) {
    out.println("jpeg decoder on the driver: " + (s.image().nativeJpeg()
        ? "libjpeg-turbo " + ImageDecoder.nativeJpegStatus() : "pure Java (--decoder java)"));
  }

  void listed(JobPlan plan, double seconds, String master) {
    out.printf("listed %d inputs (%.1f MB) in %.1f s; %d partitions on %s%n",
        plan.counts.inputs(), plan.counts.bytes() / 1e6, seconds, plan.partitions, master);
  }

  void carried(Summary summary) {
    long carried = summary.carried();
    if (carried > 0) {
      out.println("kept " + carried + " lines of earlier runs for inputs not named this time");
    }
  }

  /** The first failures of {@code lines} in full, and how many more {@code manifest} holds. */
  void failures(JavaRDD<Line> lines, Summary summary, Path manifest) {
    // take() runs a job per batch of partitions it scans: not one when nothing failed.
    List<Line> shown = summary.failed() == 0 ? List.of()
        : lines.filter(l -> l.counted() != null && l.counted().isFailed()).take(MAX_ERRORS_SHOWN);
    for (Line l : shown) {
      err.println(l.counted().source() + ": " + l.counted().failure().error() + ": "
          + l.counted().failure().message());
    }
    if (summary.failed() > shown.size()) {
      err.println("... and " + (summary.failed() - shown.size()) + " more failures in "
          + manifest);
    }
  }

  /** What {@link io.github.sparkthumbs.output.OutputCleanup#afterRun} removed, if anything. */
  void removedKilled(int killed) {
    if (killed > 0) {
      out.println("removed " + killed + " temporary files of task attempts killed mid-write");
    }
  }

  /** Where the thumbnails and the manifest are. */
  void outputs(JobPlan plan, int shards, Path manifest) {
    out.println("thumbnails: " + plan.layout.where(plan.store.root(), shards));
    out.println("manifest:   " + manifest);
  }

  void report(Path report, double seconds) {
    out.printf("report:     %s (%.1f s)%n", report, seconds);
  }

  void reportNotWritten(Path root, Exception e) {
    err.println("report not written (scripts/report " + root + " retries): " + e);
  }

  void summary(Summary summary, double wallSeconds) {
    out.println(summary.line(wallSeconds));
  }
}
