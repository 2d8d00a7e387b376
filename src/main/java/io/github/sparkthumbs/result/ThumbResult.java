package io.github.sparkthumbs.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.List;

/**
 * What happened to one input: one line of {@code manifest.jsonl}. Failures are values: every input
 * ends as exactly one of these, whatever went wrong.
 *
 * @param source the input as named (path URI or URL)
 * @param status {@code ok}, {@code failed} or {@code skipped}
 * @param reason why skipped: {@code up-to-date} or {@code not-an-image}
 * @param outputs thumbnails written (full URIs), empty unless ok
 * @param width source width in pixels, from its header (0 when unknown)
 * @param height source height in pixels, from its header (0 when unknown)
 * @param bytes source length in bytes (-1 when unknown)
 * @param millis time spent on this input in the task
 * @param format the decoder's format name ({@code jpeg}, {@code png}, ...)
 * @param error failure class ({@link ErrorClass#label()})
 * @param message the cause, naming the input
 * @param warnings decoder warnings of an ok image ({@code truncated}, {@code corrupt-data})
 * @param decoded for a damaged image (with warnings): the fraction of its rows that decoded
 * @param httpStatus last HTTP status of a URL input
 * @param attempts HTTP attempts made for a URL input
 * @param finalUrl URL after redirects
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThumbResult(
    String source,
    String status,
    String reason,
    List<String> outputs,
    int width,
    int height,
    long bytes,
    long millis,
    String format,
    String error,
    String message,
    List<String> warnings,
    Double decoded,
    Integer httpStatus,
    Integer attempts,
    String finalUrl)
    implements Serializable {

  public static final String OK = "ok";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";
  public static final String UP_TO_DATE = "up-to-date";
  public static final String NOT_AN_IMAGE = "not-an-image";

  public ThumbResult {
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    warnings = warnings == null || warnings.isEmpty() ? null : List.copyOf(warnings);
  }

  public static ThumbResult failed(String source, long bytes, ImageFailure f) {
    return new ThumbResult(
        source, FAILED, null, null, 0, 0, bytes, 0, null, f.errorClass().label(), f.getMessage(),
        null, null, null, null, null);
  }

  public static ThumbResult skipped(String source, long bytes, String reason, String message) {
    return new ThumbResult(
        source, SKIPPED, reason, null, 0, 0, bytes, 0, null, null, message, null, null, null, null,
        null);
  }

  @JsonIgnore
  public boolean isOk() {
    return OK.equals(status);
  }

  @JsonIgnore
  public boolean isFailed() {
    return FAILED.equals(status);
  }

  public ThumbResult withMillis(long ms) {
    return new ThumbResult(
        source, status, reason, outputs, width, height, bytes, ms, format, error, message, warnings,
        decoded, httpStatus, attempts, finalUrl);
  }

  /** Adds what the fetcher learned about a URL input. */
  public ThumbResult withHttp(Integer status, Integer attemptCount, String url) {
    return new ThumbResult(
        source, this.status, reason, outputs, width, height, bytes, millis, format, error, message,
        warnings, decoded, status, attemptCount, url);
  }
}
