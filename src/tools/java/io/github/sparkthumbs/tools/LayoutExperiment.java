package io.github.sparkthumbs.tools;

import io.github.sparkthumbs.job.Summary;
import io.github.sparkthumbs.job.ThumbnailJob;
import io.github.sparkthumbs.settings.Layout;
import io.github.sparkthumbs.settings.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * The output layouts side by side (docs/output-layouts.md): the same web-size images, thumbnailed
 * on one {@code local[N]} Spark into a bucket of S3Proxy on loopback and into a MiniDFSCluster,
 * once per layout, the layouts in a different order each round. Per run: images/s, and what the
 * store was asked to keep: S3 requests by method (from the server's log), files created on HDFS.
 *
 * <p>Run by scripts/experiment-layouts, which starts the HDFS:
 * {@code LayoutExperiment WORK N ROUNDS MASTER HDFS_URI}.
 */
public final class LayoutExperiment {
  private LayoutExperiment() {}

  record Result(String store, Layout layout, int round, int images, double seconds,
      Map<String, Integer> requests, long files) {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]).toAbsolutePath();
    int n = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    String master = args[3];
    String hdfs = args[4];
    Path images = work.resolve("images");
    if (!Files.isDirectory(images.resolve("w000"))) {
      WebImages.write(images, n);
    }
    List<String> inputs = new ArrayList<>();
    try (var dirs = Files.list(images)) {
      dirs.filter(d -> d.getFileName().toString().startsWith("w")).sorted()
          .forEach(d -> inputs.add(d.toString()));
    }
    SparkContext sc = new SparkContext(new SparkConf().setMaster(master)
        .setAppName("layout-experiment").set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false"));
    List<Result> results = new ArrayList<>();
    try (S3Server s3 = S3Server.start(work.resolve("s3"))) {
      s3.bucket("thumbs");
      s3.hadoopSettings().forEach(sc.hadoopConfiguration()::set);
      // JIT and Spark warm-up, not counted: one small run per layout on local disk
      for (Layout l : Layout.values()) {
        run(sc, List.of(inputs.get(0)), work.resolve("warmup-" + l).toString(), l);
      }
      Layout[] order = Layout.values();
      for (int round = 1; round <= rounds; round++) {
        for (int k = 0; k < order.length; k++) {
          Layout layout = order[(k + round - 1) % order.length];
          for (String store : List.of("s3", "hdfs")) {
            String out = (store.equals("s3") ? "s3a://thumbs" : hdfs) + "/r" + round + "-"
                + layout;
            int before = s3.requests().size();
            long t0 = System.nanoTime();
            Summary s = run(sc, inputs, out, layout);
            double secs = (System.nanoTime() - t0) / 1e9;
            List<String> all = s3.requests();
            Map<String, Integer> requests =
                S3Server.byMethod(all.subList(before, all.size()));
            long files = store.equals("hdfs") ? countFiles(sc, out) : -1;
            Result r = new Result(store, layout, round, (int) s.ok(), secs, requests, files);
            results.add(r);
            System.out.printf(Locale.ROOT, "%s %-7s round %d: %d ok in %.1f s (%.0f images/s)"
                + " requests=%s files=%d%n", store, layout, round, s.ok(), secs, s.ok() / secs,
                requests, files);
          }
        }
      }
    } finally {
      sc.stop();
    }
    Files.writeString(work.resolve("layouts.md"), table(results, n), StandardCharsets.UTF_8);
    System.out.println(table(results, n));
  }

  private static Summary run(SparkContext sc, List<String> inputs, String out, Layout layout)
      throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Settings s = Settings.builder().output(out).layout(layout)
        .sizes(List.of(io.github.sparkthumbs.settings.Size.parse("256x256"))).build();
    try (PrintStream p = new PrintStream(log, true, StandardCharsets.UTF_8)) {
      Summary summary = ThumbnailJob.run(sc, inputs, s, p, p);
      if (summary.failed() > 0) {
        throw new IllegalStateException("failures in " + out + ":\n" + log);
      }
      return summary;
    }
  }

  private static long countFiles(SparkContext sc, String out) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(out);
    FileSystem fs = p.getFileSystem(sc.hadoopConfiguration());
    long n = 0;
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(p, true);
    while (it.hasNext()) {
      it.next();
      n++;
    }
    return n;
  }

  /**
   * Median images/s per store and layout, and what one run asked of the store (the first
   * round's; the rounds differ by a request or two). A run's fixed requests (lock, listing, the
   * committers' folders, the manifest) do not grow with N, so they are shown as counted, not
   * scaled to 10^4.
   */
  static String table(List<Result> results, int n) {
    StringBuilder b = new StringBuilder();
    b.append("| store | layout | images/s (median) | S3 requests in the run (PUT/GET/HEAD/DELETE)"
        + " | HDFS files in the output |\n|---|---|---|---|---|\n");
    for (String store : List.of("s3", "hdfs")) {
      for (Layout l : Layout.values()) {
        List<Result> rs = results.stream()
            .filter(r -> r.store().equals(store) && r.layout() == l).toList();
        if (rs.isEmpty()) {
          continue;
        }
        double[] rates = rs.stream().mapToDouble(r -> r.images() / r.seconds()).sorted()
            .toArray();
        int m = rates.length / 2;
        double median = rates.length % 2 == 1 ? rates[m] : (rates[m - 1] + rates[m]) / 2;
        Result first = rs.get(0);
        String req = store.equals("s3") ? String.format(Locale.ROOT, "%d (%s)",
            first.requests().values().stream().mapToInt(Integer::intValue).sum(),
            String.join("/", List.of("PUT", "GET", "HEAD", "DELETE").stream()
                .map(k -> String.valueOf(first.requests().getOrDefault(k, 0))).toList()))
            : "-";
        String files = store.equals("hdfs") ? String.valueOf(first.files()) : "-";
        b.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %s | %s |%n", store, l, median,
            req, files));
      }
    }
    b.append("\n").append(n).append(" web-size JPEGs (WebImages) -> 256x256 JPEG, ")
        .append(results.stream().mapToInt(Result::round).max().orElse(0)).append(" rounds\n");
    return b.toString();
  }
}
