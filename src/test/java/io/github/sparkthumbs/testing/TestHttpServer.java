package io.github.sparkthumbs.testing;

import com.sun.net.httpserver.HttpHandler;
import io.github.sparkthumbs.tools.LoopbackHttpServer;
import java.io.IOException;

/**
 * The tools' {@link LoopbackHttpServer} under the tests' name; {@link #route} returns this type,
 * so that a server is built and held in one expression ({@code try (TestHttpServer s = new
 * TestHttpServer().route(...))}).
 */
public final class TestHttpServer extends LoopbackHttpServer {
  public TestHttpServer() throws IOException {}

  @Override
  public TestHttpServer route(String path, HttpHandler handler) {
    super.route(path, handler);
    return this;
  }
}
