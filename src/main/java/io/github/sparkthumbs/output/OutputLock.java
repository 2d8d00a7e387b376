package io.github.sparkthumbs.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One run at a time per output. Two runs into one output would clear each other's staging folder
 * mid-write and the last to finish would replace the other's manifest, so a run takes this lock
 * (a file created atomically: O_EXCL on a local disk, create-if-absent on HDFS) before it touches
 * the output, and a second run refuses to start, naming the run that holds it. The holder touches
 * the file every {@link #HEARTBEAT_MILLIS}; a lock is stale, and taken over, when its process is
 * gone (same host) or its heartbeat is older than {@link #STALE_AFTER_MILLIS} (a driver killed
 * with -9 on another host).
 */
public final class OutputLock implements AutoCloseable {
  public static final String FILE_NAME = ".thumbnailer-lock";
  static final long HEARTBEAT_MILLIS = 10_000;
  /** Six missed heartbeats: a long GC pause or a slow NameNode is not a dead run. */
  static final long STALE_AFTER_MILLIS = 6 * HEARTBEAT_MILLIS;

  /** The output is in use by another run. */
  public static final class Busy extends IOException {
    Busy(String message) {
      super(message);
    }
  }

  private final FileSystem fs;
  private final Path file;
  private final String runId;
  private final ScheduledExecutorService heartbeat;

  private OutputLock(FileSystem fs, Path file, String runId) {
    this.fs = fs;
    this.file = file;
    this.runId = runId;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "output-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    heartbeat.scheduleWithFixedDelay(this::touch, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lock of {@code outputRoot}, taking over a stale one (said on {@code notes}).
   *
   * @throws Busy when a live run holds it
   */
  public static OutputLock acquire(Path outputRoot, Configuration conf, java.io.PrintStream notes)
      throws IOException {
    FileSystem fs = FileSystems.forPath(outputRoot, conf);
    fs.mkdirs(outputRoot);
    Path file = new Path(outputRoot, FILE_NAME);
    if ("file".equals(file.toUri().getScheme())) {
      java.nio.file.Path local = java.nio.file.Paths.get(file.toUri());
      if (java.nio.file.Files.isSymbolicLink(local)) {
        // O_EXCL refuses to create over any link, a dangling one included, and reading through
        // it would take someone else's file for a run's lock (or delete it as a stale one).
        throw new Busy(OutputStore.linkMessage(local, "is the output's lock"));
      }
    }
    Properties me = describeThisRun();
    for (int attempt = 0; attempt < 2; attempt++) {
      if (create(fs, file, me)) {
        return new OutputLock(fs, file, me.getProperty("run"));
      }
      Holder h = Holder.read(fs, file);
      if (h == null) {
        continue; // released between our create and our read
      }
      String stale = h.staleBecause();
      if (stale == null) {
        throw new Busy("output " + outputRoot + " is in use by run " + h.describe()
            + "; two runs into one output would undo each other's work. Wait for it, or delete "
            + file + " if that run is dead.");
      }
      // Re-read just before deleting: another run may have taken the stale lock meanwhile.
      Holder again = Holder.read(fs, file);
      if (again != null && again.runId().equals(h.runId())) {
        fs.delete(file, false);
        notes.println("took over the lock of run " + h.describe() + ": " + stale);
      }
    }
    throw new Busy("output " + outputRoot + ": another run took the lock " + file
        + " at the same time as this one");
  }

  private static boolean create(FileSystem fs, Path file, Properties content) throws IOException {
    try {
      OutputStream out;
      if ("file".equals(file.toUri().getScheme())) {
        // Hadoop's local create(overwrite=false) checks, then creates: not atomic. O_EXCL is.
        out = java.nio.file.Files.newOutputStream(java.nio.file.Paths.get(file.toUri()),
            java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
      } else {
        out = fs.create(file, false);
      }
      try (out) {
        content.store(out, "spark-thumbnailer run holding this output");
      }
      return true;
    } catch (FileAlreadyExistsException
        | org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  private static Properties describeThisRun() {
    Properties p = new Properties();
    p.setProperty("run", UUID.randomUUID().toString());
    p.setProperty("host", hostName());
    p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
    p.setProperty("started", Instant.now().toString());
    p.setProperty("jvm", ManagementFactory.getRuntimeMXBean().getName());
    return p;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** What a lock file says about the run holding it. */
  private record Holder(Properties p, long heartbeatMillis) {
    static Holder read(FileSystem fs, Path file) throws IOException {
      try {
        FileStatus st = fs.getFileStatus(file);
        Properties p = new Properties();
        try (InputStream in = fs.open(file)) {
          p.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
        }
        return new Holder(p, st.getModificationTime());
      } catch (FileNotFoundException e) {
        return null;
      }
    }

    String runId() {
      return p.getProperty("run", "");
    }

    /** Null while the holder looks alive, else why it is not. */
    String staleBecause() {
      long age = System.currentTimeMillis() - heartbeatMillis;
      if (hostName().equals(p.getProperty("host"))) {
        try {
          long pid = Long.parseLong(p.getProperty("pid", ""));
          if (ProcessHandle.of(pid).isEmpty()) {
            return "its process " + pid + " on this host is gone";
          }
        } catch (NumberFormatException e) {
          return "the lock file is damaged (no pid)";
        }
      }
      if (age > STALE_AFTER_MILLIS) {
        return "no heartbeat for " + age / 1000 + " s";
      }
      return null;
    }

    String describe() {
      return runId() + " (host " + p.getProperty("host") + ", pid " + p.getProperty("pid")
          + ", started " + p.getProperty("started") + ", last heartbeat "
          + (System.currentTimeMillis() - heartbeatMillis) / 1000 + " s ago)";
    }
  }

  private void touch() {
    try {
      fs.setTimes(file, System.currentTimeMillis(), -1);
    } catch (IOException | RuntimeException e) {
      // a missed beat; six in a row make the lock look stale, which is the truth then
    }
  }

  /** Releases the lock if it is still ours. */
  @Override
  public void close() throws IOException {
    heartbeat.shutdownNow();
    Holder h = Holder.read(fs, file);
    if (h != null && h.runId().equals(runId)) {
      fs.delete(file, false);
    }
  }
}
