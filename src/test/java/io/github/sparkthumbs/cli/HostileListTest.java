package io.github.sparkthumbs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.Status;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.ManifestFiles;
import io.github.sparkthumbs.testing.TestHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A list file written by someone else, through the real command line ({@link Main#run}): a line is
 * one input and nothing else. No line sets an option, reaches a host the policy refuses, or ends
 * the run; odd names (spaces, quotes, {@code #}, colons, 250 bytes, a name without extension
 * beside the same name with one) are thumbnailed to distinct files.
 */
class HostileListTest {
  @TempDir Path dir;

  @Test
  void aListLineIsOnlyAnInput() throws Exception {
    Path in = dir.resolve("in");
    String longName = "l".repeat(246) + ".jpg"; // 250 bytes; its old temporary name was 290
    String tooLong = "t".repeat(248) + ".png"; // its output adds ".jpg": 256 bytes, over 255
    Map<String, byte[]> files = new TreeMap<>();
    String[] names = {"a b.jpg", "dir/#x.jpg", "it's \"q\".jpg", "col:on.jpg", "y", "y.jpg",
        longName, tooLong};
    for (int i = 0; i < names.length; i++) {
      byte[] data = names[i].endsWith(".png") ? Images.png(90 + i, 60, i) : Images.jpeg(90 + i, 60, i);
      Images.write(in.resolve(names[i]), data);
      files.put(names[i], data);
    }

    AtomicInteger requests = new AtomicInteger();
    String url;
    long badOffset; // the bad line comes last, after the text
    try (TestHttpServer http = new TestHttpServer().route("/p.jpg", x -> {
          requests.incrementAndGet();
          TestHttpServer.send(x, 200, "image/jpeg", Images.jpeg(80, 60, 1));
        });
        ServerSocket hdfsHost = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = hdfsHost.getLocalPort();
      url = http.url("/p.jpg");
      StringBuilder list = new StringBuilder("\uFEFF# picks from a stranger\r\n");
      for (String line : List.of("--allow-private-network", "--help",
          "--master=spark://127.0.0.1:" + port, "   ")) {
        list.append(line).append("\r\n");
      }
      for (String n : names) {
        list.append("  ").append(in.resolve(n)).append(" \r\n");
      }
      for (String line : List.of(url,
          "hdfs://127.0.0.1:" + port + "/photos/a.jpg",
          "webhdfs://127.0.0.1:" + port + "/photos/a.jpg",
          "ftp://127.0.0.1:" + port + "/a.jpg",
          "s3a://bucket/a.jpg", "gs://bucket/a.jpg", "wasb://c@acct.example/a.jpg")) {
        list.append(line).append('\n');
      }
      Path listFile = dir.resolve("list.txt");
      byte[] text = list.toString().getBytes(StandardCharsets.UTF_8);
      badOffset = text.length;
      byte[] bad = {'b', 'a', 'd', (byte) 0xC3, (byte) 0x28, '.', 'j', 'p', 'g', '\n'};
      byte[] all = new byte[text.length + bad.length];
      System.arraycopy(text, 0, all, 0, text.length);
      System.arraycopy(bad, 0, all, text.length, bad.length);
      Files.write(listFile, all);

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit = Main.run(new String[] {"@" + listFile, "gs://other-bucket/cli.jpg",
              "--output", dir.resolve("thumbs").toString()},
          new PrintStream(out, true), new PrintStream(err, true));

      assertEquals(Main.SOME_FAILED, exit, err.toString());
      assertFalse(out.toString().contains("Usage:"), "--help in a list printed the usage");
      hdfsHost.setSoTimeout(200);
      assertThrows(SocketTimeoutException.class, hdfsHost::accept);
    } finally {
      assertEquals(0, requests.get(), "the loopback URL was fetched: the guard was off");
    }

    Map<String, ThumbResult> m = manifest();
    // 3 option-looking lines + 8 files + URL + 6 file systems + 1 bad line + the CLI gs input (no gs connector on the class path)
    assertEquals(20, m.size(), m.keySet().toString());
    String lines = String.join("\n", ManifestFiles.lines(dir.resolve("thumbs")));
    for (String option : List.of("--allow-private-network", "--help")) {
      ThumbResult r = bySourceEnding(m, "/" + option);
      assertEquals(ErrorClass.NOT_FOUND, r.failure().error(), lines);
    }
    assertEquals(1, m.values().stream().filter(r -> r.source().contains("/--master=spark:")
        && r.failure().error() == ErrorClass.NOT_FOUND).count(), lines);
    for (String n : names) {
      if (n.equals(tooLong)) {
        continue;
      }
      ThumbResult r = bySourceEnding(m, "/in/" + n);
      assertEquals(Status.OK, r.status(), r.toString());
      Path thumb = Images.local(r.written().outputs().get(0));
      assertEquals(75, Images.read(thumb).getWidth(), n);
    }
    assertNotEquals(bySourceEnding(m, "/in/y").written().outputs(), bySourceEnding(m, "/in/y.jpg")
        .written().outputs());
    // a list row's output name is its path relative to the working directory (the tests run
    // inside the project), or the whole path when it lies elsewhere
    Path cwd = Path.of("").toAbsolutePath();
    Path rel = in.startsWith(cwd) ? cwd.relativize(in) : Path.of("/").relativize(in);
    assertEquals(dir.resolve("thumbs").resolve(rel).resolve("y.jpg"),
        Images.local(bySourceEnding(m, "/in/y.jpg").written().outputs().get(0)));
    ThumbResult tl = bySourceEnding(m, "/in/" + tooLong);
    assertEquals(ErrorClass.WRITE_FAILED, tl.failure().error(), tl.toString());
    assertTrue(tl.failure().message().contains("File name too long"), tl.failure().message());

    assertEquals(ErrorClass.BLOCKED, m.get(url).failure().error(), lines);
    for (String scheme : List.of("hdfs", "webhdfs", "ftp", "s3a", "gs", "wasb")) {
      ThumbResult r = m.values().stream().filter(x -> x.source().startsWith(scheme + "://"))
          .filter(x -> !x.source().contains("cli.jpg")).findFirst().orElseThrow();
      assertEquals(ErrorClass.BLOCKED, r.failure().error(), r.toString());
      assertTrue(r.failure().message().contains("--allow-list-filesystem"), r.failure().message());
    }
    ThumbResult cli = m.get("gs://other-bucket/cli.jpg");
    assertEquals(ErrorClass.UNSUPPORTED, cli.failure().error(), cli.toString());
    ThumbResult badLine = m.values().stream()
        .filter(x -> x.source().endsWith("list.txt at byte " + badOffset))
        .findFirst().orElseThrow(() -> new AssertionError(lines));
    assertEquals(ErrorClass.UNREADABLE, badLine.failure().error());
    assertTrue(badLine.failure().message().contains("not valid UTF-8"), badLine.failure()
        .message());
  }

  private static void assertThrows(Class<? extends Throwable> type, Accept call) {
    try {
      call.run();
    } catch (Throwable t) {
      assertTrue(type.isInstance(t), "expected " + type + ", got " + t);
      return;
    }
    throw new AssertionError("a connection reached the host named in the list");
  }

  private interface Accept {
    void run() throws IOException;
  }

  private static ThumbResult bySourceEnding(Map<String, ThumbResult> m, String suffix) {
    List<ThumbResult> found = m.values().stream()
        .filter(r -> r.source().endsWith(suffix) || r.source().contains(suffix + " ("))
        .toList();
    assertEquals(1, found.size(), suffix + " in " + m.keySet());
    return found.get(0);
  }

  private Map<String, ThumbResult> manifest() throws IOException {
    return ManifestFiles.lines(dir.resolve("thumbs")).stream()
        .map(Manifest::parse)
        .collect(Collectors.toMap(ThumbResult::source, Function.identity()));
  }
}
