package io.github.sparkthumbs.job;

import io.github.sparkthumbs.fetch.FetchFailure;
import io.github.sparkthumbs.fetch.Fetched;
import io.github.sparkthumbs.fetch.UrlFetcher;
import io.github.sparkthumbs.image.EncodedThumbnails;
import io.github.sparkthumbs.image.Sniff;
import io.github.sparkthumbs.image.Thumbnailer;
import io.github.sparkthumbs.output.Outcome;
import io.github.sparkthumbs.output.OutputLayout;
import io.github.sparkthumbs.output.OutputNames;
import io.github.sparkthumbs.output.OutputStore;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.Image;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.result.Input;
import io.github.sparkthumbs.result.InputFailure;
import io.github.sparkthumbs.result.SkipReason;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Source;
import io.github.sparkthumbs.source.SourceReader;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One input, start to end, on an executor's worker thread: output names and up-to-date check
 * (its {@link OutputLayout}'s), the bytes (a file read or a fetch), the image core
 * ({@link Thumbnailer}), the layout's store, and the outcome. This is the one place that decides
 * an input's error class; it never throws for a bad input. The store, reader, fetcher and CPU slot
 * (which lends the image core) are shared by the task's threads.
 */
final class InputTask {
  private static final Logger LOG = LoggerFactory.getLogger(InputTask.class);

  private final Settings settings;
  private final OutputLayout layout;
  private final OutputStore store;
  /** The task's partition, whose shard a shard layout names. */
  private final int partition;
  private final SourceReader reader;
  /** The partition's fetcher, made when the first URL asks for it. */
  private final Supplier<UrlFetcher> fetcher;
  /** Where the image's CPU work waits its turn. */
  private final CpuSlot slot;

  /**
   * Where an input's CPU work (decode, scale, encode; not its fetch or writes) waits its turn, and
   * the image core it is lent for it: the {@link PartitionRunner}'s lets one image in at a time
   * per task, so a task's images share one core and its native buffers, and counts the work
   * against the task slot's {@link DecodeLane} until {@link #exit}, even when the image was
   * abandoned at its time budget meanwhile.
   */
  interface CpuSlot {
    /**
     * Waits for the slot.
     *
     * @return the core to use until {@link #exit}
     * @throws InterruptedException when the image was abandoned meanwhile (it holds no slot then)
     */
    Thumbnailer enter() throws InterruptedException;

    /** Gives the slot and the core back (once per {@link #enter} that returned). */
    void exit();

    /** No waiting, and a core of its own: for an InputTask on one thread, without a runner. */
    static CpuSlot unshared(ImageSettings settings) {
      Thumbnailer core = new Thumbnailer(settings);
      return new CpuSlot() {
        @Override
        public Thumbnailer enter() {
          return core;
        }

        @Override
        public void exit() {}
      };
    }
  }

  /**
   * @param layout where the thumbnails go, and what is done with them
   * @param partition the task's partition, whose shard a shard layout names
   */
  InputTask(Settings settings, OutputLayout layout, OutputStore store, int partition,
      SourceReader reader, Supplier<UrlFetcher> fetcher, CpuSlot slot) {
    this.settings = settings;
    this.layout = layout;
    this.store = store;
    this.partition = partition;
    this.reader = reader;
    this.fetcher = fetcher;
    this.slot = slot;
  }

  /** Makes the thumbnails of {@code src}; never throws for a bad input. */
  Outcome process(Source src) {
    long start = System.nanoTime();
    Outcome o;
    try {
      o = processOrFail(src);
    } catch (FetchFailure f) {
      o = Outcome.of(f.result(src.uri()));
    } catch (InputFailure f) {
      o = Outcome.of(ThumbResult.failed(src.uri(), src.bytes(), f));
    } catch (OutOfMemoryError e) {
      o = Outcome.of(ThumbResult.failed(src.uri(), src.bytes(), new ImageFailure(
          ErrorClass.TOO_LARGE,
          src.uri() + ": out of memory while decoding; lower --max-pixels or raise the heap", e)));
    } catch (RuntimeException e) {
      // The decoders' own exceptions are caught where they are called (ImageDecoder) and blamed
      // on the image; anything that gets here is a bug of ours. It must not kill the task either.
      LOG.error("internal error on {}", src.uri(), e);
      o = Outcome.of(ThumbResult.failed(src.uri(), src.bytes(), new InputFailure(
          ErrorClass.INTERNAL,
          src.uri() + ": internal error (a bug; stack trace in the executor log): " + e, e)));
    }
    return o.with(o.result().withMillis((System.nanoTime() - start) / 1_000_000));
  }

  private Outcome processOrFail(Source src) throws InputFailure {
    List<String> targets = layout.targets(src, store);
    if (upToDate(src, targets)) {
      return Outcome.of(ThumbResult.upToDate(src.uri(), src.bytes(), targets));
    }
    if (!src.isUrl()) {
      return thumbnail(src, reader.read(src, settings.image().maxSourceBytes()), targets);
    }
    Fetched fetched = fetcher.get().fetch(src.uri());
    try (fetched) { // closing gives the body's bytes back to the JVM's fetch budget
      Outcome o = thumbnail(src, fetched.body(), targets);
      return o.with(o.result().withHttp(fetched.http()));
    } catch (InputFailure f) {
      throw FetchFailure.afterFetch(f, fetched);
    }
  }

  /** The core on {@code bytes} (already read or fetched), then the layout's store. */
  private Outcome thumbnail(Source src, byte[] bytes, List<String> targets)
      throws InputFailure {
    OutputFormat format = OutputNames.formatFor(src.stem(), settings.image().format());
    Thumbnailer core;
    try {
      core = slot.enter();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw abandoned(src);
    }
    EncodedThumbnails t;
    try {
      t = core.make(bytes, format);
    } catch (ImageFailure f) {
      if (f.errorClass() == ErrorClass.UNSUPPORTED && !src.isUrl()
          && Sniff.knownUnreadable(bytes) == null && !Sniff.hasImageExtension(src.stem())) {
        // Neither named nor shaped like an image: a README or a .DS_Store among the photos.
        return Outcome.of(ThumbResult.skipped(src.uri(), bytes.length, SkipReason.NOT_AN_IMAGE,
            src.uri() + ": " + f.getMessage()));
      }
      throw new ImageFailure(f.errorClass(), src.uri() + ": " + f.getMessage(), f);
    } finally {
      slot.exit(); // the writes (a PUT to an object store, say) need no CPU slot
    }
    if (settings.image().strict() && !t.warnings().isEmpty()) {
      throw new ImageFailure(ErrorClass.CORRUPT,
          src.uri() + ": decoded with warnings " + t.warnings() + " (--strict)");
    }
    if (Thread.currentThread().isInterrupted()) {
      // Abandoned at the time budget: the result already says timeout, so write nothing.
      throw abandoned(src);
    }
    ThumbResult ok = ThumbResult.ok(new Input(src.uri(), bytes.length, null), targets,
        new Image(t.width(), t.height(), t.format(), t.warnings(), t.decoded(), t.dhash(),
            t.decodedFrom()));
    return layout.store(ok, t.encoded(), store, partition);
  }

  /** For a thread the runner has abandoned: its recorded result is already the timeout. */
  private static InputFailure abandoned(Source src) {
    return new InputFailure(ErrorClass.TIMEOUT, src.uri() + ": abandoned (--time-budget)");
  }

  /** By looking at the outputs, when the layout can; the record was asked in the task. */
  private boolean upToDate(Source src, List<String> targets) throws InputFailure {
    try {
      return layout.upToDateOnDisk(src, targets, store);
    } catch (IOException e) {
      throw new InputFailure(ErrorClass.WRITE_FAILED, "checking " + targets + ": " + e, e);
    }
  }
}
