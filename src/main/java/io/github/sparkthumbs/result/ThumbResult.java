package io.github.sparkthumbs.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.List;

/**
 * What happened to one input: one line of {@code manifest.jsonl}. Failures are values: every input
 * ends as exactly one of these, whatever went wrong. Made only by the factories {@link #ok},
 * {@link #failed} and {@link #skipped}; the task adds its time and a URL's HTTP story.
 *
 * @param source the input as named (path URI or URL)
 * @param status ok, failed or skipped
 * @param reason why skipped
 * @param outputs thumbnails written (full URIs), empty unless ok
 * @param width source width in pixels, from its header (0 when unknown)
 * @param height source height in pixels, from its header (0 when unknown)
 * @param bytes source length in bytes (-1 when unknown)
 * @param millis time spent on this input in the task
 * @param format the decoder's format name ({@code jpeg}, {@code png}, ...)
 * @param error why failed
 * @param message the cause, naming the input
 * @param warnings decoder warnings of an ok image ({@code truncated}, {@code corrupt-data})
 * @param decoded for a damaged image (with warnings): the fraction of its rows that decoded
 * @param http a URL input's HTTP exchange ({@code Manifest} writes its fields at the top level)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThumbResult(
    String source,
    Status status,
    SkipReason reason,
    List<String> outputs,
    int width,
    int height,
    long bytes,
    long millis,
    String format,
    ErrorClass error,
    String message,
    List<String> warnings,
    Double decoded,
    Http http)
    implements Serializable {

  public ThumbResult {
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    warnings = warnings == null || warnings.isEmpty() ? null : List.copyOf(warnings);
  }

  /** Thumbnails written; {@code decoded} only for a damaged image (with warnings), else null. */
  public static ThumbResult ok(String source, List<String> outputs, int width, int height,
      long bytes, String format, List<String> warnings, Double decoded) {
    return new ThumbResult(source, Status.OK, null, outputs, width, height, bytes, 0, format,
        null, null, warnings, decoded, null);
  }

  public static ThumbResult failed(String source, long bytes, ImageFailure f) {
    return new ThumbResult(source, Status.FAILED, null, null, 0, 0, bytes, 0, null,
        f.errorClass(), f.getMessage(), null, null, null);
  }

  public static ThumbResult skipped(String source, long bytes, SkipReason reason,
      String message) {
    return new ThumbResult(source, Status.SKIPPED, reason, null, 0, 0, bytes, 0, null, null,
        message, null, null, null);
  }

  /** Skipped because its thumbnails exist and are newer than it: {@code outputs} are those. */
  public static ThumbResult upToDate(String source, long bytes, List<String> outputs) {
    return new ThumbResult(source, Status.SKIPPED, SkipReason.UP_TO_DATE, outputs, 0, 0, bytes,
        0, null, null, null, null, null, null);
  }

  /**
   * This up-to-date skip with what an earlier run recorded of the same input (its dimensions,
   * format and warnings), so that a rerun's manifest still describes every thumbnail.
   */
  public ThumbResult withEarlier(ThumbResult earlier) {
    return new ThumbResult(source, status, reason, outputs, earlier.width, earlier.height, bytes,
        millis, earlier.format, error, message, earlier.warnings, earlier.decoded,
        http != null ? http : earlier.http);
  }

  @JsonIgnore
  public boolean isOk() {
    return status == Status.OK;
  }

  @JsonIgnore
  public boolean isFailed() {
    return status == Status.FAILED;
  }

  /** This result with the time the task spent on it. */
  public ThumbResult withMillis(long ms) {
    return copy(ms, http);
  }

  /** This result with what the fetcher learned about a URL input. */
  public ThumbResult withHttp(Http h) {
    return copy(millis, h);
  }

  private ThumbResult copy(long ms, Http h) {
    return new ThumbResult(source, status, reason, outputs, width, height, bytes, ms, format,
        error, message, warnings, decoded, h);
  }
}
