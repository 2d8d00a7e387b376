package io.github.sparkthumbs.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why an input was skipped: the manifest's {@code reason}. */
public enum SkipReason {
  /** Its thumbnails exist and are newer than it (--overwrite redoes them). */
  UP_TO_DATE,
  /** Neither named nor shaped like an image: a README or a .DS_Store among the photos. */
  NOT_AN_IMAGE,
  /**
   * A symlink to a directory met inside a walk: not followed (as {@code find -P}), so that links
   * can neither loop nor multiply a tree; a directory named on the command line or in a list row
   * is walked even when it is a link.
   */
  SYMLINKED_DIRECTORY;

  @JsonValue
  public String label() {
    return Labels.of(this);
  }

  /** The manifest spelling, also in messages and summaries. */
  @Override
  public String toString() {
    return label();
  }

  @JsonCreator
  static SkipReason of(String label) {
    return Labels.parse(SkipReason.class, label);
  }
}
