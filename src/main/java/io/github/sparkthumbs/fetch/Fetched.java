package io.github.sparkthumbs.fetch;

import io.github.sparkthumbs.result.Http;
import java.lang.ref.Cleaner;

/**
 * A fetched body and how it was got. It holds its share of the JVM's {@link BodyBudget} until
 * closed: close it once the body is decoded, so that the next body can be fetched.
 */
public final class Fetched implements AutoCloseable {
  /**
   * Gives the budget back for a Fetched dropped without close (a path that forgot, a thread
   * abandoned mid-decode): a leak would shrink the budget for the life of the executor.
   */
  private static final Cleaner CLEANER = Cleaner.create();

  private final byte[] body;
  private final int status;
  private final int attempts;
  private final String finalUrl;
  private final Cleaner.Cleanable release;

  /**
   * @param body the whole response body, at most the byte limit
   * @param status HTTP status of the last response (200)
   * @param attempts tries made, 1 + retries (redirect hops are not attempts)
   * @param finalUrl the URL the body came from, after redirects
   */
  public Fetched(byte[] body, int status, int attempts, String finalUrl) {
    this(body, status, attempts, finalUrl, null);
  }

  Fetched(byte[] body, int status, int attempts, String finalUrl,
      BodyBudget.Reservation reservation) {
    this.body = body;
    this.status = status;
    this.attempts = attempts;
    this.finalUrl = finalUrl;
    this.release = reservation == null ? null : CLEANER.register(this, reservation::close);
  }

  public byte[] body() {
    return body;
  }

  public int status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }

  public String finalUrl() {
    return finalUrl;
  }

  /** This fetch's status, attempts and final URL, for the manifest. */
  public Http http() {
    return new Http(status, attempts, finalUrl);
  }

  /** Gives the body's bytes back to the budget; the body stays readable. */
  @Override
  public void close() {
    if (release != null) {
      release.clean(); // runs the release once, however often it is called
    }
  }

  @Override
  public String toString() {
    return "Fetched[" + body.length + " bytes, status=" + status + ", attempts=" + attempts
        + ", finalUrl=" + finalUrl + "]";
  }
}
