package io.github.sparkthumbs.output;

import io.github.sparkthumbs.result.ThumbResult;
import java.io.Serializable;
import java.util.List;

/**
 * What one input's task hands on: its result, and the encoded thumbnails that its layout still has
 * to store (a shard's, written with the task's shard); null when there are none to carry, because
 * they are written already or there are none.
 *
 * @param result the input's manifest line, as a value
 * @param thumbnails one per output of {@code result}, in that order; or null
 */
public record Outcome(ThumbResult result, List<byte[]> thumbnails) implements Serializable {
  /** A result with nothing left to store. */
  public static Outcome of(ThumbResult result) {
    return new Outcome(result, null);
  }

  /** This outcome with {@code r} for its result, the thumbnails kept while it is still ok. */
  public Outcome with(ThumbResult r) {
    return new Outcome(r, r.isOk() ? thumbnails : null);
  }
}
