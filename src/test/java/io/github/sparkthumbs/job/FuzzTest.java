package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.SkipReason;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.JobRun;
import io.github.sparkthumbs.tools.FuzzCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 400 seeded mutations of valid JPEG, PNG and GIF files through the whole job on local[2] (the
 * executor is this JVM: a crash or an OutOfMemoryError would end the test). Each case must end as
 * a thumbnail that shows the image or a classified failure (never {@code internal}: that is a bug
 * of ours) within the time budget. More cases: scripts/fuzz-corpus.
 */
class FuzzTest {
  static final int CASES = 400;
  static final Set<String> EXPECTED_ERRORS = Set.of("corrupt", "unsupported", "empty",
      "too-large");

  @TempDir Path dir;

  @Test
  void mutatedImagesEndAsThumbnailsOrClassifiedFailures() throws IOException {
    FuzzCorpus.write(dir.resolve("in"), CASES, 20261125);
    long t0 = System.nanoTime();
    JobRun run = JobRun.of(List.of(dir.resolve("in").toString()),
        Settings.builder().output(dir.resolve("out").toString()).timeBudgetMillis(10_000).build());
    double seconds = (System.nanoTime() - t0) / 1e9;
    Summary s = run.summary();

    List<String> lines = run.lines();
    assertEquals(CASES, lines.size());
    assertEquals(CASES, s.total());
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> unexpected = new ArrayList<>();
    for (String line : lines) {
      ThumbResult r = Manifest.parse(line);
      String key = r.isOk() ? (r.image().warnings() == null ? "ok" : "ok damaged")
          : r.status() + " " + r.failure().error();
      outcomes.merge(key, 1, Integer::sum);
      // The sources are photo-like, never one colour: an ok thumbnail that is flat shows only
      // the decoder's fill (JPEG grey, black, white), not the image.
      boolean fine = r.isOk() ? !r.written().outputs().isEmpty()
              && !Images.isFlat(Images.read(Images.local(r.written().outputs().get(0))), 6)
          : r.isFailed() && EXPECTED_ERRORS.contains(r.failure().error().label()) && r.failure()
              .message() != null
              && !r.failure().message().contains("out of memory");
      if (!fine && !SkipReason.NOT_AN_IMAGE.equals(r.failure().reason())) {
        unexpected.add(line);
      }
    }
    System.out.println("fuzz outcomes of " + CASES + " cases in " + seconds + " s: " + outcomes);
    assertEquals(List.of(), unexpected);
    assertTrue(s.ok() > CASES / 10, "some mutations still decode");
    assertTrue(s.failed() > CASES / 10, "some mutations fail");
  }
}
