package io.github.sparkthumbs.job;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.ThumbResult;
import java.io.Serializable;

/**
 * One line of the new manifest.
 *
 * @param text the JSON line
 * @param counted this run's result, counted in the summary; null for a line carried over from an
 *     earlier run
 */
public record Line(String text, ThumbResult counted) implements Serializable {
  /** A result of this run; one decided without running (listing, up to date) finishes now. */
  static Line of(ThumbResult r) {
    ThumbResult stamped = r.finished() != null ? r : r.withFinished(System.currentTimeMillis());
    return new Line(Manifest.line(stamped), stamped);
  }
}
