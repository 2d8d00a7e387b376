package io.github.sparkthumbs.testing;

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
 * A real HTTP server on 127.0.0.1 with an ephemeral port, for tests: each path gets a handler.
 * Closing it interrupts handlers that are still stalling.
 */
public final class TestHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads;

  public TestHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "test-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.start();
  }

  public TestHttpServer route(String path, HttpHandler handler) {
    server.createContext(path, exchange -> {
      try (exchange) {
        handler.handle(exchange);
      } catch (IOException e) {
        // the client went away (cut off, deadline): expected in these tests
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
