package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.FetchSettings;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.ManifestFiles;
import io.github.sparkthumbs.testing.SparkTestSupport;
import io.github.sparkthumbs.testing.TestHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job over files and URLs (good and bad) on the shared local[2] Spark and a real server. */
class UrlJobTest {
  @TempDir Path dir;
  private final SparkContext sc = SparkTestSupport.context();
  private TestHttpServer server;
  private final AtomicInteger flakyHits = new AtomicInteger();

  @BeforeEach
  void serve() throws IOException {
    server = new TestHttpServer();
    byte[] a = Images.jpeg(400, 300, 1);
    byte[] b = Images.png(200, 300, 2);
    byte[] c = Images.jpeg(90, 60, 3);
    byte[] e = Images.jpeg(640, 480, 5);
    server.route("/a.jpg", x -> TestHttpServer.send(x, 200, "image/jpeg", a));
    server.route("/img/b.png", x -> TestHttpServer.send(x, 200, "application/octet-stream", b));
    server.route("/c.jpg", x -> TestHttpServer.send(x, 200, "image/jpeg", c));
    server.route("/d", x -> TestHttpServer.send(x, 200, "text/plain", a)); // wrong type: fine
    server.route("/e.jpg", x -> TestHttpServer.send(x, 200, "image/jpeg", e));
    server.route("/hop", x -> TestHttpServer.redirect(x, 302, "/e.jpg"));
    server.route("/flaky.jpg", x -> {
      if (flakyHits.incrementAndGet() == 1) {
        TestHttpServer.send(x, 502, "text/plain", new byte[0]);
      } else {
        TestHttpServer.send(x, 200, "image/jpeg", c);
      }
    });
    server.route("/missing.jpg", x -> TestHttpServer.send(x, 404, "text/html",
        "<html>gone</html>".getBytes(StandardCharsets.UTF_8)));
    server.route("/page.jpg", x -> TestHttpServer.send(x, 200, "image/jpeg",
        "<!DOCTYPE html><p>log in first</p>".getBytes(StandardCharsets.UTF_8)));
    server.route("/to-file", x -> TestHttpServer.redirect(x, 302, "file:///etc/passwd"));
    server.route("/huge.jpg", x -> {
      x.sendResponseHeaders(200, 0);
      try (OutputStream out = x.getResponseBody()) {
        byte[] block = new byte[64 * 1024];
        for (int i = 0; i < 1 << 16; i++) { // 4 GB if nobody stops it
          out.write(block);
        }
      }
    });

    Path photos = dir.resolve("photos");
    Images.write(photos.resolve("one.jpg"), Images.jpeg(300, 200, 11));
    Images.write(photos.resolve("sub/two.png"), Images.png(120, 240, 12));
    Images.write(photos.resolve("sub/three.jpg"), Images.jpeg(800, 600, 13));
    Images.write(photos.resolve("broken.jpg"), "plain text".getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Settings settings() {
    return Settings.builder().output(dir.resolve("thumbs").toString()).partitions(3)
        .maxSourceBytes(1 << 20)
        .fetch(new FetchSettings(1_000, 3_000, 3, 20, 200, 3, true, 4, 4))
        .build();
  }

  private Summary run() throws IOException {
    Path list = dir.resolve("urls.txt");
    Files.writeString(list, String.join("\n",
        "# the picks, one per line",
        server.url("/a.jpg"),
        server.url("/img/b.png"),
        server.url("/c.jpg"),
        server.url("/d"),
        server.url("/hop"),
        server.url("/flaky.jpg"),
        "",
        server.url("/missing.jpg"),
        server.url("/page.jpg"),
        server.url("/to-file"),
        server.url("/huge.jpg")));
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
    return ThumbnailJob.run(sc, List.of(dir.resolve("photos").toString(), "@" + list,
        server.url("/a.jpg")), settings(), quiet, quiet);
  }

  private Map<String, ThumbResult> manifest() throws IOException {
    List<ThumbResult> lines = ManifestFiles.lines(dir.resolve("thumbs")).stream()
        .map(Manifest::parse).toList();
    Map<String, ThumbResult> bySource = lines.stream()
        .collect(Collectors.toMap(ThumbResult::source, Function.identity()));
    assertEquals(lines.size(), bySource.size(), "an input is in the manifest twice: " + lines);
    return bySource;
  }

  @Test
  void mixedFilesAndUrlsAreEachReportedOnceWithTheirHttpStory() throws IOException {
    Summary s = run();
    Map<String, ThumbResult> m = manifest();
    assertEquals(14, m.size(), m.keySet().toString());
    assertEquals(9, s.ok());
    assertEquals(5, s.failed());
    assertEquals(Map.of("unsupported", 2L, "http", 1L, "blocked", 1L, "too-large", 1L),
        s.errors());

    Map<String, String> expected = new HashMap<>();
    for (String ok : new String[] {"/a.jpg", "/img/b.png", "/c.jpg", "/d", "/hop", "/flaky.jpg"}) {
      expected.put(server.url(ok), "ok");
    }
    expected.put(server.url("/missing.jpg"), "http");
    expected.put(server.url("/page.jpg"), "unsupported");
    expected.put(server.url("/to-file"), "blocked");
    expected.put(server.url("/huge.jpg"), "too-large");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      ThumbResult r = m.get(e.getKey());
      assertEquals(e.getValue(), r.isOk() ? "ok" : r.failure().error().label(), r.toString());
    }

    ThumbResult flaky = m.get(server.url("/flaky.jpg"));
    assertEquals(200, flaky.http().httpStatus());
    assertEquals(2, flaky.http().attempts());
    ThumbResult hop = m.get(server.url("/hop"));
    assertEquals(server.url("/e.jpg"), hop.http().finalUrl());
    assertEquals(640, hop.image().width());
    ThumbResult missing = m.get(server.url("/missing.jpg"));
    assertEquals(404, missing.http().httpStatus());
    assertEquals(1, missing.http().attempts());
    assertEquals(200, m.get(server.url("/page.jpg")).http().httpStatus());
    assertEquals(server.url("/a.jpg"), m.get(server.url("/a.jpg")).http().finalUrl());

    for (ThumbResult r : m.values()) {
      if (r.isOk()) {
        Path thumb = Path.of(URI.create(r.written().outputs().get(0)));
        assertTrue(Files.size(thumb) > 0, thumb.toString());
        if (r.source().startsWith("http")) {
          assertTrue(thumb.startsWith(dir.resolve("thumbs/127.0.0.1")), thumb.toString());
        }
      }
    }

    Summary again = run();
    assertEquals(9, again.skipped(), "good files and URLs are up to date");
    assertEquals(5, again.failed(), "failures are tried again");
    assertEquals(2, flakyHits.get(), "an up-to-date URL is not fetched again");
  }
}
