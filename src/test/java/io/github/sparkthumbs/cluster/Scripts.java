package io.github.sparkthumbs.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's scripts/ as real processes, the way a user does, with their output in files
 * and a timeout after which the whole process tree is killed. The environment keeps the test
 * cluster and HDFS apart from one a developer may have running (own state folders and ports), and
 * forbids the scripts to start a Maven build from inside this one.
 */
final class Scripts {
  static final Path PROJECT = Path.of(System.getProperty("project.dir", ".")).toAbsolutePath();
  static final Path APP_JAR = PROJECT.resolve("target/spark-thumbnailer-0.1.0-SNAPSHOT.jar");

  private final Map<String, String> env = new HashMap<>();
  private final Path logs;

  /** {@code logs}: where each run's stdout and stderr files go. */
  Scripts(Path logs, Map<String, String> env) throws IOException {
    this.logs = Files.createDirectories(logs);
    this.env.putAll(env);
    this.env.put("THUMBS_NO_BUILD", "1");
    this.env.put("SPARK_LOCAL_IP", "127.0.0.1");
  }

  /** A finished run. */
  record Run(int exit, String out, String err) {
    String all() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  /** A running script; {@link #finish} waits for it, {@link #close} kills what is left. */
  final class Started implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private Started(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    boolean isAlive() {
      return process.isAlive();
    }

    Run finish(Duration timeout) throws IOException, InterruptedException {
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        close();
        throw new AssertionError("did not finish in " + timeout + ":\n" + read(out) + read(err));
      }
      return new Run(process.exitValue(), read(out), read(err));
    }

    /**
     * Kills the script and everything it started that is still its descendant (daemons that a
     * finished script left running, such as the cluster's, are not: they are stopped by pid).
     */
    @Override
    public void close() throws InterruptedException {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Starts {@code scripts/NAME ARGS} in {@code workDir}, stdin from {@code stdin} if not null. */
  Started start(Path workDir, Path stdin, String name, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(PROJECT.resolve("scripts").resolve(name).toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().remove("SPARK_HOME"); // always the no-installation path, which works here
    pb.environment().putAll(env);
    String id = name + "-" + System.nanoTime();
    Path out = logs.resolve(id + ".out");
    Path err = logs.resolve(id + ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    if (stdin != null) {
      pb.redirectInput(stdin.toFile());
    }
    return new Started(pb.start(), out, err);
  }

  Run run(Path workDir, Duration timeout, String name, String... args)
      throws IOException, InterruptedException {
    try (Started s = start(workDir, null, name, args)) {
      return s.finish(timeout);
    }
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
