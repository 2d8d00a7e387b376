package io.github.sparkthumbs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's Hadoop write path (every scheme but {@code file:}, HDFS in production) without a
 * cluster: Hadoop's own RawLocalFileSystem mounted under a second scheme, so that the store takes
 * the temporary-name-in-staging-then-rename route through the FileSystem API onto a real disk.
 */
class OutputStoreHadoopPathTest {
  @TempDir Path dir;

  /**
   * Hadoop's raw local file system (no checksums, real files) under the scheme it is mounted at
   * ({@code fs.SCHEME.impl}): {@code lfs:} here.
   */
  public static final class OtherSchemeFs extends RawLocalFileSystem {
    private String scheme = "lfs";

    @Override
    public void initialize(URI name, Configuration conf) throws IOException {
      scheme = name.getScheme();
      super.initialize(name, conf);
    }

    @Override
    public URI getUri() {
      return URI.create(scheme + ":///");
    }

    @Override
    public String getScheme() {
      return scheme;
    }
  }

  private OutputStore store() throws IOException {
    Configuration conf = new Configuration();
    conf.set("fs.lfs.impl", OtherSchemeFs.class.getName());
    conf.setBoolean("fs.lfs.impl.disable.cache", true);
    return new OutputStore("lfs://" + dir.resolve("out").toUri().getPath(), conf);
  }

  @Test
  void writesThroughTheStagingFolderAndReplaces() throws Exception {
    OutputStore s = store();
    assertEquals("lfs", s.root().toUri().getScheme());
    org.apache.hadoop.fs.Path target = s.resolve("a/b/x.jpg");
    s.write(target, "first".getBytes(StandardCharsets.UTF_8));
    Path local = dir.resolve("out/a/b/x.jpg");
    assertEquals("first", Files.readString(local));
    s.write(target, "second".getBytes(StandardCharsets.UTF_8));
    assertEquals("second", Files.readString(local));
    assertEquals(List.of(local), OutputStoreTest.files(dir.resolve("out")),
        "a temporary was left behind");
    assertTrue(s.modifiedMillis(target) > 0);
    assertEquals(-1, s.modifiedMillis(s.resolve("missing.jpg")));
  }

  @Test
  void aFailedWriteDeletesItsTemporary() throws Exception {
    OutputStore s = store();
    org.apache.hadoop.fs.Path target = s.resolve("y.jpg");
    IOException e = assertThrows(IOException.class, () -> s.write(target, out -> {
      out.write(new byte[100]);
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertFalse(Files.exists(dir.resolve("out/y.jpg")));
    assertEquals(List.of(), OutputStoreTest.files(dir.resolve("out")));
    assertEquals(0, s.removeTemporaries());
  }
}
