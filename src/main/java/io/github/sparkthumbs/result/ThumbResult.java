package io.github.sparkthumbs.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What happened to one input: one line of the manifest ({@code OUTPUT/manifest/}). Failures are
 * values: every input ends as exactly one of these, whatever went wrong. Made by the factories
 * {@link #ok}, {@link #failed}, {@link #skipped} and {@link #upToDate}; the task adds what it
 * learns on the way with the {@code with} copies. The manifest line is flat: the fields of every
 * part, in the order of {@link #FIELD_NAMES} ({@code output.Manifest}).
 *
 * @param status ok, failed or skipped
 * @param input the input as listed
 * @param image what the decoder learned of it ({@link Image#NONE} when not decoded)
 * @param written where its thumbnails are ({@link Written#NONE} when it has none)
 * @param failure why it has none ({@link Failure#NONE} when ok)
 * @param timing its time in the task
 * @param http a URL input's HTTP exchange; null for a file
 * @param columns the list row's columns the user kept ({@code --keep-columns}), a JSON object
 *     carried untouched and written beside the fields; null when none
 */
public record ThumbResult(Status status, Input input, Image image, Written written,
    Failure failure, Timing timing, Http http, String columns) implements Serializable {

  /**
   * The manifest's schema: its field names in the order a line has them, the fields of the parts
   * above, {@link Http}'s last. A new field is a component of one part and its name here. The
   * kept columns sit beside these, so they may not take one of these names.
   */
  public static final Set<String> FIELD_NAMES = Collections.unmodifiableSet(new LinkedHashSet<>(
      List.of("source", "status", "reason", "outputs", "shard", "key", "width", "height", "bytes",
          "modified", "millis", "format", "error", "message", "warnings", "decoded", "finished",
          "dhash", "decodedFrom", "httpStatus", "attempts", "finalUrl")));

  public ThumbResult {
    image = image == null ? Image.NONE : image;
    written = written == null ? Written.NONE : written;
    failure = failure == null ? Failure.NONE : failure;
    timing = timing == null ? Timing.NONE : timing;
  }

  /** Thumbnails written at {@code outputs} of an image decoded as {@code image}. */
  public static ThumbResult ok(Input input, List<String> outputs, Image image) {
    return of(Status.OK, input, new Written(outputs, null, null), Failure.NONE).with(image);
  }

  public static ThumbResult failed(String source, long bytes, InputFailure f) {
    return of(Status.FAILED, new Input(source, bytes, null), Written.NONE,
        new Failure(null, f.errorClass(), f.getMessage()));
  }

  public static ThumbResult skipped(String source, long bytes, SkipReason reason,
      String message) {
    return of(Status.SKIPPED, new Input(source, bytes, null), Written.NONE,
        new Failure(reason, null, message));
  }

  /** Skipped because its thumbnails exist and are newer than it: {@code outputs} are those. */
  public static ThumbResult upToDate(String source, long bytes, List<String> outputs) {
    return of(Status.SKIPPED, new Input(source, bytes, null), new Written(outputs, null, null),
        new Failure(SkipReason.UP_TO_DATE, null, null));
  }

  private static ThumbResult of(Status status, Input input, Written written, Failure failure) {
    return new ThumbResult(status, input, null, written, failure, null, null, null);
  }

  /** The input as named (path URI or URL). */
  public String source() {
    return input.source();
  }

  @JsonIgnore
  public boolean isOk() {
    return status == Status.OK;
  }

  @JsonIgnore
  public boolean isFailed() {
    return status == Status.FAILED;
  }

  /**
   * This up-to-date skip with what an earlier run recorded of the same input (its image, its
   * shard), so that a rerun's manifest still describes every thumbnail.
   */
  public ThumbResult withEarlier(ThumbResult earlier) {
    Image e = earlier.image;
    Image described = image.dhash() != null || e.dhash() == null ? e
        : new Image(e.width(), e.height(), e.format(), e.warnings(), e.decoded(), image.dhash(),
            e.decodedFrom());
    return with(described).with(new Written(written.outputs(), earlier.written.shard(),
        earlier.written.key())).withHttp(http != null ? http : earlier.http);
  }

  public ThumbResult with(Image i) {
    return new ThumbResult(status, input, i, written, failure, timing, http, columns);
  }

  public ThumbResult with(Written w) {
    return new ThumbResult(status, input, image, w, failure, timing, http, columns);
  }

  public ThumbResult with(Timing t) {
    return new ThumbResult(status, input, image, written, failure, t, http, columns);
  }

  /** This result with what the fetcher learned about a URL input. */
  public ThumbResult withHttp(Http h) {
    return new ThumbResult(status, input, image, written, failure, timing, h, columns);
  }

  /** This result with the time the task spent on it. */
  public ThumbResult withMillis(long ms) {
    return with(new Timing(ms, timing.finished()));
  }

  /** This result with the time its task finished it (epoch ms), for the report's time axis. */
  public ThumbResult withFinished(long epochMillis) {
    return with(new Timing(timing.millis(), epochMillis));
  }

  /**
   * This result with what the listing knew of its input: a file's modification time (so that a
   * rerun can tell it unchanged) and the list row's kept columns.
   */
  public ThumbResult withListing(Long modifiedMillis, String keptColumns) {
    return new ThumbResult(status, new Input(input.source(), input.bytes(), modifiedMillis),
        image, written, failure, timing, http, keptColumns);
  }

  /** This result with the shard that holds its thumbnails and its key there. */
  public ThumbResult withShard(String shardPath, String sampleKey) {
    return with(new Written(written.outputs(), shardPath, sampleKey));
  }
}
