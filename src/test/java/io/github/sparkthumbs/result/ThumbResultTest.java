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
  void aFailureThatIsNotTheImagesIsAnInputFailureAndFailsTheSameWay() {
    InputFailure gone = new InputFailure(ErrorClass.NOT_FOUND, "file:/in/a.jpg does not exist");
    assertFalse(gone instanceof ImageFailure);
    assertTrue(new ImageFailure(ErrorClass.CORRUPT, "bad") instanceof InputFailure);
    ThumbResult r = ThumbResult.failed("file:/in/a.jpg", -1, gone);
    assertEquals(Status.FAILED, r.status());
    assertEquals(ErrorClass.NOT_FOUND, r.failure().error());
    assertEquals("file:/in/a.jpg does not exist", r.failure().message());
    assertEquals(Image.NONE, r.image());
    assertEquals(Written.NONE, r.written());
  }

  @Test
  void okHasOutputsAndDescription() {
    List<String> outputs = new ArrayList<>(List.of("file:/out/a.jpg"));
    ThumbResult r = ThumbResult.ok(new Input("file:/in/a.jpg", 999, null), outputs, new Image(40,
        30, "jpeg", List.of("truncated"), 0.5, null, null));
    outputs.add("changed after");
    assertEquals(List.of("file:/out/a.jpg"), r.written().outputs(), "a copy");
    assertEquals(Status.OK, r.status());
    assertTrue(r.isOk());
    assertFalse(r.isFailed());
    assertEquals(List.of(40, 30), List.of(r.image().width(), r.image().height()));
    assertEquals(999, r.input().bytes());
    assertEquals("jpeg", r.image().format());
    assertEquals(List.of("truncated"), r.image().warnings());
    assertEquals(0.5, r.image().decoded());
    assertNull(r.failure().error());
    assertNull(r.failure().reason());
    assertNull(r.http());
    // no warnings are written as absent, not as []
    assertNull(ThumbResult.ok(new Input("s", 1, null), List.of("o"), new Image(1, 1, "png",
        List.of(), null, null, null)).image().warnings());
    assertNull(ThumbResult.ok(new Input("s", 1, null), List.of("o"), new Image(1, 1, "png", null,
        null, null, null)).image().warnings());
  }

  @Test
  void failedHasTheClassAndMessageAndNoOutputs() {
    ThumbResult r = ThumbResult.failed("file:/in/b.jpg", 12,
        new ImageFailure(ErrorClass.CORRUPT, "jpeg data cannot be decoded: x"));
    assertEquals(Status.FAILED, r.status());
    assertTrue(r.isFailed());
    assertFalse(r.isOk());
    assertEquals(ErrorClass.CORRUPT, r.failure().error());
    assertEquals("jpeg data cannot be decoded: x", r.failure().message());
    assertEquals(List.of(), r.written().outputs());
    assertEquals(12, r.input().bytes());
    assertNull(r.image().format());
  }

  @Test
  void skipsSayWhy() {
    ThumbResult r = ThumbResult.skipped("file:/in/README", 7, SkipReason.NOT_AN_IMAGE, "text");
    assertEquals(Status.SKIPPED, r.status());
    assertFalse(r.isOk());
    assertFalse(r.isFailed());
    assertEquals(SkipReason.NOT_AN_IMAGE, r.failure().reason());
    assertEquals("text", r.failure().message());
    assertEquals(List.of(), r.written().outputs());
    ThumbResult u = ThumbResult.upToDate("file:/in/a.jpg", 9, List.of("file:/out/a.jpg"));
    assertEquals(SkipReason.UP_TO_DATE, u.failure().reason());
    assertEquals(List.of("file:/out/a.jpg"), u.written().outputs());
    assertEquals(9, u.input().bytes());
  }

  @Test
  void copiesAddTimeHttpAndTheEarlierDescription() {
    Http http = new Http(200, 1, "http://h/a.jpg");
    ThumbResult earlier = ThumbResult.ok(new Input("http://h/a.jpg", 999, null), List.of("o"),
        new Image(40, 30, "jpeg", List.of("corrupt-data"), 0.8, null, null)).withHttp(http);
    ThumbResult skip = ThumbResult.upToDate("http://h/a.jpg", 999, List.of("o"));
    ThumbResult merged = skip.withEarlier(earlier);
    assertEquals(Status.SKIPPED, merged.status());
    assertEquals(List.of(40, 30), List.of(merged.image().width(), merged.image().height()));
    assertEquals("jpeg", merged.image().format());
    assertEquals(List.of("corrupt-data"), merged.image().warnings());
    assertEquals(0.8, merged.image().decoded());
    assertSame(http, merged.http(), "this run learned no HTTP story: the earlier one");
    Http now = new Http(304, 1, "http://h/a.jpg");
    assertSame(now, skip.withHttp(now).withEarlier(earlier).http(), "this run's own wins");

    ThumbResult timed = merged.withMillis(42);
    assertEquals(42, timed.timing().millis());
    assertEquals(merged.withMillis(0), timed.withMillis(0), "only the time changed");
    assertSame(http, timed.http());
    ThumbResult withHttp = timed.withHttp(now);
    assertEquals(42, withHttp.timing().millis());
    assertSame(now, withHttp.http());
  }
}
