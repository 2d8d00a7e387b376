package io.github.sparkthumbs.fetch;

import io.github.sparkthumbs.settings.FetchSettings;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;

/** How long {@link UrlFetcher} waits before retrying a transient failure. */
final class Backoff {
  private final FetchSettings settings;

  Backoff(FetchSettings settings) {
    this.settings = settings;
  }

  /**
   * Exponential backoff with full jitter (a random wait up to base * 2^(attempt-1), capped), or
   * the server's Retry-After, capped too: a server asking for an hour does not stall the task.
   */
  long millis(int attempt, Long retryAfterMillis) {
    if (retryAfterMillis != null) {
      return Math.min(retryAfterMillis, settings.backoffCapMillis());
    }
    long ceiling = Math.min(settings.backoffCapMillis(),
        settings.backoffBaseMillis() << Math.min(attempt - 1, 30));
    return ThreadLocalRandom.current().nextLong(ceiling + 1);
  }

  /** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
  static Long retryAfterMillis(ClassicHttpResponse response) {
    Header h = response.getFirstHeader("Retry-After");
    if (h == null) {
      return null;
    }
    String v = h.getValue().trim();
    if (v.matches("[0-9]+")) { // delay-seconds; the caller caps it (backoffCapMillis)
      try {
        return TimeUnit.SECONDS.toMillis(Long.parseLong(v)); // saturates, never overflows
      } catch (NumberFormatException tooLong) {
        return Long.MAX_VALUE; // more digits than a long holds: as long as can be
      }
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis());
    } catch (DateTimeParseException notADate) {
      return null; // "-5", "soon": our own backoff then
    }
  }
}
