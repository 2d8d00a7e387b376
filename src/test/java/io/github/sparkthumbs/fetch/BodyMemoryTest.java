package io.github.sparkthumbs.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.settings.FetchSettings;
import io.github.sparkthumbs.testing.TestHttpServer;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bodies a server sizes, in the test JVM's 1 GiB heap (surefire's -Xmx1g): 40 concurrent 60 MB
 * bodies, through fetchers sized like the job's, all arrive whole and none runs the heap out.
 * Holding them all at once would take 2.4 GB (4.8 GB with a copy each).
 */
class BodyMemoryTest {
  private static final int URLS = 40;
  private static final int BODY = 60_000_000;
  private static final int FETCHERS = 3;
  private static final int SLICE = 64 * 1024;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void fortyConcurrentSixtyMegabyteBodiesFitTheHeap() throws Exception {
    byte[] big = new byte[BODY]; // one shared array: the server holds 60 MB, not 2.4 GB
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    System.arraycopy(png, 0, big, 0, png.length);
    big[BODY - 1] = 42;
    FetchSettings job = new FetchSettings(FetchSettings.DEFAULT_CONNECT_TIMEOUT_MILLIS,
        FetchSettings.DEFAULT_DEADLINE_MILLIS, FetchSettings.DEFAULT_MAX_ATTEMPTS,
        FetchSettings.DEFAULT_BACKOFF_BASE_MILLIS, FetchSettings.DEFAULT_BACKOFF_CAP_MILLIS,
        FetchSettings.DEFAULT_MAX_REDIRECTS, true, FetchSettings.DEFAULT_CONCURRENCY,
        FetchSettings.DEFAULT_CONCURRENCY);
    Queue<String> problems = new ConcurrentLinkedQueue<>();
    List<UrlFetcher> fetchers = new ArrayList<>();
    long reservedBefore = BodyBudget.JVM.reserved();
    AtomicLong maxReserved = new AtomicLong();
    Thread sampler = new Thread(() -> { // how much the budget let in at once, for the log
      while (!Thread.currentThread().isInterrupted()) {
        maxReserved.accumulateAndGet(BodyBudget.JVM.reserved(), Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "sampler");
    sampler.setDaemon(true);
    sampler.start();
    long t0 = System.nanoTime();
    try (TestHttpServer server = new TestHttpServer()) {
      server.route("/big/", x -> {
        x.getResponseHeaders().set("Content-Type", "image/png");
        x.sendResponseHeaders(200, BODY);
        try (OutputStream out = x.getResponseBody()) {
          // In slices: the JDK's server copies each write into a buffer of its size.
          for (int off = 0; off < BODY; off += SLICE) {
            out.write(big, off, Math.min(SLICE, BODY - off));
          }
        }
      });
      for (int i = 0; i < FETCHERS; i++) {
        fetchers.add(new UrlFetcher(job, 64L << 20)); // the default --max-bytes
      }
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < URLS; i++) {
        UrlFetcher f = fetchers.get(i % FETCHERS);
        String url = server.url("/big/" + i + ".png");
        Thread t = new Thread(() -> {
          try {
            start.await();
            try (Fetched r = f.fetch(url)) { // closed as after decoding: the budget back
              if (r.body().length != BODY || r.body()[BODY - 1] != 42 || r.body()[1] != 'P') {
                problems.add(url + ": " + r.body().length + " bytes");
              }
            }
          } catch (Throwable e) { // OutOfMemoryError included
            problems.add(url + ": " + e);
          }
        }, "fetch-" + i);
        threads.add(t);
        t.start();
      }
      start.countDown();
      for (Thread t : threads) {
        t.join();
      }
    } finally {
      fetchers.forEach(UrlFetcher::close);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    sampler.interrupt();
    System.out.printf("%d x %d bytes in %d ms; heap %d MiB, body budget %d MiB, most reserved"
        + " at once %d MiB%n", URLS, BODY, ms, Runtime.getRuntime().maxMemory() >> 20,
        BodyBudget.JVM.capacity() >> 20, maxReserved.get() >> 20);
    assertTrue(problems.isEmpty(), problems.size() + " failed: " + problems);
    assertEquals(reservedBefore, BodyBudget.JVM.reserved(), "closed bodies gave their bytes back");
  }
}
