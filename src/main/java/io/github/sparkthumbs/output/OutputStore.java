package io.github.sparkthumbs.output;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes files under the output directory through the Hadoop FileSystem API. Every file is written
 * to a temporary name in one hidden staging folder under the output root and renamed into place,
 * so a task killed or retried mid-write never leaves a half-written thumbnail under a real name;
 * and what an executor killed mid-write ({@code kill -9}, a lost node) or a killed driver leaves
 * behind is all in that folder, which a run deletes before it starts and when it ends
 * ({@link #removeTemporaries()}) instead of walking the output.
 *
 * <p>On {@code file:} outputs the writes go through java.nio instead: without Hadoop's native
 * library, its local FileSystem forks {@code chmod} for every file it creates (measured: a large
 * share of the per-thumbnail cost, and a fork from a big JVM serialises the threads).
 *
 * <p>On object stores ({@link FileSystems#isObjectStore}) a file is one PUT straight to its final
 * key: the store publishes an object whole when its upload completes (readers see the old object
 * or the new one, never a part), and S3A uploads a small file only on {@code close()}, so a task
 * killed mid-write leaves nothing. A rename there would be a copy and a delete: twice the traffic
 * for nothing. The bytes are made before the stream is opened, so a failure while making them
 * cannot reach the store through {@code close()}.
 */
public final class OutputStore {
  /** Temporary files start with this; listing skips dot files, so they are never read as input. */
  static final String TEMP_PREFIX = ".tmp-";

  /** The staging folder's name: a dot name, so listing never reads it as input either. */
  public static final String STAGING_DIR = ".thumbnailer-staging";

  /**
   * S3A's option to skip its checks before a create (a HEAD and a LIST: is there a folder of that
   * name, a file above it); our names are ours, so they cost two requests per thumbnail for
   * nothing. Other stores ignore it ({@code opt}, not {@code must}).
   */
  private static final String S3A_CREATE_PERFORMANCE = "fs.s3a.create.performance";

  private final Path root;
  private final FileSystem fs;
  private final boolean objectStore;
  /** The local staging folder once this store has made it (writes go on from many threads). */
  private volatile java.nio.file.Path localStaging;

  public OutputStore(String outputDir, Configuration conf) throws IOException {
    Path dir = new Path(outputDir);
    this.fs = FileSystems.forPath(dir, conf);
    this.root = fs.makeQualified(dir);
    this.objectStore = FileSystems.isObjectStore(fs);
  }

  /** Where temporary files are written before they are renamed into place. */
  public Path staging() {
    return new Path(root, STAGING_DIR);
  }

  public Path root() {
    return root;
  }

  /** The output's file system (the manifest's folder is swapped in with its renames). */
  public FileSystem fileSystem() {
    return fs;
  }

  /** The full path of a relative output name; names may hold ':' and other URI-hostile text. */
  public Path resolve(String relative) {
    try {
      // "./": a first segment with a colon (col:on.jpg) would otherwise parse as a URI scheme.
      return new Path(root, new Path(new URI(null, null, "./" + relative, null)));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("bad output name " + relative, e);
    }
  }

  /** Modification time of an output, or -1 when it does not exist. */
  public long modifiedMillis(Path path) throws IOException {
    try {
      FileStatus st = fs.getFileStatus(path);
      return st.isFile() ? st.getModificationTime() : -1;
    } catch (java.io.FileNotFoundException e) {
      return -1;
    }
  }

  /** Writes {@code data} to {@code target} atomically (see {@link #write(Path, Content)}). */
  public void write(Path target, byte[] data) throws IOException {
    if (objectStore) {
      put(target, data);
    } else {
      write(target, out -> out.write(data));
    }
  }

  /** Something that fills a stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code content} to {@code target} atomically: a temporary name and a rename, or one
   * PUT on an object store.
   */
  public void write(Path target, Content content) throws IOException {
    if ("file".equals(target.toUri().getScheme())) {
      writeLocal(java.nio.file.Paths.get(target.toUri()), content);
      return;
    }
    if (objectStore) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      content.writeTo(bytes);
      put(target, bytes.toByteArray());
      return;
    }
    Path tmp = new Path(staging(), temporaryName());
    boolean done = false;
    try {
      try (OutputStream out = fs.create(tmp, true)) {
        content.writeTo(out);
      }
      if (!fs.rename(tmp, target)) {
        // HDFS renames neither into a missing folder nor onto an existing file; a retried or
        // speculative attempt of the same task wrote the same bytes, so replacing it is safe.
        fs.mkdirs(target.getParent());
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
          throw new IOException("could not rename " + tmp + " to " + target);
        }
      }
      done = true;
    } finally {
      if (!done) {
        try {
          fs.delete(tmp, false);
        } catch (IOException cleanup) {
          // keep the first error; the temporary name is hidden from listings anyway
        }
      }
    }
  }

  /** One PUT of the whole file to its final key (object stores). */
  private void put(Path target, byte[] data) throws IOException {
    org.apache.hadoop.fs.FSDataOutputStreamBuilder<org.apache.hadoop.fs.FSDataOutputStream, ?>
        create = fs.createFile(target);
    create.overwrite(true);
    create.recursive();
    create.opt(S3A_CREATE_PERFORMANCE, true);
    try (OutputStream out = create.build()) {
      out.write(data);
    }
  }

  private void writeLocal(java.nio.file.Path target, Content content) throws IOException {
    // createDirectories on a folder that exists costs an exception (issue 15's profile: 2% of
    // the worker threads' samples); most thumbnails go to a folder that exists already.
    if (!java.nio.file.Files.isDirectory(target.getParent())) {
      java.nio.file.Files.createDirectories(target.getParent());
    }
    java.nio.file.Path dir = localStaging;
    if (dir == null) {
      dir = java.nio.file.Files.createDirectories(java.nio.file.Paths.get(staging().toUri()));
      localStaging = dir;
    }
    java.nio.file.Path tmp = dir.resolve(temporaryName());
    boolean done = false;
    try {
      try (OutputStream out = java.nio.file.Files.newOutputStream(tmp)) {
        content.writeTo(out);
      }
      java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      done = true;
    } finally {
      if (!done) {
        java.nio.file.Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * Deletes the staging folder, with the temporary files that killed task attempts or a killed run
   * left in it (a driver killed with -9 cannot clean up). Only when no task of ours is writing
   * (before a run starts, after it ended); returns how many files it held.
   */
  public int removeTemporaries() throws IOException {
    if (objectStore) {
      return 0; // nothing is staged there (one PUT per file): no requests spent looking
    }
    localStaging = null; // made again by the next write
    Path staging = staging();
    if (!fs.exists(staging)) {
      return 0;
    }
    int removed = 0;
    org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> it =
        fs.listFiles(staging, true);
    while (it.hasNext()) {
      it.next();
      removed++;
    }
    fs.delete(staging, true);
    return removed;
  }

  /**
   * A fresh temporary name, short and independent of the target's: a 250-byte file name must not
   * fail only because its temporary name is longer than the file system allows.
   */
  private static String temporaryName() {
    return TEMP_PREFIX + UUID.randomUUID();
  }

  /** Whether a file name is one of our temporary files. */
  public static boolean isTemporary(String name) {
    return name.startsWith(TEMP_PREFIX);
  }
}
