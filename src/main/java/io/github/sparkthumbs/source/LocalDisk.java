package io.github.sparkthumbs.source;

import io.github.sparkthumbs.result.ErrorClass;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Listing on a local disk, through java.nio rather than Hadoop's local FileSystem: Hadoop drops
 * dangling symlinks silently, shows named pipes and devices as files, and fails a whole directory
 * or glob on one odd name (a colon, bytes that are not UTF-8). Here each such entry becomes its
 * own rejected line, and the rest is listed.
 */
final class LocalDisk {
  /** Where a rejected entry goes: one manifest line naming it and the cause. */
  interface Rejects {
    void reject(String source, ErrorClass c, String message);

    /** A directory link met in a walk: one skipped line, so that it is not silently dropped. */
    void skipLink(String source, String message);
  }

  private final Path output;
  private final Rejects rejects;

  LocalDisk(Path output, Rejects rejects) {
    this.output = output;
    this.rejects = rejects;
  }

  /**
   * A local directory's entries. Hadoop's local listing silently drops dangling symlinks, shows
   * named pipes and devices as files, and fails the whole directory on some names; java.nio tells
   * each case apart, so each becomes its own manifest line.
   */
  FileStatus[] list(Path dir) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    try (java.nio.file.DirectoryStream<java.nio.file.Path> entries =
        Files.newDirectoryStream(java.nio.file.Paths.get(dir.toUri()))) {
      for (java.nio.file.Path c : entries) {
        FileStatus st = localStatus(c, false);
        if (st != null) {
          out.add(st);
        }
      }
    }
    return out.toArray(new FileStatus[0]);
  }

  /**
   * A local file or directory as a FileStatus; null (and a rejected line, unless it is a dot
   * file) when it is not one we read.
   *
   * @param named whether the user named this entry (a glob's match): a directory link is then
   *     walked, as {@code find -H} does; met inside a walk it is not
   */
  private FileStatus localStatus(java.nio.file.Path c, boolean named) {
    // Not new Path(c.toUri()): a directory's URI ends in '/', and then the output folder
    // inside an input no longer equals the output root and would be read as input.
    Path p = new Path("file", null, c.toAbsolutePath().toString());
    if (p.getName().startsWith(".")) {
      return null;
    }
    if (!decodable(c)) {
      rejects.reject(p.toString(), ErrorClass.UNREADABLE, p + ": the file name is not valid UTF-8;"
          + " Java reads it with U+FFFD in place of the bad bytes and cannot open it by that"
          + " name again: rename the file");
      return null;
    }
    java.nio.file.attribute.BasicFileAttributes a;
    try {
      a = Files.readAttributes(c, java.nio.file.attribute.BasicFileAttributes.class);
    } catch (java.nio.file.NoSuchFileException e) {
      rejects.reject(p.toString(), ErrorClass.NOT_FOUND, p + " is a dangling symlink, not read");
      return null;
    } catch (IOException e) {
      rejects.reject(p.toString(), ErrorClass.UNREADABLE, "reading attributes of " + p + ": " + e);
      return null;
    }
    if (a.isDirectory() && !named && Files.isSymbolicLink(c)) {
      // Followed links can loop (a link to an ancestor) or multiply a tree (n levels of two
      // links to one folder list its files 2^n times), and a walk that meets a link to / lists
      // the whole machine; find, os.walk and rsync do not follow them by default either.
      rejects.skipLink(p.toString(), p + " is a symlink to a directory; walks do not follow"
          + " directory links (as find -P): name the directory itself to include it");
      return null;
    }
    if (a.isDirectory()) {
      return new FileStatus(0, true, 1, 0, a.lastModifiedTime().toMillis(), p);
    } else if (a.isRegularFile()) {
      return new FileStatus(a.size(), false, 1, 0, a.lastModifiedTime().toMillis(), p);
    }
    rejects.reject(p.toString(), ErrorClass.UNREADABLE,
        p + " is not a regular file (named pipe, socket or device), not read");
    return null;
  }

  /**
   * A glob on the local disk, matched with java.nio: Hadoop's globber builds a Path from every
   * name it meets, and one name with a colon ({@code col:on.jpg}) fails the whole glob. The
   * syntax is the same for what globs are used for ({@code * ? [..] {a,b}}).
   */
  FileStatus[] glob(Path pattern) throws IOException {
    String text = pattern.toUri().getPath();
    String[] parts = text.split("/");
    StringBuilder base = new StringBuilder();
    int depth = 0;
    for (String part : parts) {
      if (depth > 0 || Resolver.isGlob(part)) {
        depth++;
      } else if (!part.isEmpty()) {
        base.append('/').append(part);
      }
    }
    java.nio.file.Path root = java.nio.file.Paths.get(base.length() == 0 ? "/" : base.toString());
    java.nio.file.PathMatcher m = java.nio.file.FileSystems.getDefault()
        .getPathMatcher("glob:" + text);
    List<FileStatus> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return new FileStatus[0];
    }
    try (java.util.stream.Stream<java.nio.file.Path> all = Files.walk(root, depth)) {
      for (java.nio.file.Path c : (Iterable<java.nio.file.Path>) all::iterator) {
        if (c.getNameCount() - root.getNameCount() == depth && m.matches(c)) {
          FileStatus st = localStatus(c, true);
          if (st != null && !st.getPath().equals(output)) {
            out.add(st);
          }
        }
      }
    }
    return out.toArray(new FileStatus[0]);
  }

  /**
   * Whether a directory entry's name survives the trip through a String: the JDK decodes names
   * with the platform charset and puts U+FFFD where bytes are not valid, and that String no
   * longer names the file.
   */
  private static boolean decodable(java.nio.file.Path entry) {
    String text = entry.toString();
    return text.indexOf('\uFFFD') < 0
        || Files.exists(java.nio.file.Paths.get(text), java.nio.file.LinkOption.NOFOLLOW_LINKS);
  }

  static boolean isLocal(Path p) {
    return "file".equals(p.toUri().getScheme());
  }

  /** Named pipes and devices look like files to Hadoop; they are never opened. */
  boolean isRegular(FileStatus st) {
    Path p = st.getPath();
    if (isLocal(p)) {
      java.nio.file.Path local = java.nio.file.Paths.get(p.toUri());
      if (!Files.isRegularFile(local)) {
        String what = Files.exists(local) ? "not a regular file (named pipe, socket or device)"
            : "a dangling symlink";
        rejects.reject(p.toString(), Files.exists(local) ? ErrorClass.UNREADABLE : ErrorClass.NOT_FOUND,
            p + " is " + what + ", not read");
        return false;
      }
    }
    return true;
  }

  /** The directory with symlinks resolved, to notice a walk that loops. */
  static String realPath(Path dir) {
    if (isLocal(dir)) {
      try {
        return java.nio.file.Paths.get(dir.toUri()).toRealPath().toString();
      } catch (IOException e) {
        return dir.toString();
      }
    }
    return dir.toString();
  }
}
