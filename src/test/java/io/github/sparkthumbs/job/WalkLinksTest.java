package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.JobRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folder walks and directory symlinks, through the whole job: a walk does not follow a link to a
 * directory (one skipped line for the link, as {@code find -P} would pass it by), so links can
 * neither loop nor multiply a tree; a directory named on the command line or in a list row is
 * walked even when that name is a link ({@code find -H}); and a walk stops at a depth bound.
 */
class WalkLinksTest {
  @TempDir Path dir;

  /**
   * {@code top/} holds one photo and two links to {@code chain/d1}; each {@code dN} holds two
   * links to {@code dN+1}, and {@code d5} one photo. Following links, that photo is listed 2^5
   * times.
   */
  private Path linkedTree() throws IOException {
    Path chain = dir.resolve("chain");
    for (int i = 1; i <= 5; i++) {
      Files.createDirectories(chain.resolve("d" + i));
    }
    for (int i = 1; i < 5; i++) {
      for (String l : List.of("x", "y")) {
        Files.createSymbolicLink(chain.resolve("d" + i).resolve(l), chain.resolve("d" + (i + 1)));
      }
    }
    Images.write(chain.resolve("d5/deep.jpg"), Images.jpeg(200, 150, 1));
    Path top = dir.resolve("top");
    Images.write(top.resolve("photo.jpg"), Images.jpeg(300, 200, 2));
    Images.write(top.resolve("sub/inner.jpg"), Images.jpeg(300, 200, 3));
    Files.createSymbolicLink(top.resolve("x"), chain.resolve("d1"));
    Files.createSymbolicLink(top.resolve("sub/y"), chain.resolve("d1"));
    Files.createSymbolicLink(top.resolve("sub/up"), top); // a loop, were it followed
    return top;
  }

  private Map<String, String> run(List<String> inputs) throws IOException {
    Path out = dir.resolve("out-" + Math.abs(inputs.hashCode()));
    JobRun run = JobRun.of(inputs, Settings.builder().output(out.toString()).build());
    Map<String, String> got = new TreeMap<>();
    for (ThumbResult r : run.results()) {
      String name = dir.relativize(Images.local(r.source())).toString();
      String outcome = HostileInputsTest.outcome(r);
      assertEquals(null, got.put(name, outcome), "twice in the manifest: " + name);
      if (outcome.startsWith("skipped")) {
        assertTrue(r.failure().message().contains(name) && r.failure().message()
            .contains("find -P"), r.failure().message());
      }
    }
    return got;
  }

  private static final Map<String, String> TOP = Map.of(
      "top/photo.jpg", "ok",
      "top/sub/inner.jpg", "ok",
      "top/x", "skipped symlinked-directory",
      "top/sub/y", "skipped symlinked-directory",
      "top/sub/up", "skipped symlinked-directory");

  @Test
  void aWalkPassesDirectoryLinksByWithOneLineEach() throws IOException {
    assertEquals(new TreeMap<>(TOP), run(List.of(linkedTree().toString())));
  }

  @Test
  void aListRowNamingAFolderWalksItUnderTheSamePolicy() throws IOException {
    Path top = linkedTree();
    Path list = dir.resolve("list.txt");
    Files.writeString(list, top + "\n");
    assertEquals(new TreeMap<>(TOP), run(List.of("@" + list)));
  }

  @Test
  void aDirectoryLinkNamedByTheUserIsWalked() throws IOException {
    linkedTree();
    Path named = dir.resolve("named");
    Files.createSymbolicLink(named, dir.resolve("chain/d4"));
    Map<String, String> got = run(List.of(named.toString()));
    // d4's own links to d5 are met inside the walk: passed by, so deep.jpg is not reached
    assertEquals(Map.of("named/x", "skipped symlinked-directory",
        "named/y", "skipped symlinked-directory"), got);
    assertEquals(Map.of("chain/d4/x/deep.jpg", "ok"), // named through the link, kept so
        run(List.of(dir.resolve("chain/d4/x").toString())));
  }

  @Test
  void aWalkStopsAtItsDepthBound() throws IOException {
    Path deep = dir.resolve("deep");
    Path p = deep;
    for (int i = 0; i < 260; i++) {
      p = p.resolve("d");
    }
    Images.write(p.resolve("bottom.jpg"), Images.jpeg(100, 80, 4));
    Images.write(deep.resolve("d/top.jpg"), Images.jpeg(100, 80, 5));
    Map<String, String> got = run(List.of(deep.toString()));
    assertEquals(2, got.size(), got.toString());
    assertEquals("ok", got.get("deep/d/top.jpg"));
    String cut = got.keySet().stream().filter(k -> !k.endsWith(".jpg")).findFirst().orElseThrow();
    assertEquals("failed unreadable", got.get(cut));
  }
}
