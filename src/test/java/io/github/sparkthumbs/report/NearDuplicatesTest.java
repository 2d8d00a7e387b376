package io.github.sparkthumbs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkthumbs.job.ThumbnailJob;
import io.github.sparkthumbs.settings.Hash;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.tools.NearCopies;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.ManifestFiles;
import io.github.sparkthumbs.testing.SparkTestSupport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The duplicate finder end to end on a real local[2] Spark: a run with {@code --hash dhash} over
 * copies of a few photos (resized, recompressed, cropped 2% per side, one byte-for-byte) and
 * photos of their own, then the finder over its manifest. The groups are asserted exactly.
 */
class NearDuplicatesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static final SparkContext SC = SparkTestSupport.context();

  @BeforeAll
  static void runWithHashes() throws IOException {
    Path in = dir.resolve("photos");
    for (long seed = 1; seed <= 3; seed++) {
      BufferedImage p = NearCopies.photo(seed);
      byte[] original = NearCopies.jpeg(p, 0.9f);
      Images.write(in.resolve("p" + seed + ".jpg"), original);
      Images.write(in.resolve("copies/p" + seed + "-small.jpg"),
          NearCopies.jpeg(NearCopies.resized(p, 0.4), 0.9f));
      Images.write(in.resolve("copies/p" + seed + "-q30.jpg"), NearCopies.jpeg(p, 0.3f));
      Images.write(in.resolve("copies/p" + seed + "-crop.jpg"),
          NearCopies.jpeg(NearCopies.cropped(p, 2), 0.85f));
      Images.write(in.resolve("copies/p" + seed + "-small.png"),
          Images.encode(NearCopies.resized(p, 0.25), "png"));
    }
    Images.write(in.resolve("copies/p1-same.jpg"), Files.readAllBytes(in.resolve("p1.jpg")));
    for (long seed = 4; seed <= 9; seed++) { // photos of their own: in no group
      Images.write(in.resolve("other/o" + seed + ".jpg"), NearCopies.jpeg(NearCopies.photo(seed), 0.9f));
    }
    Images.write(in.resolve("notes.txt"), "no hash for what is not an image".getBytes());
    ThumbnailJob.run(SC, List.of(in.toString()), Settings.builder()
            .output(dir.resolve("thumbs").toString()).hash(Hash.DHASH).progressSeconds(0).build(),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
  }

  private static Set<Set<String>> groups(int distance, ByteArrayOutputStream out)
      throws IOException {
    int code = NearDuplicatesMain.run(JavaSparkContext.fromSparkContext(SC),
        new org.apache.hadoop.fs.Path(dir.resolve("thumbs").toString()), distance,
        new PrintStream(out, true), System.err);
    assertEquals(0, code);
    Set<Set<String>> groups = new java.util.HashSet<>();
    try (Stream<Path> parts = Files.list(dir.resolve("thumbs/near-duplicates"))) {
      for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-"))
          .toList()) {
        for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
          JsonNode g = JSON.readTree(line);
          Set<String> names = new TreeSet<>();
          g.get("images").forEach(i -> names.add(name(i.get("source").asText())));
          assertEquals(g.get("size").asInt(), names.size(), line);
          assertTrue(groups.add(names), "group twice: " + names);
        }
      }
    }
    return groups;
  }

  private static String name(String source) {
    return source.substring(source.lastIndexOf('/') + 1);
  }

  @Test
  void everyImageLineHasItsHash() throws IOException {
    List<String> lines = ManifestFiles.lines(dir.resolve("thumbs"));
    assertEquals(3 * 5 + 1 + 6 + 1, lines.size());
    for (String l : lines) {
      JsonNode o = JSON.readTree(l);
      boolean ok = o.get("status").asText().equals("ok");
      assertEquals(ok, o.has("dhash"), l);
      if (ok) {
        assertTrue(o.get("dhash").asText().matches("[0-9a-f]{16}"), l);
      }
    }
  }

  @Test
  void copiesGroupAndDistinctPhotosDoNot() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Set<Set<String>> groups = groups(NearDuplicates.DEFAULT_DISTANCE, out);
    Set<Set<String>> expected = Set.of(
        Set.of("p1.jpg", "p1-same.jpg", "p1-small.jpg", "p1-q30.jpg", "p1-crop.jpg",
            "p1-small.png"),
        Set.of("p2.jpg", "p2-small.jpg", "p2-q30.jpg", "p2-crop.jpg", "p2-small.png"),
        Set.of("p3.jpg", "p3-small.jpg", "p3-q30.jpg", "p3-crop.jpg", "p3-small.png"));
    assertEquals(expected, groups);
    String printed = out.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    assertTrue(printed.startsWith("group 1: 6 images, hash "), printed);
    assertTrue(printed.contains("3 groups, 16 images within 6 bits of another (of 64)"), printed);
  }

  @Test
  void distanceZeroGroupsOnlyExactCopies() throws IOException {
    Set<Set<String>> groups = groups(0, new ByteArrayOutputStream());
    // p1-same.jpg is p1.jpg byte for byte; any other copy that hashes identically joins it
    Set<String> withP1 = groups.stream().filter(g -> g.contains("p1.jpg")).findFirst()
        .orElseThrow();
    assertTrue(withP1.contains("p1-same.jpg"), withP1.toString());
    for (Set<String> g : groups) {
      Set<String> photos = g.stream().map(n -> n.replaceAll("-.*|\\..*", ""))
          .collect(Collectors.toSet());
      assertEquals(1, photos.size(), "a group of different photos: " + g);
    }
  }

  @Test
  void aRunWithoutHashesHasNoGroupsAndSaysSo() throws IOException {
    Path bare = dir.resolve("bare");
    Files.createDirectories(bare.resolve("manifest"));
    Files.writeString(bare.resolve("manifest/part-00000"),
        "{\"source\":\"file:/a.jpg\",\"status\":\"ok\",\"outputs\":[\"file:/t/a.jpg\"],"
            + "\"width\":1,\"height\":1,\"bytes\":1,\"millis\":1}\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, NearDuplicatesMain.run(JavaSparkContext.fromSparkContext(SC),
        new org.apache.hadoop.fs.Path(bare.toString()), 6, new PrintStream(out, true),
        System.err));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("0 groups, 0 images"));
    assertEquals(2, NearDuplicatesMain.run(JavaSparkContext.fromSparkContext(SC),
        new org.apache.hadoop.fs.Path(dir.resolve("nothing-here").toString()), 6,
        new PrintStream(out, true), new PrintStream(new ByteArrayOutputStream())));
  }

  /** An ok manifest line with a hash. */
  private static String hashed(String source, String dhash) {
    return "{\"source\":\"" + source + "\",\"status\":\"ok\",\"outputs\":[\"file:/t/x.jpg\"],"
        + "\"width\":1,\"height\":1,\"bytes\":1,\"millis\":1,\"dhash\":\"" + dhash + "\"}";
  }

  @Test
  void linesThatCannotBeUsedAreCountedAndNamedNotACrash() throws IOException {
    Path root = dir.resolve("bad-lines");
    Files.createDirectories(root.resolve("manifest"));
    List<String> lines = new java.util.ArrayList<>(List.of(
        hashed("file:/a.jpg", "00000000000000ff"),
        hashed("file:/b.jpg", "00000000000000fe"),
        hashed("file:/zz.jpg", "zz"),
        hashed("file:/short.jpg", "ff"),
        "{\"source\":\"file:/f.jpg\",\"status\":\"failed\",\"bytes\":1,\"millis\":1}",
        "{\"source\":\"file:/w.jpg\",\"status\":\"ok\",\"width\":\"wide\"}",
        "[1, 2]"));
    Files.write(root.resolve("manifest/part-00000"), lines);
    // a line over the bound, though a valid line: read past, not held
    String huge = hashed("file:/" + "h".repeat(ManifestLines.MAX_LINE_BYTES) + ".jpg",
        "00000000000000fc");
    Files.writeString(root.resolve("manifest/part-00001"), huge + "\n"
        + hashed("file:/c.jpg", "00000000000000fc") + "\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(0, NearDuplicatesMain.run(JavaSparkContext.fromSparkContext(SC),
        new org.apache.hadoop.fs.Path(root.toString()), 6, new PrintStream(out, true),
        new PrintStream(err, true)));
    String said = err.toString(StandardCharsets.UTF_8);
    assertTrue(said.startsWith("near-duplicates: 6 lines of the manifest could not be used"),
        said);
    assertEquals(1 + NearDuplicates.UNUSABLE_SHOWN, said.lines().count(), said);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("1 groups, 3 images within 6 bits"), printed);
  }

  /** {@code n} hashes, each one bit from the one before: a chain as wide as it is long. */
  private static List<String> chain(String name, long seed, int n) {
    java.util.Random r = new java.util.Random(seed);
    long h = r.nextLong();
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(hashed("file:/" + name + "/" + i + ".jpg", io.github.sparkthumbs.image.DHash.hex(h)));
      h ^= 1L << r.nextInt(64);
    }
    return out;
  }

  /** Stages run by {@code job}: the grouping must not take a stage per hop of a group. */
  private static int stages(org.apache.spark.api.java.function.VoidFunction<JavaSparkContext> job)
      throws Exception {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    org.apache.spark.scheduler.SparkListener counter =
        new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onStageCompleted(org.apache.spark.scheduler.SparkListenerStageCompleted e) {
        n.incrementAndGet();
      }
    };
    SC.listenerBus().waitUntilEmpty();
    SC.addSparkListener(counter);
    try {
      job.call(JavaSparkContext.fromSparkContext(SC));
      SC.listenerBus().waitUntilEmpty();
    } finally {
      SC.removeSparkListener(counter);
    }
    return n.get();
  }

  /** Three chains of 400 hashes each and 200 hashes of their own. */
  private static org.apache.hadoop.fs.Path chains() throws IOException {
    Path root = dir.resolve("chains");
    if (Files.exists(root)) {
      return new org.apache.hadoop.fs.Path(root.toString());
    }
    Files.createDirectories(root.resolve("manifest"));
    for (int c = 0; c < 3; c++) {
      Files.write(root.resolve("manifest/part-0000" + c), chain("c" + c, 100 + c, 400));
    }
    java.util.Random r = new java.util.Random(7);
    List<String> alone = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      alone.add(hashed("file:/alone/" + i + ".jpg",
          io.github.sparkthumbs.image.DHash.hex(r.nextLong())));
    }
    Files.write(root.resolve("manifest/part-00003"), alone);
    return new org.apache.hadoop.fs.Path(root.toString());
  }

  @Test
  void longChainsGroupInAFewStages() throws Exception {
    org.apache.hadoop.fs.Path root = chains();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int stages = stages(jsc -> assertEquals(0, NearDuplicatesMain.run(jsc, root, 6,
        new PrintStream(out, true), System.err)));
    String printed = out.toString(StandardCharsets.UTF_8);
    System.out.println("chains: " + stages + " stages");
    assertTrue(printed.contains("3 groups, 1200 images within 6 bits"), printed);
    // label propagation ran a round of 4 stages per hop of the widest chain: 150 and more
    assertTrue(stages <= 25, stages + " stages");
  }

  @Test
  void theStarRoundsGiveTheGroupsOfOneTask() throws Exception {
    org.apache.hadoop.fs.Path root = chains();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SC);
    NearDuplicates.Found local = NearDuplicates.find(jsc, root, 6);
    NearDuplicates.Found rounds = NearDuplicates.find(jsc, root, 6, 0);
    System.out.println("chains: " + rounds.rounds() + " large-star / small-star rounds");
    assertEquals(0, local.rounds());
    assertTrue(rounds.rounds() >= 2 && rounds.rounds() <= 12, rounds.rounds() + " rounds");
    assertEquals(new TreeSet<>(local.groups().collectAsMap().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).toList()),
        new TreeSet<>(rounds.groups().collectAsMap().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).toList()));
    assertEquals(3, rounds.groups().count());
    local.release().run();
    rounds.release().run();
  }
}
