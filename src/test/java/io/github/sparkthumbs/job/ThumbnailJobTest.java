package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.SkipReason;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job on a real local[2] Spark. */
class ThumbnailJobTest {
  @TempDir Path dir;
  private final SparkContext sc = SparkTestSupport.context();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  /** Source dimensions of every good image, by file name. */
  private final Map<String, int[]> sizes = new HashMap<>();

  @BeforeEach
  void photos() throws IOException {
    Path in = dir.resolve("photos");
    for (int i = 0; i < 36; i++) {
      int w = 120 + (i * 37) % 900;
      int h = 90 + (i * 53) % 700;
      String name = String.format("%s/%s/img-%02d.%s", i % 3 == 0 ? "2019" : "2020",
          i % 2 == 0 ? "trip" : "home", i, i % 4 == 0 ? "png" : "jpg");
      Images.write(in.resolve(name), i % 4 == 0 ? Images.png(w, h, i) : Images.jpeg(w, h, i));
      sizes.put(name, new int[] {w, h});
    }
    Images.write(in.resolve("2020/broken.jpg"), "not a jpeg at all, just text".getBytes());
    Images.write(in.resolve("2019/notes.txt"), "a text file among photos".getBytes());
  }

  private Summary run(Settings s, String... inputs) throws IOException {
    return ThumbnailJob.run(sc, List.of(inputs), s, new PrintStream(out, true),
        new PrintStream(err, true));
  }

  private Settings settings() {
    return builder().build();
  }

  private Settings.Builder builder() {
    return Settings.builder().output(dir.resolve("thumbs").toString()).partitions(5);
  }

  private List<ThumbResult> manifest() throws IOException {
    return ManifestFiles.lines(dir.resolve("thumbs")).stream()
        .map(Manifest::parse).toList();
  }

  @Test
  void thumbnailsEveryImageAndReportsEveryInputOnce() throws IOException {
    Summary s = run(settings(), dir.resolve("photos").toString());

    assertEquals(1, s.exitCode());
    List<ThumbResult> lines = manifest();
    assertEquals(38, lines.size());
    Map<String, Long> byStatus = lines.stream()
        .collect(Collectors.groupingBy(r -> r.status().label(), Collectors.counting()));
    assertEquals(Map.of("ok", 36L, "failed", 1L, "skipped", 1L), byStatus);
    Set<String> sources = new HashSet<>();
    for (ThumbResult r : lines) {
      assertTrue(sources.add(r.source()), "twice in the manifest: " + r.source());
    }
    ThumbResult broken = lines.stream().filter(ThumbResult::isFailed).findFirst().orElseThrow();
    assertTrue(broken.source().endsWith("/photos/2020/broken.jpg"), broken.source());
    assertEquals(ErrorClass.UNSUPPORTED, broken.failure().error());
    assertTrue(err.toString().contains("broken.jpg"), err.toString());

    for (ThumbResult r : lines) {
      if (!r.isOk()) {
        continue;
      }
      String rel = r.source().substring(r.source().indexOf("/photos/") + 8);
      int[] wh = sizes.get(rel);
      assertEquals(wh[0], r.image().width(), rel);
      assertEquals(wh[1], r.image().height(), rel);
      Path thumb = Images.local(r.written().outputs().get(0));
      String expectedName = rel.endsWith(".png") ? rel + ".jpg" : rel;
      assertEquals(dir.resolve("thumbs").resolve(expectedName), thumb);
      BufferedImage t = Images.read(thumb);
      assertTrue(t.getWidth() <= 75 && t.getHeight() <= 75, rel + " " + t.getWidth() + "x"
          + t.getHeight());
      assertTrue(t.getWidth() == 75 || t.getHeight() == 75, rel);
      if (t.getWidth() == 75) {
        assertEquals(75.0 * wh[1] / wh[0], t.getHeight(), 1.0, rel + " aspect");
      } else {
        assertEquals(75.0 * wh[0] / wh[1], t.getWidth(), 1.0, rel + " aspect");
      }
    }
    assertEquals(0, countTemporaryFiles());
    String stdout = out.toString(StandardCharsets.UTF_8);
    assertTrue(stdout.contains("ok=36 failed=1 skipped=1"), stdout);
    assertTrue(stdout.contains("manifest:"), stdout);
  }

  @Test
  void rerunSkipsEveryGoodImage() throws IOException {
    run(settings(), dir.resolve("photos").toString());
    Summary again = run(settings(), dir.resolve("photos").toString());
    assertEquals(1, again.failed());
    assertEquals(37, again.skipped());
    long upToDate = manifest().stream()
        .filter(r -> SkipReason.UP_TO_DATE.equals(r.failure().reason())).count();
    assertEquals(36, upToDate);
  }

  @Test
  void aRerunKeepsTheRecordOfTheFirst() throws IOException {
    run(settings(), dir.resolve("photos").toString());
    Map<String, ThumbResult> first = manifest().stream()
        .collect(Collectors.toMap(ThumbResult::source, r -> r));
    Summary again = run(settings(), dir.resolve("photos").toString());
    assertEquals(37, again.skipped());
    Map<String, ThumbResult> second = manifest().stream()
        .collect(Collectors.toMap(ThumbResult::source, r -> r));
    assertEquals(first.keySet(), second.keySet());
    for (ThumbResult r : first.values()) {
      if (!r.isOk()) {
        continue;
      }
      ThumbResult now = second.get(r.source());
      assertEquals(SkipReason.UP_TO_DATE, now.failure().reason(), now.toString());
      assertEquals(r.written().outputs(), now.written().outputs(), "where its thumbnail is");
      assertEquals(List.of(r.image().width(), r.image().height(), r.image().format()),
          List.of(now.image().width(), now.image().height(), now.image().format()),
              "what the first run learned");
    }

    // A run over one folder only keeps the lines of the others, and counts only its own.
    Summary subset = run(builder().overwrite(true).build(),
        dir.resolve("photos/2019").toString());
    Map<String, ThumbResult> third = manifest().stream()
        .collect(Collectors.toMap(ThumbResult::source, r -> r));
    assertEquals(first.keySet(), third.keySet());
    long in2019 = first.keySet().stream().filter(k -> k.contains("/photos/2019/")).count();
    assertEquals(in2019, subset.total());
    assertTrue(out.toString(StandardCharsets.UTF_8)
        .contains("kept " + (first.size() - in2019) + " lines of earlier runs"), out.toString());
  }

  @Test
  void sameNameUnderTwoRootsNeverCollides() throws IOException {
    Images.write(dir.resolve("a/x.jpg"), Images.jpeg(300, 200, 1));
    Images.write(dir.resolve("b/x.jpg"), Images.jpeg(200, 300, 2));
    Summary s = run(settings(), dir.resolve("a").toString(), dir.resolve("b").toString());
    assertEquals(2, s.ok());
    assertEquals(75, Images.read(dir.resolve("thumbs/a/x.jpg")).getWidth());
    assertEquals(50, Images.read(dir.resolve("thumbs/b/x.jpg")).getWidth());
  }

  @Test
  void listFilesGlobsAndMissingInputs() throws IOException {
    Path list = dir.resolve("inputs.txt");
    Files.writeString(list, String.join("\n",
        "# holiday picks",
        "",
        dir.resolve("photos/2019/trip/img-00.png").toString(),
        dir.resolve("photos/2020/*/img-1?.jpg").toString(),
        dir.resolve("photos/nope.jpg").toString()));
    Summary s = run(settings(), "@" + list);
    // 2020 holds i%3 != 0; its img-1?.jpg: 10, 11, 13, 14, 17, 19 (16 is a png)
    List<ThumbResult> lines = manifest();
    assertEquals(1 + 6 + 1, lines.size(), lines.toString());
    assertEquals(7, s.ok());
    assertEquals(1, s.failed());
    assertEquals(ErrorClass.NOT_FOUND, lines.stream().filter(ThumbResult::isFailed).findFirst()
        .orElseThrow().failure().error());
  }

  @Test
  void outputInsideInputIsNotReadAsInput() throws IOException {
    Settings.Builder inside = Settings.builder().output(dir.resolve("photos/thumbs").toString());
    run(inside.build(), dir.resolve("photos").toString());
    Summary again = run(inside.overwrite(true).build(),
        dir.resolve("photos").toString());
    assertEquals(38, again.total());
  }

  private long countTemporaryFiles() throws IOException {
    try (var files = Files.walk(dir.resolve("thumbs"))) {
      return files.filter(p -> p.getFileName().toString().contains(".tmp-")).count();
    }
  }
}
