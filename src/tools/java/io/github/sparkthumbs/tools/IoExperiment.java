package io.github.sparkthumbs.tools;

import io.github.sparkthumbs.job.Summary;
import io.github.sparkthumbs.job.ThumbnailJob;
import io.github.sparkthumbs.settings.FetchSettings;
import io.github.sparkthumbs.settings.Settings;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * {@code scripts/experiment-io [DIR]}: the article's I/O-bound experiment on Spark. A
 * {@link LatencyImageServer} on 127.0.0.1 serves 120 images whose latencies add up to the
 * article's serial 14.4 s; the thumbnail job runs over them on local[1], local[4], local[8] and
 * local[13] with one request in flight per task (like the article's 1, 4, 8 and 13 threads), then
 * on local[2] with K requests in flight per task for a sweep of K (one partition per core, best of
 * two runs), then local[2] with the default K and default partitions. Prints the tables, writes DIR/io-experiment.csv and the chart DIR/io-experiment.png.
 */
public final class IoExperiment {
  private static final int URLS = 120;
  private static final int[] ARTICLE_WORKERS = {1, 4, 8, 13};
  private static final double[] ARTICLE_SECONDS = {14.4, 3.1, 1.4, 1.3};
  private static final int[] SWEEP = {1, 2, 4, 8, 16, 32, 64};

  /** One measured run of the job. */
  record Run(String name, int cores, int concurrency, int partitions, double seconds) {
    String master() {
      return "local[" + cores + "]";
    }
  }

  private final Path dir;
  private final Path urlList;
  private final PrintStream log;

  private IoExperiment(Path dir, Path urlList, PrintStream log) {
    this.dir = dir;
    this.urlList = urlList;
    this.log = log;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "bench/io-experiment");
    Files.createDirectories(dir);
    try (LatencyImageServer server = new LatencyImageServer(URLS);
        PrintStream log = new PrintStream(Files.newOutputStream(dir.resolve("runs.log")), true,
            StandardCharsets.UTF_8)) {
      Path urls = Files.write(dir.resolve("urls.txt"), server.urls());
      Path warm = Files.write(dir.resolve("warm-up.txt"), server.warmUpUrls(24));
      System.out.printf(Locale.ROOT, "%d URLs on 127.0.0.1, latencies %d..%d ms, serial sum %.1f s"
          + " (log-normal, sigma 0.6); job logs in %s%n", server.size(), min(server),
          max(server), LatencyImageServer.SERIAL_MILLIS / 1000.0, dir.resolve("runs.log"));
      new IoExperiment(dir, warm, log).measure("warm-up", 2, 8, 0, 24);
      IoExperiment x = new IoExperiment(dir, urls, log);

      List<Run> article = new ArrayList<>();
      for (int workers : ARTICLE_WORKERS) {
        article.add(x.measure("threads-" + workers, workers, 1, 0, URLS));
      }
      // One partition per core, as in a big job where every partition holds far more than K URLs.
      // Best of two runs: the default K is chosen from these, so less noise matters here.
      List<Run> sweep = new ArrayList<>();
      for (int k : SWEEP) {
        Run a = x.measure("local2-k" + k, 2, k, 2, URLS);
        Run b = x.measure("local2-k" + k, 2, k, 2, URLS);
        sweep.add(a.seconds() <= b.seconds() ? a : b);
      }
      Run chosen = x.measure("local2-default", 2, FetchSettings.DEFAULT_CONCURRENCY, 0, URLS);
      x.report(article, sweep, chosen);
    }
  }

  private static long min(LatencyImageServer s) {
    long m = Long.MAX_VALUE;
    for (int i = 0; i < s.size(); i++) {
      m = Math.min(m, s.latencyMillis(i));
    }
    return m;
  }

  private static long max(LatencyImageServer s) {
    long m = 0;
    for (int i = 0; i < s.size(); i++) {
      m = Math.max(m, s.latencyMillis(i));
    }
    return m;
  }

  /** Runs the job on a fresh {@code local[cores]} context and returns its wall time. */
  private Run measure(String name, int cores, int k, int partitions, int expectOk)
      throws IOException {
    SparkConf conf = new SparkConf()
        .setAppName("io-experiment " + name)
        .setMaster("local[" + cores + "]")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false");
    SparkContext sc = new SparkContext(conf);
    try {
      // Every URL is on one host here, so the per-host limit is lifted to K.
      FetchSettings d = FetchSettings.defaults();
      FetchSettings fetch = new FetchSettings(d.connectTimeoutMillis(), d.deadlineMillis(),
          d.maxAttempts(), d.backoffBaseMillis(), d.backoffCapMillis(), d.maxRedirects(), true,
          k, k);
      Settings s = Settings.builder().output(dir.resolve("runs").resolve(name).toString())
          .partitions(partitions).overwrite(true).fetch(fetch).build();
      log.println("== " + name + " on local[" + cores + "], K=" + k);
      long t0 = System.nanoTime();
      Summary summary = ThumbnailJob.run(sc, List.of("@" + urlList), s, log, log);
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (summary.ok() != expectOk) {
        throw new IllegalStateException(name + ": expected " + expectOk + " ok, got "
            + summary.line(seconds) + " (see " + dir.resolve("runs.log") + ")");
      }
      Run r = new Run(name, cores, k, partitions, seconds);
      System.out.printf(Locale.ROOT, "  %-15s local[%d] K=%-3d %6.2f s%n", name, cores, k,
          seconds);
      return r;
    } finally {
      sc.stop();
    }
  }

  private void report(List<Run> article, List<Run> sweep, Run chosen) throws IOException {
    double serial = article.get(0).seconds();
    StringBuilder csv = new StringBuilder(
        "run,master,fetch_concurrency,partitions,article_s,ours_s,speedup\n");
    System.out.println();
    System.out.println("| workers | article s | ours s | speedup |");
    System.out.println("|---|---|---|---|");
    for (int i = 0; i < article.size(); i++) {
      Run r = article.get(i);
      System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1f |%n", r.cores(),
          ARTICLE_SECONDS[i], r.seconds(), serial / r.seconds());
      csv.append(line(r, String.format(Locale.ROOT, "%.1f", ARTICLE_SECONDS[i]), serial));
    }
    System.out.printf(Locale.ROOT, "| 2 cores, K=%d | - | %.1f | %.1f |%n", chosen.concurrency(),
        chosen.seconds(), serial / chosen.seconds());
    csv.append(line(chosen, "", serial));

    System.out.println();
    System.out.println("local[2], one partition per core, K requests in flight per task"
        + " (best of 2 runs):");
    System.out.println("| K | ours s | speedup |");
    System.out.println("|---|---|---|");
    for (Run r : sweep) {
      System.out.printf(Locale.ROOT, "| %d | %.2f | %.1f |%n", r.concurrency(), r.seconds(),
          serial / r.seconds());
      csv.append(line(r, "", serial));
    }
    Path csvFile = Files.writeString(dir.resolve("io-experiment.csv"), csv);

    List<double[]> ideal = List.of(new double[] {1, 1}, new double[] {13, 13});
    List<double[]> articleLine = new ArrayList<>();
    List<double[]> ours = new ArrayList<>();
    for (int i = 0; i < article.size(); i++) {
      articleLine.add(new double[] {ARTICLE_WORKERS[i], ARTICLE_SECONDS[0] / ARTICLE_SECONDS[i]});
      ours.add(new double[] {ARTICLE_WORKERS[i], serial / article.get(i).seconds()});
    }
    Path png = dir.resolve("io-experiment.png");
    double top = Math.max(14, 2 * Math.ceil((serial / chosen.seconds() + 1) / 2));
    SpeedupChart.write(png, "Fetch + thumbnail 120 URLs (14.4 s serial): speedup", 14, top,
        List.of(new SpeedupChart.Series("ideal (linear)", Color.GRAY, true, ideal),
            new SpeedupChart.Series("article: ThreadPool(N)", new Color(230, 120, 20), false,
                articleLine),
            new SpeedupChart.Series("ours: local[N], 1 request per task", new Color(30, 90, 200),
                false, ours)),
        List.of(new SpeedupChart.Mark(String.format(Locale.ROOT,
            "ours: local[2] x K=%d requests per task", chosen.concurrency()),
            new Color(200, 30, 40), 2, serial / chosen.seconds())));
    System.out.println();
    System.out.println("table: " + csvFile);
    System.out.println("chart: " + png);
  }

  private static String line(Run r, String articleSeconds, double serial) {
    return String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%.2f,%.2f%n", r.name(), r.master(),
        r.concurrency(), r.partitions(), articleSeconds, r.seconds(), serial / r.seconds());
  }
}
