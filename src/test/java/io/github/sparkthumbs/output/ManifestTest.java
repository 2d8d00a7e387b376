package io.github.sparkthumbs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.Http;
import io.github.sparkthumbs.result.Image;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.result.Input;
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
    ThumbResult r = ThumbResult.ok(new Input("file:/in/a.jpg", 999, null),
        List.of("file:/out/a.jpg"), new Image(40, 30, "jpeg", List.of("truncated"), 0.5, null,
        null));
    String line = Manifest.line(r);
    assertFalse(line.contains("attempts"), line);
    ThumbResult back = Manifest.parse(line);
    assertNull(back.http());
    assertEquals(r, back);
  }

  @Test
  void aLineNeedsItsSourceAndItsStatus() {
    for (String bad : List.of("{\"status\":\"ok\"}", "{\"source\":\"file:/a.jpg\"}",
        "{\"source\":null,\"status\":\"ok\"}",
        "{\"source\":\"file:/a.jpg\",\"status\":null}")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Manifest.parse(bad));
      assertEquals("not a manifest line (no source or status): " + bad, e.getMessage());
    }
  }

  @Test
  void whatIsNotALineIsRefusedNamingIt() {
    for (String bad : List.of("[1,2]", "{not json", "\"text\"")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Manifest.parse(bad));
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }
  /** Every field in its place, byte for byte: the manifest's order and spelling are its API. */
  @Test
  void aLineWithEveryFieldIsByteForByteTheSame() {
    ThumbResult r = ThumbResult.ok(new Input("http://h/a.jpg", 999, null),
        List.of("a.jpg", "b.jpg"), new Image(40, 30, "jpeg", List.of("truncated"), 0.5,
            "00ff00ff00ff00ff", "exif-thumbnail")).withShard("file:/out/shards/r/part-r-00000.tar",
                "k1")
        .withHttp(new Http(200, 2, "http://h/b.jpg")).withListing(1234L, "{\"id\":7}")
        .withMillis(12).withFinished(5678);
    String expected = "{\"source\":\"http://h/a.jpg\",\"status\":\"ok\","
        + "\"outputs\":[\"a.jpg\",\"b.jpg\"],\"shard\":\"file:/out/shards/r/part-r-00000.tar\","
        + "\"key\":\"k1\",\"width\":40,\"height\":30,\"bytes\":999,\"modified\":1234,"
        + "\"millis\":12,\"format\":\"jpeg\",\"warnings\":[\"truncated\"],\"decoded\":0.5,"
        + "\"finished\":5678,\"dhash\":\"00ff00ff00ff00ff\",\"decodedFrom\":\"exif-thumbnail\","
        + "\"httpStatus\":200,\"attempts\":2,\"finalUrl\":\"http://h/b.jpg\",\"id\":7}";
    assertEquals(expected, Manifest.line(r));
    assertEquals(r, Manifest.parse(expected));

    ThumbResult f = ThumbResult.failed("file:/in/b.jpg", -1,
        new ImageFailure(ErrorClass.CORRUPT, "file:/in/b.jpg: bad")).withMillis(3);
    assertEquals("{\"source\":\"file:/in/b.jpg\",\"status\":\"failed\",\"outputs\":[],"
        + "\"width\":0,\"height\":0,\"bytes\":-1,\"millis\":3,\"error\":\"corrupt\","
        + "\"message\":\"file:/in/b.jpg: bad\"}", Manifest.line(f));
    ThumbResult s = ThumbResult.skipped("file:/in/R", 7, SkipReason.NOT_AN_IMAGE, "text");
    assertEquals("{\"source\":\"file:/in/R\",\"status\":\"skipped\",\"reason\":"
        + "\"not-an-image\",\"outputs\":[],\"width\":0,\"height\":0,\"bytes\":7,"
        + "\"millis\":0,\"message\":\"text\"}", Manifest.line(s));
  }

  /** An earlier version's line (no modified, finished, dhash) still reads, its columns kept. */
  @Test
  void anOldLineStillReads() {
    ThumbResult r = Manifest.parse("{\"source\":\"file:/in/a.jpg\",\"status\":\"ok\","
        + "\"outputs\":[\"file:/out/a.jpg\"],\"width\":4,\"height\":3,\"bytes\":9,"
        + "\"millis\":1,\"format\":\"png\",\"caption\":\"x\"}");
    assertEquals(ThumbResult.ok(new Input("file:/in/a.jpg", 9, null), List.of("file:/out/a.jpg"),
        new Image(4, 3, "png", null, null, null, null)).withMillis(1).withListing(null,
        "{\"caption\":\"x\"}"), r);
  }

  /** The schema names every field of the result's parts, and nothing else. */
  @Test
  void fieldNamesAreTheFieldsOfTheParts() {
    java.util.Set<String> parts = new java.util.TreeSet<>(List.of("status"));
    for (Class<?> part : List.of(io.github.sparkthumbs.result.Input.class,
        io.github.sparkthumbs.result.Image.class, io.github.sparkthumbs.result.Written.class,
        io.github.sparkthumbs.result.Failure.class, io.github.sparkthumbs.result.Timing.class,
        Http.class)) {
      for (java.lang.reflect.RecordComponent c : part.getRecordComponents()) {
        parts.add(c.getName());
      }
    }
    assertEquals(parts, new java.util.TreeSet<>(ThumbResult.FIELD_NAMES));
    assertEquals(22, ThumbResult.FIELD_NAMES.size());
  }
}
