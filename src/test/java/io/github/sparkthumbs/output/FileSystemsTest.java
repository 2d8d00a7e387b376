package io.github.sparkthumbs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;

/** Which file systems are object stores: by the scheme of their URI, in any case. */
class FileSystemsTest {
  /** A file system that says its URI is {@code uri}, as a connector's would. */
  private static RawLocalFileSystem at(String uri) {
    return new RawLocalFileSystem() {
      @Override
      public URI getUri() {
        return URI.create(uri);
      }
    };
  }

  @Test
  void objectStoresAreKnownByTheirScheme() {
    for (String s : List.of("s3a://b/", "gs://b/", "abfs://c@a/", "abfss://c@a/", "wasb://c@a/",
        "wasbs://c@a/", "oss://b/", "cosn://b/", "obs://b/", "S3A://B/")) {
      assertTrue(FileSystems.isObjectStore(at(s)), s);
    }
    assertEquals(List.of(false, false, false, false), List.of(
        FileSystems.isObjectStore(at("hdfs://nn:8020/")), FileSystems.isObjectStore(at("file:///")),
        FileSystems.isObjectStore(at("s3n://b/")), FileSystems.isObjectStore(at("/no/scheme"))));
  }

  @Test
  void aFileSystemWithoutAUriSchemeIsNotAnObjectStore() {
    assertFalse(FileSystems.isObjectStore(at("relative")));
  }
}
