package io.github.sparkthumbs.output;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Opens Hadoop FileSystems the way this job wants them. */
public final class FileSystems {
  /**
   * Object stores' Hadoop schemes (S3A, Google Cloud Storage, Azure, Alibaba OSS, Tencent COS,
   * Huawei OBS): no real folders and no atomic rename (a rename is a copy and a delete), but an
   * object appears whole or not at all once its upload completes.
   */
  private static final java.util.Set<String> OBJECT_STORES = java.util.Set.of(
      "s3a", "gs", "abfs", "abfss", "wasb", "wasbs", "oss", "cosn", "obs");

  private FileSystems() {}

  /** Whether {@code fs} is an object store (see {@link #OBJECT_STORES}). */
  public static boolean isObjectStore(FileSystem fs) {
    String scheme = fs.getUri().getScheme(); // getScheme() is optional for a FileSystem
    return scheme != null && OBJECT_STORES.contains(scheme.toLowerCase(java.util.Locale.ROOT));
  }

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
