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
}
