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

  /**
   * Folders a local write has found to lie inside the output, so that each is resolved once, not
   * once per thumbnail; cleared when it grows past {@link #MAX_CHECKED_FOLDERS}, which bounds it
   * whatever the tree's width.
   */
  private final java.util.Set<java.nio.file.Path> insideFolders =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static final int MAX_CHECKED_FOLDERS = 4096;

  private final Path root;
  private final FileSystem fs;
  private final boolean objectStore;
  /** The local staging folder once this store has made it (writes go on from many threads). */
  private volatile java.nio.file.Path localStaging;
  /** The local output root with its links resolved, once a write has needed it. */
  private volatile java.nio.file.Path localRealRoot;

  /** The output cannot be used safely as it is: a usage error, said before anything is written. */
  public static final class Unsafe extends IOException {
    Unsafe(String message) {
      super(message);
    }
  }

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
    refuseLinksOut(target.getParent());
    // createDirectories on a folder that exists costs an exception (measured in
    // docs/speed-vs-pil.md); most thumbnails go to a folder that exists already.
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
   * Refuses a write whose folder lies outside the output through a symlink (a shared,
   * group-writable output where someone linked {@code OUTPUT/sub} to a folder of theirs, where
   * {@code --overwrite} would replace their files). The output root itself may be a link: the
   * user named it. The nearest folder that exists is resolved, since folders below it are made
   * by this write. Links a walk could race in between this check and the write are not guarded.
   */
  private void refuseLinksOut(java.nio.file.Path folder) throws IOException {
    if (insideFolders.contains(folder)) {
      return;
    }
    java.nio.file.Path realRoot = localRealRoot;
    if (realRoot == null) {
      java.nio.file.Path r = java.nio.file.Paths.get(root.toUri());
      java.nio.file.Files.createDirectories(r);
      realRoot = r.toRealPath();
      localRealRoot = realRoot;
    }
    java.nio.file.Path existing = folder;
    while (existing != null && !java.nio.file.Files.exists(existing)) {
      existing = existing.getParent();
    }
    java.nio.file.Path real = existing == null ? null : existing.toRealPath();
    if (real == null || !real.startsWith(realRoot)) {
      throw new IOException(folder + " leads out of the output through a symlink (to " + real
          + "); thumbnails are never written through a link out of " + root);
    }
    if (existing.equals(folder)) {
      if (insideFolders.size() >= MAX_CHECKED_FOLDERS) {
        insideFolders.clear();
      }
      insideFolders.add(folder);
    }
  }

  /**
   * Refuses a local output whose reserved names (the manifest, the staging folder, ...) are
   * symlinks: a linked {@code OUTPUT/manifest} would be read as this output's earlier records
   * and published into, and a linked staging folder written into. Other file systems have no
   * links a user makes by accident (HDFS disables them by default), so they are not checked.
   *
   * @param names names directly under the output root
   */
  public void refuseLinkedNames(String... names) throws Unsafe {
    if (!"file".equals(root.toUri().getScheme())) {
      return;
    }
    java.nio.file.Path r = java.nio.file.Paths.get(root.toUri());
    for (String name : names) {
      java.nio.file.Path p = r.resolve(name);
      if (java.nio.file.Files.isSymbolicLink(p)) {
        throw new Unsafe(linkMessage(p, "is a name this tool keeps for itself"));
      }
    }
  }

  /**
   * Says what a link at one of our reserved names points to (a dangling link included), and
   * what to do about it.
   */
  public static String linkMessage(java.nio.file.Path link, String why) {
    String to;
    try {
      java.nio.file.Path target = java.nio.file.Files.readSymbolicLink(link);
      to = target + (java.nio.file.Files.exists(link) ? "" : ", which does not exist");
    } catch (IOException e) {
      to = "an unreadable target: " + e.getMessage();
    }
    return link + " is a symlink (to " + to + "); " + link.getFileName() + " " + why
        + ", and it is never followed through a link. Remove the link (rm " + link
        + ") if no run is using this output, and run again.";
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
