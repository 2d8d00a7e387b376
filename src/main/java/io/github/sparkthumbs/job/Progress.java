package io.github.sparkthumbs.job;

import io.github.sparkthumbs.result.ThumbResult;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;

/**
 * The driver's progress line every N seconds ({@code --progress-interval}): inputs done
 * of the listed total, ok/failed/skipped so far, images/s and the time left. Printed to the
 * driver's output, so it is in the driver log also in cluster deploy mode, where nobody sees
 * Spark's console progress bar.
 *
 * <p>How it counts, and why: the tasks add each result to three named accumulators
 * ({@link Counters}), used for this line only. Spark reports a running task's accumulator values
 * in its executor's heartbeats and a finished task's in its task-end event; a {@link SparkListener}
 * on the driver keeps the finished tasks' sum and the latest heartbeat of each running task, so
 * the line moves while long tasks run (a task of 20,000 inputs takes minutes), and what it holds
 * is bounded by the tasks running at once. Accumulators may count an input twice when a stage is
 * recomputed, so the numbers here are a progress estimate (capped at the total) and never the
 * final word: the summary is reduced from the results themselves ({@link Summary}).
 */
final class Progress implements AutoCloseable {
  /** What the tasks add to: one count per finished input, by status. */
  static final class Counters implements Serializable {
    final LongAccumulator ok;
    final LongAccumulator failed;
    final LongAccumulator skipped;

    Counters(SparkContext sc) {
      // Named: Spark reports only named accumulators in task-end events.
      ok = sc.longAccumulator("thumbnailer progress ok");
      failed = sc.longAccumulator("thumbnailer progress failed");
      skipped = sc.longAccumulator("thumbnailer progress skipped");
    }

    void count(ThumbResult r) {
      switch (r.status()) {
        case OK -> ok.add(1);
        case FAILED -> failed.add(1);
        case SKIPPED -> skipped.add(1);
      }
    }
  }

  private final SparkContext sc;
  private final long total;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final long[] ids;
  private final Listener listener = new Listener();
  private final ScheduledExecutorService timer;
  final Counters counters;

  private Progress(SparkContext sc, long total, int seconds, PrintStream out) {
    this.sc = sc;
    this.total = total;
    this.out = out;
    this.counters = new Counters(sc);
    this.ids = new long[] {counters.ok.id(), counters.failed.id(), counters.skipped.id()};
    sc.addSparkListener(listener);
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "thumbnailer-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(() -> out.println(line()), seconds, seconds, TimeUnit.SECONDS);
  }

  /** Progress lines every {@code seconds}, or null when 0 (then the tasks count nothing). */
  static Progress start(SparkContext sc, long total, int seconds, PrintStream out) {
    return seconds > 0 ? new Progress(sc, total, seconds, out) : null;
  }

  /** The line as it stands now. */
  String line() {
    long[] n = listener.counts();
    long done = Math.min(total, n[0] + n[1] + n[2]);
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    double rate = elapsed > 0 ? done / elapsed : 0;
    return String.format(Locale.ROOT,
        "progress: %d of %d inputs (%d%%): ok=%d failed=%d skipped=%d, %.1f images/s, %s",
        done, total, total > 0 ? done * 100 / total : 100, n[0], n[1], n[2],
        elapsed > 0 ? n[0] / elapsed : 0.0,
        done >= total ? "done" : rate > 0 ? "about " + duration((total - done) / rate) + " left"
            : "time left unknown");
  }

  /** {@code 45 s}, {@code 3 min 20 s}, {@code 2 h 05 min}. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    sc.removeSparkListener(listener);
  }

  /** Fed by Spark's listener bus (one thread); read by the timer. */
  private final class Listener extends SparkListener {
    private final long[] finished = new long[3];
    /** Running tasks' latest heartbeat values: as many entries as tasks run at once. */
    private final Map<Long, long[]> running = new HashMap<>();

    synchronized long[] counts() {
      long[] n = finished.clone();
      for (long[] r : running.values()) {
        for (int k = 0; k < 3; k++) {
          n[k] += r[k];
        }
      }
      return n;
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart e) {
      running.put(e.taskInfo().taskId(), new long[3]);
    }

    @Override
    public synchronized void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate e) {
      scala.collection.Iterator<Tuple4<Object, Object, Object,
          scala.collection.immutable.Seq<AccumulableInfo>>> it = e.accumUpdates().iterator();
      while (it.hasNext()) {
        var t = it.next();
        long[] values = running.get((Long) t._1());
        // A heartbeat that arrives after its task's end event is stale: that task is counted.
        if (values != null) {
          read(t._4(), values, false);
        }
      }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
      running.remove(e.taskInfo().taskId());
      if (e.reason() == Success$.MODULE$) {
        read(e.taskInfo().accumulables(), finished, true);
      }
    }

    private void read(scala.collection.Seq<AccumulableInfo> infos, long[] into, boolean add) {
      scala.collection.Iterator<AccumulableInfo> it = infos.iterator();
      while (it.hasNext()) {
        AccumulableInfo info = it.next();
        for (int k = 0; k < 3; k++) {
          if (info.id() == ids[k] && info.update().isDefined()) {
            long v = ((Number) info.update().get()).longValue();
            into[k] = add ? into[k] + v : v;
          }
        }
      }
    }
  }
}
