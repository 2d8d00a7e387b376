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
 * A real S3-compatible server on {@code http://127.0.0.1:PORT}: S3Proxy (Apache jclouds behind
 * the S3 API, checking AWS v2/v4 signatures) over jclouds' filesystem store, as a child process
 * with its own class path (target/s3proxy/s3proxy.jar, copied there by the build). A bucket is a
 * folder under {@link #dataDir()}: {@link #bucket} makes one, and objects written by s3a are files
 * in it, which the tests read directly. Every request the server answers is counted from its log
 * ({@link #requests()}), for the experiment's request counts.
 */
public final class S3Server implements AutoCloseable {
  public static final String ACCESS_KEY = "thumbnailer-test";
  public static final String SECRET_KEY = "thumbnailer-test-secret";
  /** S3Proxy logs one line per request at DEBUG: "... request: PUT /bucket/key ...". */
  private static final Pattern REQUEST = Pattern.compile("(?m)^.*S3ProxyHandler.*(?:request|"
      + "Method):? ?(GET|PUT|POST|HEAD|DELETE)\\b");

  private final Process process;
  private final int port;
  private final Path data;
  private final Path log;

  private S3Server(Process process, int port, Path data, Path log) {
    this.process = process;
    this.port = port;
    this.data = data;
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

  /** Starts a server whose buckets are folders under {@code work}/data; waits until it listens. */
  public static S3Server start(Path work) throws IOException, InterruptedException {
    Path data = Files.createDirectories(work.resolve("data")).toAbsolutePath();
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
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + data,
        "")));
    Path log = work.resolve("s3proxy.log");
    ProcessBuilder pb = new ProcessBuilder("java", "-Xmx512m", "-jar", jar().toString(),
        "--properties", props.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("LOG_LEVEL", "debug"); // one log line per request: counted by requests()
    Process p = pb.start();
    S3Server server = new S3Server(p, port, data, log);
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

  /** The folder that holds the buckets (one folder each). */
  public Path dataDir() {
    return data;
  }

  /**
   * Makes a bucket through the S3 API (jclouds keeps its own record of containers, so a folder
   * made by hand is not one); returns the folder that holds its objects.
   */
  public Path bucket(String name) {
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
    return data.resolve(name);
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
    return m;
  }

  /** The same settings as spark-submit arguments ({@code --conf spark.hadoop.K=V}). */
  public List<String> sparkSubmitConf() {
    return hadoopSettings().entrySet().stream()
        .flatMap(e -> java.util.stream.Stream.of("--conf",
            "spark.hadoop." + e.getKey() + "=" + e.getValue()))
        .toList();
  }

  /** Requests by method answered so far, from the server's log. */
  public Map<String, Integer> requests() throws IOException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    Matcher m = REQUEST.matcher(Files.readString(log));
    while (m.find()) {
      counts.merge(m.group(1), 1, Integer::sum);
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
