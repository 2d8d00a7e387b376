package io.github.sparkthumbs.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The manifest's result values: the spelling of every enum both ways, what each factory sets and
 * leaves empty, and the copies that add time, HTTP and an earlier run's description.
 */
class ThumbResultTest {
  @Test
  void labelsAreLowerCaseWithHyphensBothWays() {
    assertEquals("too-large", ErrorClass.TOO_LARGE.label());
    assertEquals("not-found", ErrorClass.NOT_FOUND.toString());
    assertEquals("write-failed", ErrorClass.WRITE_FAILED.label());
    assertEquals("up-to-date", SkipReason.UP_TO_DATE.label());
    assertEquals("not-an-image", SkipReason.NOT_AN_IMAGE.toString());
    assertEquals("ok", Status.OK.label());
    assertEquals("skipped", Status.SKIPPED.toString());
    for (ErrorClass e : ErrorClass.values()) {
      assertSame(e, ErrorClass.of(e.label()));
    }
    for (SkipReason r : SkipReason.values()) {
      assertSame(r, SkipReason.of(r.label()));
    }
    for (Status s : Status.values()) {
      assertSame(s, Status.of(s.label()));
    }
    assertThrows(IllegalArgumentException.class, () -> ErrorClass.of("no-such-class"));
  }

  @Test
  void imageFailureCarriesItsClassMessageAndCause() {
    IOException cause = new IOException("disk");
    ImageFailure f = new ImageFailure(ErrorClass.UNREADABLE, "reading a.jpg", cause);
    assertEquals(ErrorClass.UNREADABLE, f.errorClass());
    assertEquals("reading a.jpg", f.getMessage());
    assertSame(cause, f.getCause());
    ImageFailure g = new ImageFailure(ErrorClass.EMPTY, "empty (0 bytes)");
    assertEquals(ErrorClass.EMPTY, g.errorClass());
    assertNull(g.getCause());
  }

  @Test
  void okHasOutputsAndDescription() {
    List<String> outputs = new ArrayList<>(List.of("file:/out/a.jpg"));
    ThumbResult r = ThumbResult.ok("file:/in/a.jpg", outputs, 40, 30, 999, "jpeg",
        List.of("truncated"), 0.5);
    outputs.add("changed after");
    assertEquals(List.of("file:/out/a.jpg"), r.outputs(), "a copy");
    assertEquals(Status.OK, r.status());
    assertTrue(r.isOk());
    assertFalse(r.isFailed());
    assertEquals(List.of(40, 30), List.of(r.width(), r.height()));
    assertEquals(999, r.bytes());
    assertEquals("jpeg", r.format());
    assertEquals(List.of("truncated"), r.warnings());
    assertEquals(0.5, r.decoded());
    assertNull(r.error());
    assertNull(r.reason());
    assertNull(r.http());
    // no warnings are written as absent, not as []
    assertNull(ThumbResult.ok("s", List.of("o"), 1, 1, 1, "png", List.of(), null).warnings());
    assertNull(ThumbResult.ok("s", List.of("o"), 1, 1, 1, "png", null, null).warnings());
  }

  @Test
  void failedHasTheClassAndMessageAndNoOutputs() {
    ThumbResult r = ThumbResult.failed("file:/in/b.jpg", 12,
        new ImageFailure(ErrorClass.CORRUPT, "jpeg data cannot be decoded: x"));
    assertEquals(Status.FAILED, r.status());
    assertTrue(r.isFailed());
    assertFalse(r.isOk());
    assertEquals(ErrorClass.CORRUPT, r.error());
    assertEquals("jpeg data cannot be decoded: x", r.message());
    assertEquals(List.of(), r.outputs());
    assertEquals(12, r.bytes());
    assertNull(r.format());
  }

  @Test
  void skipsSayWhy() {
    ThumbResult r = ThumbResult.skipped("file:/in/README", 7, SkipReason.NOT_AN_IMAGE, "text");
    assertEquals(Status.SKIPPED, r.status());
    assertFalse(r.isOk());
    assertFalse(r.isFailed());
    assertEquals(SkipReason.NOT_AN_IMAGE, r.reason());
    assertEquals("text", r.message());
    assertEquals(List.of(), r.outputs());
    ThumbResult u = ThumbResult.upToDate("file:/in/a.jpg", 9, List.of("file:/out/a.jpg"));
    assertEquals(SkipReason.UP_TO_DATE, u.reason());
    assertEquals(List.of("file:/out/a.jpg"), u.outputs());
    assertEquals(9, u.bytes());
  }

  @Test
  void copiesAddTimeHttpAndTheEarlierDescription() {
    Http http = new Http(200, 1, "http://h/a.jpg");
    ThumbResult earlier = ThumbResult.ok("http://h/a.jpg", List.of("o"), 40, 30, 999, "jpeg",
        List.of("corrupt-data"), 0.8).withHttp(http);
    ThumbResult skip = ThumbResult.upToDate("http://h/a.jpg", 999, List.of("o"));
    ThumbResult merged = skip.withEarlier(earlier);
    assertEquals(Status.SKIPPED, merged.status());
    assertEquals(List.of(40, 30), List.of(merged.width(), merged.height()));
    assertEquals("jpeg", merged.format());
    assertEquals(List.of("corrupt-data"), merged.warnings());
    assertEquals(0.8, merged.decoded());
    assertSame(http, merged.http(), "this run learned no HTTP story: the earlier one");
    Http now = new Http(304, 1, "http://h/a.jpg");
    assertSame(now, skip.withHttp(now).withEarlier(earlier).http(), "this run's own wins");

    ThumbResult timed = merged.withMillis(42);
    assertEquals(42, timed.millis());
    assertEquals(merged.withMillis(0), timed.withMillis(0), "only the time changed");
    assertSame(http, timed.http());
    ThumbResult withHttp = timed.withHttp(now);
    assertEquals(42, withHttp.millis());
    assertSame(now, withHttp.http());
  }
}
