package io.github.sparkthumbs.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * One run of a checkout's real command line ({@code CHECKOUT/scripts/thumbnail}) as a child
 * process, measured from outside: wall time, exit code, the driver's peak RSS (VmHWM polled from
 * /proc), its heap from a GC log, and the manifest rows it wrote. Killed past a timeout.
 */
final class DriverRun {
  /** What one run measured. Sizes in MB; -1 when unknown (no GC log, no /proc). */
  record Result(double wallSeconds, int exitCode, boolean killed, long manifestRows,
      double jobSeconds, long okRows, double peakHeapMb, double heapAfterGcMb, int heapFullGcs,
      double peakRssMb) {
    boolean completed(long expectedRows) {
      return !killed && (exitCode == 0 || exitCode == 1) && manifestRows == expectedRows;
    }
  }

  // "GC(4) Pause Young (Allocation Failure) 118M->28M(362M) 25.793ms"
  private static final Pattern GC_LINE =
      Pattern.compile("Pause (Young|Full|Remark|Cleanup)[^)]*\\(([^)]*)\\)[^0-9]*"
          + "(\\d+)([KMG])->(\\d+)([KMG])\\(");
  // the exit summary: "PSYoungGen total 158720K, used 59544K" (also G1's and Serial's heap lines)
  private static final Pattern EXIT_USED = Pattern.compile(
      "(PSYoungGen|ParOldGen|garbage-first heap|def new generation|tenured generation)"
          + "\\s+total \\d+K, used (\\d+)K");
  // the job's summary line: "done: 1000 inputs: ... in 2.0 s (0.0 images/s)"
  private static final Pattern DONE = Pattern.compile("^done: .* in ([0-9.]+) s\\b");

  private DriverRun() {}

  /**
   * Runs {@code checkout/scripts/thumbnail args...} with {@code heap} as the driver heap; logs go
   * to {@code logPrefix}.out/.err/.gc.log.
   */
  static Result run(Path checkout, List<String> args, String heap, int timeoutSeconds,
      Path logPrefix) throws IOException, InterruptedException {
    Path script = checkout.resolve("scripts/thumbnail");
    Path out = Path.of(logPrefix + ".out");
    Path err = Path.of(logPrefix + ".err");
    Path gcLog = Path.of(logPrefix + ".gc.log").toAbsolutePath();
    Files.deleteIfExists(gcLog);
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
            "/dev/null")));
    Map<String, String> env = pb.environment();
    env.put("THUMBNAILER_HEAP", heap);
    env.put("THUMBS_NO_BUILD", "1"); // never start a Maven build inside a measurement
    String gcOption = "-Xlog:gc,gc+heap+exit:file=" + gcLog;
    if (Files.readString(script).contains("THUMBNAILER_JAVA_OPTS")) {
      env.put("THUMBNAILER_JAVA_OPTS", gcOption);
    } else {
      // an older checkout's script: every JVM reads this variable (and says so on stderr)
      env.put("JAVA_TOOL_OPTIONS", gcOption);
    }
    long t0 = System.nanoTime();
    Process p = pb.start();
    // scripts/thumbnail ends in `exec java`: this pid becomes the driver JVM's.
    Path status = Path.of("/proc/" + p.pid() + "/status");
    long peakRssKb = -1;
    boolean killed = false;
    long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
      peakRssKb = Math.max(peakRssKb, vmHwmKb(status));
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        p.waitFor();
        killed = true;
        break;
      }
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double[] heapMb = gcLog(gcLog);
    return new Result(wall, p.exitValue(), killed, -1, jobSeconds(out), -1, heapMb[0], heapMb[1],
        (int) heapMb[2], peakRssKb < 0 ? -1 : peakRssKb / 1024.0);
  }

  /** The result with the rows of the manifest in {@code output} counted. */
  static Result withManifest(Result r, Path output) throws IOException {
    long[] rows = manifestRows(output);
    return new Result(r.wallSeconds(), r.exitCode(), r.killed(), rows[0], r.jobSeconds(), rows[1],
        r.peakHeapMb(), r.heapAfterGcMb(), r.heapFullGcs(), r.peakRssMb());
  }

  private static long vmHwmKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process is gone between two polls: keep the last value
    }
    return -1;
  }

  /**
   * {peak heap used MB, live heap MB, full collections not caused by Metaspace}. The peak is the
   * largest occupancy seen before a collection or at exit. The live heap is the largest occupancy
   * right after a full collection (what the JVM really holds); when none ran, the largest after
   * any collection, an upper bound (a young collection leaves the old generation's garbage).
   */
  static double[] gcLog(Path gcLog) throws IOException {
    if (!Files.exists(gcLog)) {
      return new double[] {-1, -1, -1};
    }
    double peak = -1;
    double after = -1;
    double afterFull = -1;
    int fulls = 0;
    long exitUsedKb = 0;
    try (BufferedReader r = Files.newBufferedReader(gcLog, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        Matcher m = GC_LINE.matcher(line);
        if (m.find()) {
          peak = Math.max(peak, mb(m.group(3), m.group(4)));
          after = Math.max(after, mb(m.group(5), m.group(6)));
          if (m.group(1).equals("Full") && !m.group(2).contains("Metadata")) {
            fulls++;
            afterFull = Math.max(afterFull, mb(m.group(5), m.group(6)));
          }
          continue;
        }
        Matcher e = EXIT_USED.matcher(line);
        if (e.find()) {
          exitUsedKb += Long.parseLong(e.group(2));
        }
      }
    }
    return new double[] {Math.max(peak, exitUsedKb / 1024.0), fulls > 0 ? afterFull : after,
        fulls};
  }

  private static double mb(String n, String unit) {
    double v = Double.parseDouble(n);
    return switch (unit) {
      case "K" -> v / 1024;
      case "G" -> v * 1024;
      default -> v;
    };
  }

  private static double jobSeconds(Path out) throws IOException {
    try (Stream<String> lines = Files.lines(out, StandardCharsets.UTF_8)) {
      return lines.map(DONE::matcher).filter(Matcher::find)
          .mapToDouble(m -> Double.parseDouble(m.group(1))).findFirst().orElse(-1);
    } catch (java.io.UncheckedIOException e) {
      return -1; // not UTF-8 (should not happen): no job time
    }
  }

  /**
   * {rows, ok rows} of the manifest in {@code output}: the JSON-lines part files of its
   * {@code manifest/} folder (hidden and {@code _SUCCESS} files skipped, .gz read), and the legacy
   * single {@code manifest.jsonl} of earlier versions if there is one. {0, 0} when there is none.
   */
  static long[] manifestRows(Path output) throws IOException {
    long[] total = new long[2];
    Path single = output.resolve("manifest.jsonl");
    List<Path> files = new ArrayList<>();
    if (Files.isRegularFile(single)) {
      files.add(single);
    }
    Path folder = output.resolve("manifest");
    if (Files.isDirectory(folder)) {
      try (Stream<Path> s = Files.walk(folder)) {
        s.filter(Files::isRegularFile).filter(f -> {
          String name = f.getFileName().toString();
          return !name.startsWith(".") && !name.startsWith("_");
        }).forEach(files::add);
      }
    }
    for (Path f : files) {
      try (InputStream raw = Files.newInputStream(f);
          InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
          BufferedReader r = new BufferedReader(
              new java.io.InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (!line.isBlank()) {
            total[0]++;
            if (line.contains("\"status\":\"ok\"")) {
              total[1]++;
            }
          }
        }
      }
    }
    return total;
  }
}
