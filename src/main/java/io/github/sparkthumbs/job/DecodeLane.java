package io.github.sparkthumbs.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * The decodes one Spark task slot may have running: at most {@link #DECODES} at once, counting a
 * decode abandoned at its time budget until its thread really returns. A native decode
 * (libheif, libjpeg-turbo) cannot be stopped; were the slot given to the next image at
 * abandonment, slow images would all decode at once (12 slow 12-megapixel HEICs at
 * {@code --time-budget 100} and {@code local[2]}: 1.8 GB resident for a 1 GB heap, against 0.4
 * GB with this bound). So one live decode runs beside at most one abandoned one; the image after
 * two abandoned ones waits for one of them to return, within its own time budget (a decode that
 * never returns then costs each later image of the lane its budget and a timeout, but never
 * hangs the task).
 *
 * <p>A lane outlives the task that used it: a task ends with its abandoned decodes still running,
 * and the next task of the slot must count them. {@link Pool#take} hands a starting task an idle
 * lane, the one with the most free decodes, and makes a new lane only when every lane is in use;
 * so an executor has no more lanes than it ran tasks at once, and at most {@link #DECODES} times
 * that many decodes.
 */
final class DecodeLane {
  /** One live decode and one abandoned one that has not returned yet. */
  static final int DECODES = 2;

  /** The executor JVM's lanes. */
  static final Pool EXECUTOR = new Pool();

  final Semaphore decodes = new Semaphore(DECODES);
  /**
   * The sources whose decodes hold {@link #decodes}: for an image that waits, those abandoned
   * that have not returned (its own task lets one image at a time decode).
   */
  final Queue<String> holders = new ConcurrentLinkedQueue<>();

  /** Lanes not in use by a task. */
  static final class Pool {
    private final List<DecodeLane> idle = new ArrayList<>();

    /** An idle lane, the one with the most free decodes, or a new one when none is idle. */
    synchronized DecodeLane take() {
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

    synchronized void giveBack(DecodeLane lane) {
      idle.add(lane);
    }

    /** How many lanes the pool has made that are idle now (tests). */
    synchronized int idle() {
      return idle.size();
    }
  }
}
