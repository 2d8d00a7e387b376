package io.github.sparkthumbs.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How one input ended: the manifest's {@code status}. */
public enum Status {
  /** Its thumbnails are written and show the image. */
  OK,
  /** It has no thumbnail; {@code error} and {@code message} say why. */
  FAILED,
  /** Nothing to do; {@code reason} says why. */
  SKIPPED;

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
  static Status of(String label) {
    return Labels.parse(Status.class, label);
  }
}
