package io.github.sparkthumbs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.testing.Images;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The SQL functions from a Spark Connect client: scripts/spark-connect-server (our jar and
 * extension, on 127.0.0.1) and the Spark Connect JVM client in a JVM of its own
 * ({@link ConnectClient}), which runs {@code SELECT path, thumbnail(content, '64x64') FROM
 * binaryFile.`DIR`}. The thumbnails it received are decoded here: size and colours.
 */
class SparkConnectIT {
  static final Path WORK = Scripts.PROJECT.resolve("target/it/connect");
  static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  @Test
  void aConnectClientGetsThumbnailsAndErrorRows() throws Exception {
    StandaloneClusterIT.deleteTree(WORK);
    Path in = WORK.resolve("in");
    Images.write(in.resolve("wide.png"), Images.encode(Images.quadrants(400, 200), "png"));
    Images.write(in.resolve("tall.jpg"), Images.encode(Images.quadrants(150, 300), "jpeg"));
    Images.write(in.resolve("notes.txt"), "not an image".getBytes(StandardCharsets.UTF_8));
    Images.write(in.resolve("cut.jpg"),
        Arrays.copyOf(Images.encode(Images.quadrants(640, 480), "jpeg"), 300));
    int port = StandaloneClusterIT.freePorts(1);
    Scripts scripts = new Scripts(WORK.resolve("logs"), Map.of());
    try (Scripts.Started server = scripts.start(WORK, null, "spark-connect-server",
        "--port", String.valueOf(port), "--heap", "1g")) {
      awaitPort(port, server);
      Path out = WORK.resolve("out");
      Scripts.Run client = runClient("sc://127.0.0.1:" + port, in, out);
      assertEquals(0, client.exit(), client.all());
      List<String> rows = client.out().lines().filter(l -> l.startsWith("ROW ")).sorted()
          .toList();
      assertEquals(List.of(
          "ROW cut.jpg nullxnull null corrupt",
          "ROW notes.txt nullxnull null unsupported",
          "ROW tall.jpg 32x64 jpeg null",
          "ROW wide.png 64x32 png null"), rows, client.all());
      assertTrue(client.out().contains(
          "ANALYSIS thumbnail: size expected WxH such as 75x75, got '64by64'"), client.all());
      for (String name : List.of("wide.png", "tall.jpg")) {
        BufferedImage t = Images.read(out.resolve(name + ".thumb"));
        assertEquals(name.startsWith("wide") ? 64 : 32, t.getWidth(), name);
        assertEquals(name.startsWith("wide") ? 32 : 64, t.getHeight(), name);
        Images.assertQuadrants(t, 40);
      }
      assertEquals(List.of("tall.jpg.thumb", "wide.png.thumb"), list(out));
    }
  }

  /** Until the server accepts connections; fails at once when it has exited. */
  static void awaitPort(int port, Scripts.Started server) throws Exception {
    long end = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < end) {
      if (!server.isAlive()) {
        throw new AssertionError("scripts/spark-connect-server exited: " + server.finish(
            Duration.ofSeconds(1)).all());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(500);
      }
    }
    throw new AssertionError("no Spark Connect server on port " + port + " after "
        + START_TIMEOUT);
  }

  /**
   * The client JVM: this build's test classes, the Spark Connect client jars, and Spark's
   * libraries without the modules whose classes the client jar bundles (spark-sql-api's) or
   * that would put the classic, non-Connect session on its class path.
   */
  static Scripts.Run runClient(String url, Path in, Path out) throws Exception {
    Path target = Scripts.PROJECT.resolve("target");
    List<String> cp = new ArrayList<>();
    cp.add(target.resolve("test-classes").toString());
    cp.add(target.resolve("connect-client") + File.separator + "*");
    for (String jar : Files.readString(target.resolve("spark-classpath.txt")).trim()
        .split(File.pathSeparator)) {
      if (!jar.matches(".*/spark-(sql|sql-api|catalyst|core)_[^/]*\\.jar")) {
        cp.add(jar);
      }
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(Files.readString(target.resolve("jvm-options")).trim().split("\\s+")));
    cmd.addAll(List.of("-Xmx512m", "-cp", String.join(File.pathSeparator, cp),
        ConnectClient.class.getName(), url, in.toString(), out.toString()));
    Path log = Files.createDirectories(WORK.resolve("logs"));
    Path stdout = log.resolve("client.out");
    Path stderr = log.resolve("client.err");
    Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile()).start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the client did not finish: " + Files.readString(stderr));
    }
    return new Scripts.Run(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }

  static List<String> list(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }
}
