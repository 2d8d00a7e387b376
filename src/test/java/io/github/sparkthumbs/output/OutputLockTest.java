package io.github.sparkthumbs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output lock on a real local folder, without Spark: one holder at a time, released on close
 * only if still ours, a dead holder's lock taken over (process gone, damaged file, no heartbeat),
 * a live one's refused. Lock files of other runs are written the way a run writes its own.
 */
class OutputLockTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream notes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(notes, true, StandardCharsets.UTF_8);
  private final Configuration conf = new Configuration();

  private org.apache.hadoop.fs.Path root() {
    return new org.apache.hadoop.fs.Path(dir.resolve("out").toUri());
  }

  private Path lockFile() {
    return dir.resolve("out").resolve(OutputLock.FILE_NAME);
  }

  private Properties lockContent() throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(lockFile(), StandardCharsets.ISO_8859_1)) {
      p.load(r);
    }
    return p;
  }

  /** A lock file as another run would leave it, with its heartbeat {@code ageSeconds} old. */
  private void foreignLock(String run, String host, String pid, long ageSeconds)
      throws IOException {
    Files.createDirectories(lockFile().getParent());
    Properties p = new Properties();
    p.setProperty("run", run);
    p.setProperty("host", host);
    if (pid != null) {
      p.setProperty("pid", pid);
    }
    p.setProperty("started", "2026-01-01T00:00:00Z");
    try (var w = Files.newOutputStream(lockFile())) {
      p.store(w, null);
    }
    Files.setLastModifiedTime(lockFile(),
        FileTime.fromMillis(System.currentTimeMillis() - ageSeconds * 1000));
  }

  private static String thisHost() throws IOException {
    return InetAddress.getLocalHost().getHostName();
  }

  /** The pid of a process that has exited. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    long pid = p.pid();
    assertTrue(ProcessHandle.of(pid).isEmpty(), "pid " + pid + " still in use");
    return pid;
  }

  @Test
  void oneHolderAtATimeAndCloseReleases() throws Exception {
    try (OutputLock lock = OutputLock.acquire(root(), conf, out)) {
      assertTrue(Files.exists(lockFile()), "the lock is a file in the output");
      Properties me = lockContent();
      assertEquals(Long.toString(ProcessHandle.current().pid()), me.getProperty("pid"));
      assertEquals(thisHost(), me.getProperty("host"));
      assertEquals(36, me.getProperty("run").length(), me.getProperty("run"));
      OutputLock.Busy busy =
          assertThrows(OutputLock.Busy.class, () -> OutputLock.acquire(root(), conf, out));
      assertTrue(busy.getMessage().contains("in use by run " + me.getProperty("run")),
          busy.getMessage());
      assertTrue(busy.getMessage().contains("pid " + me.getProperty("pid")), busy.getMessage());
    }
    assertFalse(Files.exists(lockFile()), "close removes our lock");
    try (OutputLock again = OutputLock.acquire(root(), conf, out)) {
      assertTrue(Files.exists(lockFile()));
    }
    assertEquals("", notes.toString(StandardCharsets.UTF_8), "nothing was taken over");
  }

  @Test
  void closeLeavesALockThatIsNoLongerOurs() throws Exception {
    OutputLock lock = OutputLock.acquire(root(), conf, out);
    foreignLock("someone-else", "elsewhere", "1", 0); // our lock was taken over meanwhile
    lock.close();
    assertTrue(Files.exists(lockFile()), "close deleted another run's lock");
    assertEquals("someone-else", lockContent().getProperty("run"));
  }

  @Test
  void aLockWhoseProcessIsGoneIsTakenOver() throws Exception {
    long pid = deadPid();
    foreignLock("dead-run", thisHost(), Long.toString(pid), 0);
    try (OutputLock lock = OutputLock.acquire(root(), conf, out)) {
      assertEquals(Long.toString(ProcessHandle.current().pid()), lockContent().getProperty("pid"));
    }
    String said = notes.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("took over the lock of run dead-run"), said);
    assertTrue(said.contains("its process " + pid + " on this host is gone"), said);
  }

  @Test
  void aDamagedLockOfThisHostIsTakenOver() throws Exception {
    foreignLock("no-pid-run", thisHost(), null, 0);
    try (OutputLock lock = OutputLock.acquire(root(), conf, out)) {
      assertEquals(Long.toString(ProcessHandle.current().pid()), lockContent().getProperty("pid"));
    }
    assertTrue(notes.toString(StandardCharsets.UTF_8).contains("damaged (no pid)"), notes::toString);
  }

  @Test
  void aLiveProcessOnThisHostKeepsItsLockHoweverOldItsHeartbeat() throws Exception {
    // the pid is alive (ours), so an old heartbeat is a long pause, not a dead run
    foreignLock("live-run", thisHost(), Long.toString(ProcessHandle.current().pid()), 0);
    OutputLock.Busy busy =
        assertThrows(OutputLock.Busy.class, () -> OutputLock.acquire(root(), conf, out));
    assertTrue(busy.getMessage().contains("live-run"), busy.getMessage());
    assertEquals("live-run", lockContent().getProperty("run"));
  }

  @Test
  void anotherHostsLockIsStaleOnlyWithoutHeartbeat() throws Exception {
    foreignLock("remote-run", "some-other-host.invalid", "1", 30); // half the stale age
    OutputLock.Busy busy =
        assertThrows(OutputLock.Busy.class, () -> OutputLock.acquire(root(), conf, out));
    assertTrue(busy.getMessage().contains("host some-other-host.invalid"), busy.getMessage());
    assertTrue(busy.getMessage().matches("(?s).*last heartbeat (29|30|31) s ago.*"),
        busy.getMessage());
    assertEquals("remote-run", lockContent().getProperty("run"));

    foreignLock("remote-run", "some-other-host.invalid", "1", 120); // twice the stale age
    try (OutputLock lock = OutputLock.acquire(root(), conf, out)) {
      assertEquals(thisHost(), lockContent().getProperty("host"));
    }
    String said = notes.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("took over the lock of run remote-run"), said);
    assertTrue(said.matches("(?s).*no heartbeat for 1[12][0-9] s.*"), said);
  }

  @Test
  void acquireMakesTheOutputFolder() throws Exception {
    assertFalse(Files.exists(dir.resolve("out")));
    try (OutputLock lock = OutputLock.acquire(root(), conf, out)) {
      assertTrue(Files.isDirectory(dir.resolve("out")));
    }
  }

  /** The heartbeat runs while the lock is held, on a daemon thread that never keeps a JVM up. */
  @Test
  void theHeartbeatThreadIsADaemonAndStopsOnClose() throws Exception {
    try (OutputLock lock = OutputLock.acquire(root(), conf, out)) {
      List<Thread> beats = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().equals("output-lock-heartbeat") && t.isAlive()).toList();
      assertFalse(beats.isEmpty(), "no heartbeat thread while the lock is held");
      assertTrue(beats.stream().allMatch(Thread::isDaemon), "a heartbeat thread is not a daemon");
    }
  }
}
