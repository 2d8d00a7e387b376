package io.github.sparkthumbs.job;

import io.github.sparkthumbs.result.Image;
import io.github.sparkthumbs.result.Input;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Source;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * {@code RunnerOverheadBench IMAGES MICROS TASKS}: what the {@link PartitionRunner}
 * itself costs per image. TASKS runners at once (one per core, as Spark's tasks), each over IMAGES
 * files whose per-image function spins MICROS in the CPU slot; prints the wall time beyond
 * IMAGES x MICROS per image. Run it as the launcher runs the job: {@code -XX:TieredStopAtLevel=1}.
 */
public final class RunnerOverheadBench {
  private RunnerOverheadBench() {}

  public static void main(String[] args) throws InterruptedException {
    int images = Integer.parseInt(args[0]);
    long micros = Long.parseLong(args[1]);
    int tasks = Integer.parseInt(args[2]);
    Settings s = Settings.builder().output("/unused").build();
    List<Source> in = IntStream.range(0, images)
        .mapToObj(i -> new Source("file:/in/i" + i + ".jpg", "i" + i + ".jpg", 10, 0)).toList();
    for (int round = 0; round <= 3; round++) { // round 0 warms up
      Thread[] threads = new Thread[tasks];
      long t0 = System.nanoTime();
      for (int t = 0; t < tasks; t++) {
        threads[t] = new Thread(() -> runner(s, micros).run(in));
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
      double wallMicros = (System.nanoTime() - t0) / 1e3;
      if (round > 0) {
        System.out.printf(Locale.ROOT, "round %d: %d tasks x %d images of %d us: %.0f ms, %.1f us"
            + " per image beyond the work%n", round, tasks, images, micros, wallMicros / 1e3,
            wallMicros / images - micros);
      }
    }
  }

  private static PartitionRunner runner(Settings s, long micros) {
    return new PartitionRunner(s, slot -> (Function<Source, ThumbResult>) src -> {
      try {
        slot.enter();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      try {
        long end = System.nanoTime() + micros * 1000;
        while (System.nanoTime() < end) {
          Thread.onSpinWait();
        }
      } finally {
        slot.exit();
      }
      return ThumbResult.ok(new Input(src.uri(), 10, null), List.of("file:/out/" + src.stem()),
          new Image(1, 1, "jpeg", null, null, null, null));
    });
  }
}
