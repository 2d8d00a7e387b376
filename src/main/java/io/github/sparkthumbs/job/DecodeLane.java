package io.github.sparkthumbs.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The decodes one Spark task slot may have running: at most {@link #DECODES} at once, counting a
 * decode abandoned at its time budget until its thread really returns. A native decode
 * (libheif, libjpeg-turbo) cannot be stopped; were the slot given to the next image at
 * abandonment, slow images would all decode at once (12 slow 12-megapixel HEICs at
 * {@code --time-budget 100} and {@code local[2]}: 1.8 GB resident for a 1 GB heap, against 0.4
 * GB with this bound). So one live decode runs beside at most one abandoned one; the image after
 * two abandoned ones waits for one of them to return, within its own time budget.
 *
 * <p>A decode that never returns (a native decoder in an endless loop) would hold its share for
 * good and fail every later image of the lane after its budget. So a decode still running
 * {@link #STUCK_AFTER_BUDGETS} times its image's budget (and at least {@link #STUCK_FLOOR_MILLIS})
 * after it started is written off: it no
 * longer counts, and its thread and memory are lost until it returns (counted in
 * {@link #WRITTEN_OFF} and logged). Such a pair costs the images after it at most that many
 * budgets' worth of timeouts, and the bound is then 2 decodes per slot plus the written-off ones.
 *
 * <p>A lane outlives the task that used it: a task ends with its abandoned decodes still running,
 * and the next task of the slot must count them. {@link Pool#take} hands a starting task an idle
 * lane, the one with the most free decodes, and makes a new lane only when every lane is in use;
 * so an executor has no more lanes than it ran tasks at once, and at most {@link #DECODES} times
 * that many decodes.
 *
 * <p>The SQL functions share {@link #EXECUTOR} with the job: a row's decode takes a lane for the
 * call, so that an executor running queries has the same bound.
 */
public final class DecodeLane {
  /** One live decode and one abandoned one that has not returned yet. */
  public static final int DECODES = 2;

  /** The executor JVM's lanes. */
  public static final Pool EXECUTOR = new Pool();

  /**
   * How many budgets an abandoned decode may run before it is written off as stuck: a slow decode
   * that returns within them keeps counting (at the default budget of 30 s, 20 budgets are ten
   * minutes; a stuck pair fails at most about 20 later images of its slot, one budget each).
   */
  static final int STUCK_AFTER_BUDGETS = 20;

  /**
   * The least time before a decode is written off: at a small budget, 20 budgets are shorter than
   * a slow decode that does return (a 12 MP HEIC takes 2-3 s here), and writing those off would
   * let them pile up again. At a 100 ms budget a stuck pair then fails about 100 later images.
   */
  static final long STUCK_FLOOR_MILLIS = 10_000;

  /** Decodes written off as stuck in this JVM, whose threads may still be running. */
  static final AtomicLong WRITTEN_OFF = new AtomicLong();

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DecodeLane.class);

  final Semaphore decodes = new Semaphore(DECODES);
  /**
   * The decodes that hold {@link #decodes}: for an image that waits, those abandoned that have not
   * returned (its own task lets one image at a time decode).
   */
  final Queue<Hold> holders = new ConcurrentLinkedQueue<>();

  /** One decode's share of the lane, given back once: when it returns, or when written off. */
  public static final class Hold {
    final String source;
    final long sinceNanos = System.nanoTime();
    final long stuckAfterNanos;
    private final AtomicBoolean counted = new AtomicBoolean(true);

    Hold(String source, long budgetMillis) {
      this.source = source;
      long budget = TimeUnit.MILLISECONDS.toNanos(budgetMillis); // saturates at Long.MAX_VALUE
      this.stuckAfterNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(STUCK_FLOOR_MILLIS),
          budget > Long.MAX_VALUE / STUCK_AFTER_BUDGETS ? Long.MAX_VALUE
              : budget * STUCK_AFTER_BUDGETS);
    }

    @Override
    public String toString() {
      return source;
    }
  }

  /**
   * Waits for a decode of the lane, writing off holders that have run past
   * {@link #STUCK_AFTER_BUDGETS} budgets; the caller's time budget ends the wait by interrupting
   * it.
   */
  public Hold acquire(String source, long budgetMillis) throws InterruptedException {
    while (!decodes.tryAcquire(100, TimeUnit.MILLISECONDS)) {
      long now = System.nanoTime();
      for (Hold h : holders) {
        if (now - h.sinceNanos > h.stuckAfterNanos && give(h)) {
          WRITTEN_OFF.incrementAndGet();
          LOG.warn("{}: its decode has run {} s, past {} times its time budget and {} s; written"
              + " off as stuck (its thread and memory stay taken until it returns)", h.source,
              (now - h.sinceNanos) / 1_000_000_000L, STUCK_AFTER_BUDGETS,
              STUCK_FLOOR_MILLIS / 1000);
        }
      }
    }
    Hold h = new Hold(source, budgetMillis);
    holders.add(h);
    return h;
  }

  /** The decodes abandoned at their time budget that still hold this lane (for messages). */
  public String holding() {
    return holders.toString();
  }

  /** The decode of {@code h} has returned. */
  public void release(Hold h) {
    give(h);
  }

  private boolean give(Hold h) {
    if (!h.counted.compareAndSet(true, false)) {
      return false;
    }
    holders.remove(h);
    decodes.release();
    return true;
  }

  /** Lanes not in use by a task. */
  public static final class Pool {
    private final List<DecodeLane> idle = new ArrayList<>();

    /** An idle lane, the one with the most free decodes, or a new one when none is idle. */
    public synchronized DecodeLane take() {
      DecodeLane best = null;
      for (DecodeLane l : idle) {
        if (best == null || l.decodes.availablePermits() > best.decodes.availablePermits()) {
          best = l;
        }
      }
      if (best == null) {
        return new DecodeLane();
      }
      idle.remove(best);
      return best;
    }

    public synchronized void giveBack(DecodeLane lane) {
      idle.add(lane);
    }

    /** How many lanes the pool has made that are idle now (tests). */
    public synchronized int idle() {
      return idle.size();
    }
  }
}
