package io.github.sparkthumbs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.ManifestFiles;
import io.github.sparkthumbs.testing.TestHttpServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flags through the real command line, in-process ({@link Main#run}): each is checked by its
 * effect on the outputs, the manifest (read as plain JSON) or the exit code, not by the settings
 * object it builds. Here: --output, --size, --mode, --format, --quality, --overwrite, --strict,
 * --max-bytes, --max-pixels, --time-budget, --master, --partitions, --decoder, --hash, the URL
 * flags (against a loopback server), --allow-list-filesystem, --help and usage errors. Elsewhere:
 * --layout (job.LayoutsTest), --input-format, --url-column and --keep-columns
 * (job.InputFormatsTest), --progress-interval ({@link HashAndProgressFlagsTest},
 * job.ProgressTest), --embedded-thumbnails ({@link EmbeddedThumbnailsFlagTest},
 * job.EmbeddedThumbnailsJobTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineFlagsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private Path photos;
  private TestHttpServer http;
  /** Most requests in flight at once on /slow-*, measured by the server. */
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger unavailable = new AtomicInteger();
  private int outputs;

  record Run(int exit, String out, String err, Path output, Map<String, JsonNode> bySource) {
    JsonNode only() {
      assertEquals(1, bySource.size(), bySource.toString());
      return bySource.values().iterator().next();
    }

    JsonNode endingWith(String suffix) {
      return bySource.entrySet().stream().filter(e -> e.getKey().endsWith(suffix))
          .map(Map.Entry::getValue).findFirst()
          .orElseThrow(() -> new AssertionError(suffix + " not in " + bySource.keySet()));
    }
  }

  @BeforeAll
  void inputs() throws IOException {
    photos = dir.resolve("photos");
    // Left half red, right half blue, a green band in the middle third: crop must keep the band.
    BufferedImage wide = new BufferedImage(300, 100, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 300; x++) {
      Color c = x < 100 ? Color.RED : x < 200 ? Color.GREEN : Color.BLUE;
      for (int y = 0; y < 100; y++) {
        wide.setRGB(x, y, c.getRGB());
      }
    }
    Images.write(photos.resolve("wide.png"), Images.encode(wide, "png"));
    Images.write(photos.resolve("photo.jpg"), Images.jpeg(800, 600, 3));
    http = new TestHttpServer()
        .route("/a.jpg", x -> TestHttpServer.send(x, 200, "image/jpeg", Images.jpeg(160, 120, 1)))
        .route("/hop1", x -> TestHttpServer.redirect(x, 302, "/hop2"))
        .route("/hop2", x -> TestHttpServer.redirect(x, 302, "/a.jpg"))
        .route("/unavailable", x -> {
          unavailable.incrementAndGet();
          TestHttpServer.send(x, 503, "text/plain", "busy".getBytes());
        })
        .route("/stall", x -> {
          sleep(3_000);
          TestHttpServer.send(x, 200, "image/jpeg", Images.jpeg(50, 50, 1));
        });
    for (int i = 0; i < 8; i++) {
      http.route("/slow-" + i + ".jpg", x -> {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        sleep(300);
        inFlight.decrementAndGet();
        TestHttpServer.send(x, 200, "image/jpeg", Images.jpeg(60, 40, 2));
      });
    }
  }

  @AfterAll
  void close() {
    http.close();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs the command line with {@code --output} set to a fresh folder. */
  private Run run(String... args) throws IOException {
    Path output = dir.resolve("out-" + outputs++);
    return runInto(output, args);
  }

  private Run runInto(Path output, String... args) throws IOException {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.add("--output");
    all.add(output.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(all.toArray(new String[0]), new PrintStream(out, true),
        new PrintStream(err, true));
    Map<String, JsonNode> bySource = new LinkedHashMap<>();
    {
      for (String line : ManifestFiles.lines(output)) {
        JsonNode o = JSON.readTree(line);
        bySource.put(o.get("source").asText(), o);
      }
    }
    return new Run(exit, out.toString(), err.toString(), output, bySource);
  }

  private static BufferedImage image(JsonNode line, int i) throws IOException {
    return Images.read(Images.local(line.get("outputs").get(i).asText()));
  }

  private String photo(String name) {
    return photos.resolve(name).toString();
  }

  @Test
  void sizeMakesEveryBoxFromOneDecode() throws IOException {
    Run r = run(photo("photo.jpg"), "--size", "40x30,20x20");
    assertEquals(0, r.exit(), r.err());
    JsonNode line = r.only();
    assertEquals(2, line.get("outputs").size());
    assertTrue(line.get("outputs").get(0).asText().endsWith("/40x30/photo.jpg"), line.toString());
    assertEquals(40, image(line, 0).getWidth());
    assertEquals(30, image(line, 0).getHeight());
    assertEquals(20, image(line, 1).getWidth());
    assertEquals(15, image(line, 1).getHeight());
  }

  @Test
  void modeCropFillsTheBoxAndKeepsTheCentre() throws IOException {
    Run fit = run(photo("wide.png"), "--size", "60x60");
    BufferedImage f = image(fit.only(), 0);
    assertEquals(List.of(60, 20), List.of(f.getWidth(), f.getHeight()));
    Run crop = run(photo("wide.png"), "--size", "60x60", "--mode", "crop");
    BufferedImage c = image(crop.only(), 0);
    assertEquals(List.of(60, 60), List.of(c.getWidth(), c.getHeight()));
    // the middle third (green) fills the whole box: cut, not squashed
    for (int x : new int[] {2, 30, 57}) {
      assertTrue(Images.near(c.getRGB(x, 30), Color.GREEN, 40), x + ": " + Images.rgb(c.getRGB(x, 30)));
    }
  }

  @Test
  void formatChoosesTheEncoding() throws IOException {
    Run png = run(photo("photo.jpg"), "--format", "png");
    String out = png.only().get("outputs").get(0).asText();
    assertTrue(out.endsWith("/photo.jpg.png"), out);
    byte[] head = Arrays.copyOf(Files.readAllBytes(Images.local(out)), 4);
    assertEquals((byte) 0x89, head[0]);
    assertEquals('P', head[1]);

    Run source = run(photos.toString(), "--format", "source");
    assertTrue(source.endingWith("photo.jpg").get("outputs").get(0).asText().endsWith("/photo.jpg"));
    assertTrue(source.endingWith("wide.png").get("outputs").get(0).asText().endsWith("/wide.png"));
  }

  @Test
  void qualityTradesBytes() throws IOException {
    Run low = run(photo("photo.jpg"), "--size", "300x300", "--quality", "10");
    Run high = run(photo("photo.jpg"), "--size", "300x300", "--quality", "95");
    long lowBytes = Files.size(Images.local(low.only().get("outputs").get(0).asText()));
    long highBytes = Files.size(Images.local(high.only().get("outputs").get(0).asText()));
    assertTrue(lowBytes * 2 < highBytes, lowBytes + " vs " + highBytes);
  }

  @Test
  void overwriteRedoesWhatIsUpToDate() throws IOException {
    Path output = dir.resolve("overwrite");
    assertEquals("ok", runInto(output, photo("photo.jpg")).only().get("status").asText());
    JsonNode again = runInto(output, photo("photo.jpg")).only();
    assertEquals("skipped", again.get("status").asText());
    assertEquals("up-to-date", again.get("reason").asText());
    assertEquals("ok",
        runInto(output, photo("photo.jpg"), "--overwrite").only().get("status").asText());
  }

  @Test
  void strictFailsDamagedImages() throws IOException {
    byte[] jpeg = Images.jpeg(400, 300, 5);
    Path damaged = Images.write(dir.resolve("damaged/d.jpg"),
        Arrays.copyOf(jpeg, jpeg.length * 7 / 10));
    assertEquals("ok", run(damaged.toString()).only().get("status").asText());
    Run strict = run(damaged.toString(), "--strict");
    assertEquals(1, strict.exit());
    assertEquals("corrupt", strict.only().get("error").asText());
    assertTrue(strict.only().get("message").asText().contains("--strict"));
  }

  @Test
  void limitsRefuseBeforeWork() throws IOException {
    JsonNode bytes = run(photo("photo.jpg"), "--max-bytes", "1000").only();
    assertEquals("too-large", bytes.get("error").asText());
    assertTrue(bytes.get("message").asText().contains("--max-bytes"));
    JsonNode pixels = run(photo("photo.jpg"), "--max-pixels", "1000").only();
    assertEquals("too-large", pixels.get("error").asText());
    assertTrue(pixels.get("message").asText().contains("--max-pixels"));
    // Not photo.jpg: libjpeg-turbo decodes an 800x600 JPEG at 1/4 scale in under 1 ms on a fast
    // machine (CI saw it come back ok). A 9-megapixel PNG must inflate and unfilter 27 MB of
    // rows whatever the target size: tens of milliseconds at the least.
    BufferedImage big = new BufferedImage(3000, 3000, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 3000; y++) {
      for (int x = 0; x < 3000; x++) {
        big.setRGB(x, y, (x % 256) << 16 | (y % 256) << 8 | (x + y) % 256);
      }
    }
    Path png = Images.write(dir.resolve("big/big.png"), Images.encode(big, "png"));
    JsonNode budget = run(png.toString(), "--time-budget", "1").only();
    assertEquals("timeout", budget.path("error").asText(), budget.toString());
  }

  @Test
  void hashDhashPutsTheHashInTheLine() throws IOException {
    assertTrue(run(photo("photo.jpg")).only().path("dhash").isMissingNode(), "off by default");
    JsonNode line = run(photo("photo.jpg"), "--hash", "dhash").only();
    assertTrue(line.path("dhash").asText().matches("[0-9a-f]{16}"), line.toString());
  }

  @Test
  void masterPartitionsAndDecoderShowInTheRun() throws IOException {
    Run r = run(photos.toString(), "--master", "local[1]", "--partitions", "2",
        "--decoder", "java");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("2 partitions on local[1]"), r.out());
    assertTrue(r.out().contains("pure Java (--decoder java)"), r.out());
  }

  @Test
  void masterConflictingWithSparkSubmitIsAUsageError() throws IOException {
    System.setProperty("spark.master", "local[2]");
    try {
      Run r = run(photo("photo.jpg"), "--master", "local[1]");
      assertEquals(Main.USAGE, r.exit());
      assertTrue(r.err().contains("conflicts with spark.master=local[2]"), r.err());
    } finally {
      System.clearProperty("spark.master");
    }
  }

  @Test
  void privateNetworkNeedsItsFlag() throws IOException {
    JsonNode blocked = run(http.url("/a.jpg")).only();
    assertEquals("blocked", blocked.get("error").asText());
    assertTrue(blocked.get("message").asText().contains("--allow-private-network"));
    JsonNode ok = run(http.url("/a.jpg"), "--allow-private-network").only();
    assertEquals("ok", ok.get("status").asText(), ok.toString());
    assertEquals(200, ok.get("httpStatus").asInt());
  }

  @Test
  void fetchConcurrencyBoundsRequestsInFlight() throws IOException {
    List<String> args = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      args.add(http.url("/slow-" + i + ".jpg"));
    }
    args.addAll(List.of("--allow-private-network", "--partitions", "1",
        "--fetch-concurrency", "4", "--per-host-concurrency", "2"));
    maxInFlight.set(0);
    Run r = run(args.toArray(new String[0]));
    assertEquals(0, r.exit(), r.err());
    assertEquals(2, maxInFlight.get(), "one host: --per-host-concurrency is the bound");
    args.set(args.indexOf("2"), "4");
    maxInFlight.set(0);
    run(args.toArray(new String[0]));
    assertEquals(4, maxInFlight.get(), "--fetch-concurrency is the bound");
  }

  @Test
  void fetchDeadlineAttemptsAndRedirectsAreHonoured() throws IOException {
    JsonNode late = run(http.url("/stall"), "--allow-private-network", "--fetch-deadline", "500")
        .only();
    assertEquals("timeout", late.get("error").asText(), late.toString());
    assertTrue(late.get("message").asText().contains("--fetch-deadline"));

    unavailable.set(0);
    JsonNode busy = run(http.url("/unavailable"), "--allow-private-network",
        "--fetch-attempts", "2").only();
    assertEquals(2, busy.get("attempts").asInt(), busy.toString());
    assertEquals(2, unavailable.get());

    JsonNode twoHops = run(http.url("/hop1"), "--allow-private-network").only();
    assertEquals("ok", twoHops.get("status").asText(), twoHops.toString());
    JsonNode oneHop = run(http.url("/hop1"), "--allow-private-network", "--max-redirects", "1")
        .only();
    assertEquals("http", oneHop.get("error").asText());
    assertTrue(oneHop.get("message").asText().contains("--max-redirects"));

    JsonNode connect = run("http://127.0.0.1:1/x.jpg", "--allow-private-network",
        "--connect-timeout", "200").only();
    assertEquals("http", connect.get("error").asText(), connect.toString());
  }

  @Test
  void allowListFilesystemWidensWhatListsMayName() throws IOException {
    Path list = Files.writeString(dir.resolve("fs-list.txt"), "gs://bucket/a.jpg\n");
    assertEquals("blocked", run("@" + list).only().get("error").asText());
    JsonNode allowed = run("@" + list, "--allow-list-filesystem", "gs://bucket").only();
    assertEquals("unsupported", allowed.get("error").asText(), allowed.toString());
  }

  @Test
  void anOutputInUseByAnotherRunExitsTwo() throws IOException {
    Path output = dir.resolve("busy");
    Files.createDirectories(output);
    // a live holder: this very process, on this host, with a fresh heartbeat
    Files.writeString(output.resolve(io.github.sparkthumbs.output.OutputLock.FILE_NAME),
        "run=other-run\nhost=" + java.net.InetAddress.getLocalHost().getHostName() + "\npid="
            + ProcessHandle.current().pid() + "\n");
    Run r = runInto(output, photo("photo.jpg"));
    assertEquals(Main.USAGE, r.exit(), r.err());
    assertTrue(r.err().contains("in use by run other-run"), r.err());
    assertTrue(r.bySource().isEmpty(), "nothing ran");
  }

  @Test
  void usageErrorsExitTwoAndNameTheFlag() throws IOException {
    for (String[] args : List.of(
        new String[] {photo("photo.jpg"), "--size", "75xx"},
        new String[] {photo("photo.jpg"), "--quality", "0"},
        new String[] {photo("photo.jpg"), "--mode", "stretch"},
        new String[] {photo("photo.jpg"), "--decoder", "gpu"},
        new String[] {photo("photo.jpg"), "--max-bytes", "0"},
        new String[] {photo("photo.jpg"), "--allow-list-filesystem", "hdfs:/no-authority"},
        new String[] {photo("photo.jpg"), "--no-such-flag"},
        new String[] {photo("photo.jpg"), "--sizes", "75x75"},
        new String[] {photo("photo.jpg"), "--quality", "101"},
        new String[] {"@" + dir.resolve("missing-list.txt")})) {
      Run r = run(args);
      assertEquals(Main.USAGE, r.exit(), Arrays.toString(args) + ": " + r.err());
      assertTrue(r.err().startsWith("thumbnail: "), r.err());
      String flag = args.length > 1 ? args[1] : "missing-list.txt";
      assertTrue(r.err().contains(flag.startsWith("--") ? flag : "missing-list.txt"), r.err());
    }
    ByteArrayOutputStream noOutput = new ByteArrayOutputStream();
    assertEquals(Main.USAGE, Main.run(new String[] {photo("photo.jpg")}, System.out,
        new PrintStream(noOutput, true)));
    assertTrue(noOutput.toString().contains("--output"), noOutput.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, Main.run(new String[] {"--help"}, new PrintStream(out, true), System.err));
    assertTrue(out.toString().contains("--allow-list-filesystem"), out.toString());
  }
}
