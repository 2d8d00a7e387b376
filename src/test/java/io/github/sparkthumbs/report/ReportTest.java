package io.github.sparkthumbs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.testing.SparkTestSupport;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report from a manifest alone (no browser): an earlier version's single file and the same
 * lines as parts give the same page; the samples are bounded and the same on every rebuild.
 */
class ReportTest {
  @TempDir Path dir;
  private final JavaSparkContext jsc =
      JavaSparkContext.fromSparkContext(SparkTestSupport.context());

  /** 1000 lines: 700 ok, 200 failed in 3 classes, 100 skipped, taking i ms, one garbage line. */
  private static List<String> lines(Path root) {
    List<String> lines = new ArrayList<>();
    long t0 = 1_700_000_000_000L;
    for (int i = 0; i < 1000; i++) {
      String src = "file:/photos/p" + i + ".jpg";
      String common = ",\"bytes\":1000,\"millis\":" + i + ",\"finished\":" + (t0 + 10L * i);
      if (i % 10 < 7) {
        lines.add("{\"source\":\"" + src + "\",\"status\":\"ok\",\"outputs\":[\"file:" + root
            + "/p" + i + ".jpg\"],\"width\":800,\"height\":600" + common + ",\"format\":\"jpeg\""
            + (i % 100 == 0 ? ",\"warnings\":[\"truncated\"],\"decoded\":0.5" : "") + "}");
      } else if (i % 10 < 9) {
        String error = List.of("corrupt", "not-found", "timeout").get(i % 3);
        lines.add("{\"source\":\"" + src + "\",\"status\":\"failed\",\"outputs\":[],\"width\":0,"
            + "\"height\":0" + common + ",\"error\":\"" + error + "\",\"message\":\"" + src
            + ": <" + error + ">\"}");
      } else {
        lines.add("{\"source\":\"" + src + "\",\"status\":\"skipped\",\"reason\":\"up-to-date\","
            + "\"outputs\":[],\"width\":0,\"height\":0" + common + "}");
      }
    }
    lines.add("{not json");
    return lines;
  }

  private String build(Path root) throws IOException {
    RunReport.write(jsc, new org.apache.hadoop.fs.Path(root.toString()), 0);
    return Files.readString(root.resolve(RunReport.FILE_NAME), StandardCharsets.UTF_8);
  }

  private static String id(String html, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "\">(\\d+)<").matcher(html);
    assertTrue(m.find(), id);
    return m.group(1);
  }

  private static String section(String html, String id) {
    int a = html.indexOf("<section id=\"" + id + "\">");
    return html.substring(a, html.indexOf("</section>", a));
  }

  private static int count(String s, String what) {
    return s.split(Pattern.quote(what), -1).length - 1;
  }

  @Test
  void aLegacyManifestAndItsPartsGiveTheSameBoundedReport() throws IOException {
    Path legacy = dir.resolve("legacy");
    Files.createDirectories(legacy);
    Files.write(legacy.resolve("manifest.jsonl"), lines(legacy));
    String html = build(legacy);
    assertEquals("1000", id(html, "count-total"));
    assertEquals("700", id(html, "count-ok"));
    assertEquals("200", id(html, "count-failed"));
    assertEquals("100", id(html, "count-skipped"));
    assertEquals("10", id(html, "count-warnings"));
    assertEquals("1", id(html, "count-unreadable"));

    String sheet = section(html, "contact-sheet");
    assertEquals(ReportStats.SAMPLE, count(sheet, "<img "));
    assertTrue(sheet.contains("300 of 700 ok inputs"), sheet.substring(0, 300));
    assertTrue(sheet.contains("href=\"./p"), "relative links");

    String failures = section(html, "failures");
    for (String e : List.of("corrupt", "not-found", "timeout")) {
      assertTrue(failures.contains("data-error=\"" + e + "\"><td>" + e + "</td><td class=\"n\">"
          + (e.equals("corrupt") ? 66 : 67) + "<"), e);
    }
    assertEquals(9, count(failures, "<li>"), "three examples per class");
    assertTrue(failures.contains(": &lt;corrupt&gt;"), "messages are escaped");

    String slowest = section(html, "slowest");
    List<String> ms = new ArrayList<>();
    Matcher m = Pattern.compile("<tr><td class=\"n\">(\\d+)</td>").matcher(slowest);
    while (m.find()) {
      ms.add(m.group(1));
    }
    assertEquals(List.of("999", "998", "997", "996", "995", "994", "993", "992", "991", "990"),
        ms);
    String chart = section(html, "timeline");
    assertEquals(50, count(chart, "<rect "), "10 s in bars of 200 ms");
    long charted = 0;
    Matcher bar = Pattern.compile("data-n=\"(\\d+)\"").matcher(chart);
    while (bar.find()) {
      charted += Long.parseLong(bar.group(1));
    }
    assertEquals(700, charted, "every ok image on the chart");

    // the same lines as four parts of a manifest folder, in another order: the same sample
    Path parts = dir.resolve("parts");
    Files.createDirectories(parts.resolve("manifest"));
    List<String> all = lines(parts);
    for (int p = 0; p < 4; p++) {
      List<String> part = new ArrayList<>();
      for (int i = all.size() - 1 - p; i >= 0; i -= 4) {
        part.add(all.get(i));
      }
      Files.write(parts.resolve("manifest/part-0000" + p), part);
    }
    String again = build(parts);
    assertEquals(sheet.replace(legacy.toString(), "ROOT"),
        section(again, "contact-sheet").replace(parts.toString(), "ROOT"));
    assertEquals(failures.replace(legacy.toString(), "ROOT"),
        section(again, "failures").replace(parts.toString(), "ROOT"));
  }

  @Test
  void thumbnailsInsideShardsAreCountedNotLinked() throws IOException {
    Path root = dir.resolve("sharded");
    Files.createDirectories(root.resolve("manifest"));
    Files.write(root.resolve("manifest/part-00000"), List.of(
        "{\"source\":\"file:/p/a.jpg\",\"status\":\"ok\",\"outputs\":[\"0a1b2c.jpg\"],"
            + "\"width\":8,\"height\":8,\"bytes\":9,\"millis\":1}",
        "{\"source\":\"file:/p/b.jpg\",\"status\":\"ok\",\"outputs\":[\"file:" + root
            + "/b.jpg\"],\"width\":8,\"height\":8,\"bytes\":9,\"millis\":1}"));
    String sheet = section(build(root), "contact-sheet");
    assertEquals(1, count(sheet, "<img "));
    assertTrue(sheet.contains("1 of 2 ok inputs") && sheet.contains("1 thumbnails inside tar"),
        sheet);
    assertTrue(!sheet.contains("0a1b2c"), sheet);
  }

  @Test
  void linksEncodeEveryUnsafeCharacter() {
    assertEquals("./a%20b/%23%25%3F%C3%A9.jpg",
        ReportHtml.link("file:/t", "file:/t/a b/#%?é.jpg"));
    assertEquals("./x%3Ay.jpg", ReportHtml.link("file:/t/", "file:/t/x:y.jpg"));
    assertEquals(null, ReportHtml.link("file:/t", "file:/elsewhere/x.jpg"));
  }

  @Test
  void noManifestIsSaid() {
    FileNotFoundException e = assertThrows(FileNotFoundException.class,
        () -> RunReport.write(jsc, new org.apache.hadoop.fs.Path(dir.toString()), 0));
    assertTrue(e.getMessage().contains("no manifest in"), e.getMessage());
  }

  private static String ok(String source, String output) {
    return "{\"source\":\"" + source + "\",\"status\":\"ok\",\"outputs\":[\"" + output
        + "\"],\"width\":8,\"height\":8,\"bytes\":9,\"millis\":1}";
  }

  @Test
  void linesThatCannotBeUsedAreCountedAndNamedNotACrash() throws IOException {
    Path root = dir.resolve("bad-lines");
    Files.createDirectories(root.resolve("manifest"));
    Files.write(root.resolve("manifest/part-00000"), List.of(
        ok("file:/p/a.jpg", "file:" + root + "/a.jpg"),
        "{\"source\":\"file:/p/f.jpg\",\"status\":\"failed\",\"bytes\":1,\"millis\":1}",
        "{\"source\":\"file:/p/w.jpg\",\"status\":\"ok\",\"width\":\"wide\"}",
        "{\"source\":\"file:/p/n.jpg\",\"status\":\"ok\",\"outputs\":[null]}",
        "{\"source\":\"file:/p/s.jpg\",\"status\":\"sideways\"}",
        "\"<script>\""));
    // a valid line, but over the bound: read past, never held whole
    Files.writeString(root.resolve("manifest/part-00001"), "{\"source\":\"file:/p/h.jpg\","
        + "\"status\":\"failed\",\"error\":\"corrupt\",\"message\":\""
        + "m".repeat(ManifestLines.MAX_LINE_BYTES) + "\"}\n"
        + ok("file:/p/b.jpg", "file:" + root + "/b.jpg") + "\n");
    String html = build(root);
    assertEquals("2", id(html, "count-total"));
    assertEquals("2", id(html, "count-ok"));
    assertEquals("0", id(html, "count-failed"));
    assertEquals("6", id(html, "count-unreadable"));
    Matcher shown = Pattern.compile("<ul id=\"unreadable\">(.*?)</ul>").matcher(html);
    assertTrue(shown.find(), "the unreadable lines are named");
    String named = shown.group(1);
    assertEquals(ReportStats.EXAMPLES_PER_ERROR, count(named, "<li>"), named);
    assertEquals(ReportStats.EXAMPLES_PER_ERROR, count(named, "/manifest/part-00000 at byte "),
        named);
    assertTrue(named.contains("a failed line without its error class: file:/p/f.jpg"), named);
    assertTrue(!html.contains("<script"), "no script");
  }

  @Test
  void onlyFilesUnderTheOutputAreLinkedTheRestIsText() throws IOException {
    Path root = dir.resolve("links");
    Files.createDirectories(root.resolve("manifest"));
    List<String> outside = List.of("javascript:alert(1)", "javascript://x/%0aalert(1)",
        "http://198.51.100.7/x.jpg", "file:/etc/passwd", "data:image/png;base64,iVBORw0KGgo=",
        "file:" + root + "/../elsewhere/x.jpg", "file:" + root + "x/sibling.jpg",
        "file:" + root + "//x.jpg");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < outside.size(); i++) {
      // the sheet shows the first and links the last: either may be the one outside
      String inside = "file:" + root + "/i" + i + ".jpg";
      lines.add("{\"source\":\"file:/p/o" + i + ".jpg\",\"status\":\"ok\",\"outputs\":[\""
          + (i % 2 == 0 ? inside : outside.get(i)) + "\",\""
          + (i % 2 == 0 ? outside.get(i) : inside) + "\"],\"width\":8,\"height\":8,"
          + "\"bytes\":9,\"millis\":1}");
    }
    lines.add(ok("file:/p/in.jpg", "file:" + root + "/in.jpg"));
    Files.write(root.resolve("manifest/part-00000"), lines);
    String html = build(root);
    Matcher m = Pattern.compile("(href|src)=\"([^\"]*)\"").matcher(html);
    List<String> links = new ArrayList<>();
    while (m.find()) {
      links.add(m.group(2));
    }
    assertEquals(List.of("./in.jpg", "./in.jpg"), links);
    String sheet = section(html, "contact-sheet");
    assertTrue(sheet.contains(outside.size() + 1 + " of " + (outside.size() + 1) + " ok"), sheet);
    for (String o : outside) {
      assertTrue(sheet.contains("<code>" + ReportHtml.esc(o) + "</code>"), o + " as text");
    }
  }

  @Test
  void sourceNamesAreEscapedEverywhere() throws IOException {
    Path root = dir.resolve("names");
    Files.createDirectories(root.resolve("manifest"));
    // as JSON: the source holds a double quote
    String evil = "file:/p/<img src=x onerror=alert(1)>\\\"'.jpg";
    Files.write(root.resolve("manifest/part-00000"), List.of(
        ok(evil, "file:" + root + "/a.jpg"),
        "{\"source\":\"" + evil + "2\",\"status\":\"failed\",\"bytes\":1,\"millis\":9,"
            + "\"error\":\"corrupt\",\"message\":\"m\"}"));
    String html = build(root);
    assertTrue(!html.contains("<img src=x"), "a source is never markup");
    assertTrue(!html.contains("onerror=alert(1)>\"'"), "nor ends an attribute");
    String escaped = "&lt;img src=x onerror=alert(1)&gt;&quot;&#39;.jpg";
    assertEquals(1, count(section(html, "failures"), escaped + "2</code>"), "the failure");
    assertEquals(2, count(section(html, "slowest"), escaped), "both slowest rows");
    String sheet = section(html, "contact-sheet");
    assertTrue(sheet.contains("title=\"file:/p/" + escaped + " (8x8)\""), sheet);
    assertTrue(sheet.contains("alt=\"" + escaped + "\""), sheet);
  }

  @Test
  void aLinkAtTheReportsNamesIsReplacedNeverWrittenThrough() throws IOException {
    Path root = dir.resolve("linked");
    Files.createDirectories(root.resolve("manifest"));
    Files.write(root.resolve("manifest/part-00000"),
        List.of(ok("file:/p/a.jpg", "file:" + root + "/a.jpg")));
    Path victim = dir.resolve("victim.txt");
    Path victim2 = dir.resolve("victim2.txt");
    Files.writeString(victim, "keep me");
    Files.writeString(victim2, "keep me too");
    Files.createSymbolicLink(root.resolve(".report.html.tmp"), victim);
    Files.createSymbolicLink(root.resolve(RunReport.FILE_NAME), victim2);
    String html = build(root);
    assertEquals("keep me", Files.readString(victim));
    assertEquals("keep me too", Files.readString(victim2));
    assertTrue(!Files.isSymbolicLink(root.resolve(RunReport.FILE_NAME)));
    assertEquals("1", id(html, "count-ok"));
    try (var left = Files.list(root)) {
      assertEquals(List.of(".report.html.tmp", "manifest", "report.html"),
          left.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary left");
    }
    // as readable as any file the user's umask makes there (a temporary file's 0600 was not)
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    assertEquals(Files.getPosixFilePermissions(plain),
        Files.getPosixFilePermissions(root.resolve(RunReport.FILE_NAME)));
  }
}
