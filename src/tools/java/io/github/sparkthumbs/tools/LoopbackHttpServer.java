package io.github.sparkthumbs.tools;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server (the JDK's) on 127.0.0.1 with an ephemeral port: each path gets a handler.
 * The one server of the tests ({@code testing.TestHttpServer}) and of the I/O experiment
 * ({@link LatencyImageServer}). Closing it interrupts handlers that are still waiting.
 */
public class LoopbackHttpServer implements AutoCloseable {
  static {
    // Without TCP_NODELAY the JDK server's small writes wait on delayed ACKs (Nagle): about 10 ms
    // per response here, on top of any latency the experiment models. Read once, at first use.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService threads;

  public LoopbackHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    // One thread per request: a waiting (stalling, slow) response must not hold up the others.
    threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "loopback-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.start();
  }

  /** Serves {@code path} and everything below it with {@code handler}. */
  public LoopbackHttpServer route(String path, HttpHandler handler) {
    server.createContext(path, exchange -> {
      try (exchange) {
        handler.handle(exchange);
      } catch (IOException e) {
        // the client went away (cut off, past its deadline): its business, not the server's
      }
    });
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT/path}. */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Sends {@code body} with {@code status} and {@code contentType}. */
  public static void send(HttpExchange x, int status, String contentType, byte[] body)
      throws IOException {
    x.getResponseHeaders().set("Content-Type", contentType);
    x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  /** A redirect to {@code location}. */
  public static void redirect(HttpExchange x, int status, String location) throws IOException {
    x.getResponseHeaders().set("Location", location);
    x.sendResponseHeaders(status, -1);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
