package io.github.sparkthumbs.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.FetchSettings;
import io.github.sparkthumbs.testing.TestHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetcher's edges against a real server on 127.0.0.1: the byte limit at its exact value for
 * declared and unknown lengths, bodies spanning several read blocks, each redirect status, the
 * redirect limit at its exact value, failures that must not be retried, and the parts a failure
 * is reported with. Written against the mutants PIT found surviving.
 */
class UrlFetcherLimitsTest {
  private static final int LIMIT = 200_000;

  private TestHttpServer server;
  private final AtomicInteger hits = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = new TestHttpServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static FetchSettings settings(int attempts, long backoffCap, int maxRedirects) {
    return new FetchSettings(500, 2_000, attempts, 20, backoffCap, maxRedirects, true, 4, 4);
  }

  private static UrlFetcher fetcher() {
    return new UrlFetcher(settings(3, 200, 3), LIMIT);
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  /** Sends {@code body} with a Content-Length, or chunked without one. */
  private void serve(String path, byte[] body, boolean declared) {
    server.route(path, x -> {
      hits.incrementAndGet();
      x.sendResponseHeaders(200, declared ? body.length : 0);
      try (OutputStream out = x.getResponseBody()) {
        for (int at = 0; at < body.length; at += 10_000) { // several writes, several reads
          out.write(body, at, Math.min(10_000, body.length - at));
        }
      }
    });
  }

  @Test
  void theByteLimitIsInclusiveForDeclaredAndUnknownLengths() throws Exception {
    byte[] exact = random(LIMIT);
    byte[] over = random(LIMIT + 1);
    serve("/exact-declared", exact, true);
    serve("/exact-chunked", exact, false);
    serve("/over-declared", over, true);
    serve("/over-chunked", over, false);
    try (UrlFetcher f = fetcher()) {
      for (String p : List.of("/exact-declared", "/exact-chunked")) {
        try (Fetched r = f.fetch(server.url(p))) {
          assertArrayEquals(exact, r.body(), p); // blocks of 64, 128 KiB joined in order
        }
      }
      for (String p : List.of("/over-declared", "/over-chunked")) {
        FetchFailure e = assertThrows(FetchFailure.class, () -> f.fetch(server.url(p)));
        assertEquals(ErrorClass.TOO_LARGE, e.errorClass(), p + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("200000 bytes (--max-bytes)"), e.getMessage());
      }
    }
  }

  /** Unknown-length bodies that end on, just before and just after a block boundary. */
  @Test
  void unknownLengthBodiesAroundBlockBoundariesArriveWhole() throws Exception {
    try (UrlFetcher f = fetcher()) {
      for (int n : new int[] {1, 65_535, 65_536, 65_537, 196_608, 196_609}) {
        byte[] body = random(n);
        serve("/b" + n, body, false);
        try (Fetched r = f.fetch(server.url("/b" + n))) {
          assertArrayEquals(body, r.body(), n + " bytes");
        }
      }
    }
  }

  @Test
  void emptyBodiesAreEmptyNotFailures() throws Exception {
    server.route("/empty", x -> TestHttpServer.send(x, 200, "image/jpeg", new byte[0]));
    server.route("/no-content", x -> x.sendResponseHeaders(204, -1));
    try (UrlFetcher f = fetcher()) {
      try (Fetched r = f.fetch(server.url("/empty"))) {
        assertEquals(0, r.body().length);
        assertEquals(200, r.status());
      }
      try (Fetched r = f.fetch(server.url("/no-content"))) {
        assertEquals(0, r.body().length);
        assertEquals(204, r.status());
      }
    }
  }

  /** The body is reserved in the budget at its size once known, and given back on close. */
  @Test
  void theBudgetHoldsExactlyTheBodyUntilClose() throws Exception {
    byte[] body = random(70_000);
    serve("/declared", body, true);
    serve("/chunked", body, false);
    BodyBudget budget = new BodyBudget(1L << 30);
    try (UrlFetcher f = new UrlFetcher(settings(1, 200, 3), LIMIT, new NetworkGuard(true),
        budget)) {
      for (String p : List.of("/declared", "/chunked")) {
        Fetched r = f.fetch(server.url(p));
        assertEquals(70_000, budget.reserved(), p);
        r.close();
        assertEquals(0, budget.reserved(), p);
      }
    }
  }

  @Test
  void everyRedirectStatusIsFollowedAndOthersAreNot() throws Exception {
    byte[] body = random(100);
    serve("/target", body, true);
    try (UrlFetcher f = fetcher()) {
      for (int code : new int[] {301, 302, 303, 307, 308}) {
        server.route("/r" + code, x -> TestHttpServer.redirect(x, code, "/target"));
        try (Fetched r = f.fetch(server.url("/r" + code))) {
          assertArrayEquals(body, r.body(), "HTTP " + code);
          assertEquals(server.url("/target"), r.finalUrl());
        }
      }
      for (int code : new int[] {300, 304, 305}) {
        server.route("/n" + code, x -> TestHttpServer.redirect(x, code, "/target"));
        FetchFailure e = assertThrows(FetchFailure.class, () -> f.fetch(server.url("/n" + code)));
        assertEquals(ErrorClass.HTTP, e.errorClass());
        assertTrue(e.getMessage().endsWith(": HTTP " + code), e.getMessage());
        assertEquals(1, e.result("u").http().attempts());
      }
    }
  }

  /** --max-redirects 3: three hops are fine, the fourth is one too many. */
  @Test
  void theRedirectLimitIsInclusive() throws Exception {
    serve("/h0", random(10), true);
    for (int i = 1; i <= 4; i++) {
      String next = "/h" + (i - 1);
      server.route("/h" + i, x -> TestHttpServer.redirect(x, 302, next));
    }
    try (UrlFetcher f = fetcher()) {
      assertEquals(server.url("/h0"), f.fetch(server.url("/h3")).finalUrl());
      FetchFailure e = assertThrows(FetchFailure.class, () -> f.fetch(server.url("/h4")));
      assertTrue(e.getMessage().contains("more than 3 redirects"), e.getMessage());
      assertTrue(e.getMessage().contains("last to " + server.url("/h0")), e.getMessage());
      // where it stopped: the failure names the hop it was at, and its URL is the final one
      assertTrue(e.getMessage().contains("(at " + server.url("/h1") + ")"), e.getMessage());
      assertEquals(server.url("/h1"), e.result("u").http().finalUrl());
    }
  }

  @Test
  void badRedirectsFailOnceWithTheirReason() throws Exception {
    server.route("/no-location", x -> x.sendResponseHeaders(302, -1));
    server.route("/bad-location", x -> TestHttpServer.redirect(x, 302, "http://bad host/"));
    try (UrlFetcher f = fetcher()) {
      FetchFailure none = assertThrows(FetchFailure.class,
          () -> f.fetch(server.url("/no-location")));
      assertTrue(none.getMessage().contains("HTTP 302 redirect without a Location"),
          none.getMessage());
      FetchFailure bad = assertThrows(FetchFailure.class,
          () -> f.fetch(server.url("/bad-location")));
      assertTrue(bad.getMessage().contains("bad Location 'http://bad host/'"), bad.getMessage());
      for (FetchFailure e : List.of(none, bad)) {
        assertEquals(ErrorClass.HTTP, e.errorClass());
        assertEquals(302, e.result("u").http().httpStatus());
        assertFalse(e.getMessage().contains("(at "), e.getMessage()); // still at the source
      }
    }
  }

  @Test
  void anInvalidUrlFailsWithoutAConnection() {
    try (UrlFetcher f = fetcher()) {
      FetchFailure e = assertThrows(FetchFailure.class, () -> f.fetch("http://a b/c.jpg"));
      assertEquals(ErrorClass.HTTP, e.errorClass());
      assertTrue(e.getMessage().startsWith("fetching http://a b/c.jpg: not a valid URL"),
          e.getMessage());
      ThumbResult r = e.result("http://a b/c.jpg");
      assertNull(r.http().finalUrl());
      assertNull(r.http().httpStatus());
      assertEquals(-1, r.input().bytes());
    }
  }

  /**
   * TLS to a server that answers in plain HTTP fails the handshake (SSLException), and would
   * fail the same way again: one attempt, one connection.
   */
  @Test
  void tlsFailureIsNotRetried() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        while (!plain.isClosed()) {
          try (Socket s = plain.accept()) {
            connections.incrementAndGet();
            s.getOutputStream().write(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes());
            s.getOutputStream().flush();
          } catch (IOException closed) {
            return;
          }
        }
      });
      t.setDaemon(true);
      t.start();
      try (UrlFetcher f = fetcher()) {
        String url = "https://127.0.0.1:" + plain.getLocalPort() + "/a.jpg";
        FetchFailure e = assertThrows(FetchFailure.class, () -> f.fetch(url));
        assertEquals(ErrorClass.HTTP, e.errorClass(), e.getMessage());
        assertTrue(e.getMessage().contains("SSL"), e.getMessage());
        assertEquals(1, e.result(url).http().attempts(), e.getMessage());
      }
    }
    assertEquals(1, connections.get());
  }

  /** A Retry-After longer than the time left ends the fetch now, not at the deadline. */
  @Test
  void noRetryWhenTheWaitWouldPassTheDeadline() {
    server.route("/busy", x -> {
      hits.incrementAndGet();
      x.getResponseHeaders().set("Retry-After", "60");
      TestHttpServer.send(x, 503, "text/plain", new byte[0]);
    });
    try (UrlFetcher f = new UrlFetcher(settings(3, 60_000, 3), LIMIT)) {
      FetchFailure e = assertThrows(FetchFailure.class, () -> f.fetch(server.url("/busy")));
      assertEquals(ErrorClass.HTTP, e.errorClass());
      assertTrue(e.getMessage().contains("no time left for a retry before the 2000 ms deadline"),
          e.getMessage());
      assertEquals(1, e.result("u").http().attempts());
    }
    assertEquals(1, hits.get());
  }

  /** A 5xx is retried up to --fetch-attempts exactly: 2 means one retry. */
  @Test
  void attemptsAreCountedExactly() {
    server.route("/down", x -> {
      hits.incrementAndGet();
      TestHttpServer.send(x, 502, "text/plain", new byte[0]);
    });
    try (UrlFetcher f = new UrlFetcher(settings(2, 50, 3), LIMIT)) {
      FetchFailure e = assertThrows(FetchFailure.class, () -> f.fetch(server.url("/down")));
      assertTrue(e.getMessage().contains("HTTP 502 (gave up after 2 attempts"), e.getMessage());
      assertEquals(2, e.result("u").http().attempts());
    }
    assertEquals(2, hits.get());
  }

  @Test
  void retryAfterAsAnHttpDate() {
    DateTimeFormatter rfc = DateTimeFormatter.RFC_1123_DATE_TIME;
    BasicClassicHttpResponse later = new BasicClassicHttpResponse(503);
    later.addHeader("Retry-After", rfc.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1)));
    long ms = Backoff.retryAfterMillis(later);
    assertTrue(ms > 3_000_000 && ms <= 3_600_000, "" + ms);
    BasicClassicHttpResponse past = new BasicClassicHttpResponse(503);
    past.addHeader("Retry-After", rfc.format(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1)));
    assertEquals(0L, Backoff.retryAfterMillis(past));
    BasicClassicHttpResponse seconds = new BasicClassicHttpResponse(503);
    seconds.addHeader("Retry-After", " 7 ");
    assertEquals(7_000L, Backoff.retryAfterMillis(seconds));
    assertNull(Backoff.retryAfterMillis(new BasicClassicHttpResponse(503)));
    BasicClassicHttpResponse soon = new BasicClassicHttpResponse(503);
    soon.addHeader("Retry-After", "soon");
    assertNull(Backoff.retryAfterMillis(soon));
  }

  /** Backoff without Retry-After stays within base * 2^(attempt-1); huge attempts do not wrap. */
  @Test
  void backoffNeverWrapsForLateAttempts() {
    Backoff f = new Backoff(new FetchSettings(500, 2_000, 3, 20, Long.MAX_VALUE, 3, true, 4, 4));
    for (int i = 0; i < 100; i++) {
      assertTrue(f.millis(1, null) <= 20);
      long late = f.millis(100, null);
      assertTrue(late >= 0 && late <= 20L << 30, "" + late);
    }
  }

  @Test
  void aFailureAfterTheFetchKeepsTheHttpStory() {
    Fetched fetched = new Fetched(new byte[123], 200, 2, "http://h/final.jpg");
    assertEquals("Fetched[123 bytes, status=200, attempts=2, finalUrl=http://h/final.jpg]",
        fetched.toString());
    assertEquals(List.of(200, 2, "http://h/final.jpg"), List.of(fetched.http().httpStatus(),
        fetched.http().attempts(), fetched.http().finalUrl()));
    fetched.close(); // without a reservation: nothing to give back, no failure
    FetchFailure f = FetchFailure.afterFetch(
        new ImageFailure(ErrorClass.UNSUPPORTED, "HTML, not an image", null), fetched);
    ThumbResult r = f.result("http://h/a.jpg");
    assertEquals(ErrorClass.UNSUPPORTED, r.failure().error());
    assertEquals("HTML, not an image", r.failure().message());
    assertEquals(123, r.input().bytes());
    assertEquals(fetched.http(), r.http());
  }

  @Test
  void budgetEdges() throws Exception {
    BodyBudget b = new BodyBudget(100);
    assertEquals(100, b.capacity());
    long now = System.nanoTime();
    BodyBudget.Reservation none = b.reserve(-5, now + 1_000_000_000L);
    assertEquals(0, b.reserved(), "a negative size reserves nothing");
    BodyBudget.Reservation r = b.reserve(40, now + 1_000_000_000L);
    r.shrinkTo(60); // never grows
    assertEquals(40, b.reserved());
    r.shrinkTo(-1);
    assertEquals(0, b.reserved());
    BodyBudget.Reservation all = b.reserve(100, System.nanoTime() + 1_000_000_000L);
    assertEquals(100, b.reserved(), "exactly the capacity fits");
    assertNull(b.reserve(1, System.nanoTime()), "a passed deadline: no wait");
    all.close();
    none.close();
    assertEquals(0, b.reserved());
  }

  @Test
  void cidrTablesRefuseMistakes() throws IOException {
    assertThrows(IllegalArgumentException.class, () -> CidrList.of("10.0.0.0/8", "::/0"));
    assertThrows(IllegalArgumentException.class, () -> CidrList.of("10.0.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> CidrList.of("10.0.0.0/-1"));
    assertThrows(IllegalArgumentException.class, () -> CidrList.of("10.0.0.1/8"));
    assertThrows(IllegalArgumentException.class, () -> CidrList.of("10.64.0.0/9"));
    CidrList nine = CidrList.of("10.128.0.0/9"); // a prefix that ends inside a byte
    assertTrue(nine.contains(new byte[] {10, (byte) 200, 0, 0}));
    assertFalse(nine.contains(new byte[] {10, 100, 0, 0}));
    assertFalse(nine.contains(new byte[] {11, (byte) 200, 0, 0}));
    assertThrows(IllegalArgumentException.class, () -> CidrList.of("example.com/8"));
    CidrList l = CidrList.of("10.0.0.0/8", "100.64.0.0/10", "0.0.0.0/0");
    assertEquals("[10.0.0.0/8, 100.64.0.0/10, 0.0.0.0/0]", l.toString());
    assertEquals("10.0.0.0/8", l.match(new byte[] {10, 1, 2, 3}));
    assertEquals("100.64.0.0/10", l.match(new byte[] {100, 127, (byte) 255, 1}));
    assertEquals("0.0.0.0/0", l.match(new byte[] {100, (byte) 128, 0, 0}));
    assertNull(l.match(new byte[16]), "another family is never in the table");
    assertFalse(l.contains(new byte[16]));
    CidrList v6 = CidrList.of("::ffff:0:0/96", "2001:db8::/32");
    assertTrue(v6.contains(InetAddressBytes.v6("::ffff:0:0")));
    assertTrue(v6.contains(InetAddressBytes.v6("2001:db8:ffff::")));
    assertFalse(v6.contains(InetAddressBytes.v6("2001:db9::")));
  }

  @Test
  void theResolverFiltersAndKeepsThePort() throws Exception {
    GuardedDnsResolver open = new GuardedDnsResolver(new NetworkGuard(true));
    List<InetSocketAddress> a = open.resolve("127.0.0.1", 8123);
    assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8123)), a);
    assertTrue(open.resolveCanonicalHostname("127.0.0.1") != null);
    GuardedDnsResolver guarded = new GuardedDnsResolver(new NetworkGuard(false));
    NetworkGuard.Blocked e = assertThrows(NetworkGuard.Blocked.class,
        () -> guarded.resolve("127.0.0.1", 80));
    assertTrue(e.getMessage().startsWith("127.0.0.1 resolves to"), e.getMessage());
  }

  /** IPv6 literal bytes, kept at 16 even for ::ffff:a.b.c.d forms. */
  private static final class InetAddressBytes {
    static byte[] v6(String literal) throws IOException {
      byte[] b = InetAddress.getByName(literal).getAddress();
      if (b.length == 16) {
        return b;
      }
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xFF;
      mapped[11] = (byte) 0xFF;
      System.arraycopy(b, 0, mapped, 12, 4);
      return mapped;
    }
  }
}
