package io.github.sparkthumbs.fetch;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The bytes of response bodies one JVM holds at once, all fetchers and tasks together. Each task
 * may have {@code --fetch-concurrency} bodies of up to {@code --max-bytes} in flight and an
 * executor runs several tasks: 16 x 64 MiB per task would exhaust a heap long before the CPU is
 * busy. Bodies take their bytes from here first, and wait when there are none.
 *
 * <p>A body reserves its whole size before it holds a byte (its Content-Length, or the byte limit
 * when the length is unknown) and never asks again, so no one waits while holding a reservation:
 * the holders are bodies being read or decoded, which finish or fail by their deadline and give
 * their bytes back, and the waiters (in arrival order, so that small bodies do not starve a big
 * one) get them. Partial bodies each waiting for more, a deadlock, cannot happen.
 */
final class BodyBudget {
  /**
   * Bodies get a quarter of the heap. What a body turns into needs the rest: the decoded pixels
   * (up to --max-pixels x 4 bytes per image in decode), the scaled copies, the encoded thumbnails
   * and Spark's own structures. Bodies are the one part a remote server sizes, so they get a
   * bounded minority: with the default 64 MiB --max-bytes a 1 GiB heap holds 4 at once, 4 GiB 16.
   */
  static final int HEAP_FRACTION = 4;

  /** The budget of this JVM: shared by every fetcher, static because tasks share the heap. */
  static final BodyBudget JVM = new BodyBudget(Runtime.getRuntime().maxMemory() / HEAP_FRACTION);

  private final long capacity;
  /** Guarded by this. */
  private long reserved;
  /** The waiters in arrival order; only the first may take. Guarded by this. */
  private final ArrayDeque<Object> queue = new ArrayDeque<>();

  BodyBudget(long capacity) {
    this.capacity = capacity;
  }

  long capacity() {
    return capacity;
  }

  synchronized long reserved() {
    return reserved;
  }

  /**
   * Reserves {@code bytes}, waiting until they are free or {@code deadlineNanos} passes. A body
   * larger than the whole budget reserves all of it: it runs alone, as if there were no budget.
   *
   * @return the reservation, or null when the deadline passed first
   */
  Reservation reserve(long bytes, long deadlineNanos) throws InterruptedException {
    long want = Math.min(Math.max(bytes, 0), capacity);
    Object me = new Object();
    synchronized (this) {
      queue.addLast(me);
      try {
        while (queue.peekFirst() != me || reserved + want > capacity) {
          long left = deadlineNanos - System.nanoTime();
          if (left <= 0) {
            return null;
          }
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        reserved += want;
        return new Reservation(want);
      } finally {
        queue.remove(me);
        notifyAll(); // the next in line may fit now
      }
    }
  }

  /** Bytes held by one body; closing gives them back (more than once is harmless). */
  final class Reservation implements AutoCloseable {
    /** Guarded by the budget. */
    private long bytes;

    private Reservation(long bytes) {
      this.bytes = bytes;
    }

    /** Gives back what a body did not need once its size is known. */
    void shrinkTo(long size) {
      synchronized (BodyBudget.this) {
        long keep = Math.max(0, Math.min(size, bytes));
        reserved -= bytes - keep;
        bytes = keep;
        BodyBudget.this.notifyAll();
      }
    }

    @Override
    public void close() {
      shrinkTo(0);
    }
  }
}
