package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.Image;
import io.github.sparkthumbs.result.Input;
import io.github.sparkthumbs.result.SkipReason;
import io.github.sparkthumbs.result.Status;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.ManifestFiles;
import io.github.sparkthumbs.testing.SparkTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reruns decide from the earlier manifest, joined on the executors, not from the outputs: an
 * unchanged input is up to date without a look at its thumbnail, a changed one is made again,
 * and no run loses the record of an earlier one.
 */
class RerunTest {
  @TempDir Path dir;
  private final SparkContext sc = SparkTestSupport.context();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void photos() throws IOException {
    for (int i = 0; i < 6; i++) {
      Images.write(dir.resolve("in/p" + i + ".jpg"), Images.jpeg(200 + i, 100 + i, i));
    }
  }

  private Summary run(String... inputs) throws IOException {
    return run(Settings.builder().output(dir.resolve("out").toString()).build(), inputs);
  }

  private Summary run(Settings s, String... inputs) throws IOException {
    return ThumbnailJob.run(sc, List.of(inputs), s, new PrintStream(out, true),
        new PrintStream(out, true));
  }

  private Map<String, ThumbResult> manifest() throws IOException {
    return ManifestFiles.results(dir.resolve("out")).stream()
        .collect(Collectors.toMap(r -> Path.of(Images.local(r.source()).toString())
            .getFileName().toString(), Function.identity()));
  }

  @Test
  void unchangedInputsAreUpToDateFromTheirRecordAndChangedOnesAreRedone() throws IOException {
    assertEquals(6, run(dir.resolve("in").toString()).ok());
    Map<String, ThumbResult> first = manifest();
    assertEquals(1_000L * (Files.getLastModifiedTime(dir.resolve("in/p1.jpg")).toMillis()
        / 1_000), 1_000L * (first.get("p1.jpg").input().modified() / 1_000), "modified recorded");

    // The thumbnail of p0 goes away: the record says it was made from this very source, so the
    // rerun trusts it and does not look (one status call per output is what it avoids).
    Files.delete(dir.resolve("out/p0.jpg"));
    // p1 changes (a new modification time), p2 grows, p6 is new.
    Path p1 = dir.resolve("in/p1.jpg");
    Files.setLastModifiedTime(p1, FileTime.fromMillis(
        Files.getLastModifiedTime(p1).toMillis() + 10_000));
    Images.write(dir.resolve("in/p2.jpg"), Images.jpeg(300, 150, 42));
    Images.write(dir.resolve("in/p6.jpg"), Images.jpeg(90, 90, 6));

    Summary second = run(dir.resolve("in").toString());
    Map<String, ThumbResult> m = manifest();
    assertEquals(7, m.size());
    assertEquals(3, second.ok(), m.toString());
    assertEquals(4, second.skipped());
    for (String redone : List.of("p1.jpg", "p2.jpg", "p6.jpg")) {
      assertEquals(Status.OK, m.get(redone).status(), redone);
    }
    assertEquals(300, m.get("p2.jpg").image().width(), "the new p2");
    for (String kept : List.of("p0.jpg", "p3.jpg", "p4.jpg", "p5.jpg")) {
      ThumbResult r = m.get(kept);
      assertEquals(SkipReason.UP_TO_DATE, r.failure().reason(), kept);
      assertEquals(first.get(kept).image().width(), r.image().width(),
          "dimensions from the record");
      assertEquals(first.get(kept).written().outputs(), r.written().outputs());
      assertEquals(first.get(kept).input().modified(), r.input().modified());
    }
    assertFalse(Files.exists(dir.resolve("out/p0.jpg")), "up to date by its record alone");

    // --overwrite looks at nothing and makes everything again (p0's thumbnail comes back).
    Summary third = run(Settings.builder().output(dir.resolve("out").toString())
        .overwrite(true).build(), dir.resolve("in").toString());
    assertEquals(7, third.ok());
    assertTrue(Files.exists(dir.resolve("out/p0.jpg")));
  }

  @Test
  void linesOfInputsNotNamedAreCarriedAndCountedNowhere() throws IOException {
    assertEquals(6, run(dir.resolve("in").toString()).ok());
    Summary one = run(dir.resolve("in/p3.jpg").toString());
    assertEquals(1, one.total(), "only this run's inputs are counted");
    Map<String, ThumbResult> m = manifest();
    assertEquals(6, m.size(), "every earlier line is still there");
    assertEquals(Status.OK, m.get("p0.jpg").status());
    assertTrue(out.toString().contains("kept 5 lines of earlier runs"), out.toString());
  }

  @Test
  void aManifestOfAnEarlierVersionIsReadAndReplaced() throws IOException {
    Files.createDirectories(dir.resolve("out"));
    ThumbResult old = ThumbResult.ok(new Input("file:/elsewhere/old.jpg", 99, null),
        List.of("file:/x/old.jpg"), new Image(10, 10, "jpeg", null, null, null, null));
    Files.writeString(dir.resolve("out/" + Manifest.LEGACY_FILE_NAME), Manifest.line(old)
        + "\nnot json, edited by hand\n");
    assertEquals(6, run(dir.resolve("in").toString()).ok());
    List<String> lines = ManifestFiles.lines(dir.resolve("out"));
    assertEquals(8, lines.size(), lines.toString());
    assertTrue(lines.contains(Manifest.line(old)));
    assertTrue(lines.contains("not json, edited by hand"), "carried verbatim");
    assertFalse(Files.exists(dir.resolve("out/" + Manifest.LEGACY_FILE_NAME)), "replaced");
  }

  @Test
  void aSwapStoppedBetweenItsRenamesLosesNothing() throws IOException {
    assertEquals(6, run(dir.resolve("in").toString()).ok());
    // a run killed after moving the old manifest aside, before moving the new one in
    Files.move(dir.resolve("out/" + Manifest.DIR), dir.resolve("out/" + Manifest.PREVIOUS_DIR));
    Files.createDirectories(dir.resolve("out/" + Manifest.NEW_DIR_PREFIX + "x"));
    Summary again = run(dir.resolve("in").toString());
    assertEquals(6, again.skipped(), "the records were found under the old name");
    Map<String, ThumbResult> m = manifest();
    assertEquals(6, m.size());
    assertNotNull(m.get("p0.jpg").image().format(), "with what the first run learned");
    try (var names = Files.list(dir.resolve("out"))) {
      assertEquals(List.of(), names.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(".manifest")).toList(), "nothing left of the swap");
    }
  }

  @Test
  void earlierLinesThatCannotBeUsedAreCarriedOrReplacedAndCountedNotACrash() throws IOException {
    assertEquals(6, run(dir.resolve("in").toString()).ok());
    // edited by hand: p0's line and a line of an input not named again lose their error class
    Path part = dir.resolve("out/" + Manifest.DIR + "/edited.jsonl");
    String p0 = ManifestFiles.lines(dir.resolve("out")).stream()
        .filter(l -> Manifest.parse(l).source().endsWith("/p0.jpg")).findFirst().orElseThrow();
    String p0Source = Manifest.parse(p0).source();
    for (Path q : ManifestFiles.parts(new org.apache.hadoop.fs.Path(
        dir.resolve("out").toUri()), new org.apache.hadoop.conf.Configuration())
        .stream().map(h -> Path.of(h.toUri())).toList()) {
      Files.write(q, Files.readAllLines(q).stream().filter(l -> !l.equals(p0)).toList());
    }
    String gone = "{\"source\":\"file:/elsewhere/gone.jpg\",\"status\":\"failed\","
        + "\"bytes\":1,\"millis\":1}";
    Files.write(part, List.of("{\"source\":\"" + p0Source + "\",\"status\":\"failed\","
        + "\"bytes\":1,\"millis\":1}", gone));
    Summary again = run(dir.resolve("in").toString());
    // p0's record is not one to trust: its thumbnail is looked at (and found newer than it)
    assertEquals(6, again.total());
    assertEquals(6, again.skipped());
    List<String> lines = ManifestFiles.lines(dir.resolve("out"));
    assertEquals(7, lines.size(), lines.toString());
    assertTrue(lines.contains(gone), "carried verbatim");
    List<String> p0Now = lines.stream().filter(l -> l.contains(p0Source)).toList();
    assertEquals(1, p0Now.size(), "replaced");
    assertEquals(SkipReason.UP_TO_DATE, Manifest.parse(p0Now.get(0)).failure().reason(),
        p0Now.get(0));
    String report = Files.readString(dir.resolve("out/" + io.github.sparkthumbs.report.RunReport
        .FILE_NAME));
    assertTrue(report.contains("<td id=\"count-unreadable\">1</td>"), report);
  }
}
