package io.github.sparkthumbs.job;

import io.github.sparkthumbs.fetch.UrlFetcher;
import io.github.sparkthumbs.image.Thumbnailer;
import io.github.sparkthumbs.output.OutputStore;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.InputFailure;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Source;
import io.github.sparkthumbs.source.SourceReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;

/**
 * Runs the per-image function over one partition's sources, outside Spark's API so it can be
 * tested alone. Each image runs on a worker thread under the per-image time budget: a decoder that
 * hangs or spins is abandoned (interrupted, its thread left to die) and the partition moves on.
 * Up to {@code window} images are in flight: 1 for files (Spark's cores are the parallelism),
 * {@code --fetch-concurrency} when the partition holds URLs, whose time is spent waiting. The
 * URLs share one {@link UrlFetcher} (one connection pool, one per-host limit) per runner; a URL's
 * budget is its fetch deadline plus the time budget, so the fetch deadline fires first.
 *
 * <p>Whatever the window, one image at a time does its CPU work (decode, scale, encode: the
 * runner's {@link InputTask.CpuSlot}): URLs wait for their servers together, but a task has one
 * core, and 16 decodes at once on it only multiplied the decoded pixels held in memory. The slot
 * lends the image core with it (a {@link Thumbnailer}: encoders, libjpeg-turbo's handles and
 * native buffers), so a task's decode memory is one image's and its codecs one set, however many
 * threads fetch. One core per fetching thread had cost 2000 web-size URLs at {@code local[2]} 57
 * young collections instead of 33, and 14% of their wall time (docs/speed-vs-pil.md). An image's
 * time budget runs from when it gets the slot: waiting behind other images' work is not its own.
 *
 * <p>An image abandoned inside the slot hands it on, but its decode still counts against the
 * task slot's {@link DecodeLane} until its thread returns: at most {@link DecodeLane#DECODES}
 * decodes run per task slot, abandoned ones included. An image that gets the slot while they are
 * all taken waits for one of them to return within its own time budget (and is abandoned at it
 * like any other), so a decode that never returns holds up no partition for longer than that.
 */
public final class PartitionRunner implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Settings settings;
  /**
   * Shared by the worker threads, closed with the runner; made when the first URL needs it (a
   * client's set-up was the costliest step of starting a partition of files, which needs none).
   */
  private UrlFetcher fetcher;
  private boolean closed;
  /** The per-input function, shared by the worker threads. */
  private final Function<Source, ThumbResult> perImage;
  /** In the shard layouts, the encoded thumbnails of ok inputs by source, until taken. */
  private final Map<String, List<byte[]>> kept = new ConcurrentHashMap<>();
  /** The one CPU slot of this runner's images. */
  private final Semaphore cpu = new Semaphore(1);
  /** The image a worker thread is running, for the slot to find its deadline. */
  private final ThreadLocal<InFlight> current = new ThreadLocal<>();
  private final Slot slot;
  /** The task slot's decodes, taken from {@code lanes} and given back at {@link #close}. */
  private final DecodeLane lane;
  private final DecodeLane.Pool lanes;

  /**
   * @param settings with the output already qualified on the driver
   * @throws IOException when the output's file system cannot be opened
   */
  public PartitionRunner(Settings settings, Configuration conf) throws IOException {
    this(settings, new OutputStore(settings.output(), conf), new SourceReader(conf));
  }

  private PartitionRunner(Settings settings, OutputStore store, SourceReader reader) {
    this.settings = settings;
    this.lanes = DecodeLane.EXECUTOR;
    this.lane = lanes.take();
    this.slot = new Slot();
    this.perImage = new InputTask(settings, store, reader, this::fetcher, kept, slot)::process;
  }

  /** With another per-image function: tests use one that hangs. */
  PartitionRunner(Settings settings, Supplier<Function<Source, ThumbResult>> perImage) {
    this(settings, slot -> perImage.get());
  }

  /** With another per-image function that is given the runner's CPU slot, in a lane of its own. */
  PartitionRunner(Settings settings,
      Function<InputTask.CpuSlot, Function<Source, ThumbResult>> perImage) {
    this(settings, new DecodeLane.Pool(), perImage);
  }

  /** With another per-image function, and a lane from {@code lanes} (tests). */
  PartitionRunner(Settings settings, DecodeLane.Pool lanes,
      Function<InputTask.CpuSlot, Function<Source, ThumbResult>> perImage) {
    this.settings = settings;
    this.lanes = lanes;
    this.lane = lanes.take();
    this.slot = new Slot();
    this.perImage = perImage.apply(slot);
  }

  /** The runner's one fetcher (one connection pool, one per-host limit), made on first use. */
  synchronized UrlFetcher fetcher() {
    if (closed) { // only a thread abandoned at its time budget: its timeout is already recorded
      throw new IllegalStateException("the partition's fetcher is closed");
    }
    if (fetcher == null) {
      fetcher = new UrlFetcher(settings.fetch(), settings.maxSourceBytes());
    }
    return fetcher;
  }

  /**
   * In the shard layouts, the thumbnails of an input whose result is ok, once; null otherwise (an
   * input abandoned at its time budget may have left some: its result is not ok).
   */
  List<byte[]> takeThumbnails(String source) {
    return kept.remove(source);
  }

  /** One result per source, in order. */
  public List<ThumbResult> run(List<Source> sources) {
    return run(sources, r -> { });
  }

  /**
   * One result per source, in order, each stamped with the time it finished; {@code onEach} sees
   * each as it finishes (for the driver's progress lines), on the calling thread.
   */
  public List<ThumbResult> run(List<Source> sources, Consumer<ThumbResult> onEach) {
    int window = sources.stream().anyMatch(Source::isUrl) ? settings.fetch().concurrency() : 1;
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "thumbnailer-" + THREADS.incrementAndGet());
      t.setDaemon(true); // an abandoned decoder must not keep the executor JVM alive
      return t;
    });
    Batch batch = new Batch(sources, pool);
    try {
      for (int w = 0; w < Math.min(window, sources.size()); w++) {
        pool.execute(batch::work);
      }
      batch.supervise(onEach);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // Spark is killing the task: let it
      throw new IllegalStateException("interrupted while thumbnailing", e);
    } finally {
      batch.next.set(sources.size()); // no worker takes another image
      pool.shutdownNow();
    }
    return Arrays.asList(batch.results);
  }

  /**
   * One call of {@link #run}. Its worker threads take the next source as soon as they finish one
   * (one slow URL leaves no other worker idle behind it), and the calling thread only supervises:
   * it records what finished, a batch at a time, and abandons (interrupts, leaves to die) what ran
   * out of time, starting a worker in its place. Handing each image to a worker and back cost two
   * cross-thread wake-ups per image: 110-230 us of a 2 ms image on this machine's 2 cores.
   */
  private final class Batch {
    /** How long the supervisor sleeps at most between looks at what finished. */
    private static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    final List<Source> sources;
    final ThumbResult[] results;
    /** The index of the next source a worker takes. */
    final AtomicInteger next = new AtomicInteger();
    private final ExecutorService pool;
    private final Thread supervisor = Thread.currentThread();
    /** The images the workers are on, for their deadlines. */
    private final Set<InFlight> running = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<InFlight> finished = new LinkedBlockingQueue<>();

    Batch(List<Source> sources, ExecutorService pool) {
      this.sources = sources;
      this.results = new ThumbResult[sources.size()];
      this.pool = pool;
    }

    /** A worker: images until none are left, or until the one it is on is abandoned. */
    void work() {
      for (int i = next.getAndIncrement(); i < sources.size(); i = next.getAndIncrement()) {
        InFlight f = new InFlight(i, sources.get(i), this);
        running.add(f);
        f.run();
        running.remove(f);
        if (f.isCancelled()) {
          return; // abandoned: the supervisor recorded it, and started a worker in its place
        }
        f.finishedMillis = System.currentTimeMillis();
        finished.add(f);
      }
      wake(); // its last image may be the run's last
    }

    /** Lets the supervisor look now: a worker is done, or an image's deadline came closer. */
    void wake() {
      LockSupport.unpark(supervisor);
    }

    /** Until every source has a result. */
    void supervise(Consumer<ThumbResult> onEach) throws InterruptedException {
      int recorded = 0;
      while (recorded < results.length) {
        for (InFlight f = finished.poll(); f != null; f = finished.poll()) {
          results[f.index] = resultOf(f).withFinished(f.finishedMillis);
          onEach.accept(results[f.index]);
          recorded++;
        }
        long now = System.nanoTime();
        long sleep = LOOK_NANOS;
        for (InFlight f : running) {
          if (now - f.deadlineNanos < 0) {
            sleep = Math.min(sleep, f.deadlineNanos - now);
          } else if (f.cancel(true)) { // else it has just finished: it is on its way
            running.remove(f); // its thread may never come back to say so
            results[f.index] = abandoned(f);
            onEach.accept(results[f.index]);
            recorded++;
            if (next.get() < sources.size()) {
              pool.execute(this::work);
            }
          }
        }
        if (recorded < results.length && finished.isEmpty()) {
          LockSupport.parkNanos(this, sleep);
        }
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
    }

    /**
     * The timeout of an image that ran out of time; its slot goes to the next image, but not its
     * decode, which counts against the lane until its thread returns ({@link Slot#exit}).
     */
    private ThumbResult abandoned(InFlight f) {
      int state = f.slotState.getAndSet(ABANDONED);
      boolean working = state == HOLDS_SLOT || state == WAITS_FOR_DECODE;
      if (working) { // even if the abandoned work never ends
        cpu.release();
      }
      boolean fetchToo = f.source.isUrl() && !working;
      long budget = fetchToo ? budgetMillis(f.source) : settings.timeBudgetMillis();
      String why = f.source.uri() + ": abandoned after " + budget + " ms ("
          + (fetchToo ? "--fetch-deadline + " : "") + "--time-budget)";
      if (state == WAITS_FOR_DECODE) {
        why += " waiting to decode: the task slot's " + DecodeLane.DECODES + " decodes were"
            + " taken by decodes abandoned at their time budget that had not returned "
            + lane.holders;
      }
      return ThumbResult.failed(f.source.uri(), f.source.bytes(),
          new InputFailure(ErrorClass.TIMEOUT, why))
          .withMillis(budget).withFinished(System.currentTimeMillis());
    }
  }

  private ThumbResult resultOf(InFlight f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      // process() turns input problems into results; what escapes is ours (e.g. no output dir).
      return ThumbResult.failed(f.source.uri(), f.source.bytes(), new InputFailure(
          ErrorClass.INTERNAL, f.source.uri() + ": " + e.getCause(), e.getCause()));
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) { // its abandoned decodes still count: the next task of the slot takes it so
      lanes.giveBack(lane);
    }
    closed = true;
    slot.close();
    if (fetcher != null) {
      fetcher.close();
    }
  }

  /** The outer guard: the fetch deadline is the inner one for URLs, so it is added on top. */
  private long budgetMillis(Source s) {
    return settings.timeBudgetMillis() + (s.isUrl() ? settings.fetch().deadlineMillis() : 0);
  }

  private static final int NO_SLOT = 0;
  /** In the slot, waiting for a decode of the lane (its time budget runs). */
  private static final int WAITS_FOR_DECODE = 1;
  /** In the slot, with a decode of the lane. */
  private static final int HOLDS_SLOT = 2;
  private static final int ABANDONED = 3;
  /** A deadline far enough away to mean none, and safe from overflow in {@code now - d}. */
  private static final long NEVER = Long.MAX_VALUE / 4;

  /**
   * The CPU slot as the images' threads see it, and the image core it lends with it. Waiting for
   * it suspends the image's deadline; once in, the image has its time budget, and with it waits
   * for a decode of the lane if abandoned ones hold them all. An image abandoned while it waits
   * for the slot, or before it could say it got it, hands the slot straight back; one abandoned
   * inside it has its slot released by the supervisor ({@link Batch#supervise}), so a decode that
   * never returns holds up the images after it for no more than their budgets, but keeps its
   * decode of the lane until it returns. Such an image keeps the core it was lent (its thread may
   * still be in it), and the next image gets a new one.
   */
  private final class Slot implements InputTask.CpuSlot {
    /** The core between images (null: none made yet, or lent); guarded by this. */
    private Thumbnailer idle;
    private boolean closed;

    @Override
    public Thumbnailer enter() throws InterruptedException {
      InFlight f = image();
      long before = f.deadlineNanos;
      if (!cpu.tryAcquire()) {
        before = System.nanoTime() + NEVER; // waiting is not the image's own time
        f.deadlineNanos = before;
        cpu.acquire();
      }
      Thumbnailer core = takeIdle();
      if (core == null) { // the task's first image: making the core is not the image's time
        before = System.nanoTime() + NEVER;
        f.deadlineNanos = before;
        core = new Thumbnailer(settings);
      }
      if (!f.slotState.compareAndSet(NO_SLOT, WAITS_FOR_DECODE)) {
        giveBack(core);
        cpu.release(); // abandoned while it waited
        throw new InterruptedException("abandoned while waiting for the CPU slot");
      }
      f.lent = core;
      long deadline = System.nanoTime()
          + TimeUnit.MILLISECONDS.toNanos(settings.timeBudgetMillis());
      f.deadlineNanos = deadline;
      if (deadline - before < 0) {
        // The supervisor may be asleep until the old deadline (none, while this image waited; a
        // URL's fetch deadline): wake it to look at this one. A deadline that moved later it
        // finds when it wakes at the old one, and then sleeps on; not waking it saves a
        // cross-thread wake-up per file, a cost the profiles in docs/speed-vs-pil.md showed.
        f.batch.wake();
      }
      try {
        // Only abandoned decodes can hold the lane's decodes now: this is the task's live image.
        f.hold = lane.acquire(f.source.uri(), settings.timeBudgetMillis());
      } catch (InterruptedException e) {
        exit();
        throw e;
      }
      if (!f.slotState.compareAndSet(WAITS_FOR_DECODE, HOLDS_SLOT)) {
        exit();
        throw new InterruptedException("abandoned while waiting to decode");
      }
      return core;
    }

    /** Also when the image was abandoned: only now does its decode leave the lane. */
    @Override
    public void exit() {
      InFlight f = image();
      Thumbnailer core = f.lent;
      f.lent = null;
      if (f.hold != null) {
        lane.release(f.hold);
        f.hold = null;
      }
      if (f.slotState.compareAndSet(HOLDS_SLOT, NO_SLOT)
          || f.slotState.compareAndSet(WAITS_FOR_DECODE, NO_SLOT)) {
        giveBack(core);
        cpu.release();
      } else { // abandoned inside: the supervisor has let the next image in, with another core
        core.close();
      }
    }

    private InFlight image() {
      InFlight f = current.get();
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

  /** One image on a worker thread; reports itself to {@code finished} when done or cancelled. */
  private final class InFlight extends FutureTask<ThumbResult> {
    final int index;
    final Source source;
    /** Moved by the CPU slot (written by the image's thread, read by the supervisor). */
    volatile long deadlineNanos;
    /** {@link #NO_SLOT}, {@link #WAITS_FOR_DECODE}, {@link #HOLDS_SLOT} or {@link #ABANDONED}. */
    final AtomicInteger slotState = new AtomicInteger(NO_SLOT);
    /** The core the CPU slot lent it (its own thread's business). */
    Thumbnailer lent;
    /** Its share of the lane's decodes while it holds one (its own thread's business). */
    DecodeLane.Hold hold;
    /** When it finished (set by its worker before the supervisor sees it). */
    long finishedMillis;
    /** The run it belongs to (whose supervisor watches its deadline). */
    private final Batch batch;

    InFlight(int index, Source source, Batch batch) {
      super(() -> perImage.apply(source));
      this.index = index;
      this.source = source;
      this.deadlineNanos = System.nanoTime()
          + TimeUnit.MILLISECONDS.toNanos(budgetMillis(source));
      this.batch = batch;
    }

    @Override
    public void run() {
      current.set(this);
      try {
        super.run();
      } finally {
        current.remove();
      }
    }

  }
}
