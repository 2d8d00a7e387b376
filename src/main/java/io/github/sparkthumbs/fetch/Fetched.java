package io.github.sparkthumbs.fetch;

import io.github.sparkthumbs.result.ThumbResult;

/**
 * A fetched body and how it was got.
 *
 * @param body the whole response body, at most the byte limit
 * @param status HTTP status of the last response (200)
 * @param attempts tries made, 1 + retries (redirect hops are not attempts)
 * @param finalUrl the URL the body came from, after redirects
 */
public record Fetched(byte[] body, int status, int attempts, String finalUrl) {

  /** {@code r} with this fetch's status, attempts and final URL. */
  public ThumbResult describe(ThumbResult r) {
    return r.withHttp(status, attempts, finalUrl);
  }
}
