package io.github.sparkthumbs.sql;

import io.github.sparkthumbs.image.EncodedThumbnails;
import io.github.sparkthumbs.image.ImageHeader;
import io.github.sparkthumbs.image.Thumbnailer;
import io.github.sparkthumbs.job.DecodeLane;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.Decoder;
import io.github.sparkthumbs.settings.Hash;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.SettingsException;
import io.github.sparkthumbs.settings.Size;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The SQL functions' options, parsed and checked once when a query is analysed, and the functions'
 * one door into the image core. The option names are the command line's flags without their
 * dashes ({@code mode}, {@code format}, {@code quality}, {@code max-bytes}, {@code max-pixels},
 * {@code time-budget}, {@code embedded-thumbnails}, {@code decoder}, {@code strict}); their
 * defaults are {@link ImageSettings}'. An underscore may stand for a dash ({@code max_bytes}).
 *
 * <p>{@link #make}, {@link #header} and {@link #dhash} never throw for a bad image: the failure
 * is in the value they return, as a manifest line carries it.
 */
public final class ThumbnailOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The options a function takes, in the order the documentation lists them. */
  public static final List<String> NAMES = List.of("mode", "format", "quality", "max-bytes",
      "max-pixels", "time-budget", "embedded-thumbnails", "decoder", "strict");

  /**
   * Where an image's work runs, so that the calling task thread can give up on it at its time
   * budget. Daemon threads, made on demand and dropped after a minute idle: a query's tasks use
   * as many as the executor has task threads, plus the abandoned decodes still running (at most
   * {@link DecodeLane#DECODES} per task slot, counted with the job's by {@link DecodeLane}).
   */
  private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "thumbnail-sql");
    t.setDaemon(true);
    return t;
  });

  private final ImageSettings settings;
  /** Cores not in use; one is made per concurrent caller, and one abandoned is never reused. */
  private transient volatile ConcurrentLinkedQueue<Thumbnailer> idle;

  private ThumbnailOptions(ImageSettings settings) {
    this.settings = settings;
  }

  /** The defaults of the command line, for one box. */
  public static ThumbnailOptions of(Size box) {
    return parse(box, Map.of(), "thumbnail");
  }

  /**
   * The options for {@code box}; an unknown option or a bad value is an IllegalArgumentException
   * whose message starts with {@code function}.
   */
  public static ThumbnailOptions parse(Size box, Map<String, String> options, String function) {
    ImageSettings.Builder b = ImageSettings.builder().sizes(List.of(box));
    for (Map.Entry<String, String> e : options.entrySet()) {
      String name = e.getKey().trim().toLowerCase(Locale.ROOT).replace('_', '-');
      String v = e.getValue() == null ? "" : e.getValue().trim();
      try {
        switch (name) {
          case "mode" -> b.mode(Mode.valueOf(v.toUpperCase(Locale.ROOT)));
          case "format" -> b.format(OutputFormat.valueOf(v.toUpperCase(Locale.ROOT)));
          case "quality" -> b.quality(Integer.parseInt(v));
          case "max-bytes" -> b.maxSourceBytes(Long.parseLong(v));
          case "max-pixels" -> b.maxPixels(Long.parseLong(v));
          case "time-budget" -> b.timeBudgetMillis(Long.parseLong(v));
          case "embedded-thumbnails" -> b.embeddedThumbnails(bool(v));
          case "decoder" -> b.nativeJpeg(Decoder.valueOf(v.toUpperCase(Locale.ROOT))
              == Decoder.AUTO);
          case "strict" -> b.strict(bool(v));
          default -> throw new IllegalArgumentException(function + ": unknown option '"
              + e.getKey() + "'; the options are " + NAMES);
        }
      } catch (IllegalArgumentException bad) {
        if (bad.getMessage() != null && bad.getMessage().startsWith(function + ":")) {
          throw bad;
        }
        // NumberFormatException, an enum's valueOf: the text was no value of the option
        throw new IllegalArgumentException(function + ": option '" + name + "' cannot be '" + v
            + "' (" + bad.getMessage() + ")", bad);
      }
    }
    try {
      return new ThumbnailOptions(b.build());
    } catch (SettingsException e) {
      String problem = e.getMessage().substring(e.flag().length()).trim();
      String option = e.flag().replaceFirst("^--", "");
      throw new IllegalArgumentException(function + ": "
          + (option.equals("size") ? "size " : "option '" + option + "' ") + problem, e);
    }
  }

  private static boolean bool(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("expected true or false");
    };
  }

  /** The settings the image core gets: the command line's, with this box and these options. */
  ImageSettings settings() {
    return settings;
  }

  /**
   * The thumbnail of {@code bytes}, or why there is none. Over {@code max-bytes} it is
   * {@code too-large} before any decoding; past {@code time-budget} it is a {@code timeout}, the
   * decode left to finish on its own thread.
   */
  public Outcome make(byte[] bytes) {
    if (bytes.length > settings.maxSourceBytes()) {
      return Outcome.failed(new ImageFailure(ErrorClass.TOO_LARGE, bytes.length
          + " bytes, over max-bytes " + settings.maxSourceBytes()));
    }
    OutputFormat format = settings.format() != OutputFormat.SOURCE ? settings.format()
        : isJpeg(bytes) ? OutputFormat.JPG : OutputFormat.PNG;
    ConcurrentLinkedQueue<Thumbnailer> cores = cores();
    Thumbnailer polled = cores.poll();
    Thumbnailer core = polled != null ? polled : new Thumbnailer(settings);
    // An abandoned core stays with its thread: offered again only once its decode returned.
    Outcome o = withinBudget(() -> core.make(bytes, format), () -> cores.offer(core),
        DecodeLane.EXECUTOR);
    if (o.failure() == null && settings.strict() && !o.warnings().isEmpty()) {
      return Outcome.failed(new ImageFailure(ErrorClass.CORRUPT,
          "decoded with warnings " + o.warnings() + " (strict)"));
    }
    return o;
  }

  /**
   * Runs {@code decode} on a worker thread within the time budget, holding one of a lane's
   * decodes while it runs. A native decode cannot be stopped: one abandoned at the budget keeps
   * its share of the lane until it returns, so that rows past their budget cannot pile decodes
   * up without bound (the job's rule, {@link DecodeLane}); a row that finds its lane's decodes
   * all taken waits for one within its own budget. {@code returned} runs once the decode has
   * returned, whether or not the row still waited for it.
   */
  Outcome withinBudget(Callable<EncodedThumbnails> decode, Runnable returned,
      DecodeLane.Pool lanes) {
    long budget = settings.timeBudgetMillis();
    DecodeLane lane = lanes.take();
    AtomicBoolean decoding = new AtomicBoolean();
    Future<EncodedThumbnails> work = WORKERS.submit(() -> {
      DecodeLane.Hold hold;
      try {
        hold = lane.acquire("thumbnail()", budget); // interrupted at the budget
      } catch (InterruptedException e) {
        returned.run(); // never decoded
        throw e;
      }
      decoding.set(true);
      try {
        return decode.call();
      } finally {
        lane.release(hold);
        returned.run();
      }
    });
    try {
      EncodedThumbnails t = work.get(budget, TimeUnit.MILLISECONDS);
      return new Outcome(t.encoded().get(0), t.width(), t.height(), t.format(), t.warnings(),
          t.dhash(), null);
    } catch (TimeoutException e) {
      work.cancel(true);
      String why = "abandoned after time-budget " + budget + " ms";
      if (!decoding.get()) {
        why += " waiting to decode: the " + DecodeLane.DECODES + " decodes of its task slot were"
            + " taken by decodes abandoned at their time budget that had not returned";
      }
      return Outcome.failed(new ImageFailure(ErrorClass.TIMEOUT, why, e));
    } catch (ExecutionException e) {
      return Outcome.failed(failure(e.getCause()));
    } catch (InterruptedException e) {
      work.cancel(true);
      Thread.currentThread().interrupt(); // the task is being killed: let Spark see it
      return Outcome.failed(new ImageFailure(ErrorClass.TIMEOUT, "interrupted", e));
    } finally {
      lanes.giveBack(lane);
    }
  }

  /**
   * The options of {@code image_dhash}: the command line's defaults with {@code --hash dhash},
   * so that the hash is the one its manifest shows (the decoder's shrink-on-load depends on the
   * box, and the hash on the decoded pixels).
   */
  public static ThumbnailOptions forHash() {
    return new ThumbnailOptions(ImageSettings.builder()
        .sizes(List.of(ImageSettings.DEFAULT_SIZE)).hash(Hash.DHASH).build());
  }

  /** The header of {@code bytes}: no pixel is decoded. */
  public static ImageHeader header(byte[] bytes) throws ImageFailure {
    return ImageHeader.read(bytes);
  }

  private static ImageFailure failure(Throwable cause) {
    if (cause instanceof ImageFailure f) {
      return f;
    }
    if (cause instanceof OutOfMemoryError) {
      return new ImageFailure(ErrorClass.TOO_LARGE, "out of memory while decoding; lower"
          + " max-pixels or raise the executor heap", cause);
    }
    return new ImageFailure(ErrorClass.INTERNAL, "internal error (a bug): " + cause, cause);
  }

  private ConcurrentLinkedQueue<Thumbnailer> cores() {
    ConcurrentLinkedQueue<Thumbnailer> q = idle;
    if (q == null) {
      synchronized (this) {
        q = idle;
        if (q == null) {
          idle = q = new ConcurrentLinkedQueue<>();
        }
      }
    }
    return q;
  }

  private static boolean isJpeg(byte[] b) {
    return b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8
        && (b[2] & 0xFF) == 0xFF;
  }

  /**
   * One image's thumbnail, or its failure.
   *
   * @param bytes the encoded thumbnail, null when failed
   * @param sourceWidth the source's width from its header (stored orientation), 0 when unknown
   * @param sourceHeight the source's height, likewise
   * @param format the decoder's name of the source format ({@code jpeg}, {@code png}, ...)
   * @param warnings what the decoder complained about while still producing pixels
   * @param dhash the difference hash, 16 hex digits, when the options ask for it ({@link
   *     #forHash}), else null
   * @param failure why there is no thumbnail, else null
   */
  public record Outcome(byte[] bytes, int sourceWidth, int sourceHeight, String format,
      List<String> warnings, String dhash, ImageFailure failure) {
    static Outcome failed(ImageFailure f) {
      return new Outcome(null, 0, 0, null, List.of(), null, f);
    }
  }
}
