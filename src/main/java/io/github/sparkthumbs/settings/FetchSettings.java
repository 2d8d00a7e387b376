package io.github.sparkthumbs.settings;

import java.io.Serializable;

/**
 * How http(s) inputs are fetched. The body limit is {@link ImageSettings#maxSourceBytes()}, the
 * same limit files have.
 *
 * @param connectTimeoutMillis TCP connect timeout per attempt
 * @param deadlineMillis total time per URL, all attempts, redirects and backoff included
 * @param maxAttempts attempts per URL for transient failures (connect errors, timeouts, 5xx, 429)
 * @param backoffBaseMillis largest first retry delay; doubled each attempt, full jitter (a random
 *     wait between 0 and that)
 * @param backoffCapMillis largest single retry delay (also caps a server's Retry-After, honoured
 *     on 429 and 5xx)
 * @param maxRedirects redirects followed per URL; each hop is checked like the first
 * @param allowPrivateNetwork fetch from loopback, private, link-local and other internal addresses
 * @param concurrency requests in flight per Spark task
 * @param perHostConcurrency requests in flight per host per Spark task
 */
public record FetchSettings(
    int connectTimeoutMillis,
    long deadlineMillis,
    int maxAttempts,
    long backoffBaseMillis,
    long backoffCapMillis,
    int maxRedirects,
    boolean allowPrivateNetwork,
    int concurrency,
    int perHostConcurrency)
    implements Serializable {

  public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 5_000;
  public static final long DEFAULT_DEADLINE_MILLIS = 30_000;
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final long DEFAULT_BACKOFF_BASE_MILLIS = 200;
  public static final long DEFAULT_BACKOFF_CAP_MILLIS = 5_000;
  public static final int DEFAULT_MAX_REDIRECTS = 5;
  /**
   * Requests in flight per task, measured (docs/io-experiment.md, "Choosing the default K"):
   * on local[2] over 120 URLs, median of seven sweeps, K=8 1.34 s, K=16 0.94 s, K=32 0.79 s,
   * K=64 0.88 s. 16 is the knee (the last doubling that saves over a quarter); 32 saves 16% more
   * but doubles the bodies (up to K x --max-bytes) and decodes a task holds at once.
   */
  public static final int DEFAULT_CONCURRENCY = 16;
  public static final int DEFAULT_PER_HOST_CONCURRENCY = 8;

  public FetchSettings {
    if (connectTimeoutMillis < 1) {
      throw new SettingsException("--connect-timeout", "must be > 0 ms");
    }
    if (deadlineMillis < 1) {
      throw new SettingsException("--fetch-deadline", "must be > 0 ms");
    }
    if (maxAttempts < 1) {
      throw new SettingsException("--fetch-attempts", "must be >= 1");
    }
    if (maxRedirects < 0) {
      throw new SettingsException("--max-redirects", "must be >= 0");
    }
    if (concurrency < 1 || concurrency > 1024) {
      throw new SettingsException("--fetch-concurrency", "must be 1..1024, got " + concurrency);
    }
    if (perHostConcurrency < 1) {
      throw new SettingsException("--per-host-concurrency", "must be >= 1");
    }
  }

  public static FetchSettings defaults() {
    return new FetchSettings(
        DEFAULT_CONNECT_TIMEOUT_MILLIS,
        DEFAULT_DEADLINE_MILLIS,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_BACKOFF_BASE_MILLIS,
        DEFAULT_BACKOFF_CAP_MILLIS,
        DEFAULT_MAX_REDIRECTS,
        false,
        DEFAULT_CONCURRENCY,
        DEFAULT_PER_HOST_CONCURRENCY);
  }
}
