package io.github.sparkthumbs.fetch;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.settings.FetchSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.TruncatedChunkException;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches http(s) inputs for one Spark task, safely: a connect timeout and a hard total deadline
 * per URL, a body limit enforced while streaming, bodies held within the JVM's {@link
 * BodyBudget}, retries with backoff for transient failures only, redirects followed by hand so
 * that each hop passes the {@link NetworkGuard}, and at most {@code --per-host-concurrency}
 * connections to one host. Thread-safe: the task's worker threads
 * share one instance (and its connection pool). Every failure is a {@link FetchFailure} naming
 * the URL, its class and the HTTP status and attempts known so far.
 */
public final class UrlFetcher implements AutoCloseable {
  private static final String USER_AGENT = "spark-thumbnailer/0.1.0";
  /** A body is one byte array: Java arrays stop just short of 2 GiB. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final FetchSettings settings;
  private final long maxBytes;
  private final NetworkGuard guard;
  private final BodyBudget budget;
  private final Backoff backoff;
  private final CloseableHttpClient client;
  /** Cancels requests at their deadline: a server trickling one byte a second beats timeouts. */
  private final ScheduledThreadPoolExecutor deadlines;

  /**
   * @param maxBytes body limit ({@code --max-bytes}, the limit files have)
   */
  public UrlFetcher(FetchSettings settings, long maxBytes) {
    this(settings, maxBytes, new NetworkGuard(settings.allowPrivateNetwork()));
  }

  UrlFetcher(FetchSettings settings, long maxBytes, NetworkGuard guard) {
    this(settings, maxBytes, guard, BodyBudget.JVM);
  }

  UrlFetcher(FetchSettings settings, long maxBytes, NetworkGuard guard, BodyBudget budget) {
    this.settings = settings;
    this.maxBytes = Math.min(maxBytes, MAX_ARRAY);
    this.guard = guard;
    this.budget = budget;
    this.backoff = new Backoff(settings);
    this.client = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(new GuardedDnsResolver(guard))
            .setMaxConnTotal(settings.concurrency())
            .setMaxConnPerRoute(settings.perHostConcurrency())
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(settings.connectTimeoutMillis()))
                .build())
            .build())
        // Direct connections only: through a proxy the proxy resolves the host, not our guard.
        .setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE))
        .disableRedirectHandling() // followed by hand, each hop checked
        .disableAutomaticRetries() // ours know the deadline and which failures are transient
        .disableContentCompression() // images are compressed; no gzip bomb past the byte limit
        .disableCookieManagement()
        .disableAuthCaching()
        .setUserAgent(USER_AGENT)
        .build();
    this.deadlines = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "fetch-deadlines");
      t.setDaemon(true);
      return t;
    });
    deadlines.setRemoveOnCancelPolicy(true);
  }

  /** The body of {@code url}, or a {@link FetchFailure} saying why not. */
  public Fetched fetch(String url) throws FetchFailure {
    return new Call(url).run();
  }

  @Override
  public void close() {
    client.close(CloseMode.IMMEDIATE);
    deadlines.shutdownNow();
  }

  /** A retryable failure of one attempt. */
  private static final class Transient extends Exception {
    final ErrorClass errorClass;
    final Long retryAfterMillis;

    Transient(ErrorClass c, String message, Long retryAfterMillis, Throwable cause) {
      super(message, cause);
      this.errorClass = c;
      this.retryAfterMillis = retryAfterMillis;
    }
  }

  /** The state of fetching one URL: where we are, how many tries, how much time is left. */
  private final class Call {
    private final String source;
    private final long deadlineNanos;
    private URI current;
    private int attempt = 1;
    private int redirects;
    private Integer status;
    private Fetched fetched;

    Call(String source) {
      this.source = source;
      this.deadlineNanos = System.nanoTime()
          + TimeUnit.MILLISECONDS.toNanos(settings.deadlineMillis());
    }

    Fetched run() throws FetchFailure {
      try {
        current = new URI(source);
      } catch (URISyntaxException e) {
        throw fail(ErrorClass.HTTP, "not a valid URL: " + e.getMessage(), e);
      }
      while (true) {
        try {
          guard.checkUrl(current);
          URI next = exchange();
          if (next == null) {
            return fetched;
          }
          follow(next);
        } catch (NetworkGuard.Blocked e) {
          throw fail(ErrorClass.BLOCKED, e.getMessage(), e);
        } catch (Transient t) {
          retryOrFail(t);
        }
      }
    }

    /** One request: sets {@link #fetched} and returns null, or returns a redirect target. */
    private URI exchange() throws FetchFailure, Transient, NetworkGuard.Blocked {
      status = null;
      long left = remainingMillis();
      if (left <= 0) {
        throw timeout(null);
      }
      HttpGet get = new HttpGet(current);
      get.setConfig(RequestConfig.custom()
          .setConnectionRequestTimeout(Timeout.ofMilliseconds(left))
          .setResponseTimeout(Timeout.ofMilliseconds(left))
          .build());
      ScheduledFuture<?> watchdog = deadlines.schedule(get::cancel, left, TimeUnit.MILLISECONDS);
      try (ClassicHttpResponse response = client.executeOpen(null, get, null)) {
        status = response.getCode();
        if (status >= 200 && status < 300) {
          fetched = readBody(response, get);
          return null;
        }
        get.cancel(); // close the connection: never drain an unwanted body
        if (isRedirect(status)) {
          return location(response);
        }
        if (status >= 500 || (status == 429 && response.getFirstHeader("Retry-After") != null)) {
          throw new Transient(
              ErrorClass.HTTP, "HTTP " + status, Backoff.retryAfterMillis(response), null);
        }
        throw fail(ErrorClass.HTTP, "HTTP " + status, null);
      } catch (NetworkGuard.Blocked e) {
        throw e; // an IOException too, but a refusal is final: never retried, never "timeout"
      } catch (ConnectionRequestTimeoutException e) {
        throw fail(ErrorClass.TIMEOUT, "no connection to " + current.getHost() + " free within "
            + settings.deadlineMillis() + " ms (--per-host-concurrency, --fetch-deadline)", e);
      } catch (IOException e) {
        if (remainingMillis() <= 0) {
          throw timeout(e);
        }
        if (e instanceof UnknownHostException || e instanceof SSLException
            || e instanceof ClientProtocolException) {
          throw fail(ErrorClass.HTTP, e.toString(), e); // retrying will not change these
        }
        if (isProtocolViolation(e)) {
          // The server's answer breaks HTTP or HttpClient's limits (Http1Config.DEFAULT: 8 KiB
          // a header line, 100 headers): it will send the same again.
          throw fail(ErrorClass.HTTP, "the response broke HTTP's rules or limits: " + e, e);
        }
        boolean timedOut =
            e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException;
        throw new Transient(timedOut ? ErrorClass.TIMEOUT : ErrorClass.HTTP, e.toString(), null, e);
      } finally {
        watchdog.cancel(false);
      }
    }

    /**
     * The whole body, held within the JVM's {@link BodyBudget} and cut off (connection closed) as
     * soon as it passes the byte limit. A declared length is believed only within --max-bytes and
     * the budget, and only once bytes arrive: then its array is made and filled in place, with no
     * copy at the end.
     */
    private Fetched readBody(ClassicHttpResponse response, HttpGet get)
        throws IOException, FetchFailure {
      HttpEntity entity = response.getEntity();
      if (entity == null) {
        return new Fetched(new byte[0], status, attempt, current.toString());
      }
      long declared = entity.getContentLength();
      if (declared > maxBytes) {
        get.cancel();
        throw fail(ErrorClass.TOO_LARGE, "Content-Length " + declared
            + " is over the limit of " + maxBytes + " bytes (--max-bytes); not read", null);
      }
      // Whole before the first byte, so that no body waits while holding part of the budget.
      BodyBudget.Reservation held = reserve(declared >= 0 ? declared : maxBytes, get);
      boolean kept = false;
      try (InputStream in = entity.getContent()) {
        byte[] body;
        try {
          body = declared >= 0 ? BodyReader.declared(in, (int) declared)
              : BodyReader.untilEnd(in, maxBytes);
        } catch (BodyReader.OverLimit e) {
          get.cancel();
          throw fail(ErrorClass.TOO_LARGE, "body passed the limit of " + maxBytes
              + " bytes (--max-bytes); cut off", null);
        }
        held.shrinkTo(body.length);
        kept = true;
        return new Fetched(body, status, attempt, current.toString(), held);
      } catch (OutOfMemoryError e) {
        get.cancel();
        throw fail(ErrorClass.TOO_LARGE, "out of memory holding the body: the heap is too small"
            + " for the body budget of " + budget.capacity() + " bytes (1/"
            + BodyBudget.HEAP_FRACTION + " of it) next to the rest; lower --max-bytes or"
            + " --fetch-concurrency, or raise the executor heap", e);
      } finally {
        if (!kept) {
          held.close();
        }
      }
    }

    /** Room in the budget for a body of {@code bytes}, waited for until the deadline. */
    private BodyBudget.Reservation reserve(long bytes, HttpGet get) throws FetchFailure {
      BodyBudget.Reservation held;
      try {
        held = budget.reserve(bytes, deadlineNanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // abandoned at the time budget
        get.cancel();
        throw fail(ErrorClass.TIMEOUT, "interrupted while waiting for room in the body budget", e);
      }
      if (held == null) {
        get.cancel();
        throw fail(ErrorClass.TIMEOUT, "no room for " + bytes + " bytes in the body budget of "
            + budget.capacity() + " bytes (1/" + BodyBudget.HEAP_FRACTION + " of the heap, for"
            + " all bodies in flight in this JVM) within the deadline of "
            + settings.deadlineMillis() + " ms (--fetch-deadline); lower --fetch-concurrency or"
            + " --max-bytes, or raise the executor heap", null);
      }
      return held;
    }

    private URI location(ClassicHttpResponse response) throws FetchFailure {
      Header location = response.getFirstHeader("Location");
      if (location == null) {
        throw fail(ErrorClass.HTTP, "HTTP " + status + " redirect without a Location", null);
      }
      try {
        return current.resolve(new URI(location.getValue()));
      } catch (URISyntaxException e) {
        throw fail(ErrorClass.HTTP, "HTTP " + status + " redirect to a bad Location '"
            + location.getValue() + "'", e);
      }
    }

    private void follow(URI next) throws FetchFailure {
      if (++redirects > settings.maxRedirects()) {
        throw fail(ErrorClass.HTTP, "more than " + settings.maxRedirects()
            + " redirects (--max-redirects), last to " + next, null);
      }
      current = next;
    }

    /** Sleeps and counts one more attempt, or throws when attempts or time are used up. */
    private void retryOrFail(Transient t) throws FetchFailure {
      if (attempt >= settings.maxAttempts()) {
        throw fail(t.errorClass, t.getMessage() + " (gave up after " + attempt
            + " attempts, --fetch-attempts)", t.getCause());
      }
      long delay = backoff.millis(attempt, t.retryAfterMillis);
      if (delay >= remainingMillis()) {
        throw fail(t.errorClass, t.getMessage() + " (no time left for a retry before the "
            + settings.deadlineMillis() + " ms deadline, --fetch-deadline)", t.getCause());
      }
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // abandoned at the time budget
        throw fail(ErrorClass.TIMEOUT, "interrupted while waiting to retry", e);
      }
      attempt++;
    }

    private long remainingMillis() {
      return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    private FetchFailure timeout(Throwable cause) {
      return fail(ErrorClass.TIMEOUT, "deadline of " + settings.deadlineMillis()
          + " ms passed (--fetch-deadline)", cause);
    }

    private FetchFailure fail(ErrorClass c, String message, Throwable cause) {
      String where = current == null || current.toString().equals(source) ? ""
          : " (at " + current + ")";
      return new FetchFailure(c, "fetching " + source + where + ": " + message, cause, status,
          attempt, current == null ? null : current.toString(), -1);
    }
  }

  /**
   * A response HttpClient refused for its form: too long a header line, too many headers, a bad
   * chunk header. A chunked body cut short is not one: a dropped connection does that.
   */
  private static boolean isProtocolViolation(IOException e) {
    return e instanceof MessageConstraintException
        || (e instanceof MalformedChunkCodingException && !(e instanceof TruncatedChunkException));
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }
}
