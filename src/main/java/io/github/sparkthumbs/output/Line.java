package io.github.sparkthumbs.output;

import io.github.sparkthumbs.result.ThumbResult;
import java.io.Serializable;
import java.util.List;

/**
 * One line of the new manifest.
 *
 * @param text the JSON line
 * @param counted this run's result, counted in the summary; null for a line carried over from an
 *     earlier run
 * @param thumbnails the encoded thumbnails of an input made this run that its layout stores with
 *     the task's shard ({@link OutputLayout#finish}), in the order of
 *     {@code counted.written().outputs()}; else null
 */
public record Line(String text, ThumbResult counted, List<byte[]> thumbnails)
    implements Serializable {
  /** A result of this run; one decided without running (listing, up to date) finishes now. */
  public static Line of(ThumbResult r) {
    return of(Outcome.of(r));
  }

  /** An input's outcome, with the thumbnails its layout still has to store. */
  public static Line of(Outcome o) {
    ThumbResult r = o.result();
    ThumbResult stamped =
        r.timing().finished() != null ? r : r.withFinished(System.currentTimeMillis());
    return new Line(Manifest.line(stamped), stamped, o.thumbnails());
  }

  /** An earlier run's line of an input this run did not name, kept verbatim. */
  public static Line carried(String text) {
    return new Line(text, null, null);
  }
}
