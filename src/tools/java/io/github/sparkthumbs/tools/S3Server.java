package io.github.sparkthumbs.tools;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server on {@code http://127.0.0.1:PORT}: S3Proxy (the S3 API, checking
 * AWS v2/v4 signatures, over an Apache jclouds store), as a child process with its own class path
 * (target/s3proxy/s3proxy.jar, copied there by the build). The store is jclouds' in-memory one:
 * its filesystem store retries for 10 s before it gives up deleting a folder marker while the
 * folder holds objects (Hadoop's committers do that twice a run), and its nio2 store lists
 * objects without their sizes, which S3A refuses. Every request the server answers is read back
 * from its log ({@link #requests()}), for the tests and the experiment's request counts.
 */
public final class S3Server implements AutoCloseable {
  public static final String ACCESS_KEY = "thumbnailer-test";
  public static final String SECRET_KEY = "thumbnailer-test-secret";
  /**
   * S3Proxy logs one line per request at DEBUG:
   * {@code ... S3ProxyHandler:304 |::] request: Request(PUT http://127.0.0.1:PORT/bucket/key)@..}.
   */
  private static final Pattern REQUEST = Pattern.compile("S3ProxyHandler:\\d+ .*request: "
      + "Request\\((GET|PUT|POST|HEAD|DELETE) http://[^/]+(/\\S*)\\)");

  private final Process process;
  private final int port;
  private final Path log;

  private S3Server(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The jar the build copies (pom: s3proxy-jar), found from the working directory upwards. */
  public static Path jar() {
    String prop = System.getProperty("project.dir");
    Path root = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
    Path jar = root.resolve("target/s3proxy/s3proxy.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " missing: run mvn package (it copies S3Proxy there)");
    }
    return jar;
  }

  /** Starts a server (its settings and log in {@code work}); waits until it listens. */
  public static S3Server start(Path work) throws IOException, InterruptedException {
    Files.createDirectories(work);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path props = work.resolve("s3proxy.properties");
    Files.writeString(props, String.join("\n", List.of(
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=transient",
        "jclouds.identity=" + ACCESS_KEY,
        "jclouds.credential=" + SECRET_KEY,
        "")));
    Path log = work.resolve("s3proxy.log");
    ProcessBuilder pb = new ProcessBuilder("java", "-Xmx512m", "-jar", jar().toString(),
        "--properties", props.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("LOG_LEVEL", "debug"); // one log line per request: counted by requests()
    Process p = pb.start();
    S3Server server = new S3Server(p, port, log);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return server;
      } catch (IOException notYet) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          server.close();
          throw new IOException("S3Proxy did not start on port " + port + ": "
              + Files.readString(log), notYet);
        }
        Thread.sleep(100);
      }
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Makes a bucket through the S3 API (S3A does not make buckets). */
  public void bucket(String name) {
    try (S3Client s3 = S3Client.builder()
        .endpointOverride(java.net.URI.create(endpoint()))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClient(ApacheHttpClient.create())
        .build()) {
      s3.createBucket(b -> b.bucket(name));
    }
  }

  /**
   * The Hadoop settings that point s3a at this server, as {@code spark.hadoop.*} would set them:
   * path-style URLs (no per-bucket host names on loopback), plain HTTP, static keys.
   */
  public Map<String, String> hadoopSettings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("fs.s3a.endpoint", endpoint());
    m.put("fs.s3a.endpoint.region", "us-east-1");
    m.put("fs.s3a.path.style.access", "true");
    m.put("fs.s3a.connection.ssl.enabled", "false");
    m.put("fs.s3a.access.key", ACCESS_KEY);
    m.put("fs.s3a.secret.key", SECRET_KEY);
    m.put("fs.s3a.aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    // S3Proxy 2.6.0 answers 501 NotImplemented to the checksum header the AWS SDK (2.30 and
    // later) puts on a bulk DeleteObjects; S3A then deletes one object per request, the setting
    // Hadoop documents for stores without bulk delete.
    m.put("fs.s3a.multiobjectdelete.enable", "false");
    return m;
  }

  /** The same settings as spark-submit arguments ({@code --conf spark.hadoop.K=V}). */
  public List<String> sparkSubmitConf() {
    return hadoopSettings().entrySet().stream()
        .flatMap(e -> java.util.stream.Stream.of("--conf",
            "spark.hadoop." + e.getKey() + "=" + e.getValue()))
        .toList();
  }

  /**
   * Every request answered so far, from the server's log, as {@code METHOD /bucket/key?query}
   * (S3Proxy logs a request when it starts on it, so a caller that just got its answer finds it).
   */
  public List<String> requests() throws IOException {
    List<String> all = new java.util.ArrayList<>();
    Matcher m = REQUEST.matcher(Files.readString(log));
    while (m.find()) {
      all.add(m.group(1) + " " + m.group(2));
    }
    return all;
  }

  /** Requests by method among {@code requests}. */
  public static Map<String, Integer> byMethod(List<String> requests) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String r : requests) {
      counts.merge(r.substring(0, r.indexOf(' ')), 1, Integer::sum);
    }
    return counts;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
