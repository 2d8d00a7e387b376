package io.github.sparkthumbs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol on a loopback websocket (the
 * JDK's own client): a real browser loads a page, and the test reads its console, its DOM and a
 * screenshot. Started with every background service off, so it makes no connection but to
 * 127.0.0.1; its profile is a fresh temporary folder. {@link #close} stops exactly the process
 * started here (and its children).
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  /** Every event the page sent, in order (console messages, log entries, load events). */
  public final List<JsonNode> events = java.util.Collections.synchronizedList(new ArrayList<>());

  /** The browser's path, or null when it is not installed. */
  public static Path binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  public HeadlessChromium(Path binary, Path profile) throws IOException, InterruptedException {
    Files.createDirectories(profile);
    process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-extensions", "--disable-breakpad",
        "--disable-domain-reliability", "--no-first-run", "--no-default-browser-check",
        "--no-pings", "--dns-prefetch-disable",
        "--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication",
        "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0", "--hide-scrollbars", "about:blank")
        .redirectErrorStream(true)
        .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
        .start();
    try {
      int port = port(profile.resolve("DevToolsActivePort"));
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(WAIT).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      String ws = null;
      for (JsonNode t : targets) {
        if (t.get("type").asText().equals("page")) {
          ws = t.get("webSocketDebuggerUrl").asText();
          break;
        }
      }
      if (ws == null) {
        throw new IOException("no page target in " + targets);
      }
      socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new Listener())
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (IOException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      close();
      throw new IOException("connecting to chromium's DevTools", e);
    }
  }

  private int port(Path file) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file);
        if (!lines.isEmpty() && !lines.get(0).isBlank()) {
          return Integer.parseInt(lines.get(0).strip());
        }
      }
      if (!process.isAlive()) {
        throw new IOException("chromium exited with " + process.exitValue());
      }
      Thread.sleep(100);
    }
    throw new IOException("chromium wrote no " + file + " within " + WAIT);
  }

  /** Calls a DevTools method and returns its result. */
  public JsonNode call(String method, Map<String, ?> params) throws IOException {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", JSON.valueToTree(params));
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(msg.toString(), true).join();
    try {
      JsonNode r = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      if (r.has("error")) {
        throw new IOException(method + ": " + r.get("error"));
      }
      return r.get("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(method + " interrupted", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException(method + ": no answer", e);
    }
  }

  /** Waits for an event named {@code method}. */
  public JsonNode await(String method) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (events) {
        for (JsonNode e : events) {
          if (e.get("method").asText().equals(method)) {
            return e;
          }
        }
      }
      Thread.sleep(50);
    }
    throw new IOException("no " + method + " within " + WAIT);
  }

  /** A JavaScript expression's value, as JSON (the expression should return a string). */
  public String evaluate(String expression) throws IOException {
    JsonNode r = call("Runtime.evaluate", Map.of("expression", expression,
        "returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new IOException("evaluating: " + r.get("exceptionDetails"));
    }
    return r.get("result").get("value").asText();
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.abort();
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode msg = JSON.readTree(partial.toString());
          if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) {
              f.complete(msg);
            }
          } else {
            events.add(msg);
          }
        } catch (IOException e) {
          throw new IllegalStateException("DevTools sent what is not JSON", e);
        } finally {
          partial.setLength(0);
        }
      }
      ws.request(1);
      return null;
    }
  }
}
