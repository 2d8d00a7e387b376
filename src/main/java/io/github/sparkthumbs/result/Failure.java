package io.github.sparkthumbs.result;

import java.io.Serializable;

/**
 * Why an input has no new thumbnails; {@link #NONE} for one that has.
 *
 * @param reason why skipped
 * @param error why failed
 * @param message the cause, naming the input
 */
public record Failure(SkipReason reason, ErrorClass error, String message)
    implements Serializable {
  public static final Failure NONE = new Failure(null, null, null);
}
