package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.image.Thumbnailer;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.Image;
import io.github.sparkthumbs.result.Input;
import io.github.sparkthumbs.result.Status;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.FetchSettings;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Source;
import io.github.sparkthumbs.source.UrlNames;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.TestHttpServer;
import io.github.sparkthumbs.testing.Layouts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-image time budget (a decoder that spins or hangs is abandoned; the partition goes on)
 * and the window of in-flight URLs, without Spark.
 */
class PartitionRunnerTest {
  @TempDir Path dir;

  private static Source src(String name) {
    return new Source("file:/in/" + name, name, 10, 0);
  }

  private static ThumbResult ok(Source s) {
    return ThumbResult.ok(new Input(s.uri(), 10, null), List.of("file:/out/" + s.stem()),
        new Image(1, 1, "jpeg", null, null, null, null));
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
    assertEquals(List.of(Status.OK, Status.FAILED, Status.OK, Status.FAILED, Status.OK),
        results.stream().map(ThumbResult::status).toList());
    for (int i : new int[] {1, 3}) {
      assertEquals(ErrorClass.TIMEOUT, results.get(i).failure().error());
      assertTrue(results.get(i).failure().message()
          .contains("abandoned after 300 ms (--time-budget)"),
          results.get(i).failure().message());
    }
    assertTrue(seconds < 5, "took " + seconds + " s for two 300 ms budgets");
  }

  /**
   * Files, one at a time: an image that gets the slot at once has its budget from there, without
   * waking the runner (which wakes at the old deadline and sleeps on to the new one). 300 ms of
   * reading and 300 ms of decoding fit a 500 ms budget; one stuck in its decode is abandoned 500
   * ms after it got the slot, and the file after it is made.
   */
  @Test
  @Timeout(60)
  void aFileGetsItsBudgetFromTheSlotAndIsAbandonedWhenStuckThere() {
    AtomicBoolean stop = new AtomicBoolean();
    Settings s = Settings.builder().output("/out").timeBudgetMillis(500).build();
    PartitionRunner runner = new PartitionRunner(s, slot -> source -> {
      try {
        Thread.sleep(300); // the read
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      enter(slot);
      return workThenExit(slot, source, stop, 300);
    });
    List<ThumbResult> out;
    try {
      out = runner.run(List.of(src("a.jpg"), src("stuck.jpg"), src("c.jpg")));
    } finally {
      stop.set(true);
    }
    assertEquals(List.of(Status.OK, Status.FAILED, Status.OK),
        out.stream().map(ThumbResult::status).toList(), out.toString());
    assertEquals(ErrorClass.TIMEOUT, out.get(1).failure().error());
  }

  /**
   * The task's thread records results a batch at a time (it is not woken for each image), but each
   * is stamped with when its own image finished: 40 ms images one after another are about 40 ms
   * apart, not one batch's stamp apart.
   */
  @Test
  void eachResultIsStampedWhenItsImageFinished() {
    Settings s = Settings.builder().output("/out").build();
    PartitionRunner runner = new PartitionRunner(s, () -> source -> {
      busy(40);
      return ok(source);
    });
    List<ThumbResult> out = runner.run(java.util.stream.IntStream.range(0, 8)
        .mapToObj(i -> src("i" + i + ".jpg")).toList());
    for (int i = 1; i < out.size(); i++) {
      long gap = out.get(i).timing().finished() - out.get(i - 1).timing().finished();
      assertTrue(gap >= 30, "image " + i + " finished " + gap + " ms after the one before");
    }
  }

  /**
   * A thread abandoned at its time budget may still ask for the fetcher once the task has closed
   * the runner: it gets an error (its timeout is already recorded), not a new connection pool that
   * nobody would close.
   */
  @Test
  void aClosedRunnerMakesNoFetcher() throws Exception {
    Settings s = Settings.builder().output(dir.toString()).build();
    PartitionRunner runner = new PartitionRunner(s, Layouts.destination(s), new Configuration());
    runner.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, runner::fetcher);
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
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

  /**
   * One slow URL must not hold up the rest: with K=2 the other slot keeps fetching, so all 12
   * fast URLs (100 ms each, 1.2 s in all) are served while the slow one (3 s) is still in flight.
   * Waiting for the oldest first would serve one fast URL meanwhile. Asserted on what the server
   * saw, not on wall time: the margin (1.2 s of work in a 3 s window) survives a loaded machine.
   */
  @Test
  void aSlowUrlDoesNotBlockTheOtherSlots() throws Exception {
    byte[] jpeg = Images.jpeg(64, 48, 1);
    AtomicInteger maxInFlight = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger fastServed = new AtomicInteger();
    AtomicInteger fastServedDuringSlow = new AtomicInteger();
    try (TestHttpServer server = new TestHttpServer()) {
      server.route("/", x -> {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        boolean slow = x.getRequestURI().getPath().contains("slow");
        try {
          Thread.sleep(slow ? 3_000 : 100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (slow) {
          fastServedDuringSlow.set(fastServed.get());
        } else {
          fastServed.incrementAndGet();
        }
        inFlight.decrementAndGet();
        TestHttpServer.send(x, 200, "image/jpeg", jpeg);
      });
      List<Source> sources = new ArrayList<>();
      for (String path : urls()) {
        String url = server.url(path);
        sources.add(new Source(url, UrlNames.stem(url), -1, 0));
      }
      Settings s = Settings.builder().output(dir.toString())
          .fetch(new FetchSettings(1_000, 5_000, 1, 10, 10, 0, true, 2, 2)).build();
      List<ThumbResult> results;
      try (PartitionRunner runner = new PartitionRunner(s, Layouts.destination(s), new Configuration())) {
        results = runner.run(sources);
      }
      assertEquals(13, results.size());
      for (int i = 0; i < results.size(); i++) {
        assertEquals(Status.OK, results.get(i).status(), results.get(i).toString());
        assertEquals(sources.get(i).uri(), results.get(i).source(), "results stay in order");
      }
      assertEquals(2, maxInFlight.get(), "K=2 requests in flight, never more");
      assertEquals(12, fastServedDuringSlow.get(), "fast URLs served while the slow one ran");
    }
  }

  private static Source url(String name) {
    return new Source("http://127.0.0.1:9/" + name, name, -1, 0);
  }

  /** Enters the CPU slot; an interrupt there is a test failure. */
  private static Thumbnailer enter(InputTask.CpuSlot slot) {
    try {
      return slot.enter();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A test image's CPU work, in the slot, which it then leaves: {@code stuck.jpg} spins (ignoring
   * interrupts) until {@code stop}; any other image works {@code millis}.
   */
  private static ThumbResult workThenExit(InputTask.CpuSlot slot, Source source,
      AtomicBoolean stop, long millis) {
    try {
      if (source.stem().equals("stuck.jpg")) {
        while (!stop.get()) {
          Thread.onSpinWait();
        }
      } else {
        busy(millis);
      }
    } finally {
      slot.exit();
    }
    return ok(source);
  }

  /** Sleeps without giving way to an interrupt, as a decoder in native code does. */
  private static void busy(long millis) {
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() - end < 0) {
      Thread.onSpinWait();
    }
  }

  /**
   * With 4 URLs in flight, their waits (a fetch: 100 ms, outside the slot) overlap, but only one
   * image at a time is inside the CPU slot (40 ms each).
   */
  @Test
  @Timeout(60) // a slot never given back would hang the runner, not fail it
  void oneImageAtATimeDoesItsCpuWorkWhileTheirFetchesOverlap() {
    AtomicInteger outside = new AtomicInteger();
    AtomicInteger maxOutside = new AtomicInteger();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    Settings s = Settings.builder().output("/out")
        .fetch(new FetchSettings(1_000, 5_000, 1, 10, 10, 0, true, 4, 4)).build();
    Set<Thumbnailer> cores = ConcurrentHashMap.newKeySet();
    PartitionRunner runner = new PartitionRunner(s, slot -> source -> {
      maxOutside.accumulateAndGet(outside.incrementAndGet(), Math::max);
      try {
        Thread.sleep(100); // the fetch
        outside.decrementAndGet();
        cores.add(slot.enter());
        try {
          maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
          busy(40);
          inside.decrementAndGet();
        } finally {
          slot.exit();
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return ok(source);
    });
    List<Source> in = java.util.stream.IntStream.range(0, 12)
        .mapToObj(i -> url("u" + i + ".jpg")).toList();
    List<ThumbResult> out = runner.run(in);
    assertEquals(List.of(Status.OK), out.stream().map(ThumbResult::status).distinct().toList());
    assertEquals(4, maxOutside.get(), "4 fetches in flight at once");
    assertEquals(1, maxInside.get(), "one image in the CPU slot at a time");
    assertEquals(1, cores.size(), "the images on 4 threads took turns with one core");
  }

  /**
   * An image's time budget starts when it gets the slot: 6 images of 150 ms of CPU work each,
   * waiting for each other, all finish under a 400 ms budget (the last one waits 750 ms). One that
   * spins inside the slot past its budget, ignoring interrupts, is abandoned, and the slot goes
   * on to the images behind it, with another core than the one the stuck image is still in.
   */
  @Test
  @Timeout(60)
  void waitingForTheSlotIsNotTheImagesTimeAndAStuckOneGivesItUp() {
    AtomicBoolean stop = new AtomicBoolean();
    Settings s = Settings.builder().output("/out").timeBudgetMillis(400)
        .fetch(new FetchSettings(200, 200, 1, 10, 10, 0, true, 8, 8)).build();
    List<Map.Entry<String, Thumbnailer>> entered = Collections.synchronizedList(new ArrayList<>());
    PartitionRunner runner = new PartitionRunner(s, slot -> source -> {
      entered.add(Map.entry(source.stem(), enter(slot)));
      return workThenExit(slot, source, stop, 150);
    });
    List<Source> in = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      in.add(url("u" + i + ".jpg"));
    }
    in.add(2, url("stuck.jpg"));
    List<ThumbResult> out;
    try {
      out = runner.run(in);
    } finally {
      stop.set(true);
    }
    for (int i = 0; i < out.size(); i++) {
      ThumbResult r = out.get(i);
      if (i == 2) {
        assertEquals(ErrorClass.TIMEOUT, r.failure().error(), r.toString());
        assertTrue(r.failure().message().contains("abandoned after 400 ms (--time-budget)"),
            r.failure().message());
      } else {
        assertEquals(Status.OK, r.status(), r.toString());
      }
    }
    int k = entered.stream().map(Map.Entry::getKey).toList().indexOf("stuck.jpg");
    Thumbnailer stuck = entered.get(k).getValue();
    assertEquals(7, entered.size());
    for (int i = 0; i < entered.size(); i++) {
      Thumbnailer core = entered.get(i).getValue();
      if (i <= k) {
        assertSame(stuck, core, "before the stuck image, the one core: " + entered);
      } else {
        assertNotSame(stuck, core, "after it, not the core it is still in: " + entered);
        assertSame(entered.get(k + 1).getValue(), core, "and then one new core: " + entered);
      }
    }
    assertTrue(k < 6, "the stuck image was not the last in: " + entered);
  }

  /**
   * A decode abandoned at its budget keeps its share of the task slot until it returns: 10 files
   * whose decodes run 350 ms past a 100 ms budget, ignoring interrupts as native code does, have
   * at most {@link DecodeLane#DECODES} decodes running at once (handing the slot on at
   * abandonment let four run at once). Each still gets its one timeout.
   */
  @Test
  @Timeout(60)
  void abandonedDecodesCountAgainstTheTaskSlotUntilTheyReturn() {
    Settings s = Settings.builder().output("/out").timeBudgetMillis(100).build();
    Decodes decodes = new Decodes();
    PartitionRunner runner = new PartitionRunner(s, slot -> source -> {
      enter(slot);
      return decodes.spin(slot, source, 350);
    });
    List<Source> in = java.util.stream.IntStream.range(0, 10)
        .mapToObj(i -> src("slow" + i + ".jpg")).toList();
    List<ThumbResult> out = runner.run(in);
    assertEquals(in.stream().map(Source::uri).toList(),
        out.stream().map(ThumbResult::source).toList(), "one result per input, in order");
    for (ThumbResult r : out) {
      assertEquals(ErrorClass.TIMEOUT, r.failure().error(), r.toString());
    }
    assertEquals(DecodeLane.DECODES, decodes.most.get(), "decodes running at once");
  }

  /**
   * Two tasks at once (two task slots) have two lanes: at most 2 x {@link DecodeLane#DECODES}
   * decodes run in the executor, however many are abandoned; the tasks give their lanes back.
   */
  @Test
  @Timeout(60)
  void twoTasksAtOnceHaveALaneEach() throws Exception {
    Settings s = Settings.builder().output("/out").timeBudgetMillis(100).build();
    DecodeLane.Pool lanes = new DecodeLane.Pool();
    Decodes decodes = new Decodes();
    List<List<ThumbResult>> outs = Collections.synchronizedList(new ArrayList<>());
    List<Thread> tasks = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      List<Source> in = java.util.stream.IntStream.range(0, 6)
          .mapToObj(i -> src("slow" + i + ".jpg")).toList();
      PartitionRunner runner = new PartitionRunner(s, lanes, slot -> source -> {
        enter(slot);
        return decodes.spin(slot, source, 350);
      });
      tasks.add(new Thread(() -> {
        try (runner) {
          outs.add(runner.run(in));
        }
      }));
    }
    tasks.forEach(Thread::start);
    for (Thread t : tasks) {
      t.join();
    }
    assertEquals(2, outs.size());
    for (List<ThumbResult> out : outs) {
      assertEquals(6, out.size());
      assertEquals(List.of(ErrorClass.TIMEOUT),
          out.stream().map(r -> r.failure().error()).distinct().toList(), out.toString());
    }
    assertTrue(decodes.most.get() <= 2 * DecodeLane.DECODES, "at once: " + decodes.most);
    assertEquals(2, lanes.idle(), "two lanes, both given back");
  }

  /**
   * A task ends with its abandoned decodes still running; the next task of the slot gets that
   * lane and waits for one of them to return (here 150 ms later, within its 1 s budget) before it
   * decodes, rather than decoding beside both.
   */
  @Test
  @Timeout(60)
  void theNextTaskWaitsForTheDecodesTheLastOneAbandoned() {
    AtomicBoolean stop = new AtomicBoolean();
    Settings s = Settings.builder().output("/out").timeBudgetMillis(200).build();
    Settings next = Settings.builder().output("/out").timeBudgetMillis(1_000).build();
    DecodeLane.Pool lanes = new DecodeLane.Pool();
    Decodes decodes = new Decodes();
    List<ThumbResult> first;
    try (PartitionRunner runner = new PartitionRunner(s, lanes, slot -> source -> {
      enter(slot);
      return decodes.spinUntil(slot, source, stop);
    })) {
      first = runner.run(List.of(src("stuck0.jpg"), src("stuck1.jpg")));
    }
    List<ThumbResult> second;
    long[] entered = new long[1];
    try (PartitionRunner runner = new PartitionRunner(next, lanes, slot -> source -> {
      enter(slot);
      entered[0] = System.nanoTime();
      return decodes.spin(slot, source, 50);
    })) {
      Thread release = new Thread(() -> {
        busy(150);
        stop.set(true);
      });
      long t0 = System.nanoTime();
      release.start();
      second = runner.run(List.of(src("a.jpg")));
      assertTrue(entered[0] - t0 >= 140_000_000L,
          "decoded " + (entered[0] - t0) / 1_000_000 + " ms after its task started");
    } finally {
      stop.set(true);
    }
    assertEquals(List.of(ErrorClass.TIMEOUT, ErrorClass.TIMEOUT),
        first.stream().map(r -> r.failure().error()).toList());
    assertEquals(Status.OK, second.get(0).status(), second.toString());
    assertEquals(DecodeLane.DECODES, decodes.most.get(), "decodes running at once");
    assertEquals(1, lanes.idle(), "one lane, for one task slot");
  }

  /**
   * Decodes that never return (a native call stuck for good) do not hang the partition: after one
   * the other decode of the lane serves the images behind it; after two, each image waits for them
   * within its own budget and then fails with a timeout that names them. Once they return, the
   * lane decodes again.
   */
  @Test
  @Timeout(60)
  void decodesThatNeverReturnDoNotHangThePartition() {
    AtomicBoolean stop = new AtomicBoolean();
    Settings s = Settings.builder().output("/out").timeBudgetMillis(200).build();
    Decodes decodes = new Decodes();
    PartitionRunner runner = new PartitionRunner(s, slot -> source -> {
      enter(slot);
      return source.stem().startsWith("stuck") ? decodes.spinUntil(slot, source, stop)
          : decodes.spin(slot, source, 20);
    });
    List<ThumbResult> out;
    long t0 = System.nanoTime();
    try {
      out = runner.run(List.of(src("stuck1.jpg"), src("a.jpg"), src("b.jpg"),
          src("stuck2.jpg"), src("c.jpg"), src("d.jpg")));
    } catch (RuntimeException | Error e) {
      stop.set(true);
      throw e;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<ThumbResult> after;
    try {
      assertEquals(List.of(Status.FAILED, Status.OK, Status.OK, Status.FAILED, Status.FAILED,
          Status.FAILED), out.stream().map(ThumbResult::status).toList(), out.toString());
      String c = out.get(4).failure().message();
      assertEquals(ErrorClass.TIMEOUT, out.get(4).failure().error(), c);
      assertTrue(c.contains("abandoned after 200 ms (--time-budget) waiting to decode"), c);
      assertTrue(c.contains("[file:/in/stuck1.jpg, file:/in/stuck2.jpg]"), c);
      // The image after it times out too; in the whole suite's JVM it is sometimes abandoned
      // before it starts to wait for a decode (cause not found), so its wording is not pinned.
      String d = out.get(5).failure().message();
      assertEquals(ErrorClass.TIMEOUT, out.get(5).failure().error(), d);
      assertTrue(d.startsWith("file:/in/d.jpg: abandoned after 200 ms (--time-budget)"), d);
      assertTrue(seconds < 10, "took " + seconds + " s for four 200 ms budgets");
      assertEquals(DecodeLane.DECODES, decodes.most.get(), "decodes running at once");
    } finally {
      stop.set(true);
    }
    while (decodes.running.get() > 0) {
      Thread.onSpinWait();
    }
    after = runner.run(List.of(src("e.jpg")));
    assertEquals(Status.OK, after.get(0).status(), after.toString());
  }

  /**
   * Two decodes that never return hold the lane only until they have run
   * {@link DecodeLane#STUCK_AFTER_BUDGETS} budgets, and at least
   * {@link DecodeLane#STUCK_FLOOR_MILLIS}: then they are written off and the images after
   * them decode again, so a stuck pair fails a bounded number of later images, not the rest of
   * the partition and of every task that gets the lane after it.
   */
  @Test
  @Timeout(60)
  void stuckDecodesAreWrittenOffAfterTheirBudgets() {
    AtomicBoolean stop = new AtomicBoolean();
    long budget = 100;
    Settings s = Settings.builder().output("/out").timeBudgetMillis(budget).build();
    Decodes decodes = new Decodes();
    PartitionRunner runner = new PartitionRunner(s, slot -> source -> {
      enter(slot);
      return source.stem().startsWith("stuck") ? decodes.spinUntil(slot, source, stop)
          : decodes.spin(slot, source, 2);
    });
    List<Source> inputs = new ArrayList<>(List.of(src("stuck1.jpg"), src("stuck2.jpg")));
    long waits = DecodeLane.STUCK_FLOOR_MILLIS / budget; // images that wait a budget in vain
    for (int i = 0; i < waits + 60; i++) {
      inputs.add(src("p" + i + ".jpg"));
    }
    long writtenOff = DecodeLane.WRITTEN_OFF.get();
    List<ThumbResult> out;
    try {
      out = runner.run(inputs);
    } finally {
      stop.set(true);
    }
    List<Status> statuses = out.stream().map(ThumbResult::status).toList();
    long timedOut = out.subList(2, out.size()).stream().filter(r -> !r.isOk()).count();
    // the floor (over 20 budgets of 100 ms) passes before the first write-off: some 100 images
    // wait their budget in vain, and then the lane serves again (2 ms of work in a 100 ms
    // budget: a loaded machine may still push one past it, so not every last image must be ok)
    long most = waits + 5;
    assertTrue(timedOut >= 5 && timedOut <= most, timedOut + " timed out: " + statuses);
    List<ThumbResult> late = out.subList(out.size() - 40, out.size()).stream()
        .filter(r -> !r.isOk()).toList();
    assertTrue(late.size() <= 2, "the lane decodes again: " + late);
    assertTrue(DecodeLane.WRITTEN_OFF.get() - writtenOff >= 1, "written off");
    assertTrue(decodes.most.get() <= DecodeLane.DECODES + 2, "at once: " + decodes.most);
  }

  /**
   * A Java decode (ImageIO) abandoned at its budget stops there rather than decoding to the end:
   * its thread leaves the CPU slot, and gives its decode back to the lane, a small part of the
   * time a whole decode of the same 40-megapixel PNG takes.
   */
  @Test
  @Timeout(120)
  void anAbandonedJavaDecodeStopsAtItsBudget() throws Exception {
    Path png = dir.resolve("big.png");
    java.nio.file.Files.write(png, slowPng(8000, 5000));
    Source big = new Source(png.toUri().toString(), "big.png", java.nio.file.Files.size(png), 0);
    Configuration conf = new Configuration();
    long whole = inSlotMillis(Settings.builder().output(dir.resolve("out").toString())
        .overwrite(true).timeBudgetMillis(60_000).build(), conf, big, Status.OK);
    long abandoned = inSlotMillis(Settings.builder().output(dir.resolve("out").toString())
        .overwrite(true).timeBudgetMillis(150).build(), conf, big, Status.FAILED);
    assertTrue(whole > 300, "a whole decode took only " + whole + " ms: too fast to tell");
    assertTrue(abandoned < whole / 3,
        "abandoned at 150 ms, it left the slot after " + abandoned + " ms; whole: " + whole
            + " ms");
  }

  /**
   * How long the real image core held the slot for {@code src}, its second image (the first
   * makes the core, which its budget does not count), once its thread has left the slot.
   */
  private static long inSlotMillis(Settings s, Configuration conf, Source src, Status expected)
      throws Exception {
    AtomicInteger inSlot = new AtomicInteger();
    ThreadLocal<Long> entered = new ThreadLocal<>();
    List<Long> millis = Collections.synchronizedList(new ArrayList<>());
    PartitionRunner runner = new PartitionRunner(s, slot -> {
      InputTask.CpuSlot timed = new InputTask.CpuSlot() {
        @Override
        public Thumbnailer enter() throws InterruptedException {
          Thumbnailer core = slot.enter();
          inSlot.incrementAndGet();
          entered.set(System.nanoTime());
          return core;
        }

        @Override
        public void exit() {
          millis.add((System.nanoTime() - entered.get()) / 1_000_000);
          inSlot.decrementAndGet();
          slot.exit();
        }
      };
      try {
        InputTask task = new InputTask(s, Layouts.of(s),
            new io.github.sparkthumbs.output.OutputStore(s.run().output(), conf), 0,
            new io.github.sparkthumbs.source.SourceReader(conf), () -> {
              throw new IllegalStateException("no URLs here");
            }, timed);
        return input -> task.process(input).result();
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    });
    List<ThumbResult> out = runner.run(List.of(src, src));
    assertEquals(expected, out.get(1).status(), out.toString());
    long end = System.nanoTime() + 60_000_000_000L;
    while (inSlot.get() > 0 && System.nanoTime() - end < 0) {
      Thread.sleep(10);
    }
    assertEquals(0, inSlot.get(), "a decode is still in the slot after a minute");
    assertEquals(2, millis.size(), "both images decoded: " + out);
    return millis.get(1);
  }

  /**
   * An RGB PNG whose every row uses the Paeth filter, which ImageIO undoes byte by byte in Java:
   * hundreds of milliseconds to decode whatever the thumbnail size.
   */
  private static byte[] slowPng(int w, int h) throws java.io.IOException {
    java.io.ByteArrayOutputStream idat = new java.io.ByteArrayOutputStream();
    try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(idat,
        new java.util.zip.Deflater(1))) {
      byte[] row = new byte[1 + 3 * w];
      row[0] = 4;
      for (int y = 0; y < h; y++) {
        for (int i = 1; i < row.length; i++) {
          row[i] = (byte) (i * 7 + y * 13 + (i * y >> 5));
        }
        z.write(row);
      }
    }
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(w).putInt(h)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(png, "IHDR", ihdr.array());
    chunk(png, "IDAT", idat.toByteArray());
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  private static void chunk(java.io.ByteArrayOutputStream png, String type, byte[] data)
      throws java.io.IOException {
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(t);
    crc.update(data);
    png.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
    png.write(t);
    png.write(data);
    png.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** Counts the test decodes running at once, abandoned ones included, until they leave. */
  private static final class Decodes {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();

    /** Works {@code millis} in the slot, ignoring interrupts, then leaves it. */
    ThumbResult spin(InputTask.CpuSlot slot, Source source, long millis) {
      return work(slot, source, () -> busy(millis));
    }

    /**
     * Stays in the slot until {@code stop}, ignoring interrupts as a stuck native call does, then
     * leaves it. It waits instead of spinning: two spinning threads would take both cores of a
     * 2-core machine, and the images behind them would miss their budgets for want of a CPU.
     */
    ThumbResult spinUntil(InputTask.CpuSlot slot, Source source, AtomicBoolean stop) {
      return work(slot, source, () -> {
        boolean interrupted = false;
        while (!stop.get()) {
          interrupted |= Thread.interrupted(); // else parkNanos returns at once, every time
          LockSupport.parkNanos(1_000_000L);
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      });
    }

    private ThumbResult work(InputTask.CpuSlot slot, Source source, Runnable work) {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        work.run();
      } finally {
        running.decrementAndGet();
        slot.exit();
      }
      return ok(source);
    }
  }

  private static List<String> urls() {
    List<String> paths = new ArrayList<>(List.of("/slow.jpg"));
    for (int i = 0; i < 12; i++) {
      paths.add("/fast-" + i + ".jpg");
    }
    return paths;
  }
}
