package io.github.sparkthumbs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkthumbs.cli.Main;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.tools.SampleImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The unchanged application jar on a real YARN with HDFS (scripts/yarn-up: a ResourceManager, two
 * NodeManagers, one HDFS), submitted with scripts/spark-submit --master yarn as docs/yarn.md
 * shows: client mode with an executor container SIGKILLed mid-job, cluster mode with relative
 * paths and a failed input, and runs that cannot do their work. Each run's final status is read
 * from the ResourceManager's REST API. One cluster for the class: it takes ~30-50 s to start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class YarnIT {
  static final int INPUTS = 16;
  static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
  static final Path WORK = Scripts.PROJECT.resolve("target/it/yarn");
  /** The cluster's state: container folders and logs, which name it in their command lines. */
  static final Path STATE = WORK.resolve("yarn-state");
  static final Pattern CONTAINER = Pattern.compile("container_\\d+_\\d+_\\d+_\\d+");

  static Scripts scripts;
  /** HDFS, e.g. hdfs://127.0.0.1:PORT; relative paths resolve under /user/NAME on it. */
  static String defaultFs;
  static String home;
  /** The ResourceManager's web address (host:port on loopback). */
  static String resourceManager;
  static Configuration hadoop;
  /**
   * The cluster-mode run, started beside the client-mode one: the two share the cluster's waits
   * (container starts, executor registration), which keeps the suite short.
   */
  static Scripts.Started clusterModeRun;

  @BeforeAll
  static void yarnWithSamples() throws Exception {
    StandaloneClusterIT.deleteTree(WORK);
    Files.createDirectories(WORK);
    Map<String, String> env = new HashMap<>(Map.of("THUMBS_YARN_DIR", STATE.toString()));
    scripts = new Scripts(WORK.resolve("logs"), env);
    SampleImages.main(new String[] {WORK.resolve("samples").toString(), String.valueOf(INPUTS)});
    Scripts.Run up = scripts.run(WORK, Duration.ofMinutes(4), "yarn-up");
    assertEquals(0, up.exit(), up.all());
    String confDir = up.out().trim();
    assertEquals(STATE.resolve("conf").toString(), confDir, up.all());
    System.out.println(up.err().trim()); // "YARN and HDFS up in N s", for the record
    Map<String, String> ready = new HashMap<>();
    for (String line : Files.readAllLines(STATE.resolve("ready"))) {
      ready.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
    }
    defaultFs = ready.get("fs.defaultFS");
    resourceManager = ready.get("yarn.resourcemanager.webapp.address");
    assertTrue(defaultFs.matches("hdfs://127\\.0\\.0\\.1:\\d+"), ready.toString());
    home = defaultFs + "/user/" + System.getProperty("user.name");

    env.put("HADOOP_CONF_DIR", confDir);
    scripts = new Scripts(WORK.resolve("logs"), env);
    // As a user would: plain paths mean the cluster's HDFS, relative ones the home folder.
    Files.writeString(WORK.resolve("list.txt"),
        "samples/set-00\nsamples/set-01\nsamples/missing.jpg\n", StandardCharsets.UTF_8);
    Scripts.Run put = scripts.run(WORK, Duration.ofMinutes(2), "hdfs-dfs", "-put", "samples",
        "list.txt", ".");
    assertEquals(0, put.exit(), put.all());
    hadoop = new Configuration();
    hadoop.set("fs.defaultFS", defaultFs);
  }

  @AfterAll
  static void stopYarn() throws Exception {
    if (clusterModeRun != null) {
      clusterModeRun.close();
    }
    if (scripts != null) {
      scripts.run(WORK, Duration.ofMinutes(3), "yarn-down");
    }
    // Belt and braces: neither the cluster nor a container may outlive the tests.
    for (ProcessHandle p : StandaloneClusterIT.processesNaming(WORK, "java")) {
      p.destroyForcibly();
    }
  }

  /**
   * Client mode, HDFS in and out: the driver is spark-submit's JVM, so the progress and the
   * summary are on its console; an executor container SIGKILLed once thumbnails appear, and the
   * job still ends with every input once.
   */
  @Test
  @Order(1)
  void clientModeSurvivesAKilledExecutorContainer() throws Exception {
    String out = home + "/thumbs-client";
    String tag = "client-kill";
    Scripts.Run r;
    String killed;
    startClusterModeRun();
    try (Scripts.Started job = scripts.start(WORK, null, "spark-submit",
        documented("client", tag(tag)))) {
      long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
      while (thumbnailsIn(out) < 2) {
        assertTrue(job.isAlive(), "job ended before the kill");
        assertTrue(System.nanoTime() < deadline, "no thumbnail after 4 minutes");
        Thread.sleep(100);
      }
      // This application's containers are named container_<its id without "application_">_...
      String containers = "container_"
          + runningApp(tag).path("id").asText().substring("application_".length()) + "_";
      // The JVM itself, not the shell of the container's launch script that started it.
      ProcessHandle executor = StandaloneClusterIT.processesNaming(STATE,
          "YarnCoarseGrainedExecutorBackend").stream()
          .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
          .filter(p -> p.info().commandLine().orElse("").contains(containers))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no executor container of " + containers));
      killed = containerOf(executor);
      assertTrue(job.isAlive(), "job ended before the kill");
      assertTrue(executor.destroyForcibly(), "SIGKILL " + executor.pid());
      executor.onExit().get(1, java.util.concurrent.TimeUnit.MINUTES);
      r = job.finish(JOB_TIMEOUT);
    }
    System.out.println("killed executor container " + killed);
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("started on yarn"), r.all());
    Matcher m = Pattern.compile("done: (\\d+) inputs: ok=(\\d+) failed=0 skipped=(\\d+)")
        .matcher(r.out());
    assertTrue(m.find(), r.all());
    assertEquals(INPUTS, Integer.parseInt(m.group(1)), r.all());
    // A thumbnail written by the lost executor's task is up to date when the task reruns.
    assertEquals(INPUTS, Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3)), r.all());
    OutputCheck.assertComplete(out, INPUTS, hadoop);
    JsonNode app = finishedApp(tag);
    assertEquals("SUCCEEDED", app.path("finalStatus").asText(), brief(app));
  }

  /**
   * Cluster mode: the driver runs in the ApplicationMaster's container, so relative INPUT,
   * OUTPUT and @list paths resolve against fs.defaultFS's home folder, not the container's
   * folder. One input of the list is missing: the run did its work, so the application SUCCEEDED
   * (spark-submit exits 0) in one attempt, with the failure in the manifest and in the summary
   * of the driver's stdout log.
   */
  @Test
  @Order(2)
  void clusterModeWithRelativePathsAndAFailedInputSucceedsOnce() throws Exception {
    String tag = "cluster-list";
    startClusterModeRun();
    Scripts.Run r;
    try (Scripts.Started run = clusterModeRun) {
      r = run.finish(JOB_TIMEOUT);
    }
    clusterModeRun = null;
    assertEquals(0, r.exit(), r.all());
    List<ThumbResult> results = OutputCheck.assertComplete(home + "/thumbs-list", 7, 1, hadoop);
    ThumbResult missing = results.stream().filter(ThumbResult::isFailed).findFirst().get();
    assertEquals(home + "/samples/missing.jpg", missing.source(), missing.toString());
    JsonNode app = finishedApp(tag);
    assertEquals("SUCCEEDED", app.path("finalStatus").asText(), brief(app));
    assertEquals(1, attempts(app.path("id").asText()), "ApplicationMaster attempts");
    String driverOut = driverLog(app.path("id").asText(), "stdout");
    assertTrue(driverOut.contains("done: 7 inputs: ok=6 failed=1"), driverOut);
    assertTrue(driverOut.contains("report:     " + home + "/thumbs-list/report.html"), driverOut);
  }

  /** Starts the run {@link #clusterModeWithRelativePathsAndAFailedInputSucceedsOnce} checks. */
  private static void startClusterModeRun() throws IOException {
    if (clusterModeRun == null) {
      clusterModeRun = scripts.start(WORK, null, "spark-submit",
          documented("cluster", tag("cluster-list")));
    }
  }

  /**
   * A run that cannot do its work (here a missing @list: a usage error, exit 2) ends FAILED in
   * both modes: in client mode spark-submit exits 2 as the CLI does; in cluster mode it exits 1
   * (its code for a FAILED application) and the diagnostics carry our exit code. The two run side
   * by side, each with one ApplicationMaster attempt, to keep the test short.
   */
  @Test
  @Order(3)
  void aRunThatCannotDoItsWorkFailsInBothModes() throws Exception {
    String[] client = documented("client", List.of("--conf", "spark.yarn.tags=usage-client",
        "--conf", "spark.yarn.maxAppAttempts=1"), "@no-such-list.txt", "--output", "thumbs-usage");
    String[] cluster = documented("cluster", List.of("--conf", "spark.yarn.tags=usage-cluster",
        "--conf", "spark.yarn.maxAppAttempts=1"), "@no-such-list.txt", "--output", "thumbs-usage");
    Scripts.Run c;
    Scripts.Run k;
    try (Scripts.Started inClient = scripts.start(WORK, null, "spark-submit", client);
        Scripts.Started inCluster = scripts.start(WORK, null, "spark-submit", cluster)) {
      c = inClient.finish(JOB_TIMEOUT);
      k = inCluster.finish(JOB_TIMEOUT);
    }
    assertEquals(Main.USAGE, c.exit(), c.all());
    assertTrue(c.err().contains("no-such-list.txt"), c.all());
    JsonNode clientApp = finishedApp("usage-client");
    assertEquals("FAILED", clientApp.path("finalStatus").asText(), brief(clientApp));

    assertEquals(1, k.exit(), k.all());
    JsonNode clusterApp = finishedApp("usage-cluster");
    assertEquals("FAILED", clusterApp.path("finalStatus").asText(), brief(clusterApp));
    assertTrue(clusterApp.path("diagnostics").asText().contains("thumbnail exited with 2"),
        brief(clusterApp));
    String driverErr = driverLog(clusterApp.path("id").asText(), "stderr");
    assertTrue(driverErr.contains("no-such-list.txt"), driverErr);
  }

  /**
   * The spark-submit line docs/yarn.md gives for {@code deployMode}, as scripts/spark-submit's
   * arguments: its spark-submit options, then {@code conf} (a tag to find the application by), the
   * class and the jar, then the job's arguments, or {@code job} instead when given. The UI is off
   * in every run: its server is start-up time a test does not use.
   */
  private static String[] documented(String deployMode, List<String> conf, String... job)
      throws IOException {
    String page = Files.readString(Scripts.PROJECT.resolve("docs/yarn.md"));
    Matcher m = Pattern.compile("```bash\nspark-submit (--master yarn --deploy-mode " + deployMode
        + " .*?)\n```", Pattern.DOTALL).matcher(page);
    assertTrue(m.find(), "docs/yarn.md has no spark-submit line for " + deployMode + " mode");
    List<String> words = List.of(m.group(1).replace("\\\n", " ")
        .replace("$USER", System.getProperty("user.name")).trim().split("\\s+"));
    int cls = words.indexOf("--class");
    assertEquals(Main.class.getName(), words.get(cls + 1), m.group());
    List<String> args = new ArrayList<>(words.subList(0, cls));
    args.addAll(List.of("--conf", "spark.ui.enabled=false"));
    args.addAll(conf);
    args.addAll(List.of("--class", Main.class.getName(),
        Scripts.PROJECT.resolve(words.get(cls + 2)).toString()));
    args.addAll(job.length > 0 ? List.of(job) : words.subList(cls + 3, words.size()));
    return args.toArray(String[]::new);
  }

  private static List<String> tag(String tag) {
    return List.of("--conf", "spark.yarn.tags=" + tag);
  }

  /** The application tagged {@code tag}, once the ResourceManager reports it ended. */
  private static JsonNode finishedApp(String tag) throws Exception {
    return app(tag, List.of("FINISHED", "FAILED", "KILLED"));
  }

  private static JsonNode runningApp(String tag) throws Exception {
    return app(tag, List.of("RUNNING"));
  }

  /** The application tagged {@code tag}, once it is in one of {@code states}. */
  private static JsonNode app(String tag, List<String> states) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      JsonNode apps = rest("/ws/v1/cluster/apps?applicationTags=" + tag).path("apps").path("app");
      assertEquals(1, apps.size(), "applications tagged " + tag + ": " + apps);
      JsonNode app = apps.get(0);
      if (states.contains(app.path("state").asText())) {
        return app;
      }
      assertTrue(System.nanoTime() < deadline, "not " + states + " after 2 minutes: " + app);
      Thread.sleep(250);
    }
  }

  /** What an assertion message needs of an application's report. */
  private static String brief(JsonNode app) {
    return app.path("id").asText() + " " + app.path("state").asText() + " "
        + app.path("finalStatus").asText() + ": " + app.path("diagnostics").asText();
  }

  private static int attempts(String appId) throws Exception {
    return rest("/ws/v1/cluster/apps/" + appId + "/appattempts").path("appAttempts")
        .path("appAttempt").size();
  }

  private static JsonNode rest(String path) throws Exception {
    HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://" + resourceManager + path)).header("Accept", "application/json")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, res.statusCode(), res.body());
    return new ObjectMapper().readTree(res.body());
  }

  /**
   * A file of the first ApplicationMaster container's log (in cluster mode, the driver's console)
   * as the NodeManager keeps it: {@code yarn logs -applicationId ID} on a cluster that aggregates
   * logs.
   */
  private static String driverLog(String appId, String file) throws IOException {
    String am = "container_" + appId.substring("application_".length()) + "_01_000001";
    try (Stream<Path> files = Files.walk(STATE)) {
      Optional<Path> log = files.filter(p -> p.endsWith(Path.of(appId, am, file))).findFirst();
      assertTrue(log.isPresent(), "no " + file + " of " + am + " under " + STATE);
      return Files.readString(log.get(), StandardCharsets.UTF_8);
    }
  }

  /** The container id in an executor's command line (its log folder names it). */
  private static String containerOf(ProcessHandle p) {
    Matcher m = CONTAINER.matcher(p.info().commandLine().orElse(""));
    assertTrue(m.find(), "no container id in " + p.info().commandLine());
    return m.group();
  }

  /** Thumbnails written so far: files outside the staging folder and the manifest. */
  private static int thumbnailsIn(String dir) throws IOException {
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(dir);
    FileSystem fs = out.getFileSystem(hadoop);
    if (!fs.exists(out)) {
      return 0;
    }
    int n = 0;
    try {
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(out, true);
      while (files.hasNext()) {
        String p = files.next().getPath().toString();
        if (p.endsWith(".jpg") && !p.substring(dir.length()).contains("/.")) {
          n++;
        }
      }
    } catch (java.io.FileNotFoundException renamedUnderTheWalk) {
      return n;
    }
    return n;
  }
}
