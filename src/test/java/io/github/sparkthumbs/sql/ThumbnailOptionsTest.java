package io.github.sparkthumbs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.image.EncodedThumbnails;
import io.github.sparkthumbs.job.DecodeLane;
import io.github.sparkthumbs.result.ErrorClass;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;

/** The options' names and defaults are the command line's; bad ones name the function. */
class ThumbnailOptionsTest {
  static final Size BOX = new Size(64, 64);

  @Test
  void everyOptionIsACommandLineFlag() throws Exception {
    Set<String> flags = new TreeSet<>();
    for (Field f : Class.forName("io.github.sparkthumbs.cli.CommandLineOptions")
        .getDeclaredFields()) {
      Option o = f.getAnnotation(Option.class);
      if (o != null) {
        for (String n : o.names()) {
          flags.add(n);
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (String name : ThumbnailOptions.NAMES) {
      if (!flags.contains("--" + name)) {
        missing.add(name);
      }
    }
    assertEquals(List.of(), missing, "flags: " + flags);
  }

  @Test
  void defaultsAreTheCommandLines() {
    Settings cli = Settings.builder().output("(sql)").sizes(List.of(BOX)).build();
    assertEquals(cli.image(), ThumbnailOptions.of(BOX).settings());
  }

  @Test
  void optionsSetTheirSettings() {
    ImageSettings s = ThumbnailOptions.parse(BOX, Map.of("mode", "crop", "FORMAT", "png",
        "quality", "90", "max_bytes", "1000", "max-pixels", "5000", "time-budget", "7",
        "embedded-thumbnails", "true", "decoder", "java", "strict", "true"), "thumbnail")
        .settings();
    assertEquals(List.of(Mode.CROP, OutputFormat.PNG, 90, 1000L, 5000L, 7L, true, false, true),
        List.of(s.mode(), s.format(), s.quality(), s.maxSourceBytes(), s.maxPixels(),
            s.timeBudgetMillis(), s.embeddedThumbnails(), s.nativeJpeg(), s.strict()));
  }

  @Test
  void badOptionsNameTheFunctionAndTheOption() {
    Map<Map<String, String>, String> bad = Map.of(
        Map.of("quality", "101"), "thumbnail: option 'quality' must be 1..100, got 101",
        Map.of("max-bytes", "0"), "thumbnail: option 'max-bytes' must be > 0, got 0",
        Map.of("time-budget", "soon"), "thumbnail: option 'time-budget' cannot be 'soon'",
        Map.of("strict", "yes"), "thumbnail: option 'strict' cannot be 'yes' (expected true",
        Map.of("size", "9x9"), "thumbnail: unknown option 'size'; the options are [mode,");
    bad.forEach((options, message) -> {
      String got = assertThrows(IllegalArgumentException.class,
          () -> ThumbnailOptions.parse(BOX, options, "thumbnail")).getMessage();
      assertTrue(got.startsWith(message), got);
    });
    String big = assertThrows(IllegalArgumentException.class,
        () -> ThumbnailOptions.parse(new Size(20_000, 10), Map.of(), "thumbnail")).getMessage();
    assertEquals("thumbnail: size 20000x10 is larger than 10000x10000", big);
  }

  /**
   * A decode that outlives its row's budget keeps one of its task slot's decodes until it
   * returns: a slot with two such decodes makes the next row wait, and time out without
   * decoding, instead of starting a third; once they return, rows decode again.
   */
  @Test
  void abandonedDecodesHoldTheirSlotUntilTheyReturn() throws Exception {
    ThumbnailOptions options = ThumbnailOptions.parse(BOX, Map.of("time-budget", "200"),
        "thumbnail");
    DecodeLane.Pool lanes = new DecodeLane.Pool();
    CountDownLatch stuck = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    AtomicInteger returned = new AtomicInteger();
    Callable<EncodedThumbnails> hangs = () -> {
      started.incrementAndGet();
      while (true) {
        try {
          stuck.await();
          return null;
        } catch (InterruptedException e) {
          // as a native decode does: cancelling the row's work does not stop it
        }
      }
    };
    try {
      for (int i = 0; i < 2; i++) {
        ThumbnailOptions.Outcome o = options.withinBudget(hangs, returned::incrementAndGet,
            lanes);
        assertEquals(ErrorClass.TIMEOUT, o.failure().errorClass());
        assertEquals("abandoned after time-budget 200 ms", o.failure().getMessage());
      }
      ThumbnailOptions.Outcome waited = options.withinBudget(hangs, returned::incrementAndGet,
          lanes);
      assertEquals(ErrorClass.TIMEOUT, waited.failure().errorClass());
      assertTrue(waited.failure().getMessage().contains("waiting to decode: the 2 decodes of its"
          + " task slot were taken"), waited.failure().getMessage());
      assertEquals(2, started.get(), "the third row must not start a decode");
    } finally {
      stuck.countDown();
    }
    EncodedThumbnails done = new EncodedThumbnails(List.of(new byte[] {1, 2, 3}), 4, 3, "png",
        List.of(), null, null, null);
    long until = System.nanoTime() + 10_000_000_000L;
    ThumbnailOptions.Outcome after;
    do { // the abandoned decodes return on their own threads
      after = options.withinBudget(() -> done, returned::incrementAndGet, lanes);
    } while (after.failure() != null && System.nanoTime() < until);
    assertEquals(null, after.failure());
    assertEquals(List.of(4, 3, "png"), List.of(after.sourceWidth(), after.sourceHeight(),
        after.format()));
    assertEquals(3, after.bytes().length);
    assertEquals(1, lanes.idle(), "one row at a time uses one lane");
  }
}
