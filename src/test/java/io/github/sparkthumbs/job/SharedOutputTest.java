package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.output.OutputLock;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.FetchSettings;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.ManifestFiles;
import io.github.sparkthumbs.testing.SparkTestSupport;
import io.github.sparkthumbs.testing.TestHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs into one output: the second refuses to start; a dead run's lock is taken over. */
class SharedOutputTest {
  @TempDir Path dir;
  private final SparkContext sc = SparkTestSupport.context();
  private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);

  private Settings settings() {
    return Settings.builder().output(dir.resolve("thumbs").toString()).partitions(2)
        .fetch(new FetchSettings(1_000, 20_000, 1, 20, 200, 3, true, 4, 4))
        .build();
  }

  @Test
  void aSecondRunIntoABusyOutputRefusesAndTheFirstLosesNothing() throws Exception {
    for (int i = 0; i < 6; i++) {
      Images.write(dir.resolve("in/p" + i + ".jpg"), Images.jpeg(200, 150, i));
    }
    CountDownLatch fetching = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (TestHttpServer http = new TestHttpServer().route("/slow.jpg", x -> {
      fetching.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      TestHttpServer.send(x, 200, "image/jpeg", Images.jpeg(120, 90, 9));
    })) {
      CompletableFuture<Summary> first = CompletableFuture.supplyAsync(() -> {
        try {
          return ThumbnailJob.run(sc, List.of(dir.resolve("in").toString(), http.url("/slow.jpg")),
              settings(), quiet, quiet);
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      assertTrue(fetching.await(60, TimeUnit.SECONDS), "the first run never fetched");
      OutputLock.Busy busy = assertThrows(OutputLock.Busy.class, () -> ThumbnailJob.run(sc,
          List.of(dir.resolve("in").toString()), settings(), quiet, quiet));
      assertTrue(busy.getMessage().contains(dir.resolve("thumbs").toString())
          && busy.getMessage().contains("pid " + ProcessHandle.current().pid()), busy.getMessage());
      release.countDown();
      Summary s = first.get(60, TimeUnit.SECONDS);
      assertEquals(7, s.ok());
    }
    List<ThumbResult> lines = ManifestFiles.lines(dir.resolve("thumbs")).stream()
        .map(Manifest::parse).toList();
    assertEquals(7, lines.stream().filter(ThumbResult::isOk).count(), lines.toString());
    assertFalse(Files.exists(dir.resolve("thumbs/" + OutputLock.FILE_NAME)), "released");
  }

  @Test
  void theLockOfADeadRunIsTakenOver() throws Exception {
    Images.write(dir.resolve("in/p.jpg"), Images.jpeg(200, 150, 1));
    Path lock = dir.resolve("thumbs/" + OutputLock.FILE_NAME);
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    Files.createDirectories(lock.getParent());
    Files.writeString(lock, "run=dead-run\nhost=" + java.net.InetAddress.getLocalHost().getHostName()
        + "\npid=" + dead.pid() + "\n");
    ByteArrayOutputStream notes = new ByteArrayOutputStream();
    Summary s = ThumbnailJob.run(sc, List.of(dir.resolve("in").toString()), settings(),
        new PrintStream(notes, true), quiet);
    assertEquals(1, s.ok());
    assertTrue(notes.toString().contains("took over the lock of run dead-run"), notes.toString());

    // A run on another host whose heartbeat stopped a while ago.
    Files.writeString(lock, "run=silent-run\nhost=elsewhere.invalid\npid=1\n");
    Files.setLastModifiedTime(lock, FileTime.fromMillis(System.currentTimeMillis() - 600_000));
    s = ThumbnailJob.run(sc, List.of(dir.resolve("in").toString()), settings(),
        new PrintStream(notes, true), quiet);
    assertEquals(1, s.skipped());
    assertTrue(notes.toString().contains("took over the lock of run silent-run"), notes.toString());

    // The same, with a fresh heartbeat: alive as far as anyone can tell.
    Files.writeString(lock, "run=busy-run\nhost=elsewhere.invalid\npid=1\n");
    assertThrows(OutputLock.Busy.class, () -> ThumbnailJob.run(sc,
        List.of(dir.resolve("in").toString()), settings(), quiet, quiet));
    assertTrue(Files.exists(lock), "a live run's lock is left alone");
  }
}
