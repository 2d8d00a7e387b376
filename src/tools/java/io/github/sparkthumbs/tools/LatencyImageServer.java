package io.github.sparkthumbs.tools;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 that serves photo-like JPEGs, each URL after its own injected
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

  static {
    // Without TCP_NODELAY the JDK server's small writes wait on delayed ACKs (Nagle): about 10 ms
    // per response here, which is not the latency being modelled. Read once, at first use.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final long[] latencies;
  private final List<byte[]> images = new ArrayList<>();

  /** Serves {@code urls} images whose latencies add up to {@link #SERIAL_MILLIS}. */
  public LatencyImageServer(int urls) throws IOException {
    this.latencies = latencyModel(urls, SERIAL_MILLIS, 42);
    for (int i = 0; i < DISTINCT_IMAGES; i++) {
      // 640x480 at JPEG quality 0.85: a typical web image of some 100 KB.
      images.add(PhotoSynth.jpeg(PhotoSynth.render(640, 480, 500 + i), 0.85f, false));
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    // One thread per request: a waiting request must not hold up the others.
    threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "latency-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.createContext("/photos/", x -> serve(x, true));
    server.createContext("/warm/", x -> serve(x, false));
    server.start();
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
      out.add(String.format(Locale.ROOT, "http://127.0.0.1:%d/%s/img-%03d.jpg",
          server.getAddress().getPort(), prefix, i));
    }
    return out;
  }

  private void serve(HttpExchange x, boolean delayed) throws IOException {
    try (x) {
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
      byte[] body = images.get(i % DISTINCT_IMAGES);
      x.getResponseHeaders().set("Content-Type", "image/jpeg");
      x.sendResponseHeaders(200, body.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
