package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Source;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The per-image time budget: a decoder that spins or hangs is abandoned; the partition goes on. */
class PartitionRunnerTest {
  private static Source src(String name) {
    return new Source("file:/in/" + name, name, 10, 0);
  }

  private static ThumbResult ok(Source s) {
    return new ThumbResult(s.uri(), ThumbResult.OK, null, List.of("file:/out/" + s.stem()), 1, 1,
        10, 0, "jpeg", null, null, null, null, null, null);
  }

  @Test
  void spinningAndHangingDecodersAreAbandonedAtTheBudget() {
    AtomicBoolean stop = new AtomicBoolean();
    Settings s = Settings.builder().output("/out").timeBudgetMillis(300).build();
    PartitionRunner runner = new PartitionRunner(s, () -> source -> {
      if (source.stem().equals("spin.jpg")) {
        long x = 0;
        while (!stop.get()) { // a decoder stuck in a loop that ignores interrupts
          x++;
        }
        return ok(source).withMillis(x);
      }
      if (source.stem().equals("hang.jpg")) {
        Object lock = new Object();
        synchronized (lock) {
          try {
            lock.wait(); // a decoder blocked forever (only an interrupt ends it)
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return ok(source);
      }
      return ok(source);
    });
    long t0 = System.nanoTime();
    List<ThumbResult> results = runner.run(List.of(src("a.jpg"), src("spin.jpg"),
        src("b.jpg"), src("hang.jpg"), src("c.jpg")));
    double seconds = (System.nanoTime() - t0) / 1e9;
    stop.set(true);

    assertEquals(5, results.size());
    assertEquals(List.of("ok", "failed", "ok", "failed", "ok"),
        results.stream().map(ThumbResult::status).toList());
    for (int i : new int[] {1, 3}) {
      assertEquals("timeout", results.get(i).error());
      assertTrue(results.get(i).message().contains("abandoned after 300 ms (--time-budget)"),
          results.get(i).message());
    }
    assertTrue(seconds < 5, "took " + seconds + " s for two 300 ms budgets");
  }

  @Test
  void resultsKeepInputOrderWithManyInFlight() {
    Settings s = Settings.builder().output("/out").build();
    PartitionRunner runner = new PartitionRunner(s, () -> PartitionRunnerTest::ok);
    List<Source> in = java.util.stream.IntStream.range(0, 200)
        .mapToObj(i -> src("i" + i + ".jpg")).toList();
    List<ThumbResult> out = runner.run(in);
    assertEquals(in.stream().map(Source::uri).toList(),
        out.stream().map(ThumbResult::source).toList());
  }
}
