package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.Image;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.result.Input;
import io.github.sparkthumbs.result.SkipReason;
import io.github.sparkthumbs.result.ThumbResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary's counts, added per result and merged across partitions, and its final line. */
class SummaryTest {
  private static ThumbResult ok(String s, List<String> warnings) {
    return ThumbResult.ok(new Input(s, 100, null), List.of("out/" + s), new Image(10, 10, "jpeg",
        warnings, null, null, null));
  }

  private static ThumbResult failed(String s, ErrorClass c) {
    return ThumbResult.failed(s, 1, new ImageFailure(c, s + ": bad"));
  }

  @Test
  void countsEachStatusErrorAndSkipReasonOnce() {
    Summary a = new Summary();
    a.add(ok("a", null));
    a.add(ok("b", List.of("truncated")));
    a.add(failed("c", ErrorClass.CORRUPT));
    Summary b = new Summary();
    b.add(failed("d", ErrorClass.CORRUPT));
    b.add(failed("e", ErrorClass.NOT_FOUND));
    b.add(ThumbResult.upToDate("f", 1, List.of("out/f")));
    b.add(ThumbResult.skipped("g", 1, SkipReason.NOT_AN_IMAGE, "g: text"));
    b.addCarried();
    a.addCarried();
    Summary m = a.merge(b);
    assertEquals(2, m.carried(), "carried lines are written, not counted");
    assertEquals(2, m.ok());
    assertEquals(3, m.failed());
    assertEquals(2, m.skipped());
    assertEquals(7, m.total());
    assertEquals(Map.of("corrupt", 2L, "not-found", 1L), m.errors());
    assertEquals(1, m.exitCode());
    assertEquals("done: 7 inputs: ok=2 failed=3 skipped=2 warnings=1"
        + " errors={corrupt=2, not-found=1} skipped={not-an-image=1, up-to-date=1}"
        + " in 4.0 s (0.5 images/s)", m.line(4.0));
  }

  @Test
  void nothingFailedExitsZeroAndAZeroTimeHasNoRate() {
    Summary s = new Summary();
    assertEquals(0, s.exitCode());
    assertEquals("done: 0 inputs: ok=0 failed=0 skipped=0 warnings=0 in 0.0 s (0.0 images/s)",
        s.line(0));
    s.add(ok("a", null));
    assertEquals(0, s.exitCode());
    assertEquals(s, s.merge(new Summary()), "merge adds into the receiver");
    assertEquals(1, s.total());
  }
}
