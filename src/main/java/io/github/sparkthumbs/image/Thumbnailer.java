package io.github.sparkthumbs.image;

import io.github.sparkthumbs.fetch.FetchFailure;
import io.github.sparkthumbs.fetch.Fetched;
import io.github.sparkthumbs.fetch.UrlFetcher;
import io.github.sparkthumbs.output.OutputNames;
import io.github.sparkthumbs.output.OutputStore;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.source.Source;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.coobird.thumbnailator.Thumbnails;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-image function: source in, thumbnails written, one {@link ThumbResult} out. It never
 * throws for bad input: every problem with the input becomes a {@code failed} result naming the
 * input and the cause. Runs without Spark; one instance per thread (it reuses encoders). URL
 * sources are fetched with a {@link UrlFetcher} that the task's threads share.
 */
public final class Thumbnailer {
  private static final Logger LOG = LoggerFactory.getLogger(Thumbnailer.class);

  private final Settings settings;
  private final OutputStore store;
  private final SourceReader reader;
  private final ImageEncoder encoder;
  /** Null when this instance thumbnails files only. */
  private final UrlFetcher fetcher;

  /** For files only. */
  public Thumbnailer(Settings settings, Configuration conf) throws IOException {
    this(settings, conf, null);
  }

  public Thumbnailer(Settings settings, Configuration conf, UrlFetcher fetcher)
      throws IOException {
    this.settings = settings;
    this.store = new OutputStore(settings.output(), conf);
    this.reader = new SourceReader(conf);
    this.encoder = new ImageEncoder(settings.quality());
    this.fetcher = fetcher;
  }

  /** Makes the thumbnails of {@code src}; never throws for a bad input. */
  public ThumbResult process(Source src) {
    long start = System.nanoTime();
    ThumbResult r;
    try {
      r = processOrFail(src);
    } catch (FetchFailure f) {
      r = f.result(src.uri());
    } catch (ImageFailure f) {
      r = ThumbResult.failed(src.uri(), src.bytes(), f);
    } catch (OutOfMemoryError e) {
      r = ThumbResult.failed(src.uri(), src.bytes(), new ImageFailure(ErrorClass.TOO_LARGE,
          src.uri() + ": out of memory while decoding; lower --max-pixels or raise the heap", e));
    } catch (RuntimeException e) {
      // The decoders' own exceptions are caught where they are called (ImageDecoder) and blamed
      // on the image; anything that gets here is a bug of ours. It must not kill the task either.
      LOG.error("internal error on {}", src.uri(), e);
      r = ThumbResult.failed(src.uri(), src.bytes(), new ImageFailure(ErrorClass.INTERNAL,
          src.uri() + ": internal error (a bug; stack trace in the executor log): " + e, e));
    }
    return r.withMillis((System.nanoTime() - start) / 1_000_000);
  }

  private ThumbResult processOrFail(Source src) throws ImageFailure {
    List<Path> targets = new ArrayList<>();
    for (String rel : OutputNames.relativePaths(src.stem(), settings)) {
      targets.add(store.resolve(rel));
    }
    // A URL has no modification time (0): its thumbnails are up to date when they exist.
    if (!settings.overwrite() && upToDate(src, targets)) {
      return ThumbResult.skipped(src.uri(), src.bytes(), ThumbResult.UP_TO_DATE, null);
    }
    if (!src.isUrl()) {
      return thumbnail(src, reader.read(src, settings.maxSourceBytes()), targets);
    }
    if (fetcher == null) {
      throw new ImageFailure(ErrorClass.INTERNAL, src.uri() + ": no fetcher for URL inputs");
    }
    Fetched fetched = fetcher.fetch(src.uri());
    try (fetched) { // closing gives the body's bytes back to the JVM's fetch budget
      return fetched.describe(thumbnail(src, fetched.body(), targets));
    } catch (ImageFailure f) {
      throw FetchFailure.afterFetch(f, fetched);
    }
  }

  /** Decodes {@code bytes} (already read or fetched) and writes the thumbnails of {@code src}. */
  public ThumbResult thumbnail(Source src, byte[] bytes, List<Path> targets) throws ImageFailure {
    if (bytes.length == 0) {
      throw new ImageFailure(ErrorClass.EMPTY, src.uri() + " is empty (0 bytes)");
    }
    OutputFormat format = OutputNames.formatFor(src.stem(), settings.format());
    Decoded d;
    try {
      d = ImageDecoder.decode(
          bytes, settings.sizes(), settings.mode(), settings.maxPixels(),
          format != OutputFormat.JPG, settings.nativeJpeg());
    } catch (ImageFailure f) {
      if (f.errorClass() == ErrorClass.UNSUPPORTED && !src.isUrl()
          && Sniff.knownUnreadable(bytes) == null && !Sniff.hasImageExtension(src.stem())) {
        // Neither named nor shaped like an image: a README or a .DS_Store among the photos.
        return ThumbResult.skipped(src.uri(), bytes.length, ThumbResult.NOT_AN_IMAGE,
            src.uri() + ": " + f.getMessage());
      }
      throw new ImageFailure(f.errorClass(), src.uri() + ": " + f.getMessage(), f);
    }
    if (settings.strict() && !d.warnings().isEmpty()) {
      throw new ImageFailure(ErrorClass.CORRUPT,
          src.uri() + ": decoded with warnings " + d.warnings() + " (--strict)");
    }
    List<String> written = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      BufferedImage thumb = scale(d, settings.sizes().get(i));
      byte[] out;
      try {
        out = encoder.encode(thumb, format);
      } catch (IOException e) {
        throw new ImageFailure(ErrorClass.INTERNAL, src.uri() + ": encoding failed: " + e, e);
      }
      if (Thread.currentThread().isInterrupted()) {
        // Abandoned at the time budget: the result already says timeout, so write nothing.
        throw new ImageFailure(ErrorClass.TIMEOUT, src.uri() + ": abandoned (--time-budget)");
      }
      try {
        store.write(targets.get(i), out);
      } catch (IOException e) {
        throw new ImageFailure(
            ErrorClass.WRITE_FAILED, "writing " + targets.get(i) + " for " + src.uri() + ": " + e, e);
      }
      written.add(targets.get(i).toString());
    }
    return new ThumbResult(src.uri(), ThumbResult.OK, null, written, d.width(), d.height(),
        bytes.length, 0, d.format(), null, null, d.warnings(), d.decodedOrNull(), null, null, null);
  }

  /** The final high-quality downscale of the (already shrunk-on-load) image into one box. */
  private BufferedImage scale(Decoded d, Size box) throws ImageFailure {
    boolean swap = ExifOrientation.transposes(d.orientation());
    int w = swap ? d.height() : d.width();
    int h = swap ? d.width() : d.height();
    Size out = Geometry.target(w, h, box, settings.mode());
    BufferedImage img = d.image();
    Rectangle region = Geometry.region(img.getWidth(), img.getHeight(), out, settings.mode());
    if (region.width == out.width() && region.height == out.height()
        && region.width == img.getWidth() && region.height == img.getHeight()) {
      return img;
    }
    try {
      return Thumbnails.of(img)
          .sourceRegion(region)
          .forceSize(out.width(), out.height())
          .imageType(img.getType())
          .asBufferedImage();
    } catch (IOException e) {
      throw new ImageFailure(ErrorClass.INTERNAL, "scaling failed: " + e, e);
    }
  }

  private boolean upToDate(Source src, List<Path> targets) throws ImageFailure {
    try {
      for (Path t : targets) {
        long m = store.modifiedMillis(t);
        if (m < 0 || m < src.modifiedMillis()) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new ImageFailure(ErrorClass.WRITE_FAILED, "checking " + targets + ": " + e, e);
    }
  }
}
