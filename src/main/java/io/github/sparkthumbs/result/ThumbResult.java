package io.github.sparkthumbs.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What happened to one input: one line of the manifest ({@code OUTPUT/manifest/}). Failures are
 * values: every input ends as exactly one of these, whatever went wrong. Made only by the
 * factories {@link #ok}, {@link #failed} and {@link #skipped}; the task adds its time and a URL's
 * HTTP story.
 *
 * @param source the input as named (path URI or URL)
 * @param status ok, failed or skipped
 * @param reason why skipped
 * @param outputs thumbnails written (full URIs), empty unless ok; in the shard layouts
 *     ({@code --layout tar|parquet}) the names of the thumbnails inside the shard
 * @param shard in the shard layouts, the tar file or the Parquet folder that holds the thumbnails
 * @param key in the shard layouts, the sample's key in its shard (tar members {@code KEY.*}, the
 *     Parquet column {@code key})
 * @param width source width in pixels, from its header (0 when unknown)
 * @param height source height in pixels, from its header (0 when unknown)
 * @param bytes source length in bytes (-1 when unknown)
 * @param modified a file source's modification time (epoch ms) as listed; null for URLs. With
 *     {@code bytes} it tells a rerun whether the source changed since this record
 * @param millis time spent on this input in the task
 * @param format the decoder's format name ({@code jpeg}, {@code png}, ...)
 * @param error why failed
 * @param message the cause, naming the input
 * @param warnings decoder warnings of an ok image ({@code truncated}, {@code corrupt-data})
 * @param decoded for a damaged image (with warnings): the fraction of its rows that decoded
 * @param http a URL input's HTTP exchange ({@code Manifest} writes its fields at the top level)
 * @param columns the list row's columns the user kept ({@code --keep-columns}), a JSON object
 *     carried untouched ({@code Manifest} writes its fields at the top level); null when none
 * @param finished when the task finished this input (epoch ms), for the report's images/s over
 *     time; null in lines of earlier versions
 * @param dhash the image's 64-bit difference hash as 16 hex digits ({@code --hash dhash}); null
 *     when not asked for or not an image
 * @param decodedFrom when the thumbnails were made from a smaller picture the file carries:
 *     {@code exif-thumbnail} (a JPEG's, with {@code --embedded-thumbnails}) or
 *     {@code heif-thumbnail} (a HEIF's thumbnail item); null when from the image itself
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThumbResult(
    String source,
    Status status,
    SkipReason reason,
    List<String> outputs,
    String shard,
    String key,
    int width,
    int height,
    long bytes,
    Long modified,
    long millis,
    String format,
    ErrorClass error,
    String message,
    List<String> warnings,
    Double decoded,
    Http http,
    @JsonIgnore String columns,
    Long finished,
    String dhash,
    String decodedFrom)
    implements Serializable {

  /**
   * The field names of a manifest line: this record's, with {@link Http}'s in place of
   * {@code http} (the kept columns sit beside them, so they may not take one of these names).
   */
  public static final Set<String> FIELD_NAMES = fieldNames();

  public ThumbResult {
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    warnings = warnings == null || warnings.isEmpty() ? null : List.copyOf(warnings);
  }

  /** Thumbnails written; {@code decoded} only for a damaged image (with warnings), else null. */
  public static ThumbResult ok(String source, List<String> outputs, int width, int height,
      long bytes, String format, List<String> warnings, Double decoded) {
    return new ThumbResult(source, Status.OK, null, outputs, null, null, width, height, bytes,
        null, 0, format, null, null, warnings, decoded, null, null, null, null, null);
  }

  public static ThumbResult failed(String source, long bytes, ImageFailure f) {
    return new ThumbResult(source, Status.FAILED, null, null, null, null, 0, 0, bytes, null, 0,
        null, f.errorClass(), f.getMessage(), null, null, null, null, null, null, null);
  }

  public static ThumbResult skipped(String source, long bytes, SkipReason reason,
      String message) {
    return new ThumbResult(source, Status.SKIPPED, reason, null, null, null, 0, 0, bytes, null, 0,
        null, null, message, null, null, null, null, null, null, null);
  }

  /** Skipped because its thumbnails exist and are newer than it: {@code outputs} are those. */
  public static ThumbResult upToDate(String source, long bytes, List<String> outputs) {
    return new ThumbResult(source, Status.SKIPPED, SkipReason.UP_TO_DATE, outputs, null, null,
        0, 0, bytes, null, 0, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * This up-to-date skip with what an earlier run recorded of the same input (its dimensions,
   * format and warnings), so that a rerun's manifest still describes every thumbnail.
   */
  public ThumbResult withEarlier(ThumbResult earlier) {
    return new ThumbResult(source, status, reason, outputs, earlier.shard, earlier.key,
        earlier.width, earlier.height, bytes, modified, millis, earlier.format, error, message,
        earlier.warnings, earlier.decoded, http != null ? http : earlier.http, columns, finished,
        dhash != null ? dhash : earlier.dhash, earlier.decodedFrom);
  }

  private static Set<String> fieldNames() {
    Set<String> names = new LinkedHashSet<>();
    for (RecordComponent c : ThumbResult.class.getRecordComponents()) {
      if (!c.getName().equals("http") && !c.getName().equals("columns")) {
        names.add(c.getName());
      }
    }
    for (RecordComponent c : Http.class.getRecordComponents()) {
      names.add(c.getName());
    }
    return Collections.unmodifiableSet(names);
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
    return copy(modified, ms, http, columns);
  }

  /** This result with what the fetcher learned about a URL input. */
  public ThumbResult withHttp(Http h) {
    return copy(modified, millis, h, columns);
  }

  /**
   * This result with what the listing knew of its input: a file's modification time (so that a
   * rerun can tell it unchanged) and the list row's kept columns.
   */
  public ThumbResult withListing(Long modifiedMillis, String keptColumns) {
    return copy(modifiedMillis, millis, http, keptColumns);
  }

  /** This result with the shard that holds its thumbnails and its key there. */
  public ThumbResult withShard(String shardPath, String sampleKey) {
    return new ThumbResult(source, status, reason, outputs, shardPath, sampleKey, width, height,
        bytes, modified, millis, format, error, message, warnings, decoded, http, columns,
        finished, dhash, decodedFrom);
  }

  private ThumbResult copy(Long mod, long ms, Http h, String cols) {
    return new ThumbResult(source, status, reason, outputs, shard, key, width, height, bytes, mod,
        ms, format, error, message, warnings, decoded, h, cols, finished, dhash, decodedFrom);
  }

  // For the report's time axis and the near-duplicate hash.

  /** This result with the time its task finished it (epoch ms). */
  public ThumbResult withFinished(long epochMillis) {
    return new ThumbResult(source, status, reason, outputs, shard, key, width, height, bytes,
        modified, millis, format, error, message, warnings, decoded, http, columns, epochMillis,
        dhash, decodedFrom);
  }

  /** This result with the image's difference hash (16 hex digits), or null for none. */
  public ThumbResult withDhash(String hex) {
    return new ThumbResult(source, status, reason, outputs, shard, key, width, height, bytes,
        modified, millis, format, error, message, warnings, decoded, http, columns, finished, hex,
        decodedFrom);
  }

  /**
   * This result saying what its thumbnails were made from: {@code exif-thumbnail}, or null for
   * the image itself.
   */
  public ThumbResult withDecodedFrom(String from) {
    return new ThumbResult(source, status, reason, outputs, shard, key, width, height, bytes,
        modified, millis, format, error, message, warnings, decoded, http, columns, finished, dhash,
        from);
  }
}
