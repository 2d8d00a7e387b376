package io.github.sparkthumbs.source;

import io.github.sparkthumbs.result.ThumbResult;
import java.io.Serializable;

/**
 * One item of the distributed listing: a source for the tasks, or an input already decided while
 * listing (missing, blocked, unreadable), which goes to the manifest as it is.
 *
 * @param source the input to thumbnail, or null
 * @param rejected the failed result, or null
 */
public record Listed(Source source, ThumbResult rejected) implements Serializable {
  public static Listed of(Source s) {
    return new Listed(s, null);
  }

  public static Listed of(ThumbResult rejected) {
    return new Listed(null, rejected);
  }

  /** The manifest's {@code source} of this item. */
  public String key() {
    return source != null ? source.uri() : rejected.source();
  }
}
