package io.github.sparkthumbs.fetch;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.Http;
import io.github.sparkthumbs.result.InputFailure;
import io.github.sparkthumbs.result.ThumbResult;

/**
 * A URL input's failure with what is known of its HTTP exchange, so that the manifest line says
 * which status the server gave and after how many attempts, whichever step failed.
 */
public final class FetchFailure extends InputFailure {
  private final Integer status;
  private final int attempts;
  private final String finalUrl;
  private final long bytes;

  /**
   * @param status last HTTP status, null when no response came (blocked, connect error, timeout)
   * @param bytes body length when the body was fetched, -1 otherwise
   */
  public FetchFailure(ErrorClass c, String message, Throwable cause, Integer status, int attempts,
      String finalUrl, long bytes) {
    super(c, message, cause);
    this.status = status;
    this.attempts = attempts;
    this.finalUrl = finalUrl;
    this.bytes = bytes;
  }

  /** A failure after a successful fetch (the body is HTML, corrupt, ...): keeps both stories. */
  public static FetchFailure afterFetch(InputFailure f, Fetched fetched) {
    return new FetchFailure(f.errorClass(), f.getMessage(), f, fetched.status(),
        fetched.attempts(), fetched.finalUrl(), fetched.body().length);
  }

  /** The manifest line of {@code source}. */
  public ThumbResult result(String source) {
    return ThumbResult.failed(source, bytes, this).withHttp(new Http(status, attempts, finalUrl));
  }
}
