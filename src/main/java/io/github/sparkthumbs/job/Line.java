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
  static Line of(ThumbResult r) {
    return new Line(Manifest.line(r), r);
  }
}
