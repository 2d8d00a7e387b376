package io.github.sparkthumbs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.Http;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.result.SkipReason;
import io.github.sparkthumbs.result.ThumbResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A manifest line is flat JSON; parsing it gives back the same result, HTTP story included. */
class ManifestTest {
  @Test
  void httpFieldsAreFlattenedAndComeBack() {
    ThumbResult r = ThumbResult.failed("http://h/a.jpg", -1,
        new ImageFailure(ErrorClass.HTTP, "HTTP 503", null))
        .withHttp(new Http(503, 3, "http://h/b.jpg")).withMillis(12);
    String line = Manifest.line(r);
    assertFalse(line.contains("\"http\":{"), line);
    assertTrue(line.contains("\"httpStatus\":503"), line);
    assertTrue(line.contains("\"attempts\":3"), line);
    assertTrue(line.contains("\"finalUrl\":\"http://h/b.jpg\""), line);
    assertTrue(line.contains("\"error\":\"http\""), line);
    assertEquals(r, Manifest.parse(line));
  }

  @Test
  void eachHttpFieldAloneComesBack() {
    ThumbResult base = ThumbResult.skipped("http://h/x", 5, SkipReason.values()[0], "why");
    for (Http h : List.of(new Http(200, null, null), new Http(null, 2, null),
        new Http(null, null, "http://h/y"))) {
      ThumbResult r = base.withHttp(h);
      assertEquals(r, Manifest.parse(Manifest.line(r)), Manifest.line(r));
    }
  }

  @Test
  void aFileResultHasNoHttp() {
    ThumbResult r = ThumbResult.ok("file:/in/a.jpg", List.of("file:/out/a.jpg"), 40, 30, 999,
        "jpeg", List.of("truncated"), 0.5);
    String line = Manifest.line(r);
    assertFalse(line.contains("attempts"), line);
    ThumbResult back = Manifest.parse(line);
    assertNull(back.http());
    assertEquals(r, back);
  }

  @Test
  void whatIsNotALineIsRefusedNamingIt() {
    for (String bad : List.of("[1,2]", "{not json", "\"text\"")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Manifest.parse(bad));
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }
}
