package io.github.sparkthumbs.job;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.ThumbResult;
import java.io.Serializable;
import java.util.List;

/**
 * One line of the new manifest.
 *
 * @param text the JSON line
 * @param counted this run's result, counted in the summary; null for a line carried over from an
 *     earlier run
 * @param thumbnails in the shard layouts, the encoded thumbnails of an input made this run, in the
 *     order of {@code counted.outputs()}, until {@link ShardWriter} writes them; else null
 */
public record Line(String text, ThumbResult counted, List<byte[]> thumbnails)
    implements Serializable {
  /** A result of this run; one decided without running (listing, up to date) finishes now. */
  static Line of(ThumbResult r) {
    return of(r, null);
  }

  /** As {@link #of(ThumbResult)}, with the thumbnails the shard layouts still have to write. */
  static Line of(ThumbResult r, List<byte[]> thumbnails) {
    ThumbResult stamped = r.timing().finished() != null ? r
        : r.withFinished(System.currentTimeMillis());
    return new Line(Manifest.line(stamped), stamped, thumbnails);
  }

  static Line carried(String text) {
    return new Line(text, null, null);
  }
}
