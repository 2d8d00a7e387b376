package io.github.sparkthumbs.source;

import io.github.sparkthumbs.output.FileSystems;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.InputFailure;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;

/** Reads a file source's bytes through the Hadoop FileSystem API, checking its length first. */
public final class SourceReader {
  /** The most a local read asks of the file at once (see readLocal). */
  static final int READ_SLICE = 256 << 10;

  private final Configuration conf;

  public SourceReader(Configuration conf) {
    this.conf = conf;
  }

  /** The whole content, refused before reading when longer than {@code maxBytes}. */
  public byte[] read(Source src, long maxBytes) throws InputFailure {
    Path path = new Path(src.uri()); // Hadoop's own string form: spaces and newlines unescaped
    if (LocalDisk.isLocal(path)) {
      return readLocal(src, java.nio.file.Paths.get(path.toUri()), maxBytes);
    }
    try {
      FileSystem fs = FileSystems.forPath(path, conf);
      FileStatus st = fs.getFileStatus(path);
      byte[] data = new byte[checkedLength(src, st.isFile(), st.getLen(), maxBytes)];
      try (InputStream in = fs.open(path)) {
        int off = 0;
        while (off < data.length) {
          int n = in.read(data, off, data.length - off);
          if (n < 0) {
            break;
          }
          off += n;
        }
        if (off < data.length) { // shrank while we read it: decode what is there
          data = java.util.Arrays.copyOf(data, off);
        }
        if (off == data.length && in.read() >= 0) {
          throw new InputFailure(
              ErrorClass.UNREADABLE, src.uri() + " grew while it was being read");
        }
      }
      return data;
    } catch (FileNotFoundException e) {
      // The local FileSystem reports "Permission denied" as FileNotFoundException too.
      if (String.valueOf(e.getMessage()).contains("Permission denied")) {
        throw new InputFailure(ErrorClass.UNREADABLE, "reading " + src.uri()
            + ": permission denied", e);
      }
      throw new InputFailure(ErrorClass.NOT_FOUND, src.uri() + " does not exist", e);
    } catch (AccessControlException e) {
      throw new InputFailure(ErrorClass.UNREADABLE, "reading " + src.uri() + ": " + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new InputFailure(ErrorClass.UNREADABLE, "reading " + src.uri() + ": " + e, e);
    }
  }

  /**
   * A local file through java.nio: one stat and reads of the whole remaining length, where
   * Hadoop's local FileSystem looks for a checksum file, stats twice and reads through a 4 KB
   * buffer (io.file.buffer.size): on real photos most of the reading time went to those small
   * reads (measured in docs/speed-vs-pil.md, "What each step bought").
   */
  private static byte[] readLocal(Source src, java.nio.file.Path file, long maxBytes)
      throws InputFailure {
    try {
      java.nio.file.attribute.BasicFileAttributes a = java.nio.file.Files.readAttributes(file,
          java.nio.file.attribute.BasicFileAttributes.class);
      // a folder, a named pipe, a device: never opened
      byte[] data = new byte[checkedLength(src, a.isRegularFile(), a.size(), maxBytes)];
      try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(data);
        // In slices: the JDK reads a heap buffer through a temporary direct buffer of the size
        // asked for, cached per thread, and a larger request than the cached one frees it and
        // allocates (and zeroes) a new one, which photos of every size made costly
        // (docs/speed-vs-pil.md, "What each step bought").
        while (buf.position() < data.length) {
          buf.limit(Math.min(data.length, buf.position() + READ_SLICE));
          if (ch.read(buf) < 0) {
            break;
          }
        }
        buf.limit(data.length);
        if (buf.hasRemaining()) { // shrank while we read it: decode what is there
          return java.util.Arrays.copyOf(data, buf.position());
        }
        if (ch.read(java.nio.ByteBuffer.allocate(1)) >= 0) {
          throw new InputFailure(
              ErrorClass.UNREADABLE, src.uri() + " grew while it was being read");
        }
      }
      return data;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputFailure(ErrorClass.NOT_FOUND, src.uri() + " does not exist", e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new InputFailure(ErrorClass.UNREADABLE,
          "reading " + src.uri() + ": permission denied", e);
    } catch (IOException e) {
      throw new InputFailure(ErrorClass.UNREADABLE, "reading " + src.uri() + ": " + e, e);
    }
  }

  /** The length to read, once the source is known to be a regular file within the limit. */
  private static int checkedLength(Source src, boolean regularFile, long len, long maxBytes)
      throws InputFailure {
    if (!regularFile) {
      throw new InputFailure(ErrorClass.UNREADABLE, src.uri() + " is not a regular file");
    }
    if (len > maxBytes) {
      throw tooLarge(src, len, maxBytes);
    }
    if (len == 0) {
      throw new InputFailure(ErrorClass.EMPTY, src.uri() + " is empty (0 bytes)");
    }
    return (int) len;
  }

  static InputFailure tooLarge(Source src, long len, long maxBytes) {
    return new InputFailure(
        ErrorClass.TOO_LARGE,
        src.uri() + " is " + len + " bytes, over the limit of " + maxBytes + " (--max-bytes)");
  }
}
