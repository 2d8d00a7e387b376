package io.github.sparkthumbs.job;

import io.github.sparkthumbs.image.Thumbnailer;
import io.github.sparkthumbs.settings.Settings;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A {@link PartitionRunner}'s one CPU slot as its images' threads see it, and the image core it
 * lends with it. Waiting for it suspends the image's deadline ({@link SlotTicket}); once in, the
 * image has its time budget, and with it waits for a decode of the lane if abandoned ones hold
 * them all. An image abandoned while it waits for the slot, or before it could say it got it,
 * hands the slot straight back; one abandoned inside it has its slot released by the runner's
 * supervisor ({@link #abandon}), so a decode that never returns holds up the images after it for
 * no more than their budgets, but keeps its decode of the lane until it returns. Such an image
 * keeps the core it was lent (its thread may still be in it), and the next image gets a new one.
 */
final class RunnerSlot implements InputTask.CpuSlot {
  /** The one slot of the runner's images. */
  private final Semaphore cpu = new Semaphore(1);
  /** The image a worker thread is running, for the slot to find its deadline. */
  private final ThreadLocal<SlotTicket> current = new ThreadLocal<>();
  private final Settings settings;
  /** The task slot's decodes. */
  private final DecodeLane lane;
  /** The core between images (null: none made yet, or lent); guarded by this. */
  private Thumbnailer idle;
  private boolean closed;

  /** @param settings its image core's, and the time budget */
  RunnerSlot(Settings settings, DecodeLane lane) {
    this.settings = settings;
    this.lane = lane;
  }

  /** Runs {@code image} on this thread as the image of {@code t}. */
  void run(SlotTicket t, Runnable image) {
    current.set(t);
    try {
      image.run();
    } finally {
      current.remove();
    }
  }

  /**
   * Abandons the image of {@code t} at its deadline; its slot goes to the next image, but not its
   * decode, which counts against the lane until its thread returns ({@link #exit}).
   *
   * @return where it was: {@link SlotTicket#NO_SLOT} (waiting for the slot, or before it),
   *     {@link SlotTicket#WAITS_FOR_DECODE} or {@link SlotTicket#HOLDS_SLOT}
   */
  int abandon(SlotTicket t) {
    int state = t.state.getAndSet(SlotTicket.ABANDONED);
    if (state == SlotTicket.HOLDS_SLOT || state == SlotTicket.WAITS_FOR_DECODE) {
      cpu.release(); // even if the abandoned work never ends
    }
    return state;
  }

  @Override
  public Thumbnailer enter() throws InterruptedException {
    SlotTicket f = image();
    long before = f.deadlineNanos;
    if (!cpu.tryAcquire()) {
      before = System.nanoTime() + SlotTicket.NEVER; // waiting is not the image's own time
      f.deadlineNanos = before;
      cpu.acquire();
    }
    Thumbnailer core = takeIdle();
    if (core == null) { // the task's first image: making the core is not the image's time
      before = System.nanoTime() + SlotTicket.NEVER;
      f.deadlineNanos = before;
      core = new Thumbnailer(settings.image());
    }
    if (!f.state.compareAndSet(SlotTicket.NO_SLOT, SlotTicket.WAITS_FOR_DECODE)) {
      giveBack(core);
      cpu.release(); // abandoned while it waited
      throw new InterruptedException("abandoned while waiting for the CPU slot");
    }
    f.lent = core;
    long deadline = System.nanoTime()
        + TimeUnit.MILLISECONDS.toNanos(settings.image().timeBudgetMillis());
    f.deadlineNanos = deadline;
    if (deadline - before < 0) {
      // The supervisor may be asleep until the old deadline (none, while this image waited; a
      // URL's fetch deadline): wake it to look at this one. A deadline that moved later it
      // finds when it wakes at the old one, and then sleeps on; not waking it saves a
      // cross-thread wake-up per file, a cost the profiles in docs/speed-vs-pil.md showed.
      f.wake();
    }
    try {
      // Only abandoned decodes can hold the lane's decodes now: this is the task's live image.
      f.hold = lane.acquire(f.uri, settings.image().timeBudgetMillis());
    } catch (InterruptedException e) {
      exit();
      throw e;
    }
    if (!f.state.compareAndSet(SlotTicket.WAITS_FOR_DECODE, SlotTicket.HOLDS_SLOT)) {
      exit();
      throw new InterruptedException("abandoned while waiting to decode");
    }
    return core;
  }

  /** Also when the image was abandoned: only now does its decode leave the lane. */
  @Override
  public void exit() {
    SlotTicket f = image();
    Thumbnailer core = f.lent;
    f.lent = null;
    if (f.hold != null) {
      lane.release(f.hold);
      f.hold = null;
    }
    if (f.state.compareAndSet(SlotTicket.HOLDS_SLOT, SlotTicket.NO_SLOT)
        || f.state.compareAndSet(SlotTicket.WAITS_FOR_DECODE, SlotTicket.NO_SLOT)) {
      giveBack(core);
      cpu.release();
    } else { // abandoned inside: the supervisor has let the next image in, with another core
      core.close();
    }
  }

  private SlotTicket image() {
    SlotTicket f = current.get();
    if (f == null) {
      throw new IllegalStateException("the CPU slot is for the runner's own images");
    }
    return f;
  }

  /** The core between images, taken out of the slot; null when there is none yet. */
  private synchronized Thumbnailer takeIdle() {
    Thumbnailer core = idle;
    idle = null;
    return core;
  }

  private synchronized void giveBack(Thumbnailer core) {
    if (closed) {
      core.close();
    } else {
      idle = core;
    }
  }

  synchronized void close() {
    closed = true;
    if (idle != null) {
      idle.close();
      idle = null;
    }
  }
}
