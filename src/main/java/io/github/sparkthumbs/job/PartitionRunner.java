package io.github.sparkthumbs.job;

import io.github.sparkthumbs.fetch.UrlFetcher;
import io.github.sparkthumbs.image.Thumbnailer;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
 */
public final class PartitionRunner implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Settings settings;
  /** Shared by the worker threads, closed with the runner; null with a test's function. */
  private final UrlFetcher fetcher;
  /** The per-image function of each worker thread (a Thumbnailer reuses its encoders). */
  private final ThreadLocal<Function<Source, ThumbResult>> perImage;

  public PartitionRunner(Settings settings, Configuration conf) {
    this(settings, new UrlFetcher(settings.fetch(), settings.maxSourceBytes()), conf);
  }

  private PartitionRunner(Settings settings, UrlFetcher fetcher, Configuration conf) {
    this(settings, fetcher, () -> {
      try {
        return new Thumbnailer(settings, conf, fetcher)::process;
      } catch (IOException e) {
        throw new UncheckedIOException("opening output " + settings.output(), e);
      }
    });
  }

  /** With another per-image function: tests use one that hangs. */
  PartitionRunner(Settings settings, Supplier<Function<Source, ThumbResult>> perImage) {
    this(settings, null, perImage);
  }

  private PartitionRunner(Settings settings, UrlFetcher fetcher,
      Supplier<Function<Source, ThumbResult>> perImage) {
    this.settings = settings;
    this.fetcher = fetcher;
    this.perImage = ThreadLocal.withInitial(perImage);
  }

  /** One result per source, in order. */
  public List<ThumbResult> run(List<Source> sources) {
    int window = sources.stream().anyMatch(Source::isUrl) ? settings.fetch().concurrency() : 1;
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "thumbnailer-" + THREADS.incrementAndGet());
      t.setDaemon(true); // an abandoned decoder must not keep the executor JVM alive
      return t;
    });
    List<ThumbResult> results = new ArrayList<>(sources.size());
    Deque<InFlight> inFlight = new ArrayDeque<>();
    try {
      for (Source s : sources) {
        if (inFlight.size() >= window) {
          results.add(await(inFlight.removeFirst()));
        }
        inFlight.addLast(new InFlight(s, pool.submit(() -> perImage.get().apply(s)),
            System.nanoTime()));
      }
      while (!inFlight.isEmpty()) {
        results.add(await(inFlight.removeFirst()));
      }
    } finally {
      pool.shutdownNow();
    }
    return results;
  }

  @Override
  public void close() {
    if (fetcher != null) {
      fetcher.close();
    }
  }

  private ThumbResult await(InFlight f) {
    long budgetMillis = budgetMillis(f.source);
    long left = TimeUnit.MILLISECONDS.toNanos(budgetMillis) - (System.nanoTime() - f.startNanos);
    try {
      return f.future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.future.cancel(true);
      return ThumbResult.failed(f.source.uri(), f.source.bytes(), new ImageFailure(
          ErrorClass.TIMEOUT, f.source.uri() + ": abandoned after " + budgetMillis + " ms ("
              + (f.source.isUrl() ? "--fetch-deadline + " : "") + "--time-budget)"))
          .withMillis(budgetMillis);
    } catch (ExecutionException e) {
      // process() turns input problems into results; what escapes is ours (e.g. no output dir).
      return ThumbResult.failed(f.source.uri(), f.source.bytes(), new ImageFailure(
          ErrorClass.INTERNAL, f.source.uri() + ": " + e.getCause(), e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // Spark is killing the task: let it
      throw new IllegalStateException("interrupted while thumbnailing " + f.source.uri(), e);
    }
  }

  /** The outer guard: the fetch deadline is the inner one for URLs, so it is added on top. */
  private long budgetMillis(Source s) {
    return settings.timeBudgetMillis() + (s.isUrl() ? settings.fetch().deadlineMillis() : 0);
  }

  private record InFlight(Source source, Future<ThumbResult> future, long startNanos) {}
}
