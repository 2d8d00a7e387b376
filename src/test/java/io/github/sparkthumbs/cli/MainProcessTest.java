package io.github.sparkthumbs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.ManifestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main class as a real process: the exit code a shell sees, and a run killed with -9. Usage
 * errors and the flags are checked in-process ({@link CommandLineFlagsTest} and the tests it
 * names).
 */
class MainProcessTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run main(String... args) throws IOException, InterruptedException {
    Path outFile = Files.createTempFile("main", ".out");
    Path errFile = Files.createTempFile("main", ".err");
    Process p = start(outFile, errFile, args);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("main did not finish in 180 s: " + Arrays.toString(args));
    }
    return new Run(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
        Files.readString(errFile, StandardCharsets.UTF_8));
  }

  /** Starts Main as its own JVM with the flags and class path the launcher uses. */
  static Process start(Path outFile, Path errFile, String... args) throws IOException {
    Path projectDir = Path.of(System.getProperty("project.dir", "."));
    String flags = Files.readString(projectDir.resolve("target/jvm-options")).trim();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(flags.split("\\s+")));
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(projectDir.resolve("conf") + java.io.File.pathSeparator
        + System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
    return pb.start();
  }

  @Test
  void runWithOneBadImageExitsOne() throws Exception {
    Images.write(dir.resolve("in/good.jpg"), Images.jpeg(640, 480, 1));
    Images.write(dir.resolve("in/bad.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
    Run r = main(dir.resolve("in").toString(), "--output", dir.resolve("out").toString(),
        "--master", "local[2]");
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("ok=1 failed=1 skipped=0"), r.out());
    assertTrue(r.err().contains("bad.jpg: corrupt"), r.err());
    assertEquals(2, ManifestFiles.lines(dir.resolve("out")).size());
    assertTrue(Files.exists(dir.resolve("out/good.jpg")));
  }

  /**
   * kill -9 of the whole job (driver and its local executor) in the middle, then the same
   * command again: it finishes the rest; one thumbnail and one manifest line per input; no
   * temporary file left; every thumbnail whole.
   */
  @Test
  void killedRunIsFinishedByRunningItAgain() throws Exception {
    int images = 240;
    for (int i = 0; i < images; i++) {
      Images.write(dir.resolve(String.format("in/d%d/p%03d.jpg", i % 6, i)),
          Images.jpeg(1200, 900, i));
    }
    String[] args = {dir.resolve("in").toString(), "--output", dir.resolve("out").toString(),
        "--master", "local[2]", "--partitions", "48"};
    Process first = start(Files.createTempFile("kill", ".out"),
        Files.createTempFile("kill", ".err"), args);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (countThumbnails() < 20 && first.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    first.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
    first.waitFor(30, TimeUnit.SECONDS);
    long before = countThumbnails();
    assertTrue(before >= 20 && before < images, "killed after " + before + " thumbnails");
    assertTrue(Files.notExists(dir.resolve("out/manifest")), "killed before the end");

    Run second = main(args);
    assertEquals(0, second.exit(), second.out() + second.err());
    List<String> manifest = ManifestFiles.lines(dir.resolve("out"));
    assertEquals(images, manifest.size());
    assertEquals(images, manifest.stream().map(l -> l.substring(0, l.indexOf("\",\"")))
        .distinct().count());
    long upToDate = manifest.stream().filter(l -> l.contains("\"up-to-date\"")).count();
    assertTrue(upToDate >= before - 2 && upToDate < images, upToDate + " up to date");
    assertEquals(images, countThumbnails());
    try (var files = Files.walk(dir.resolve("out"))) {
      List<Path> all = files.filter(Files::isRegularFile)
          .filter(p -> !p.getParent().getFileName().toString().equals("manifest"))
          .filter(p -> !p.equals(dir.resolve("out/report.html"))).toList();
      assertEquals(images, all.size(), "only thumbnails, the manifest and the report: " + all);
      for (Path p : all) {
        if (p.toString().endsWith(".jpg")) {
          assertEquals(75, Images.read(p).getWidth(), p.toString());
        }
      }
    }
  }

  /**
   * The driver holds counts, not inputs: a list of 100,000 lines runs in a 512 MB JVM (driver and
   * local executors alike, in local mode) and ends with exactly one manifest line per line.
   */
  @Test
  void aListOfAHundredThousandLinesRunsInHalfAGigabyte() throws Exception {
    int n = 100_000;
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < n; i++) {
      list.append(dir.resolve("nowhere/d" + (i % 100) + "/p" + i + ".jpg")).append('\n');
    }
    Path listFile = dir.resolve("list.txt");
    Files.writeString(listFile, list);
    Run r = main("@" + listFile, "--output", dir.resolve("out").toString(),
        "--master", "local[2]");
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("failed=" + n), r.out());
    List<String> manifest = ManifestFiles.lines(dir.resolve("out"));
    assertEquals(n, manifest.size());
    assertEquals(n, manifest.stream().filter(l -> l.contains("\"error\":\"not-found\""))
        .map(l -> l.substring(0, l.indexOf("\",\""))).distinct().count());
  }

  private long countThumbnails() throws IOException {
    Path out = dir.resolve("out");
    if (!Files.exists(out)) {
      return 0;
    }
    try (var files = Files.walk(out)) {
      return files.filter(p -> p.getFileName().toString().matches("p\\d+\\.jpg")).count();
    }
  }
}
