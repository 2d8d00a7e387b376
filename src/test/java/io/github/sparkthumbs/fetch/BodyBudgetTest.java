package io.github.sparkthumbs.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.settings.FetchSettings;
import io.github.sparkthumbs.testing.TestHttpServer;
import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The body budget on its own, and through a fetcher with a budget of a few bytes. */
class BodyBudgetTest {

  private static long in(long millis) {
    return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
  }

  @Test
  void waitersGetWhatHoldersGiveBackInArrivalOrder() throws Exception {
    BodyBudget b = new BodyBudget(100);
    BodyBudget.Reservation a = b.reserve(60, in(10));
    assertNotNull(a);
    assertNull(b.reserve(50, in(50)), "no room: null at the deadline");
    BodyBudget.Reservation[] late = new BodyBudget.Reservation[1];
    Thread t = new Thread(() -> {
      try {
        late[0] = b.reserve(50, in(5_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    t.start();
    Thread.sleep(50);
    a.shrinkTo(40); // a body smaller than reserved gives back the rest
    t.join(5_000);
    assertNotNull(late[0]);
    assertEquals(90, b.reserved());
    a.close();
    a.close(); // twice is harmless
    late[0].close();
    assertEquals(0, b.reserved());
  }

  @Test
  void aBodyLargerThanTheBudgetRunsAlone() throws Exception {
    BodyBudget b = new BodyBudget(100);
    BodyBudget.Reservation small = b.reserve(1, in(10));
    assertNull(b.reserve(1_000, in(50)), "waits for the others");
    small.close();
    BodyBudget.Reservation big = b.reserve(1_000, in(10));
    assertNotNull(big);
    assertEquals(100, b.reserved());
    big.close();
  }

  @Test
  void fetchWithoutRoomFailsAsTimeoutNamingTheBudget() throws Exception {
    byte[] body = new byte[1_000];
    FetchSettings s = new FetchSettings(500, 300, 1, 20, 200, 3, false, 4, 4);
    NetworkGuard guard = new NetworkGuard(false, Set.of(InetAddress.getByName("127.0.0.1")));
    BodyBudget b = new BodyBudget(1_500);
    try (TestHttpServer server = new TestHttpServer();
        UrlFetcher f = new UrlFetcher(s, 1L << 20, guard, b)) {
      server.route("/a.jpg", x -> TestHttpServer.send(x, 200, "image/jpeg", body));
      Fetched first = f.fetch(server.url("/a.jpg"));
      assertEquals(1_000, b.reserved());
      FetchFailure e = assertThrows(FetchFailure.class,
          () -> f.fetch(server.url("/a.jpg")));
      assertEquals(ErrorClass.TIMEOUT, e.errorClass(), e.getMessage());
      assertTrue(e.getMessage().contains("body budget of 1500 bytes"), e.getMessage());
      first.close(); // as after decoding
      assertEquals(0, b.reserved());
      try (Fetched second = f.fetch(server.url("/a.jpg"))) {
        assertEquals(1_000, second.body().length);
      }
      assertEquals(0, b.reserved());
    }
  }

  /** A Fetched dropped without close gives its bytes back once collected: no leak for life. */
  @Test
  void droppedFetchedIsReleasedByTheCleaner() throws Exception {
    BodyBudget b = new BodyBudget(1_000);
    dropWithoutClose(b);
    long until = in(5_000);
    while (b.reserved() != 0 && System.nanoTime() < until) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(0, b.reserved());
  }

  private static void dropWithoutClose(BodyBudget b) throws InterruptedException {
    Fetched f = new Fetched(new byte[10], 200, 1, "u", b.reserve(10, in(10)));
    assertEquals(10, b.reserved());
    assertEquals(10, f.body().length);
  }
}
