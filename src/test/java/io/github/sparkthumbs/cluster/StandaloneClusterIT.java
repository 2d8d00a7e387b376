package io.github.sparkthumbs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.cli.Main;
import io.github.sparkthumbs.output.ShardNames;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.testing.ManifestFiles;
import io.github.sparkthumbs.testing.Shards;
import io.github.sparkthumbs.tools.S3Server;
import io.github.sparkthumbs.tools.SampleImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The job on a real Spark standalone cluster (scripts/cluster-up: a Master and two 1-core
 * Workers), submitted with scripts/spark-submit in client and cluster deploy mode; an executor,
 * and then a Worker, killed with SIGKILL mid-job; speculative execution; the spark-shell example of
 * docs/cluster.md against the same cluster. One cluster for the class: it takes ~10 s to start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
  static final int INPUTS = 120;
  static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
  static final Path WORK = Scripts.PROJECT.resolve("target/it/standalone");
  /** The cluster's state folder: the executors' command lines name it, which finds them. */
  static final Path CLUSTER_DIR = Scripts.PROJECT.resolve("target/it/standalone-cluster");
  /** Free ports picked at start (fixed ones collide with whatever else runs on the machine). */
  static final int MASTER_PORT = freePorts(1);
  static final String MASTER = "spark://127.0.0.1:" + MASTER_PORT;

  static Scripts scripts;

  @BeforeAll
  static void clusterAndSamples() throws Exception {
    deleteTree(WORK);
    Files.createDirectories(WORK);
    scripts = new Scripts(WORK.resolve("logs"), Map.of(
        "THUMBS_CLUSTER_DIR", CLUSTER_DIR.toString(),
        "SPARK_MASTER_PORT", String.valueOf(MASTER_PORT),
        "SPARK_MASTER_WEBUI_PORT", String.valueOf(freePorts(1)),
        // cluster-up gives Worker i the port + i - 1
        "SPARK_WORKER_WEBUI_PORT", String.valueOf(freePorts(2))));
    SampleImages.main(new String[] {WORK.resolve("samples").toString(), String.valueOf(INPUTS)});
    Scripts.Run up = scripts.run(WORK, Duration.ofMinutes(3), "cluster-up");
    assertEquals(0, up.exit(), up.all());
    assertEquals(MASTER, up.out().trim(), up.all());
    System.out.println(up.err().trim()); // "cluster up in N s", for the record
  }

  /**
   * The first of {@code n} consecutive loopback ports that are free now. Another process could
   * take one before the cluster binds it; the cluster then fails to start, loudly
   * (spark.port.maxRetries=0 in cluster-up), never joins someone else's Master.
   */
  static int freePorts(int n) {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (java.net.ServerSocket first = new java.net.ServerSocket(0, 1,
          java.net.InetAddress.getLoopbackAddress())) {
        int port = first.getLocalPort();
        boolean all = true;
        for (int i = 1; i < n && all; i++) {
          try (java.net.ServerSocket next = new java.net.ServerSocket(port + i, 1,
              java.net.InetAddress.getLoopbackAddress())) {
            all = next.getLocalPort() == port + i;
          } catch (java.io.IOException taken) {
            all = false;
          }
        }
        if (all) {
          return port;
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no " + n + " consecutive free ports on loopback");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (scripts != null) {
      scripts.run(WORK, Duration.ofMinutes(2), "cluster-down");
    }
    // Belt and braces: nothing the cluster started may outlive the tests.
    for (ProcessHandle p : processesNaming(CLUSTER_DIR, "org.apache.spark")) {
      p.destroyForcibly();
    }
  }

  @Test
  @Order(1)
  void sampleSetInClientModeWithRelativePaths() throws Exception {
    Scripts.Run r = scripts.run(WORK, JOB_TIMEOUT, "spark-submit", submitArgs("thumbs-client"));
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("on " + MASTER), r.all());
    assertTrue(r.out().contains("done: " + INPUTS + " inputs: ok=" + INPUTS + " failed=0"), r.all());
    // Relative paths: resolved by the driver, not in each executor's working directory.
    OutputCheck.assertComplete(WORK.resolve("thumbs-client").toString(), INPUTS);
  }

  @Test
  @Order(2)
  void sampleSetInClusterDeployMode() throws Exception {
    // The driver runs on a Worker, in its own directory: absolute paths, and wait for the end.
    List<String> args = new ArrayList<>(List.of("--deploy-mode", "cluster", "--driver-memory",
        "512m", "--conf", "spark.standalone.submit.waitAppCompletion=true"));
    args.addAll(List.of(submitArgs(WORK.resolve("thumbs-cluster-mode").toString())));
    args.set(args.indexOf("samples"), WORK.resolve("samples").toString());
    Scripts.Run r = scripts.run(WORK, JOB_TIMEOUT, "spark-submit", args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.all());
    List<ThumbResult> results =
        OutputCheck.assertComplete(WORK.resolve("thumbs-cluster-mode").toString(), INPUTS);
    assertTrue(results.stream().allMatch(ThumbResult::isOk), "all ok on a fresh output");
  }

  @Test
  @Order(3)
  void executorKilledMidJob() throws Exception {
    killMidJob("thumbs-executor-kill", StandaloneClusterIT::anExecutor);
  }

  @Test
  @Order(4)
  void executorKilledWithSpeculation() throws Exception {
    killMidJob("thumbs-speculation", StandaloneClusterIT::anExecutor,
        "--conf", "spark.speculation=true",
        // Eager speculation, so that copies of tasks really run beside the originals.
        "--conf", "spark.speculation.quantile=0.5", "--conf", "spark.speculation.multiplier=1.2",
        "--conf", "spark.speculation.interval=200ms");
  }

  @Test
  @Order(5)
  void documentedShellExampleOnTheCluster() throws Exception {
    Path snippet = WORK.resolve("snippet.scala");
    Files.writeString(snippet, docsShellSnippet(), StandardCharsets.UTF_8);
    Scripts.Run r;
    try (Scripts.Started shell = scripts.start(WORK, snippet, "spark-shell", "--master", MASTER,
        "--executor-memory", "512m", "--conf", "spark.ui.enabled=false")) {
      r = shell.finish(JOB_TIMEOUT);
    }
    String out = r.out();
    assertEquals(0, r.exit(), r.all());
    assertTrue(out.contains("on " + MASTER), r.all());
    // No exception and no compile error ("error: ..." at the start of a REPL line).
    assertFalse(out.contains("Exception") || Pattern.compile("(?m)^\\s*error:").matcher(out).find(),
        r.all());
    assertTrue(out.contains("inputs: " + INPUTS), r.all());
    assertTrue(out.contains("failures by error: Map()"), r.all());
    // The three largest sources, as the file system sees them.
    List<String> largest;
    try (Stream<Path> files = Files.walk(WORK.resolve("samples"))) {
      largest = files.filter(Files::isRegularFile)
          .sorted(Comparator.comparingLong(StandaloneClusterIT::size).reversed())
          .limit(3).map(p -> p.toAbsolutePath().toString()).collect(Collectors.toList());
    }
    for (String path : largest) {
      assertTrue(out.contains("largest: file:" + path), path + " missing in\n" + r.all());
    }
    // A closure over a value typed in the shell ran on the executors.
    Matcher m = Pattern.compile("over 8.0 MP: (\\d+)").matcher(out);
    assertTrue(m.find(), r.all());
    int big = Integer.parseInt(m.group(1));
    assertTrue(big > 0 && big < INPUTS, r.all());
    // The DataFrame API and the SQL function, on the executors, each thumbnail every sample.
    assertTrue(out.contains("frame ok: " + INPUTS), r.all());
    assertTrue(out.contains("sql ok: " + INPUTS), r.all());
    try (Stream<Path> files = Files.walk(WORK.resolve("thumbs-64"))) {
      assertEquals(INPUTS, files.filter(p -> p.toString().endsWith(".jpg")).count());
    }
  }

  /** Last: the cluster has one Worker left afterwards. */
  @Test
  @Order(9)
  void workerKilledMidJob() throws Exception {
    killMidJob("thumbs-worker-kill", () -> pidFile(CLUSTER_DIR.resolve("worker-1.pid")));
  }

  /**
   * Submits the sample set with many small partitions, SIGKILLs {@code victim} once some
   * thumbnails exist and the job is still running, and checks that the job still finishes with a
   * complete output.
   */
  private void killMidJob(String output, VictimFinder victim, String... conf) throws Exception {
    Path out = WORK.resolve(output);
    Scripts.Run r = killMidJob(() -> thumbnailsIn(out), INPUTS / 8, victim,
        jobArgs(output, List.of(conf)));
    assertEquals(INPUTS, okPlusSkipped(r), r.all());
    OutputCheck.assertComplete(out.toString(), INPUTS);
  }

  /**
   * Webdataset shards with an executor SIGKILLed while shards are being written: the shards of
   * the run hold every input exactly once (no shard of a killed attempt, no duplicate of a
   * retried one), and the manifest names each sample's shard and key.
   */
  @Test
  @Order(6)
  void tarShardsSurviveAnExecutorKill() throws Exception {
    Path out = WORK.resolve("thumbs-tar-kill");
    Scripts.Run r = killMidJob(() -> filesEndingIn(out, ".tar"), 4,
        StandaloneClusterIT::anExecutor,
        jobArgs(out.getFileName().toString(), List.of(), "--layout", "tar"));
    assertEquals(INPUTS, okPlusSkipped(r), r.all());
    Configuration conf = new Configuration();
    Map<String, Map<String, Shards.Member>> samples = Shards.samples(Shards.members(
        new org.apache.hadoop.fs.Path(out.resolve(ShardNames.DIR).toUri()), conf));
    assertEquals(INPUTS, samples.size(), "samples across the shards");
    List<ThumbResult> results = ManifestFiles.results(out);
    assertEquals(INPUTS, results.size(), r.all());
    assertEquals(INPUTS, results.stream().map(ThumbResult::source).distinct().count());
    for (ThumbResult res : results) {
      assertTrue(res.isOk(), res.toString());
      Map<String, Shards.Member> sample = samples.get(res.written().key());
      assertEquals(res.written().shard(), sample.get("jpg").shard(), res.toString());
    }
    try (Stream<Path> files = Files.walk(out)) {
      assertEquals(List.of(), files.filter(p -> p.toString().contains("_temporary")).toList());
    }
  }

  /**
   * Thumbnails and manifest into a bucket of a real S3-compatible server on loopback, settings
   * given as spark-submit gives them ({@code --conf spark.hadoop.fs.s3a.*}), an executor
   * SIGKILLed mid-job: every input once in the manifest, every thumbnail once in the bucket.
   */
  @Test
  @Order(7)
  void s3aOutputSurvivesAnExecutorKill() throws Exception {
    try (S3Server s3 = S3Server.start(WORK.resolve("s3"))) {
      s3.bucket("thumbs");
      java.util.function.Predicate<String> thumbnail =
          q -> q.startsWith("PUT /thumbs/kill/") && q.endsWith(".jpg");
      Scripts.Run r = killMidJob(
          () -> (int) s3.requests().stream().filter(thumbnail).count(), INPUTS / 8,
          StandaloneClusterIT::anExecutor, jobArgs("s3a://thumbs/kill", s3.sparkSubmitConf()));
      assertEquals(INPUTS, okPlusSkipped(r), r.all());
      Configuration conf = new Configuration();
      s3.hadoopSettings().forEach(conf::set);
      OutputCheck.assertComplete("s3a://thumbs/kill", INPUTS, conf);
    }
  }

  /** spark-submit's arguments: {@code conf} first, then the sample set into {@code output}. */
  private static String[] jobArgs(String output, List<String> conf, String... more) {
    List<String> args = new ArrayList<>(conf);
    args.addAll(List.of(submitArgs(output)));
    args.addAll(List.of("--partitions", "40"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @FunctionalInterface
  interface Progress {
    int done() throws IOException;
  }

  /**
   * Submits {@code args}, SIGKILLs {@code victim} once {@code progress} reaches {@code atLeast}
   * and the job is still running, and returns the finished job's run, which must have exited 0.
   */
  private Scripts.Run killMidJob(Progress progress, int atLeast, VictimFinder victim,
      String[] args) throws Exception {
    Scripts.Run r;
    try (Scripts.Started job = scripts.start(WORK, null, "spark-submit", args)) {
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (progress.done() < atLeast) {
        assertTrue(job.isAlive(), "job ended before the kill");
        assertTrue(System.nanoTime() < deadline, "no progress after 3 minutes");
        Thread.sleep(100);
      }
      ProcessHandle v = victim.find().orElseThrow(() -> new AssertionError("nothing to kill"));
      assertTrue(job.isAlive(), "job ended before the kill");
      assertTrue(v.destroyForcibly(), "SIGKILL " + v.pid());
      v.onExit().get(1, java.util.concurrent.TimeUnit.MINUTES);
      r = job.finish(JOB_TIMEOUT);
    }
    assertEquals(0, r.exit(), r.all());
    return r;
  }

  /**
   * ok + skipped of the summary line, which must count every input and no failure. Cached
   * results lost with the executor are recomputed and then report {@code skipped}/
   * {@code up-to-date} for thumbnails already written.
   */
  private static int okPlusSkipped(Scripts.Run r) {
    Matcher m = Pattern.compile("done: (\\d+) inputs: ok=(\\d+) failed=0 skipped=(\\d+)")
        .matcher(r.out());
    assertTrue(m.find(), r.all());
    assertEquals(INPUTS, Integer.parseInt(m.group(1)), r.all());
    return Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3));
  }

  private static int filesEndingIn(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return (int) files.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
    }
  }

  @FunctionalInterface
  interface VictimFinder {
    Optional<ProcessHandle> find() throws IOException;
  }

  /** The job's arguments after spark-submit's own: the sample set into {@code output}. */
  private static String[] submitArgs(String output) {
    return new String[] {"--master", MASTER, "--executor-memory", "512m",
        "--conf", "spark.ui.enabled=false", "--class", Main.class.getName(),
        Scripts.APP_JAR.toString(), "samples", "--output", output};
  }

  /** One executor of this cluster (its command line names the cluster's SPARK_HOME). */
  private static Optional<ProcessHandle> anExecutor() {
    return processesNaming(CLUSTER_DIR, "CoarseGrainedExecutorBackend").stream().findFirst();
  }

  /** Processes whose command line names both {@code dir} and {@code marker}. */
  static List<ProcessHandle> processesNaming(Path dir, String marker) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine()
            .map(c -> c.contains(marker) && c.contains(dir.toString())).orElse(false))
        .collect(Collectors.toList());
  }

  private static Optional<ProcessHandle> pidFile(Path file) throws IOException {
    return ProcessHandle.of(Long.parseLong(Files.readString(file).trim()));
  }

  /**
   * Thumbnails written so far (the staging folder and the manifest are dot/other names). The job
   * renames and deletes files while this walks: a file gone under the walk means "look again".
   */
  private static int thumbnailsIn(Path out) throws IOException {
    for (int attempt = 0; ; attempt++) {
      if (!Files.isDirectory(out)) {
        return 0;
      }
      try (Stream<Path> files = Files.walk(out)) {
        return (int) files.filter(p -> p.getFileName().toString().endsWith(".jpg")
            && !p.toString().contains("/.")).count();
      } catch (java.io.UncheckedIOException e) {
        if (!(e.getCause() instanceof java.nio.file.NoSuchFileException) || attempt == 20) {
          throw e;
        }
      }
    }
  }

  /** The first {@code scala} block of docs/cluster.md: the documented shell example. */
  static String docsShellSnippet() throws IOException {
    String page = Files.readString(Scripts.PROJECT.resolve("docs/cluster.md"));
    int start = page.indexOf("```scala\n");
    assertTrue(start >= 0, "docs/cluster.md has no ```scala block");
    int end = page.indexOf("```", start + 9);
    return page.substring(start + 9, end);
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
