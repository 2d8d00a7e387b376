package io.github.sparkthumbs.tools;

import io.github.sparkthumbs.cli.Main;
import io.github.sparkthumbs.job.ThumbnailJob;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.Size;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * {@code WarmRuns INPUT BOX MASTER OUT RUNS}: what a JVM that is already running would give
 * (docs/speed-vs-pil.md). The same job RUNS times through {@code Main.run} (a new
 * SparkContext each time, as the command line does), then RUNS times through
 * {@code ThumbnailJob.run} on one SparkContext, each run into a new folder under OUT. Prints
 * each run's wall time; the first one pays for the cold JVM. Run by scripts/warm-runs.
 */
public final class WarmRuns {
  private WarmRuns() {}

  public static void main(String[] args) throws Exception {
    String input = args[0];
    int box = Integer.parseInt(args[1]);
    String master = args[2];
    String out = args[3];
    int runs = Integer.parseInt(args[4]);
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      int rc = Main.run(new String[] {input, "--output", out + "/main-" + i, "--master", master,
          "--size", box + "x" + box}, quiet, System.err);
      System.out.printf(Locale.ROOT, "Main.run %d (a new SparkContext): %.2f s, exit %d%n", i,
          (System.nanoTime() - t0) / 1e9, rc);
    }
    SparkContext sc = SparkContext.getOrCreate(new SparkConf().setAppName("warm-runs")
        .setMaster(master).set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false"));
    try {
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        Settings s = Settings.builder().output(out + "/job-" + i)
            .sizes(List.of(new Size(box, box))).build();
        ThumbnailJob.run(sc, List.of(input), s, quiet, System.err);
        System.out.printf(Locale.ROOT, "ThumbnailJob.run %d (one SparkContext): %.2f s%n", i,
            (System.nanoTime() - t0) / 1e9);
      }
    } finally {
      sc.stop();
    }
  }
}
