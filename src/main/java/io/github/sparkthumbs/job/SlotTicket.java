package io.github.sparkthumbs.job;

import io.github.sparkthumbs.image.Thumbnailer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One image's standing with its runner's {@link RunnerSlot}: its deadline, which the slot moves,
 * and whether it waits for, holds or was abandoned in the slot. Written by the image's thread and
 * read by the runner's supervisor, which abandons it at its deadline.
 */
final class SlotTicket {
  static final int NO_SLOT = 0;
  /** In the slot, waiting for a decode of the lane (its time budget runs). */
  static final int WAITS_FOR_DECODE = 1;
  /** In the slot, with a decode of the lane. */
  static final int HOLDS_SLOT = 2;
  static final int ABANDONED = 3;
  /** A deadline far enough away to mean none, and safe from overflow in {@code now - d}. */
  static final long NEVER = Long.MAX_VALUE / 4;

  /** The input, for the messages. */
  final String uri;
  /** Moved by the CPU slot (written by the image's thread, read by the supervisor). */
  volatile long deadlineNanos;
  /** {@link #NO_SLOT}, {@link #WAITS_FOR_DECODE}, {@link #HOLDS_SLOT} or {@link #ABANDONED}. */
  final AtomicInteger state = new AtomicInteger(NO_SLOT);
  /** The core the CPU slot lent it (its own thread's business). */
  Thumbnailer lent;
  /** Its share of the lane's decodes while it holds one (its own thread's business). */
  DecodeLane.Hold hold;
  /** Lets the supervisor look at this deadline now (it may sleep until an older one). */
  private final Runnable wake;

  SlotTicket(String uri, long budgetMillis, Runnable wake) {
    this.uri = uri;
    this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
    this.wake = wake;
  }

  void wake() {
    wake.run();
  }
}
