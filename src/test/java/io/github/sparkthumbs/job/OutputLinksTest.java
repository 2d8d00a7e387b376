package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.output.OutputLock;
import io.github.sparkthumbs.output.OutputStore;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.ManifestFiles;
import io.github.sparkthumbs.testing.SparkTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared output where someone has planted symlinks: nothing of ours is read, written or
 * replaced through a link out of OUTPUT. A link at a reserved name (the manifest, the lock)
 * refuses the run before anything is written, saying what the link is; a linked subfolder fails
 * only the inputs whose thumbnails would go through it.
 */
class OutputLinksTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

  private Path photos() throws IOException {
    Path in = dir.resolve("in");
    Images.write(in.resolve("a.jpg"), Images.jpeg(300, 200, 1));
    Images.write(in.resolve("sub/b.jpg"), Images.jpeg(300, 200, 2));
    return in;
  }

  private Summary run(Path in, Path out, boolean overwrite) throws IOException {
    return ThumbnailJob.run(SparkTestSupport.context(), List.of(in.toString()),
        Settings.builder().output(out.toString()).overwrite(overwrite).build(),
        new PrintStream(sink, true), new PrintStream(sink, true));
  }

  @Test
  void aLinkedSubfolderFailsTheInputsWrittenThroughItAndLeavesItsFilesAlone()
      throws IOException {
    Path in = photos();
    Path out = dir.resolve("out");
    run(in, out, false);
    Path theirs = Files.createDirectories(dir.resolve("theirs"));
    byte[] precious = "someone else's file".getBytes();
    Files.write(theirs.resolve("b.jpg"), precious);
    Path sub = out.resolve("sub");
    for (Path p : Files.list(sub).toList()) {
      Files.delete(p);
    }
    Files.delete(sub);
    Files.createSymbolicLink(sub, theirs);

    Summary second = run(in, out, true);
    assertArrayEquals(precious, Files.readAllBytes(theirs.resolve("b.jpg")));
    assertEquals(List.of("b.jpg"), Files.list(theirs).map(p -> p.getFileName().toString())
        .toList(), "nothing else written there either");
    Map<String, ThumbResult> byName = new TreeMap<>();
    for (String line : ManifestFiles.lines(out)) {
      ThumbResult r = Manifest.parse(line);
      byName.put(in.relativize(Images.local(r.source())).toString(), r);
    }
    assertEquals(2, byName.size(), byName.toString());
    assertTrue(byName.get("a.jpg").isOk(), byName.get("a.jpg").toString());
    ThumbResult b = byName.get("sub/b.jpg");
    assertEquals(ErrorClass.WRITE_FAILED, b.failure().error(), b.toString());
    assertTrue(b.failure().message().contains("symlink") && b.failure().message()
        .contains(sub.toString()),
        b.failure().message());
    assertEquals(1, second.failed());
  }

  @Test
  void aLinkedManifestRefusesTheRunAndIsNeitherReadNorReplaced() throws IOException {
    Path in = photos();
    Path out = Files.createDirectories(dir.resolve("out"));
    Path theirs = Files.createDirectories(dir.resolve("theirs"));
    Files.writeString(theirs.resolve("part-00000"), "{\"secret\":\"their data\"}\n");
    Files.createSymbolicLink(out.resolve(Manifest.DIR), theirs);

    OutputStore.Unsafe e = assertThrows(OutputStore.Unsafe.class, () -> run(in, out, false));
    assertTrue(e.getMessage().contains(out.resolve(Manifest.DIR) + " is a symlink (to " + theirs)
        && e.getMessage().contains("rm "), e.getMessage());
    assertEquals("{\"secret\":\"their data\"}\n",
        Files.readString(theirs.resolve("part-00000")));
    assertTrue(Files.isSymbolicLink(out.resolve(Manifest.DIR)));
    assertEquals(List.of(), Files.list(out).filter(p -> p.getFileName().toString().endsWith(
        ".jpg")).toList(), "nothing was thumbnailed");
    assertTrue(Files.notExists(out.resolve(OutputLock.FILE_NAME)), "the lock is released");
  }

  @Test
  void aDanglingLockLinkSaysWhatItIs() throws IOException {
    Path in = photos();
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.createSymbolicLink(out.resolve(OutputLock.FILE_NAME), dir.resolve("nowhere"));
    OutputLock.Busy e = assertThrows(OutputLock.Busy.class, () -> run(in, out, false));
    assertTrue(e.getMessage().contains("is a symlink (to " + dir.resolve("nowhere")
        + ", which does not exist)") && e.getMessage().contains("lock"), e.getMessage());
    assertTrue(Files.notExists(dir.resolve("nowhere")), "nothing created through the link");
  }
}
