package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.settings.FetchSettings;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.SparkTestSupport;
import io.github.sparkthumbs.testing.TestHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's progress lines on a real local[2] Spark: 40 quick files and one URL whose server
 * answers after 6 s, at one line a second. The lines have the documented form, their counts never
 * go down, and while the URL is still out they already count all 40 files, also those of the
 * URL's own task (from its heartbeats, before it ends).
 */
class ProgressTest {
  static final Pattern LINE = Pattern.compile("progress: (\\d+) of (\\d+) inputs \\((\\d+)%\\):"
      + " ok=(\\d+) failed=(\\d+) skipped=(\\d+), (\\d+\\.\\d) images/s,"
      + " (about (\\d+ s|\\d+ min \\d\\d s|\\d+ h \\d\\d min) left|time left unknown|done)");

  @TempDir Path dir;

  @Test
  void linesEverySecondWithCountsThatOnlyGrow() throws Exception {
    Path in = dir.resolve("photos");
    for (int i = 0; i < 40; i++) {
      Images.write(in.resolve("p" + i + ".jpg"), Images.jpeg(160, 120, i));
    }
    byte[] slow = Images.jpeg(160, 120, 99);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (TestHttpServer server = new TestHttpServer().route("/slow.jpg", x -> {
      try {
        Thread.sleep(6_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      TestHttpServer.send(x, 200, "image/jpeg", slow);
    })) {
      Summary s = ThumbnailJob.run(SparkTestSupport.context(),
          List.of(in.toString(), server.url("/slow.jpg")),
          Settings.builder().output(dir.resolve("thumbs").toString()).partitions(4)
              .fetch(new FetchSettings(1_000, 20_000, 1, 20, 200, 3, true, 4, 4))
              .progressSeconds(1).build(),
          new PrintStream(buf, true), new PrintStream(new ByteArrayOutputStream()));
      assertEquals(41, s.ok());
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    List<long[]> seen = new ArrayList<>();
    for (String line : out.lines().toList()) {
      if (line.startsWith("progress:")) {
        Matcher m = LINE.matcher(line);
        assertTrue(m.matches(), "not the documented form: " + line);
        long[] n = new long[6];
        for (int k = 0; k < 6; k++) {
          n[k] = Long.parseLong(m.group(k + 1));
        }
        assertEquals(41, n[1], line);
        assertEquals(n[0], n[3] + n[4] + n[5], line);
        assertEquals(n[0] * 100 / 41, n[2], line);
        seen.add(n);
      }
    }
    assertTrue(seen.size() >= 4, "a 6 s run at one line a second:\n" + out);
    for (int i = 1; i < seen.size(); i++) {
      for (int k : new int[] {0, 3, 4, 5}) {
        assertTrue(seen.get(i)[k] >= seen.get(i - 1)[k], "a count went down:\n" + out);
      }
    }
    assertTrue(seen.stream().anyMatch(n -> n[0] == 40 && n[3] == 40),
        "no line counted all 40 files while the URL was out:\n" + out);
    assertTrue(out.indexOf("progress:") < out.indexOf("done: 41 inputs"), out);
  }

  @Test
  void timeLeftReadsLikeAClock() {
    assertEquals("45 s", Progress.duration(44.6));
    assertEquals("3 min 20 s", Progress.duration(200));
    assertEquals("2 h 05 min", Progress.duration(7500));
  }
}
