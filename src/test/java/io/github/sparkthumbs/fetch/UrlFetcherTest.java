package io.github.sparkthumbs.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.Status;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.FetchSettings;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Source;
import io.github.sparkthumbs.source.UrlNames;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.TestHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher against a real server on 127.0.0.1 that misbehaves on purpose. */
class UrlFetcherTest {
  private static final long DEADLINE = 1_000;
  private static final long MAX_BYTES = 1 << 20;
  private static final long BACKOFF_CAP = 200;

  @TempDir Path dir;
  private TestHttpServer server;
  private byte[] jpeg;

  @BeforeEach
  void start() throws IOException {
    server = new TestHttpServer();
    jpeg = Images.jpeg(320, 240, 7);
    server.route("/img.jpg", x -> TestHttpServer.send(x, 200, "image/jpeg", jpeg));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Small deadlines and backoffs so that the whole class runs in seconds. */
  private static FetchSettings settings(boolean allowPrivate) {
    return new FetchSettings(500, DEADLINE, 3, 20, BACKOFF_CAP, 3, allowPrivate, 4, 4);
  }

  private static UrlFetcher fetcher() {
    return new UrlFetcher(settings(true), MAX_BYTES);
  }

  private FetchFailure failure(UrlFetcher f, String url) {
    return assertThrows(FetchFailure.class, () -> f.fetch(url));
  }

  @Test
  void fetchesAnImage() throws Exception {
    try (UrlFetcher f = fetcher()) {
      Fetched r = f.fetch(server.url("/img.jpg"));
      assertArrayEquals(jpeg, r.body());
      assertEquals(200, r.status());
      assertEquals(1, r.attempts());
      assertEquals(server.url("/img.jpg"), r.finalUrl());
    }
  }

  @Test
  void stallingServerFailsWithinTheDeadline() {
    server.route("/stall", x -> sleep(30_000)); // accepts, reads the request, never answers
    server.route("/trickle", x -> { // answers, then sends one byte every 100 ms
      x.sendResponseHeaders(200, 1_000_000);
      try (OutputStream out = x.getResponseBody()) {
        for (int i = 0; i < 1_000_000; i++) {
          out.write(0xFF);
          out.flush();
          sleep(100);
        }
      }
    });
    try (UrlFetcher f = fetcher()) {
      for (String path : new String[] {"/stall", "/trickle"}) {
        long t0 = System.nanoTime();
        FetchFailure e = failure(f, server.url(path));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(ErrorClass.TIMEOUT, e.errorClass(), path + ": " + e.getMessage());
        assertTrue(ms >= DEADLINE - 50 && ms < DEADLINE + 1_500, path + " took " + ms + " ms");
        assertTrue(e.getMessage().contains("--fetch-deadline"), e.getMessage());
      }
    }
  }

  @Test
  void oversizedBodyIsCutOffNotBuffered() {
    AtomicLong sent = new AtomicLong();
    server.route("/endless", x -> { // chunked, no length: 5 GB would take minutes
      x.sendResponseHeaders(200, 0);
      byte[] block = new byte[64 * 1024];
      try (OutputStream out = x.getResponseBody()) {
        for (long i = 0; i < (5L << 30) / block.length; i++) {
          out.write(block);
          sent.addAndGet(block.length);
        }
      }
    });
    server.route("/declared", x -> { // says 5 GB up front, then stalls
      x.sendResponseHeaders(200, 5L << 30);
      x.getResponseBody().write(new byte[10]);
      sleep(30_000);
    });
    try (UrlFetcher f = fetcher()) {
      long t0 = System.nanoTime();
      FetchFailure endless = failure(f, server.url("/endless"));
      assertEquals(ErrorClass.TOO_LARGE, endless.errorClass(), endless.getMessage());
      assertTrue(endless.getMessage().contains("cut off"), endless.getMessage());
      FetchFailure declared = failure(f, server.url("/declared"));
      assertEquals(ErrorClass.TOO_LARGE, declared.errorClass(), declared.getMessage());
      assertTrue(declared.getMessage().contains("Content-Length"), declared.getMessage());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < DEADLINE, "took " + ms + " ms"); // cut off at once, not at the deadline
      assertEquals(200, endless.result("u").http().httpStatus());
    }
    sleep(200);
    assertTrue(sent.get() < 64L << 20, "server wrote " + sent.get() + " bytes before the cut");
  }

  @Test
  void redirectsAreFollowedUpToTheLimit() throws Exception {
    server.route("/hop", x -> TestHttpServer.redirect(x, 302, "/img.jpg"));
    server.route("/loop", x -> TestHttpServer.redirect(x, 302, "/loop"));
    try (UrlFetcher f = fetcher()) {
      Fetched hop = f.fetch(server.url("/hop"));
      assertEquals(server.url("/img.jpg"), hop.finalUrl());
      assertEquals(1, hop.attempts());
      FetchFailure loop = failure(f, server.url("/loop"));
      assertEquals(ErrorClass.HTTP, loop.errorClass());
      assertTrue(loop.getMessage().contains("more than 3 redirects"), loop.getMessage());
      assertEquals(302, loop.result("u").http().httpStatus());
    }
  }

  /**
   * The guard with 127.0.0.1 let through (the test server must be reachable), nothing else: a
   * redirect to another internal address or another scheme is refused at that hop.
   */
  @Test
  void redirectToBlockedAddressIsRefused() throws Exception {
    server.route("/to-metadata", x -> TestHttpServer.redirect(x, 302,
        "http://169.254.169.254/latest/meta-data/"));
    server.route("/to-v6-loopback", x -> TestHttpServer.redirect(x, 301,
        "http://[::1]:" + server.port() + "/img.jpg"));
    server.route("/to-file", x -> TestHttpServer.redirect(x, 307, "file:///etc/passwd"));
    NetworkGuard guard = new NetworkGuard(false, Set.of(InetAddress.getByName("127.0.0.1")));
    try (UrlFetcher f = new UrlFetcher(settings(false), MAX_BYTES, guard)) {
      assertEquals(200, f.fetch(server.url("/img.jpg")).status()); // the first hop is allowed
      for (String path : new String[] {"/to-metadata", "/to-v6-loopback", "/to-file"}) {
        FetchFailure e = failure(f, server.url(path));
        assertEquals(ErrorClass.BLOCKED, e.errorClass(), path + ": " + e.getMessage());
        assertEquals(1, e.result("u").http().attempts(), path);
      }
    }
  }

  @Test
  void loopbackIsRefusedWithoutTheOptIn() {
    AtomicInteger hits = new AtomicInteger();
    server.route("/count.jpg", x -> {
      hits.incrementAndGet();
      TestHttpServer.send(x, 200, "image/jpeg", jpeg);
    });
    String port = ":" + server.port();
    try (UrlFetcher f = new UrlFetcher(settings(false), MAX_BYTES)) {
      for (String url : new String[] {"http://127.0.0.1" + port + "/count.jpg",
          "http://[::1]" + port + "/count.jpg", "http://localhost" + port + "/count.jpg",
          "http://[::ffff:127.0.0.1]" + port + "/count.jpg", "http://0.0.0.0" + port + "/"}) {
        FetchFailure e = failure(f, url);
        assertEquals(ErrorClass.BLOCKED, e.errorClass(), url + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("--allow-private-network"), e.getMessage());
        assertNull(e.result(url).http().httpStatus());
      }
    }
    assertEquals(0, hits.get(), "the guard let a request reach the server");
  }

  /**
   * Spellings that reach 127.0.0.1 (Java reads 127.1 and 2130706433 as 127.0.0.1, which this
   * guard lets through for the test server), or that other readers take for it, a localhost name
   * with its trailing dot, and credentials: each refused before a connection, first hop or not.
   */
  @Test
  void oddHostsAndCredentialsAreBlockedBeforeAnyConnection() throws Exception {
    AtomicInteger hits = new AtomicInteger();
    server.route("/count.jpg", x -> {
      hits.incrementAndGet();
      TestHttpServer.send(x, 200, "image/jpeg", jpeg);
    });
    String port = ":" + server.port();
    String[][] cases = {
      {"http://2130706433" + port + "/count.jpg", "four decimal octets"},
      {"http://127.1" + port + "/count.jpg", "four decimal octets"},
      {"http://127.0.0.01" + port + "/count.jpg", "four decimal octets"},
      {"http://0x7f000001" + port + "/count.jpg", "four decimal octets"},
      {"http://017700000001" + port + "/count.jpg", "four decimal octets"},
      {"http://0177.0.0.1" + port + "/count.jpg", "four decimal octets"},
      {"http://localhost." + port + "/count.jpg", "RFC 6761"},
      {"http://a.localhost" + port + "/count.jpg", "RFC 6761"},
      {"http://user:secret@127.0.0.1" + port + "/count.jpg", "credentials in URLs are not sent"},
    };
    NetworkGuard guard = new NetworkGuard(false, Set.of(InetAddress.getByName("127.0.0.1")));
    try (UrlFetcher f = new UrlFetcher(settings(false), MAX_BYTES, guard)) {
      assertEquals(200, f.fetch(server.url("/count.jpg")).status()); // the seam works
      hits.set(0);
      for (String[] c : cases) {
        server.route("/hop" + hits.get() + c[0].hashCode(),
            x -> TestHttpServer.redirect(x, 302, c[0]));
        for (String url : new String[] {c[0], server.url("/hop" + hits.get() + c[0].hashCode())}) {
          FetchFailure e = failure(f, url);
          assertEquals(ErrorClass.BLOCKED, e.errorClass(), url + ": " + e.getMessage());
          assertTrue(e.getMessage().contains(c[1]), e.getMessage());
          assertEquals(1, e.result(url).http().attempts(), url);
        }
      }
    }
    assertEquals(0, hits.get(), "a blocked URL reached the server");
  }

  @Test
  void serverErrorThenOkIsRetried() throws Exception {
    AtomicInteger hits = new AtomicInteger();
    server.route("/flaky.jpg", x -> {
      if (hits.incrementAndGet() == 1) {
        TestHttpServer.send(x, 500, "text/plain", "try again".getBytes(StandardCharsets.UTF_8));
      } else {
        TestHttpServer.send(x, 200, "image/jpeg", jpeg);
      }
    });
    try (UrlFetcher f = fetcher()) {
      Fetched r = f.fetch(server.url("/flaky.jpg"));
      assertEquals(200, r.status());
      assertEquals(2, r.attempts());
      assertEquals(2, hits.get());
    }
  }

  @Test
  void persistentServerErrorGivesUpAfterMaxAttempts() {
    AtomicInteger hits = new AtomicInteger();
    server.route("/down", x -> {
      hits.incrementAndGet();
      TestHttpServer.send(x, 503, "text/plain", new byte[0]);
    });
    try (UrlFetcher f = fetcher()) {
      FetchFailure e = failure(f, server.url("/down"));
      assertEquals(ErrorClass.HTTP, e.errorClass());
      assertEquals(3, hits.get());
      ThumbResult r = e.result("u");
      assertEquals(503, r.http().httpStatus());
      assertEquals(3, r.http().attempts());
    }
  }

  @Test
  void notFoundIsNotRetried() {
    AtomicInteger hits = new AtomicInteger();
    server.route("/missing.jpg", x -> {
      hits.incrementAndGet();
      TestHttpServer.send(x, 404, "text/html", "<html>no</html>".getBytes(StandardCharsets.UTF_8));
    });
    try (UrlFetcher f = fetcher()) {
      FetchFailure e = failure(f, server.url("/missing.jpg"));
      assertEquals(ErrorClass.HTTP, e.errorClass());
      assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
      assertEquals(404, e.result("u").http().httpStatus());
      assertEquals(1, e.result("u").http().attempts());
      assertEquals(1, hits.get());
    }
  }

  @Test
  void tooManyRequestsIsRetriedOnlyWithRetryAfter() throws Exception {
    AtomicInteger polite = new AtomicInteger();
    server.route("/polite.jpg", x -> {
      if (polite.incrementAndGet() == 1) {
        x.getResponseHeaders().set("Retry-After", "1"); // 1 s, capped to BACKOFF_CAP
        TestHttpServer.send(x, 429, "text/plain", new byte[0]);
      } else {
        TestHttpServer.send(x, 200, "image/jpeg", jpeg);
      }
    });
    AtomicInteger rude = new AtomicInteger();
    server.route("/rude.jpg", x -> {
      rude.incrementAndGet();
      TestHttpServer.send(x, 429, "text/plain", new byte[0]);
    });
    try (UrlFetcher f = fetcher()) {
      long t0 = System.nanoTime();
      Fetched r = f.fetch(server.url("/polite.jpg"));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(2, r.attempts());
      assertTrue(ms >= BACKOFF_CAP - 10 && ms < DEADLINE, "waited " + ms + " ms");
      FetchFailure e = failure(f, server.url("/rude.jpg"));
      assertEquals(429, e.result("u").http().httpStatus());
      assertEquals(1, rude.get());
    }
  }

  @Test
  void refusedConnectionIsRetriedThenFails() throws IOException {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1,
        InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (UrlFetcher f = fetcher()) {
      FetchFailure e = failure(f, "http://127.0.0.1:" + closedPort + "/a.jpg");
      assertEquals(ErrorClass.HTTP, e.errorClass(), e.getMessage());
      assertEquals(3, e.result("u").http().attempts());
      assertTrue(e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
    }
  }

  @Test
  void backoffIsJitteredExponentialAndCapped() {
    Backoff f = new Backoff(settings(true)); // base 20 ms, cap 200 ms
    for (int attempt = 1; attempt <= 8; attempt++) {
      long ceiling = Math.min(BACKOFF_CAP, 20L << (attempt - 1));
      long max = 0;
      for (int i = 0; i < 200; i++) {
        long d = f.millis(attempt, null);
        assertTrue(d >= 0 && d <= ceiling, "attempt " + attempt + ": " + d);
        max = Math.max(max, d);
      }
      assertTrue(max > ceiling / 2, "jitter spreads up to the ceiling: " + max);
    }
    assertEquals(BACKOFF_CAP, f.millis(1, 60_000L)); // Retry-After: 60 is capped
    assertEquals(50, f.millis(1, 50L));
  }

  /**
   * A body the heap cannot hold (1.5 GB declared, within a --max-bytes of 2 GB, in the 1 GiB test
   * heap, with a budget that lets it in) is this input's TOO_LARGE, not an error for the task.
   */
  @Test
  void outOfMemoryHoldingABodyIsTooLarge() throws Exception {
    server.route("/huge", x -> {
      x.sendResponseHeaders(200, 1_500_000_000L);
      x.getResponseBody().write(new byte[10]);
      x.getResponseBody().flush();
      sleep(5_000);
    });
    BodyBudget roomy = new BodyBudget(4L << 30);
    NetworkGuard guard = new NetworkGuard(true);
    try (UrlFetcher f = new UrlFetcher(settings(true), 2_000_000_000L, guard, roomy)) {
      FetchFailure e = failure(f, server.url("/huge"));
      assertEquals(ErrorClass.TOO_LARGE, e.errorClass(), e.getMessage());
      assertTrue(e.getMessage().contains("body budget"), e.getMessage());
      assertTrue(e.getCause() instanceof OutOfMemoryError, String.valueOf(e.getCause()));
      assertEquals(0, roomy.reserved());
    }
  }

  /** Seconds * 1000 must not overflow: "9223372036854775807 * 1000" is -1000, retry at once. */
  @Test
  void hugeRetryAfterIsCappedWithoutOverflow() {
    Backoff f = new Backoff(settings(true));
    for (String v : new String[] {"9223372036854775807", "9223372036854776",
        "99999999999999999999999999", "86400"}) {
      BasicClassicHttpResponse r = new BasicClassicHttpResponse(429);
      r.addHeader("Retry-After", v);
      Long ms = Backoff.retryAfterMillis(r);
      assertTrue(ms != null && ms >= 86_400_000L, v + ": " + ms);
      assertEquals(BACKOFF_CAP, f.millis(1, ms), v);
    }
    BasicClassicHttpResponse bad = new BasicClassicHttpResponse(429);
    bad.addHeader("Retry-After", "-5");
    assertNull(Backoff.retryAfterMillis(bad)); // not delay-seconds: our own backoff
  }

  /** A header past HttpClient's limits is the server's fault and final: one attempt, no retry. */
  @Test
  void headerOverTheLimitIsNotRetried() {
    AtomicInteger hits = new AtomicInteger();
    server.route("/long-header.jpg", x -> {
      hits.incrementAndGet();
      x.getResponseHeaders().set("X-Padding", "a".repeat(100_000));
      TestHttpServer.send(x, 200, "image/jpeg", jpeg);
    });
    AtomicInteger manyHits = new AtomicInteger();
    server.route("/many-headers.jpg", x -> {
      manyHits.incrementAndGet();
      for (int i = 0; i < 500; i++) {
        x.getResponseHeaders().set("X-H" + i, "v");
      }
      TestHttpServer.send(x, 200, "image/jpeg", jpeg);
    });
    try (UrlFetcher f = fetcher()) {
      for (String path : new String[] {"/long-header.jpg", "/many-headers.jpg"}) {
        FetchFailure e = failure(f, server.url(path));
        assertEquals(ErrorClass.HTTP, e.errorClass(), e.getMessage());
        assertEquals(1, e.result("u").http().attempts(), e.getMessage());
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
      }
    }
    assertEquals(1, hits.get());
    assertEquals(1, manyHits.get());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
