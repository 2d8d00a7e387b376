package io.github.sparkthumbs.tools;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Serves a folder of files on {@code http://127.0.0.1:PORT/}: with nginx when one is found (a
 * fast static server, as a real image host is), else with the project's
 * {@link LoopbackHttpServer} in this JVM. nginx runs in the foreground as our child, with its
 * configuration, pid file, logs and temporary folders all under {@code work}; it is stopped by
 * its pid.
 */
final class StaticImageServer implements AutoCloseable {
  private final String description;
  private final int port;
  private final Process nginx;
  private final Path pidFile;
  private final LoopbackHttpServer fallback;

  private StaticImageServer(String description, int port, Process nginx, Path pidFile,
      LoopbackHttpServer fallback) {
    this.description = description;
    this.port = port;
    this.nginx = nginx;
    this.pidFile = pidFile;
    this.fallback = fallback;
  }

  /** Starts nginx ({@code nginxBinary}, or found on the PATH) or else the fallback. */
  static StaticImageServer start(Path root, Path work, Optional<Path> nginxBinary)
      throws IOException, InterruptedException {
    Optional<Path> binary = nginxBinary.or(StaticImageServer::findNginx);
    if (binary.isPresent()) {
      return startNginx(binary.get(), root.toAbsolutePath(), work.toAbsolutePath());
    }
    Path base = root.toAbsolutePath().normalize();
    LoopbackHttpServer server = new LoopbackHttpServer().route("/", x -> {
      Path f = base.resolve(x.getRequestURI().getPath().substring(1)).normalize();
      if (!f.startsWith(base) || !Files.isRegularFile(f)) {
        LoopbackHttpServer.send(x, 404, "text/plain", "not found".getBytes(
            StandardCharsets.UTF_8));
      } else {
        LoopbackHttpServer.send(x, 200, "image/jpeg", Files.readAllBytes(f));
      }
    });
    return new StaticImageServer("no nginx found (PATH, /usr/sbin, --nginx): serving with the"
        + " project's LoopbackHttpServer (JDK HttpServer) inside the experiment's JVM",
        server.port(), null, null, server);
  }

  private static Optional<Path> findNginx() {
    for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin")
        .split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "nginx");
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static StaticImageServer startNginx(Path binary, Path root, Path work)
      throws IOException, InterruptedException {
    int port = freePort();
    Path tmp = Files.createDirectories(work.resolve("nginx-tmp"));
    Path pid = work.resolve("nginx.pid");
    Path errorLog = work.resolve("nginx-error.log");
    // Every path nginx would otherwise take from its build (/var/lib/nginx, /var/log/nginx) is
    // set here, so that it needs no installation and writes nothing outside work/.
    String conf = String.format(Locale.ROOT, """
        worker_processes 1;
        daemon off;
        pid %1$s;
        error_log %2$s warn;
        events { worker_connections 1024; }
        http {
          access_log off;
          client_body_temp_path %3$s/body;
          proxy_temp_path %3$s/proxy;
          fastcgi_temp_path %3$s/fastcgi;
          uwsgi_temp_path %3$s/uwsgi;
          scgi_temp_path %3$s/scgi;
          types { image/jpeg jpg; }
          default_type application/octet-stream;
          sendfile on;
          tcp_nodelay on;
          keepalive_requests 100000;
          server {
            listen 127.0.0.1:%4$d;
            root %5$s;
          }
        }
        """, pid, errorLog, tmp, port, root);
    Path confFile = Files.writeString(work.resolve("nginx.conf"), conf);
    Process p = new ProcessBuilder(binary.toString(), "-p", work.toString(), "-e",
        errorLog.toString(), "-c", confFile.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("nginx.out").toFile()).start();
    StaticImageServer s = new StaticImageServer(binary + " " + version(binary) + " (1 worker)",
        port, p, pid, null);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!listening(port)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        s.close();
        throw new IOException("nginx did not start on 127.0.0.1:" + port + "; see " + errorLog
            + " and " + work.resolve("nginx.out"));
      }
      Thread.sleep(50);
    }
    return s;
  }

  private static String version(Path binary) {
    try {
      Process v = new ProcessBuilder(binary.toString(), "-v").redirectErrorStream(true).start();
      String text = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      v.waitFor();
      return text.replace("nginx version: ", "");
    } catch (IOException | InterruptedException e) {
      return "(version unknown)";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  String description() {
    return description;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + "/" + path;
  }

  @Override
  public void close() {
    if (fallback != null) {
      fallback.close();
      return;
    }
    // Stop the pid nginx wrote, and only if it is the process we started (the master; its
    // workers exit with it).
    long pid = nginx.pid();
    try {
      if (Files.exists(pidFile)) {
        pid = Long.parseLong(Files.readString(pidFile).trim());
      }
    } catch (IOException | NumberFormatException e) {
      // no readable pid file: the child's own pid
    }
    if (pid == nginx.pid()) {
      nginx.destroy(); // SIGTERM: nginx's fast shutdown
      try {
        if (!nginx.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          nginx.destroyForcibly();
        }
      } catch (InterruptedException e) {
        nginx.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    } else {
      System.err.println("nginx pid file says " + pid + ", we started " + nginx.pid()
          + ": stopping only ours");
      nginx.destroyForcibly();
    }
  }
}
