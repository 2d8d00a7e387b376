package io.github.sparkthumbs.result;

/**
 * A per-input failure with its class; becomes a {@code failed} manifest line, never a task failure.
 * Not final: a URL input's failure ({@code fetch.FetchFailure}) also carries its HTTP story.
 */
public class ImageFailure extends Exception {
  private final ErrorClass errorClass;

  public ImageFailure(ErrorClass errorClass, String message) {
    super(message);
    this.errorClass = errorClass;
  }

  public ImageFailure(ErrorClass errorClass, String message, Throwable cause) {
    super(message, cause);
    this.errorClass = errorClass;
  }

  public ErrorClass errorClass() {
    return errorClass;
  }
}
