package io.github.sparkthumbs.output;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Opens Hadoop FileSystems the way this job wants them. */
public final class FileSystems {
  private FileSystems() {}

  /**
   * The FileSystem of {@code path}. The local FileSystem is a ChecksumFileSystem that would write a
   * {@code .crc} file beside every thumbnail; we turn that off (thumbnails are re-creatable).
   */
  public static FileSystem forPath(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    fs.setWriteChecksum(false);
    fs.setVerifyChecksum(false);
    return fs;
  }
}
