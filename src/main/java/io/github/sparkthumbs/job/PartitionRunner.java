package io.github.sparkthumbs.job;

import io.github.sparkthumbs.fetch.UrlFetcher;
import io.github.sparkthumbs.image.Thumbnailer;
import io.github.sparkthumbs.output.Outcome;
import io.github.sparkthumbs.output.Destination;
import io.github.sparkthumbs.output.OutputLayout;
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
  private final Function<Source, Outcome> perImage;
  /** The one CPU slot of this runner's images. */
  private final RunnerSlot slot;
  /** The task slot's decodes, taken from {@code lanes} and given back at {@link #close}. */
  private final DecodeLane lane;
  private final DecodeLane.Pool lanes;

  /**
   * @param destination where to write, the output qualified on the driver
   * @throws IOException when the output's file system cannot be opened
   */
  public PartitionRunner(Settings settings, Destination destination, Configuration conf)
      throws IOException {
    this(settings, alone(settings, destination), conf, 0);
  }

  /** The layout of a runner outside a whole run, which writes no manifest to name shards. */
  private static OutputLayout alone(Settings settings, Destination destination) {
    OutputLayout layout = OutputLayout.of(settings, destination);
    if (layout.needsManifest()) {
      throw new IllegalArgumentException("--layout " + settings.run().layout() + " shards are"
          + " named by a run's manifest; a runner outside a run writes files only");
    }
    return layout;
  }

  /**
   * The runner of the task of {@code partition}, storing thumbnails as {@code layout} says.
   *
   * @throws IOException when the output's file system cannot be opened
   */
  PartitionRunner(Settings settings, OutputLayout layout, Configuration conf, int partition)
      throws IOException {
    this(settings, layout, new OutputStore(layout.destination().output(), conf), partition,
        new SourceReader(conf));
  }

  private PartitionRunner(Settings settings, OutputLayout layout, OutputStore store,
      int partition, SourceReader reader) {
    this.settings = settings;
    this.lanes = DecodeLane.EXECUTOR;
    this.lane = lanes.take();
    this.slot = new RunnerSlot(settings, lane);
    this.perImage = new InputTask(settings, layout, store, partition, reader, this::fetcher,
        slot)::process;
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
    this.slot = new RunnerSlot(settings, lane);
    this.perImage = perImage.apply(slot).andThen(Outcome::of);
  }

  /** The runner's one fetcher (one connection pool, one per-host limit), made on first use. */
  synchronized UrlFetcher fetcher() {
    if (closed) { // only a thread abandoned at its time budget: its timeout is already recorded
      throw new IllegalStateException("the partition's fetcher is closed");
    }
    if (fetcher == null) {
      fetcher = new UrlFetcher(settings.fetch(), settings.image().maxSourceBytes());
    }
    return fetcher;
  }

  /** One result per source, in order. */
  public List<ThumbResult> run(List<Source> sources) {
    return run(sources, r -> { }).stream().map(Outcome::result).toList();
  }

  /**
   * One outcome per source, in order, each stamped with the time it finished; {@code onEach} sees
   * each result as it finishes (for the driver's progress lines), on the calling thread.
   */
  public List<Outcome> run(List<Source> sources, Consumer<ThumbResult> onEach) {
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
    final Outcome[] results;
    /** The index of the next source a worker takes. */
    final AtomicInteger next = new AtomicInteger();
    private final ExecutorService pool;
    private final Thread supervisor = Thread.currentThread();
    /** The images the workers are on, for their deadlines. */
    private final Set<InFlight> running = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<InFlight> finished = new LinkedBlockingQueue<>();

    Batch(List<Source> sources, ExecutorService pool) {
      this.sources = sources;
      this.results = new Outcome[sources.size()];
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
          Outcome o = outcomeOf(f);
          results[f.index] = o.with(o.result().withFinished(f.finishedMillis));
          onEach.accept(results[f.index].result());
          recorded++;
        }
        long now = System.nanoTime();
        long sleep = LOOK_NANOS;
        for (InFlight f : running) {
          long deadline = f.ticket.deadlineNanos;
          if (now - deadline < 0) {
            sleep = Math.min(sleep, deadline - now);
          } else if (f.cancel(true)) { // else it has just finished: it is on its way
            running.remove(f); // its thread may never come back to say so
            results[f.index] = Outcome.of(abandoned(f));
            onEach.accept(results[f.index].result());
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
     * decode, which counts against the lane until its thread returns ({@link RunnerSlot#exit}).
     */
    private ThumbResult abandoned(InFlight f) {
      int state = slot.abandon(f.ticket);
      boolean working = state == SlotTicket.HOLDS_SLOT || state == SlotTicket.WAITS_FOR_DECODE;
      boolean fetchToo = f.source.isUrl() && !working;
      long budget = fetchToo ? budgetMillis(f.source) : settings.image().timeBudgetMillis();
      String why = f.source.uri() + ": abandoned after " + budget + " ms ("
          + (fetchToo ? "--fetch-deadline + " : "") + "--time-budget)";
      if (state == SlotTicket.WAITS_FOR_DECODE) {
        why += " waiting to decode: the task slot's " + DecodeLane.DECODES + " decodes were"
            + " taken by decodes abandoned at their time budget that had not returned "
            + lane.holders;
      }
      return ThumbResult.failed(f.source.uri(), f.source.bytes(),
          new InputFailure(ErrorClass.TIMEOUT, why))
          .withMillis(budget).withFinished(System.currentTimeMillis());
    }
  }

  private Outcome outcomeOf(InFlight f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      // process() turns input problems into results; what escapes is ours (e.g. no output dir).
      return Outcome.of(ThumbResult.failed(f.source.uri(), f.source.bytes(), new InputFailure(
          ErrorClass.INTERNAL, f.source.uri() + ": " + e.getCause(), e.getCause())));
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
    return settings.image().timeBudgetMillis() + (s.isUrl() ? settings.fetch().deadlineMillis() : 0);
  }

  /** One image on a worker thread; reports itself to {@code finished} when done or cancelled. */
  private final class InFlight extends FutureTask<Outcome> {
    final int index;
    final Source source;
    /** Its deadline and its standing with the CPU slot. */
    final SlotTicket ticket;
    /** When it finished (set by its worker before the supervisor sees it). */
    long finishedMillis;

    InFlight(int index, Source source, Batch batch) {
      super(() -> perImage.apply(source));
      this.index = index;
      this.source = source;
      this.ticket = new SlotTicket(source.uri(), budgetMillis(source), batch::wake);
    }

    @Override
    public void run() {
      slot.run(ticket, super::run);
    }
  }
}
