package io.github.sparkthumbs.source;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A byte range of a line-oriented file (a plain or JSON-lines {@code @list}, a manifest part) that
 * one task reads. A line belongs to the split in which it starts, so the splits of a file read
 * every line exactly once, as Hadoop's own line reader does. Our own reader rather than
 * {@code textFile}: that one decodes bad UTF-8 into U+FFFD silently and has no bound on a line's
 * length short of skipping it silently, where a list's bad line must become its own error.
 *
 * @param file qualified path
 * @param start first byte
 * @param end byte after the last one
 */
public record ListSplit(String file, long start, long end) implements Serializable {
  /**
   * 1 MiB, about 15,000 list rows per task: a task holds its rows' sources in memory while it
   * looks them up (~10 MB), and many small tasks spread the lookups over the cluster.
   */
  public static final long SPLIT_BYTES = 1L << 20;

  /** Subfolders of a list folder read at the most (a partitioned dataset has a few levels). */
  private static final int MAX_DEPTH = 16;

  /** Folders a list folder may hold: the driver keeps every file of them in memory. */
  static final int MAX_FOLDERS = 10_000;

  /**
   * The splits of every file {@code pattern} names: a file, a folder of them (not recursive;
   * names starting with {@code .} or {@code _} are skipped, as Spark skips them) or a glob.
   *
   * @throws FileNotFoundException when it names nothing
   */
  public static List<ListSplit> of(String pattern, Configuration conf, long splitBytes)
      throws IOException {
    List<ListSplit> out = new ArrayList<>();
    for (FileStatus f : files(pattern, conf, false)) {
      String file = f.getPath().toString();
      long len = f.getLen();
      for (long s = 0; s < Math.max(len, 1); s += splitBytes) {
        out.add(new ListSplit(file, s, Math.min(len, s + splitBytes)));
      }
    }
    return out;
  }

  /**
   * The files {@code pattern} names, sorted by path: a file, a folder of them or a glob; names
   * starting with {@code .} or {@code _} are skipped in folders, as Spark skips them.
   *
   * @param recursive whether the files of a folder's subfolders count too (a Parquet dataset
   *     written with {@code partitionBy} keeps its files in {@code key=value} subfolders)
   * @throws FileNotFoundException when it names nothing
   */
  public static List<FileStatus> files(String pattern, Configuration conf, boolean recursive)
      throws IOException {
    Path p = new Path(pattern);
    FileSystem fs = p.getFileSystem(conf);
    Path q = fs.makeQualified(p);
    // A name that exists is that file, even with glob characters in it (thumbs[1]/manifest).
    FileStatus[] named = fs.exists(q) ? new FileStatus[] {fs.getFileStatus(q)} : fs.globStatus(q);
    if (named == null || named.length == 0) {
      throw new FileNotFoundException("input list " + pattern + " does not exist");
    }
    List<FileStatus> files = new ArrayList<>();
    ArrayDeque<FileStatus> folders = new ArrayDeque<>();
    for (FileStatus st : named) {
      (st.isDirectory() ? folders : files).add(st);
    }
    int depth = q.depth();
    int seen = 0;
    while (!folders.isEmpty()) {
      Path folder = folders.poll().getPath();
      if (++seen > MAX_FOLDERS) {
        throw new IOException("input list " + pattern + ": more than " + MAX_FOLDERS
            + " folders, the last at " + folder);
      }
      if (folder.depth() - depth > MAX_DEPTH) { // links in a loop would be walked forever
        throw new IOException("input list " + pattern + ": folders nested more than "
            + MAX_DEPTH + " deep at " + folder);
      }
      for (FileStatus c : fs.listStatus(folder)) {
        String name = c.getPath().getName();
        if (name.startsWith(".") || name.startsWith("_")) {
          continue;
        }
        if (c.isFile()) {
          files.add(c);
        } else if (recursive && c.isDirectory() && !isLink(c.getPath())) {
          folders.add(c);
        }
      }
    }
    files.sort(Comparator.comparing(s -> s.getPath().toString()));
    return files;
  }

  /**
   * Whether a folder met inside a walk is a local symlink, which walks do not follow (see
   * {@link LocalDisk}): Hadoop's local listing follows them, and a few links to {@code .} would
   * list the folder an exponential number of times.
   */
  private static boolean isLink(Path p) {
    return LocalDisk.isLocal(p) && Files.isSymbolicLink(Paths.get(p.toUri()));
  }

  /** Reads this split's lines into {@code v}; offsets are from the start of the file. */
  public void read(Configuration conf, ListFile.Visitor v) throws IOException {
    read(conf, ListFile.MAX_LINE_BYTES, v);
  }

  /** As {@link #read(Configuration, ListFile.Visitor)} with another line length bound. */
  public void read(Configuration conf, int maxLineBytes, ListFile.Visitor v) throws IOException {
    Path p = new Path(file);
    FileSystem fs = p.getFileSystem(conf);
    try (FSDataInputStream in = fs.open(p)) {
      long offset = start;
      if (start > 0) { // the line that starts before us is the previous split's
        in.seek(start - 1);
        offset = start - 1 + skipLine(in);
      }
      ListFile.readRange(in, offset, end, maxLineBytes, v);
    }
  }

  /** Bytes read up to and including the next line feed (or to the end). */
  private static long skipLine(InputStream in) throws IOException {
    long n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return n;
      }
      n++;
      if (b == '\n') {
        return n;
      }
    }
  }

  /** For messages: {@code file:/lists/a.txt at byte 1234}. */
  public static String where(String file, long offset) {
    return file + " at byte " + offset;
  }

  /** For messages about a list without byte offsets: {@code file:/lists/a.parquet at row 7}. */
  public static String row(String file, long row) {
    return file + " at row " + row;
  }

  @Override
  public String toString() {
    return file + " [" + start + ", " + end + ")";
  }
}
