package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.output.OutputLayout;
import io.github.sparkthumbs.result.Image;
import io.github.sparkthumbs.result.Input;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Source;
import io.github.sparkthumbs.source.UrlNames;
import io.github.sparkthumbs.testing.Layouts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-task steps of the dataflow, without Spark: output-name collisions, the rerun rule. */
class JobPlanTest {
  private final Settings s = Settings.builder().output("/out").build();

  private static List<String> stems(List<Item> items) {
    return items.stream().map(i -> i.source().stem()).toList();
  }

  @Test
  void outputsThatWouldShareAPathGetDistinctNames() {
    // y (a JPEG without extension) and y.jpg both write y.jpg; y.jpg keeps its name whichever
    // order they come in, y gets its source's hash
    List<Item> a = PartitionTask.named(List.of(Item.todo(new Source("file:/p/y", "y", 1, 0), null),
        Item.todo(new Source("file:/p/y.jpg", "y.jpg", 1, 0), null)), s);
    List<Item> b = PartitionTask.named(List.of(Item.todo(new Source("file:/p/y.jpg", "y.jpg", 1, 0),
        null), Item.todo(new Source("file:/p/y", "y", 1, 0), null)), s);
    assertEquals(List.of("y.jpg", UrlNames.withHash("y", "file:/p/y")), stems(a));
    assertEquals(stems(a), stems(b));

    // z.png -> z.png.jpg collides with a real z.png.jpg; neither keeps "its own" name
    // differently, so the order is by source
    List<Item> c = PartitionTask.named(List.of(
        Item.todo(new Source("file:/p/z.png.jpg", "z.png.jpg", 1, 0), null),
        Item.todo(new Source("file:/p/z.png", "z.png", 1, 0), null)), s);
    assertEquals(List.of("z.png.jpg", UrlNames.withHash("z.png", "file:/p/z.png")),
        stems(c));
  }

  @Test
  void otherItemsPassThroughUnnamed() {
    ThumbResult missing = ThumbResult.failed("file:/p/x.jpg", -1,
        new io.github.sparkthumbs.result.ImageFailure(
            io.github.sparkthumbs.result.ErrorClass.NOT_FOUND, "gone"));
    List<Item> out = PartitionTask.named(List.of(Item.decided(missing), Item.carried("{}")), s);
    assertEquals(2, out.size());
    assertEquals(missing, out.get(0).decided());
    assertEquals("{}", out.get(1).carried());
  }

  @Test
  void aRecordShowsAnInputUnchangedOnlyForTheSameSourceAndOutputs() {
    OutputLayout layout = Layouts.of(s);
    List<String> targets = List.of("file:/out/a.jpg");
    Source file = new Source("file:/p/a.jpg", "a.jpg", 1234, 1_700_000_000_000L);
    ThumbResult ok = ThumbResult.ok(new Input(file.uri(), 1234, null), targets,
        new Image(640, 480, "jpeg", null, null, null, null)).withListing(1_700_000_000_000L, null);
    assertTrue(layout.upToDateByRecord(file, ok, targets));
    assertFalse(layout.upToDateByRecord(file, null, targets), "no record");
    assertFalse(layout.upToDateByRecord(file, ok, List.of("file:/out/75x75/a.jpg")),
        "other outputs (--size changed)");
    assertFalse(layout.upToDateByRecord(new Source(file.uri(), "a.jpg", 1235,
        1_700_000_000_000L), ok, targets), "size changed");
    assertFalse(layout.upToDateByRecord(new Source(file.uri(), "a.jpg", 1234,
        1_700_000_000_001L), ok, targets), "modified since");
    assertFalse(layout.upToDateByRecord(file, ok.withListing(null, null), targets),
        "a record without a modification time (an earlier version's)");
    ThumbResult failed = ThumbResult.failed(file.uri(), 1234,
        new io.github.sparkthumbs.result.ImageFailure(
            io.github.sparkthumbs.result.ErrorClass.CORRUPT, "bad"));
    assertFalse(layout.upToDateByRecord(file, failed.withListing(1_700_000_000_000L, null),
        targets), "failed before: try again");
    ThumbResult upToDate = ThumbResult.upToDate(file.uri(), 1234, targets)
        .withListing(1_700_000_000_000L, null);
    assertTrue(layout.upToDateByRecord(file, upToDate, targets), "a skip carries the record");

    Source url = new Source("http://h/a.jpg", "h/a.jpg", -1, 0);
    ThumbResult fetched = ThumbResult.ok(new Input(url.uri(), 500, null), targets,
        new Image(10, 10, "jpeg", null, null, null, null));
    assertTrue(layout.upToDateByRecord(url, fetched, targets), "a URL: made once is enough");
  }
}
