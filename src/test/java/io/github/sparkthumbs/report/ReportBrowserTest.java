package io.github.sparkthumbs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.HeadlessChromium;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.JobRun;
import io.github.sparkthumbs.testing.SparkTestSupport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real run, opened in a real headless Chromium: it loads with no console error
 * (a thumbnail that does not load is one), the counts on the page are the manifest's, and every
 * thumbnail and link on the contact sheet is a file that exists. Leaves a screenshot in
 * {@code target/report-screenshot.png} (the one in docs/ is such a screenshot).
 */
class ReportBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void theReportOfARunShowsTheManifestInABrowser() throws Exception {
    Path chromium = HeadlessChromium.binary();
    Assumptions.assumeTrue(chromium != null,
        "chromium is not installed (apt-get install chromium; .ci/run installs it)");
    Path in = dir.resolve("photos");
    for (int i = 0; i < 48; i++) {
      // names a link must encode: spaces, '#', '%', '?', non-ASCII
      String name = switch (i % 6) {
        case 0 -> "trip/img %02d.jpg";
        case 1 -> "trip/#%02d.jpg";
        case 2 -> "home/100%% - %02d.jpg";
        case 3 -> "home/what?%02d.png";
        case 4 -> "été/photo-%02d.jpg";
        default -> "misc/img-%02d.jpg";
      };
      int w = 300 + (i * 67) % 900;
      int h = 200 + (i * 41) % 700;
      Images.write(in.resolve(String.format(name, i)), i % 6 == 3 ? Images.png(w, h, i)
          : Images.jpeg(w, h, i));
    }
    Images.write(in.resolve("bad/page.jpg"), "<!DOCTYPE html><p>not a photo</p>".getBytes());
    Images.write(in.resolve("bad/page2.jpg"), "<html>also not a photo</html>".getBytes());
    Images.write(in.resolve("bad/empty.png"), new byte[0]);
    byte[] half = Images.jpeg(400, 300, 99);
    Images.write(in.resolve("bad/half.jpg"), java.util.Arrays.copyOf(half, half.length / 2));
    Images.write(in.resolve("notes.txt"), "not an image".getBytes());
    Path output = dir.resolve("thumbs");
    JobRun run = JobRun.of(List.of(in.toString()),
        Settings.builder().output(output.toString()).partitions(4).progressSeconds(0).build());
    Path report = output.resolve(RunReport.FILE_NAME);
    assertTrue(run.out().contains("report:     file:" + report + " ("), run.out());

    // the manifest, read as plain JSON
    Map<String, Long> expected = new TreeMap<>();
    Map<String, Long> errors = new TreeMap<>();
    for (String line : run.lines()) {
      JsonNode o = JSON.readTree(line);
      expected.merge("total", 1L, Long::sum);
      expected.merge(o.get("status").asText(), 1L, Long::sum);
      if (o.has("warnings")) {
        expected.merge("warnings", 1L, Long::sum);
      }
      if (o.has("error")) {
        errors.merge(o.get("error").asText(), 1L, Long::sum);
      }
    }
    assertEquals(Map.of("total", 53L, "ok", 49L, "failed", 3L, "skipped", 1L, "warnings", 1L),
        expected);

    try (HeadlessChromium browser = new HeadlessChromium(chromium, dir.resolve("profile"))) {
      browser.call("Runtime.enable", Map.of());
      browser.call("Log.enable", Map.of());
      browser.call("Page.enable", Map.of());
      browser.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1000, "height", 1000,
          "deviceScaleFactor", 1, "mobile", false));
      browser.call("Page.navigate", Map.of("url", report.toUri().toString()));
      browser.await("Page.loadEventFired");
      JsonNode page = JSON.readTree(browser.evaluate("""
          JSON.stringify({
            counts: Object.fromEntries(['total','ok','failed','skipped','warnings']
              .map(k => [k, Number(document.getElementById('count-' + k).textContent)])),
            errors: Object.fromEntries([...document.querySelectorAll('tr.error')]
              .map(r => [r.dataset.error, Number(r.querySelector('td.n').textContent)])),
            links: [...document.querySelectorAll('#contact-sheet a')].map(a => a.href),
            images: [...document.querySelectorAll('#contact-sheet img')]
              .map(i => ({src: i.src, loaded: i.complete && i.naturalWidth > 0})),
            bars: document.querySelectorAll('#rate-chart rect').length,
            charted: [...document.querySelectorAll('#rate-chart rect')]
              .reduce((n, r) => n + Number(r.dataset.n), 0),
            slowest: document.querySelectorAll('#slowest tr').length - 1
          })"""));

      List<String> problems = new ArrayList<>();
      synchronized (browser.events) {
        for (JsonNode e : browser.events) {
          String m = e.get("method").asText();
          JsonNode p = e.get("params");
          if (m.equals("Runtime.exceptionThrown")
              || m.equals("Runtime.consoleAPICalled")
                  && List.of("error", "assert").contains(p.get("type").asText())
              || m.equals("Log.entryAdded") && p.get("entry").get("level").asText().equals("error")) {
            problems.add(e.toString());
          }
        }
      }
      assertEquals(List.of(), problems, "console errors");

      Map<String, Long> shown = new TreeMap<>();
      page.get("counts").fields().forEachRemaining(f -> shown.put(f.getKey(), f.getValue().asLong()));
      assertEquals(expected.getOrDefault("warnings", 0L), shown.get("warnings"));
      expected.putIfAbsent("warnings", 0L);
      assertEquals(expected, shown);
      Map<String, Long> shownErrors = new TreeMap<>();
      page.get("errors").fields().forEachRemaining(
          f -> shownErrors.put(f.getKey(), f.getValue().asLong()));
      assertEquals(errors, shownErrors);
      assertEquals(Map.of("unsupported", 2L, "empty", 1L), shownErrors);

      assertEquals(49, page.get("links").size(), "every ok thumbnail (under 300) is on the sheet");
      for (JsonNode link : page.get("links")) {
        Path target = Path.of(URI.create(link.asText()));
        assertTrue(target.startsWith(output) && Files.isRegularFile(target), link.asText());
      }
      for (JsonNode img : page.get("images")) {
        assertTrue(img.get("loaded").asBoolean(), "not loaded: " + img);
      }
      int bars = page.get("bars").asInt();
      assertTrue(bars >= 1 && bars <= RunReport.BARS, "bars: " + bars);
      assertEquals(49, page.get("charted").asInt(), "every ok image on the chart");
      assertEquals(ReportStats.SLOWEST, page.get("slowest").asInt());

      JsonNode shot = browser.call("Page.captureScreenshot", Map.of("format", "png",
          "clip", Map.of("x", 0, "y", 0, "width", 1000, "height", 760, "scale", 1)));
      Path png = Path.of(System.getProperty("project.dir", "."), "target",
          "report-screenshot.png");
      Files.createDirectories(png.getParent());
      Files.write(png, Base64.getDecoder().decode(shot.get("data").asText()));
      assertTrue(Images.read(png).getWidth() == 1000, "screenshot");
    }

    // scripts/report makes the same page from the files (but for the time it was made)
    String made = Files.readString(report, StandardCharsets.UTF_8);
    RunReport.write(JavaSparkContext.fromSparkContext(SparkTestSupport.context()),
        new org.apache.hadoop.fs.Path(output.toString()), 0);
    String rebuilt = Files.readString(report, StandardCharsets.UTF_8);
    assertEquals(made.replaceAll("report made [0-9T:-]+Z", ""),
        rebuilt.replaceAll("report made [0-9T:-]+Z", ""));
  }
}
