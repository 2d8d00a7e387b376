package io.github.sparkthumbs.source;

import io.github.sparkthumbs.output.FileSystems;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
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
  private final Configuration conf;

  public SourceReader(Configuration conf) {
    this.conf = conf;
  }

  /** The whole content, refused before reading when longer than {@code maxBytes}. */
  public byte[] read(Source src, long maxBytes) throws ImageFailure {
    Path path = new Path(src.uri()); // Hadoop's own string form: spaces and newlines unescaped
    try {
      FileSystem fs = FileSystems.forPath(path, conf);
      FileStatus st = fs.getFileStatus(path);
      if (!st.isFile()) {
        throw new ImageFailure(ErrorClass.UNREADABLE, src.uri() + " is not a regular file");
      }
      long len = st.getLen();
      if (len > maxBytes) {
        throw tooLarge(src, len, maxBytes);
      }
      if (len == 0) {
        throw new ImageFailure(ErrorClass.EMPTY, src.uri() + " is empty (0 bytes)");
      }
      byte[] data = new byte[(int) len];
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
          throw new ImageFailure(
              ErrorClass.UNREADABLE, src.uri() + " grew while it was being read");
        }
      }
      return data;
    } catch (FileNotFoundException e) {
      // The local FileSystem reports "Permission denied" as FileNotFoundException too.
      if (String.valueOf(e.getMessage()).contains("Permission denied")) {
        throw new ImageFailure(ErrorClass.UNREADABLE, "reading " + src.uri() + ": permission denied", e);
      }
      throw new ImageFailure(ErrorClass.NOT_FOUND, src.uri() + " does not exist", e);
    } catch (AccessControlException e) {
      throw new ImageFailure(ErrorClass.UNREADABLE, "reading " + src.uri() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ImageFailure(ErrorClass.UNREADABLE, "reading " + src.uri() + ": " + e, e);
    }
  }

  static ImageFailure tooLarge(Source src, long len, long maxBytes) {
    return new ImageFailure(
        ErrorClass.TOO_LARGE,
        src.uri() + " is " + len + " bytes, over the limit of " + maxBytes + " (--max-bytes)");
  }
}
