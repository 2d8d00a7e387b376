package io.github.sparkthumbs.output;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.Image;
import io.github.sparkthumbs.result.Input;
import io.github.sparkthumbs.result.InputFailure;
import io.github.sparkthumbs.result.SkipReason;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.result.Written;
import io.github.sparkthumbs.settings.Layout;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Source;
import io.github.sparkthumbs.testing.Layouts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When an input needs no work: by its earlier record (each condition on its own), and by a look at
 * its thumbnails at the edges of "newer than the source".
 */
class UpToDateTest {
  private static final List<String> TARGETS = List.of("k.jpg");
  /** The same targets on records that are not ok, so that only their status differs. */
  private static final Written WRITTEN = new Written(TARGETS, null, null);
  @TempDir Path dir;

  private OutputLayout layout(boolean overwrite) {
    return Layouts.of(Settings.builder().output(dir.resolve("out").toUri().toString())
        .layout(Layout.TAR).overwrite(overwrite).build());
  }

  /** An ok record of {@code source}: 9 bytes, modified at 1000, thumbnails at {@link #TARGETS}. */
  private static ThumbResult record(String source, Long modified) {
    return ThumbResult.ok(new Input(source, 9, modified), TARGETS,
        new Image(40, 30, "jpeg", null, null, null, null));
  }

  @Test
  void aFileIsUpToDateWhenItsRecordShowsTheSameFileAndTheSameTargets() {
    OutputLayout l = layout(false);
    Source src = new Source("file:/in/a.jpg", "a.jpg", 9, 1_000L);
    assertTrue(l.upToDateByRecord(src, record(src.uri(), 1_000L), TARGETS));
    ThumbResult skipped = ThumbResult.upToDate(src.uri(), 9, TARGETS)
        .withListing(1_000L, null);
    assertTrue(l.upToDateByRecord(src, skipped, TARGETS), "an up-to-date skip counts too");

    assertFalse(layout(true).upToDateByRecord(src, record(src.uri(), 1_000L), TARGETS),
        "--overwrite");
    assertFalse(l.upToDateByRecord(src, null, TARGETS), "no record");
    assertFalse(l.upToDateByRecord(src, ThumbResult.failed(src.uri(), 9,
        new InputFailure(ErrorClass.CORRUPT, "bad")).with(WRITTEN).withListing(1_000L, null),
        TARGETS), "failed before");
    assertFalse(l.upToDateByRecord(src, ThumbResult.skipped(src.uri(), 9,
        SkipReason.NOT_AN_IMAGE, "text").with(WRITTEN).withListing(1_000L, null), TARGETS),
        "skipped for another reason");
    assertFalse(l.upToDateByRecord(src, record(src.uri(), 1_000L), List.of("k.png")),
        "other targets");
    assertFalse(l.upToDateByRecord(src, record(src.uri(), null), TARGETS),
        "an earlier version's record, without a modification time");
    assertFalse(l.upToDateByRecord(src, record(src.uri(), 999L), TARGETS), "modified since");
    assertFalse(l.upToDateByRecord(new Source(src.uri(), "a.jpg", 10, 1_000L),
        record(src.uri(), 1_000L), TARGETS), "another size");
  }

  @Test
  void aUrlIsUpToDateWhenItsThumbnailsWereMade() {
    OutputLayout l = layout(false);
    Source url = new Source("https://h/a.jpg", "a.jpg", -1, 0L);
    assertTrue(l.upToDateByRecord(url, record(url.uri(), null), TARGETS));
    assertFalse(l.upToDateByRecord(url, record(url.uri(), null), List.of()));
  }

  @Test
  void aThumbnailAsOldAsItsSourceIsUpToDate() throws Exception {
    OutputLayout files = Layouts.of(Settings.builder().output(dir.resolve("out").toUri()
        .toString()).build());
    OutputStore store = new OutputStore(dir.resolve("out").toUri().toString(),
        new Configuration());
    Path thumb = dir.resolve("out/a.jpg.jpg");
    Files.createDirectories(thumb.getParent());
    Files.write(thumb, new byte[] {1});
    List<String> targets = List.of(store.resolve("a.jpg.jpg").toString());
    Files.setLastModifiedTime(thumb, FileTime.fromMillis(5_000L));
    assertTrue(files.upToDateOnDisk(new Source("file:/in/a.jpg", "a.jpg", 9, 5_000L), targets,
        store), "same millisecond");
    assertFalse(files.upToDateOnDisk(new Source("file:/in/a.jpg", "a.jpg", 9, 5_001L), targets,
        store));
    Files.setLastModifiedTime(thumb, FileTime.fromMillis(0L));
    assertTrue(files.upToDateOnDisk(new Source("file:/in/a.jpg", "a.jpg", 9, 0L), targets,
        store), "a thumbnail dated 1970 exists");
  }
}
