package io.github.sparkthumbs.result;

/**
 * A per-input failure with its class; becomes a {@code failed} manifest line, never a task
 * failure. Thrown for what is not the image's own doing: a source that is missing, unreadable or
 * empty, a URL that is blocked or does not answer ({@code fetch.FetchFailure}), a thumbnail that
 * cannot be written, an input abandoned at its time budget, a bug of ours. The image's own
 * failures are {@link ImageFailure}s.
 */
public class InputFailure extends Exception {
  private final ErrorClass errorClass;

  public InputFailure(ErrorClass errorClass, String message) {
    super(message);
    this.errorClass = errorClass;
  }

  public InputFailure(ErrorClass errorClass, String message, Throwable cause) {
    super(message, cause);
    this.errorClass = errorClass;
  }

  public ErrorClass errorClass() {
    return errorClass;
  }
}
