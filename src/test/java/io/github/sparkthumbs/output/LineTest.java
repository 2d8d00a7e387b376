package io.github.sparkthumbs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.Image;
import io.github.sparkthumbs.result.Input;
import io.github.sparkthumbs.result.SkipReason;
import io.github.sparkthumbs.result.ThumbResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A manifest line: its text is its result's, stamped with when it finished. */
class LineTest {
  private static ThumbResult ok() {
    return ThumbResult.ok(new Input("file:/in/a.jpg", 9, 1_000L), List.of("k.jpg"),
        new Image(40, 30, "jpeg", null, null, null, null));
  }

  @Test
  void aResultWithoutAFinishTimeIsStampedNow() {
    long before = System.currentTimeMillis();
    Line l = Line.of(ok().withMillis(7));
    long after = System.currentTimeMillis();
    Long finished = l.counted().timing().finished();
    assertTrue(finished >= before && finished <= after, finished + " in " + before + ".." + after);
    assertEquals(7, l.counted().timing().millis());
    assertEquals(ok().withMillis(7).withFinished(finished), l.counted());
    assertEquals(Manifest.line(l.counted()), l.text());
    assertTrue(l.text().contains("\"finished\":" + finished), l.text());
    assertNull(l.thumbnails());
  }

  @Test
  void aResultThatFinishedKeepsItsTime() {
    ThumbResult r = ThumbResult.skipped("file:/in/b.txt", 3, SkipReason.NOT_AN_IMAGE, "text")
        .withFinished(1_234L);
    Line l = Line.of(r);
    assertSame(r, l.counted());
    assertEquals(Manifest.line(r), l.text());
    assertTrue(l.text().contains("\"finished\":1234"), l.text());
  }

  @Test
  void anOutcomesThumbnailsStayWithItsLine() {
    List<byte[]> encoded = List.of(new byte[] {1, 2});
    Line l = Line.of(new Outcome(ok().withFinished(5L), encoded));
    assertSame(encoded, l.thumbnails());
    assertEquals(5L, l.counted().timing().finished());
    assertEquals(Manifest.line(ok().withFinished(5L)), l.text());
  }

  @Test
  void aCarriedLineIsTheEarlierTextAlone() {
    Line l = Line.carried("{\"source\":\"file:/in/old.jpg\"}");
    assertEquals(new Line("{\"source\":\"file:/in/old.jpg\"}", null, null), l);
  }
}
