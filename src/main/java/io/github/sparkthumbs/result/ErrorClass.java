package io.github.sparkthumbs.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The short failure classes of the manifest's {@code error} field. */
public enum ErrorClass {
  /** The input does not exist (or vanished between listing and reading). */
  NOT_FOUND,
  /** The input exists but cannot be read: permissions, I/O error, not a regular file. */
  UNREADABLE,
  /** Zero bytes. */
  EMPTY,
  /** Not a format we can decode (HTML, text, HEIC, ...), whatever its name or Content-Type. */
  UNSUPPORTED,
  /** A recognised format whose data cannot be decoded (or, with --strict, decodes with warnings). */
  CORRUPT,
  /** Over --max-bytes or --max-pixels, refused before decoding. */
  TOO_LARGE,
  /**
   * Abandoned: took longer than --time-budget from getting its task's CPU slot, or a URL longer
   * than --fetch-deadline + --time-budget before getting it.
   */
  TIMEOUT,
  /** A URL refused by the network guard (internal address or scheme). */
  BLOCKED,
  /** An HTTP error status or a network failure after all attempts. */
  HTTP,
  /** The thumbnail could not be written. */
  WRITE_FAILED,
  /** A bug on our side; the message says what. */
  INTERNAL;

  /** The manifest spelling: {@code not-found}, {@code too-large}, ... */
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
  static ErrorClass of(String label) {
    return Labels.parse(ErrorClass.class, label);
  }
}
