package io.github.sparkthumbs.tools;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A {@link LoopbackHttpServer} that serves photo-like JPEGs, each URL after its own injected
 * latency, so that an I/O-bound run can be measured without the internet. {@code /photos/img-N.jpg}
 * waits {@code latencyMillis(N)} before answering; {@code /warm/img-N.jpg} answers at once (JVM
 * warm-up, not measured).
 *
 * <p>The latency model: the article does not publish per-URL times, only that fetching its list
 * serially took 14.4 s. Real response times are skewed (most fast, a few slow), so the latencies
 * are a fixed-seed log-normal sample (sigma 0.6: the slowest is about 5x the median), scaled so
 * that they add up to exactly {@link #SERIAL_MILLIS}: a serial fetch of the list takes 14.4 s.
 */
public final class LatencyImageServer implements AutoCloseable {
  /** The article's serial time. */
  public static final long SERIAL_MILLIS = 14_400;
  /** Distinct images served; URL i gets image i mod this (decoding cost is alike for all). */
  private static final int DISTINCT_IMAGES = 12;

  private final LoopbackHttpServer server;
  private final long[] latencies;
  private final List<byte[]> images = new ArrayList<>();

  /** Serves {@code urls} images whose latencies add up to {@link #SERIAL_MILLIS}. */
  public LatencyImageServer(int urls) throws IOException {
    this.latencies = latencyModel(urls, SERIAL_MILLIS, 42);
    for (int i = 0; i < DISTINCT_IMAGES; i++) {
      // 640x480 at JPEG quality 0.85: a typical web image of some 100 KB.
      images.add(PhotoSynth.jpeg(PhotoSynth.render(640, 480, 500 + i), 0.85f, false));
    }
    server = new LoopbackHttpServer()
        .route("/photos/", x -> serve(x, true))
        .route("/warm/", x -> serve(x, false));
  }

  /**
   * {@code n} latencies in ms from a log-normal with sigma 0.6, scaled to add up to {@code total}
   * (rounding goes to the last one).
   */
  static long[] latencyModel(int n, long total, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] raw = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      raw[i] = Math.exp(0.6 * rnd.nextGaussian());
      sum += raw[i];
    }
    long[] ms = new long[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      ms[i] = Math.round(raw[i] * total / sum);
      given += ms[i];
    }
    ms[n - 1] += total - given;
    return ms;
  }

  public long latencyMillis(int i) {
    return latencies[i];
  }

  public int size() {
    return latencies.length;
  }

  /** The measured URLs, in order. */
  public List<String> urls() {
    return urls("photos", latencies.length);
  }

  /** {@code n} URLs answered without delay. */
  public List<String> warmUpUrls(int n) {
    return urls("warm", n);
  }

  private List<String> urls(String prefix, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(server.url(String.format(Locale.ROOT, "/%s/img-%03d.jpg", prefix, i)));
    }
    return out;
  }

  private void serve(HttpExchange x, boolean delayed) throws IOException {
    String name = x.getRequestURI().getPath().replaceAll(".*/img-(\\d+)\\.jpg$", "$1");
    int i;
    try {
      i = Integer.parseInt(name);
    } catch (NumberFormatException e) {
      x.sendResponseHeaders(404, -1);
      return;
    }
    if (i < 0 || i >= latencies.length) {
      x.sendResponseHeaders(404, -1);
      return;
    }
    if (delayed) {
      try {
        Thread.sleep(latencies[i]);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    LoopbackHttpServer.send(x, 200, "image/jpeg", images.get(i % DISTINCT_IMAGES));
  }

  @Override
  public void close() {
    server.close();
  }
}
