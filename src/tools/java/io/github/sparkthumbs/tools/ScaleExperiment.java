package io.github.sparkthumbs.tools;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * {@code scripts/experiment-scale [options]}: how the real command line scales with the number of
 * inputs N, before and after a change, and the per-core rate on web-size images from a loopback
 * server next to img2dataset's ~100 samples/s per core. See docs/scale-experiment.md.
 *
 * <p>Every point is one run of a checkout's {@code scripts/thumbnail} as a child process (the
 * driver heap is {@code --heap}, the master {@code --master}), over inputs that cost nothing per
 * image so that only the framework is measured: missing files, URLs the network guard refuses, and
 * tiny real JPEGs. With {@code --before DIR} each point runs with both checkouts, alternating
 * which goes first.
 */
public final class ScaleExperiment {
  static final String USAGE = """
      usage: scripts/experiment-scale [options]
        --n LIST          N values, e.g. 1e3,1e4,1e5,1e6,1e7 (default)
        --kinds LIST      missing,urls,tiny (default all three)
        --before DIR      a built checkout of the older commit: its scripts/thumbnail is "before"
        --after DIR       the checkout measured as "after" (default: this one)
        --heap SIZE       driver heap, THUMBNAILER_HEAP of each run (default 512m)
        --master URL      (default local[2])
        --timeout S       a run still going after S seconds is killed (default 900)
        --tiny-max N      largest N for tiny images: each needs N files and N thumbnails on disk
                          (default 1e6)
        --keep-going      after a killed or failed run, still run the larger N of that input
                          kind and checkout (default: skip them)
        --url-images K    web-size JPEG URLs for the per-core rate; 0 skips it (default 2000)
        --url-cores LIST  local[c] for the URL rate (default 1,2)
        --nginx PATH      nginx binary (default: nginx on the PATH or /usr/sbin)
        --out DIR         results (default bench/scale-experiment)
        --work DIR        lists, trees and job outputs, deleted as it goes (default OUT/work)
      """;
  /** img2dataset's own figure; see docs/scale-experiment.md for the source. */
  static final double IMG2DATASET_PER_CORE = 100;

  record Side(String name, Path checkout) {}

  record Point(String kind, long n, String side, DriverRun.Result result, String note) {
    boolean ran() {
      return result != null;
    }
  }

  record UrlPoint(String side, int cores, long urls, DriverRun.Result result) {
    double rate() {
      double s = result.jobSeconds() > 0 ? result.jobSeconds() : result.wallSeconds();
      return result.okRows() / s;
    }
  }

  private final Map<String, String> opt;
  private final Path out;
  private final Path work;
  private final Path logs;
  private final List<Side> sides = new ArrayList<>();
  private final String heap;
  private final int timeout;
  private final StringBuilder report = new StringBuilder();

  private ScaleExperiment(Map<String, String> opt) throws IOException {
    this.opt = opt;
    this.out = Path.of(opt.getOrDefault("out", "bench/scale-experiment")).toAbsolutePath();
    this.work = Path.of(opt.getOrDefault("work", out.resolve("work").toString()))
        .toAbsolutePath();
    this.logs = out.resolve("logs");
    Files.createDirectories(logs);
    Files.createDirectories(work);
    if (opt.containsKey("before")) {
      sides.add(new Side("before", checkout(opt.get("before"))));
    }
    sides.add(new Side("after", checkout(opt.getOrDefault("after",
        System.getProperty("thumbnailer.root", ".")))));
    this.heap = opt.getOrDefault("heap", "512m");
    this.timeout = Integer.parseInt(opt.getOrDefault("timeout", "900"));
  }

  private static Path checkout(String dir) {
    Path p = Path.of(dir).toAbsolutePath().normalize();
    if (!Files.isExecutable(p.resolve("scripts/thumbnail"))
        || !Files.exists(p.resolve("target/jvm-options"))) {
      throw new IllegalArgumentException(p + " is not a built checkout (scripts/thumbnail and"
          + " target/jvm-options are needed: run mvn -q -B -DskipTests package there)");
    }
    return p;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opt;
    try {
      opt = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("experiment-scale: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    if (opt.containsKey("help")) {
      System.out.print(USAGE);
      return;
    }
    ScaleExperiment x = new ScaleExperiment(opt);
    x.header();
    List<Point> points = x.sweep();
    List<UrlPoint> rates = x.urlRate();
    x.report(points, rates);
  }

  static Map<String, String> parse(String[] args) {
    Set<String> known = Set.of("n", "kinds", "before", "after", "heap", "master", "timeout",
        "tiny-max", "url-images", "url-cores", "nginx", "out", "work");
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--keep-going") || a.equals("--help") || a.equals("-h")) {
        opt.put(a.equals("-h") ? "help" : a.substring(2), "true");
        continue;
      }
      String name = a.startsWith("--") ? a.substring(2) : a;
      String value = null;
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!a.startsWith("--") || !known.contains(name)) {
        throw new IllegalArgumentException("unknown option " + a);
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        value = args[++i];
      }
      opt.put(name, value);
    }
    return opt;
  }

  /** "1e6" -> 1000000; "2e6,5e5" -> both. */
  static long[] counts(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .mapToLong(s -> {
          double d = Double.parseDouble(s);
          if (d < 1 || d != Math.rint(d)) {
            throw new IllegalArgumentException("not a count: " + s);
          }
          return (long) d;
        }).toArray();
  }

  private void header() throws IOException {
    say("# Scale experiment");
    say("");
    say(String.format(Locale.ROOT, "- machine: %d cores, load average at start %s",
        Runtime.getRuntime().availableProcessors(), loadAverage()));
    say("- driver heap " + heap + " (THUMBNAILER_HEAP), master " + master() + ", timeout "
        + timeout + " s per run; wall time includes JVM and Spark start-up");
    for (Side s : sides) {
      say("- " + s.name() + ": " + s.checkout() + " at " + commit(s.checkout()));
    }
    say("- logs, GC logs: " + logs);
    say("");
  }

  private String master() {
    return opt.getOrDefault("master", "local[2]");
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String commit(Path checkout) {
    try {
      Process p = new ProcessBuilder("git", "-C", checkout.toString(), "log", "-1",
          "--format=%h %s").redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      Process d = new ProcessBuilder("git", "-C", checkout.toString(), "status", "--porcelain",
          "--untracked-files=no").redirectErrorStream(true).start();
      boolean dirty = !new String(d.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
          .isBlank();
      return p.waitFor() == 0 ? "`" + s + "`" + (dirty ? " (with uncommitted changes)" : "")
          : "(not a git checkout)";
    } catch (IOException | InterruptedException e) {
      return "(unknown commit)";
    }
  }

  // ---------------------------------------------------------------- N sweep

  private List<Point> sweep() throws IOException, InterruptedException {
    long[] ns = counts(opt.getOrDefault("n", "1e3,1e4,1e5,1e6,1e7"));
    Arrays.sort(ns);
    long tinyMax = counts(opt.getOrDefault("tiny-max", "1e6"))[0];
    boolean keepGoing = opt.containsKey("keep-going");
    List<String> kinds = List.of(opt.getOrDefault("kinds", "missing,urls,tiny").split(","));
    for (String k : kinds) {
      if (!Set.of("missing", "urls", "tiny").contains(k)) {
        throw new IllegalArgumentException("--kinds: unknown kind " + k);
      }
    }
    List<Point> points = new ArrayList<>();
    int order = 0;
    for (String kind : kinds) {
      Set<String> stopped = new HashSet<>();
      for (long n : ns) {
        if (kind.equals("tiny") && n > tinyMax) {
          for (Side s : sides) {
            points.add(new Point(kind, n, s.name(), null, "not run: N > --tiny-max"));
          }
          continue;
        }
        Path input = makeInput(kind, n);
        List<Side> turn = new ArrayList<>(sides);
        if (order++ % 2 == 1) {
          java.util.Collections.reverse(turn); // alternate who goes first: drift hits both
        }
        for (Side s : turn) {
          if (stopped.contains(s.name())) {
            points.add(new Point(kind, n, s.name(), null, "not run: failed at a smaller N"));
            continue;
          }
          Point p = runPoint(kind, n, s, input);
          points.add(p);
          if (!p.result().completed(n) && !keepGoing) {
            stopped.add(s.name());
          }
        }
        delete(input);
      }
    }
    return points;
  }

  private Path makeInput(String kind, long n) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Path input = switch (kind) {
      case "missing" -> ScaleInputs.missingList(work.resolve("missing-" + n + ".txt"), n);
      case "urls" -> ScaleInputs.refusedUrlList(work.resolve("urls-" + n + ".txt"), n);
      default -> {
        Path dir = work.resolve("tiny-" + n);
        delete(dir);
        yield ScaleInputs.tinyTree(dir, n);
      }
    };
    System.out.printf(Locale.ROOT, "%s N=%d: input made in %.1f s%n", kind, n,
        (System.nanoTime() - t0) / 1e9);
    return input;
  }

  private Point runPoint(String kind, long n, Side side, Path input)
      throws IOException, InterruptedException {
    Path output = work.resolve("out-" + kind + "-" + n + "-" + side.name());
    delete(output);
    String arg = kind.equals("tiny") ? input.toString() : "@" + input;
    DriverRun.Result r = DriverRun.run(side.checkout(),
        List.of(arg, "--output", output.toString(), "--master", master()), heap, timeout,
        logs.resolve(kind + "-" + n + "-" + side.name()));
    r = DriverRun.withManifest(r, output);
    delete(output);
    Point p = new Point(kind, n, side.name(), r, "");
    System.out.printf(Locale.ROOT, "  %-6s %s%n", side.name(), describe(p));
    return p;
  }

  private static String describe(Point p) {
    DriverRun.Result r = p.result();
    return String.format(Locale.ROOT, "wall %.1f s (job %s s), %.0f inputs/s, exit %d, rows %d/%d,"
        + " peak heap %s MB (live %s, %d full GCs), peak RSS %s MB%s", r.wallSeconds(),
        num(r.jobSeconds(), 1), p.n() / r.wallSeconds(), r.exitCode(), r.manifestRows(), p.n(),
        num(r.peakHeapMb(), 0), num(r.heapAfterGcMb(), 0), r.heapFullGcs(),
        num(r.peakRssMb(), 0), r.killed() ? String.format(Locale.ROOT, ", KILLED at %.0f s",
            r.wallSeconds()) : "");
  }

  /** rm -rf of a folder under work/ (faster than Java for 10^6 files). */
  private void delete(Path p) throws IOException, InterruptedException {
    if (!p.toAbsolutePath().startsWith(work)) {
      throw new IllegalStateException("refusing to delete " + p + " outside " + work);
    }
    if (Files.exists(p)) {
      new ProcessBuilder("rm", "-rf", "--", p.toString()).inheritIO().start().waitFor();
    }
  }

  // ---------------------------------------------------------------- URL rate

  private List<UrlPoint> urlRate() throws IOException, InterruptedException {
    int k = Integer.parseInt(opt.getOrDefault("url-images", "2000"));
    List<UrlPoint> rates = new ArrayList<>();
    if (k <= 0) {
      return rates;
    }
    Path web = work.resolve("web");
    delete(web);
    double[] made = WebImages.write(web, k);
    Optional<Path> nginx = Optional.ofNullable(opt.get("nginx")).map(Path::of);
    try (StaticImageServer server = StaticImageServer.start(web, work, nginx)) {
      say("");
      say(String.format(Locale.ROOT, "URL rate: %d URLs of web-size JPEGs (%.2f-%.2f MP, mean %.0f"
          + " KB), --size 256x256 --allow-private-network, server: %s", k, made[0], made[1],
          made[2] / 1024, server.description()));
      List<String> urls = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        urls.add(server.url(WebImages.name(i)));
      }
      Path list = Files.write(work.resolve("web-urls.txt"), urls);
      int order = 0;
      for (String c : opt.getOrDefault("url-cores", "1,2").split(",")) {
        int cores = Integer.parseInt(c.trim());
        List<Side> turn = new ArrayList<>(sides);
        if (order++ % 2 == 1) {
          java.util.Collections.reverse(turn);
        }
        for (Side s : turn) {
          Path output = work.resolve("out-web-" + cores + "-" + s.name());
          delete(output);
          DriverRun.Result r = DriverRun.run(s.checkout(), List.of("@" + list, "--output",
              output.toString(), "--master", "local[" + cores + "]", "--allow-private-network",
              "--size", "256x256"), heap, timeout, logs.resolve("web-" + cores + "-" + s.name()));
          r = DriverRun.withManifest(r, output);
          delete(output);
          UrlPoint u = new UrlPoint(s.name(), cores, k, r);
          rates.add(u);
          System.out.printf(Locale.ROOT, "  local[%d] %-6s ok %d/%d, job %s s, %.1f images/s,"
              + " %.1f per core, exit %d%n", cores, s.name(), r.okRows(), k,
              num(r.jobSeconds(), 1), u.rate(), u.rate() / cores, r.exitCode());
        }
      }
    }
    delete(web);
    return rates;
  }

  // ---------------------------------------------------------------- report

  private void report(List<Point> points, List<UrlPoint> rates) throws IOException {
    boolean both = sides.size() == 2;
    say("");
    say("## Inputs against N" + (both ? " (before -> after)" : ""));
    say("");
    say("| input | N | wall s | job s | inputs/s | driver peak heap MB | live heap MB"
        + " | full GCs | driver peak RSS MB | completed |");
    say("|---|---|---|---|---|---|---|---|---|---|");
    Map<String, Map<String, Point>> byKey = new LinkedHashMap<>();
    for (Point p : points) {
      byKey.computeIfAbsent(p.kind() + " " + p.n(), x -> new LinkedHashMap<>()).put(p.side(), p);
    }
    for (Map<String, Point> row : byKey.values()) {
      Point any = row.values().iterator().next();
      List<Point> cells = sides.stream().map(s -> row.get(s.name())).toList();
      say(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
          any.kind(), sci(any.n()),
          cell(cells, r -> r.wallSeconds(), 1), cell(cells, r -> r.jobSeconds(), 1),
          cell(cells, r -> r.completed(any.n()) ? any.n() / r.wallSeconds() : -1, 0),
          cell(cells, r -> r.peakHeapMb(), 0),
          cell(cells, r -> r.heapAfterGcMb(), 0), cell(cells, r -> r.heapFullGcs(), 0),
          cell(cells, r -> r.peakRssMb(), 0),
          String.join(" -> ", cells.stream().map(ScaleExperiment::completion).toList())));
    }
    if (!rates.isEmpty()) {
      say("");
      say("## URL rate: web-size JPEGs from a loopback server, resized to 256x256");
      say("");
      say("| master | checkout | images ok | job s | images/s | images/s per core"
          + " | img2dataset, documented |");
      say("|---|---|---|---|---|---|---|");
      for (UrlPoint u : rates) {
        say(String.format(Locale.ROOT, "| local[%d] | %s | %d/%d | %s | %.1f | %.1f | ~%.0f per"
            + " core |", u.cores(), u.side(), u.result().okRows(), u.urls(),
            num(u.result().jobSeconds(), 1), u.rate(), u.rate() / u.cores(),
            IMG2DATASET_PER_CORE));
      }
      say("");
      say("img2dataset: \"around 100 sample/s/core\" on one machine, up to 4000 samples/s with"
          + " 40 cores (its examples/distributed_img2dataset_tutorial.md); 1350 images/s in its"
          + " README's 18M-image benchmark. Its default output is 256x256 with white borders,"
          + " JPEG quality 95; ours here is --size 256x256 fit, quality 75. Internet latency,"
          + " DNS and its downloads are in its figure; on loopback ours has none of that.");
    }
    Path md = Files.writeString(out.resolve("scale-experiment.md"), report);
    Path csv = writeCsv(points);
    Path urlCsv = writeUrlCsv(rates);
    Path png = out.resolve("scale-experiment.png");
    chart(points, png);
    System.out.println();
    System.out.println("report: " + md);
    System.out.println("tables: " + csv + (rates.isEmpty() ? "" : ", " + urlCsv));
    System.out.println("chart:  " + png);
  }

  private static String completion(Point p) {
    if (p == null) {
      return "-";
    }
    if (!p.ran()) {
      return p.note();
    }
    DriverRun.Result r = p.result();
    if (r.killed()) {
      return String.format(Locale.ROOT, "killed at %.0f s", r.wallSeconds());
    }
    if (r.completed(p.n())) {
      return "yes";
    }
    return String.format(Locale.ROOT, "no: exit %d, %d/%d rows", r.exitCode(), r.manifestRows(),
        p.n());
  }

  private static String cell(List<Point> cells, ToDoubleFunction<DriverRun.Result> f,
      int decimals) {
    List<String> parts = new ArrayList<>();
    for (Point p : cells) {
      parts.add(p == null || !p.ran() ? "-" : num(f.applyAsDouble(p.result()), decimals));
    }
    return String.join(" -> ", parts);
  }

  private static String num(double v, int decimals) {
    return v < 0 ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String sci(long n) {
    double e = Math.log10(n);
    return e == Math.rint(e) ? "10^" + (int) e : String.valueOf(n);
  }

  private Path writeCsv(List<Point> points) throws IOException {
    StringBuilder csv = new StringBuilder("kind,n,checkout,heap,master,wall_s,job_s,inputs_per_s,"
        + "exit,killed,manifest_rows,completed,peak_heap_mb,heap_after_gc_mb,full_gcs,"
        + "peak_rss_mb,note\n");
    for (Point p : points) {
      DriverRun.Result r = p.result();
      if (r == null) {
        csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,,,,,,,,,,,,%s%n", p.kind(), p.n(),
            p.side(), heap, master(), p.note()));
        continue;
      }
      csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%.2f,%s,%s,%d,%b,%d,%b,%s,%s,%d,"
          + "%s,%s%n", p.kind(), p.n(), p.side(), heap, master(), r.wallSeconds(),
          num(r.jobSeconds(), 2), r.completed(p.n()) ? num(p.n() / r.wallSeconds(), 1) : "",
          r.exitCode(), r.killed(),
          r.manifestRows(), r.completed(p.n()), num(r.peakHeapMb(), 1),
          num(r.heapAfterGcMb(), 1), r.heapFullGcs(), num(r.peakRssMb(), 1),
          r.killed() ? String.format(Locale.ROOT, "killed at %.0f s", r.wallSeconds()) : ""));
    }
    return Files.writeString(out.resolve("scale-experiment.csv"), csv);
  }

  private Path writeUrlCsv(List<UrlPoint> rates) throws IOException {
    StringBuilder csv = new StringBuilder("master,checkout,urls,ok,job_s,wall_s,images_per_s,"
        + "images_per_s_per_core,img2dataset_per_core,exit,peak_heap_mb,peak_rss_mb\n");
    for (UrlPoint u : rates) {
      DriverRun.Result r = u.result();
      csv.append(String.format(Locale.ROOT, "local[%d],%s,%d,%d,%s,%.2f,%.2f,%.2f,%.0f,%d,%s,%s%n",
          u.cores(), u.side(), u.urls(), r.okRows(), num(r.jobSeconds(), 2), r.wallSeconds(),
          u.rate(), u.rate() / u.cores(), IMG2DATASET_PER_CORE, r.exitCode(),
          num(r.peakHeapMb(), 1), num(r.peakRssMb(), 1)));
    }
    return Files.writeString(out.resolve("url-rate.csv"), csv);
  }

  private void chart(List<Point> points, Path png) throws IOException {
    Map<String, Color> colors = Map.of("missing", new Color(30, 90, 200), "urls",
        new Color(230, 120, 20), "tiny", new Color(40, 150, 60));
    List<ScaleChart.Line> rate = new ArrayList<>();
    List<ScaleChart.Line> heapLines = new ArrayList<>();
    List<ScaleChart.Line> wall = new ArrayList<>();
    for (String kind : List.of("missing", "urls", "tiny")) {
      for (Side s : sides) {
        List<Point> ps = points.stream().filter(p -> p.kind().equals(kind)
            && p.side().equals(s.name()) && p.ran()).toList();
        if (ps.isEmpty()) {
          continue;
        }
        String name = kind + (sides.size() == 2 ? " (" + s.name() + ")" : "");
        boolean dashed = s.name().equals("before");
        List<Point> done = ps.stream().filter(p -> p.result().completed(p.n())).toList();
        rate.add(line(name, colors.get(kind), dashed, done, p -> p.n() / p.result().wallSeconds()));
        heapLines.add(line(name, colors.get(kind), dashed,
            ps.stream().filter(p -> p.result().peakHeapMb() >= 0).toList(),
            p -> p.result().peakHeapMb()));
        wall.add(line(name + (ps.size() > done.size() ? ", incl. killed/failed" : ""),
            colors.get(kind), dashed, ps, p -> p.result().wallSeconds()));
      }
    }
    ScaleChart.write(png, "Scale: the command line against N inputs, driver heap " + heap + ", "
        + master(), List.of(
            new ScaleChart.Panel("inputs/s (completed runs, wall time)", "inputs/s", rate, null,
                0, false),
            new ScaleChart.Panel("driver peak heap used (GC log)", "MB", heapLines,
                "-Xmx " + heap, megabytes(heap), false),
            new ScaleChart.Panel("wall time (log scale)", "s", wall, "timeout", timeout, true)));
  }

  private static ScaleChart.Line line(String name, Color c, boolean dashed, List<Point> ps,
      ToDoubleFunction<Point> y) {
    return new ScaleChart.Line(name, c, dashed, ps.stream().mapToDouble(p -> p.n()).toArray(),
        ps.stream().mapToDouble(y).toArray());
  }

  static double megabytes(String size) {
    String s = size.trim().toLowerCase(Locale.ROOT);
    double v = Double.parseDouble(s.replaceAll("[kmgt]$", ""));
    return switch (s.charAt(s.length() - 1)) {
      case 'k' -> v / 1024;
      case 'g' -> v * 1024;
      case 't' -> v * 1024 * 1024;
      case 'm' -> v;
      default -> v / 1024 / 1024;
    };
  }

  private void say(String line) {
    System.out.println(line);
    report.append(line).append('\n');
  }
}
