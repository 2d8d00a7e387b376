package io.github.sparkthumbs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store and the lock on outputs that are not local, without a cluster or a bucket: Hadoop's
 * RawLocalFileSystem under the {@code s3a} scheme (an object store to the store: one PUT per
 * file, nothing staged) and under {@code lfs} (a file system with folders and renames, as HDFS).
 */
class OutputStoreObjectStoreTest {
  @TempDir Path dir;

  private Configuration conf() {
    Configuration conf = new Configuration();
    conf.set("fs.s3a.impl", OutputStoreHadoopPathTest.OtherSchemeFs.class.getName());
    conf.setBoolean("fs.s3a.impl.disable.cache", true);
    conf.set("fs.lfs.impl", OutputStoreHadoopPathTest.OtherSchemeFs.class.getName());
    conf.setBoolean("fs.lfs.impl.disable.cache", true);
    return conf;
  }

  private OutputStore store() throws Exception {
    return new OutputStore("s3a://" + dir.resolve("out").toUri().getPath(), conf());
  }

  @Test
  void aThumbnailIsOnePutToItsKeyWithNothingStaged() throws Exception {
    OutputStore s = store();
    s.write(s.resolve("a/b/x.jpg"), "first".getBytes(StandardCharsets.UTF_8));
    s.write(s.resolve("a/b/x.jpg"), "second".getBytes(StandardCharsets.UTF_8));
    s.write(s.resolve("c/y.json"), out -> out.write("{}".getBytes(StandardCharsets.UTF_8)));
    Path out = dir.resolve("out");
    assertEquals("second", Files.readString(out.resolve("a/b/x.jpg")));
    assertEquals("{}", Files.readString(out.resolve("c/y.json")));
    assertEquals(List.of(out.resolve("a/b/x.jpg"), out.resolve("c/y.json")),
        OutputStoreTest.files(out).stream().sorted().toList(), "no temporary");
    assertFalse(Files.exists(out.resolve(OutputStore.STAGING_DIR)), "no staging folder");
  }

  @Test
  void anObjectStoreIsNotListedForTemporaries() throws Exception {
    Path staged = dir.resolve("out").resolve(OutputStore.STAGING_DIR).resolve(".tmp-1");
    Files.createDirectories(staged.getParent());
    Files.write(staged, new byte[] {1});
    assertEquals(0, store().removeTemporaries());
    assertTrue(Files.exists(staged), "nothing is staged there, so nothing is looked for");
  }

  @Test
  void onlyLocalOutputsAreCheckedForLinks() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.createSymbolicLink(out.resolve(Manifest.DIR), Files.createDirectories(dir.resolve("x")));
    store().refuseLinkedNames(Manifest.DIR); // no exception: object stores have no links
    assertThrows(OutputStore.Unsafe.class, () -> new OutputStore(out.toUri().toString(),
        new Configuration()).refuseLinkedNames(Manifest.DIR));
  }

  @Test
  void aLockIsTakenOnAnyFileSystem() throws Exception {
    org.apache.hadoop.fs.Path root =
        new org.apache.hadoop.fs.Path("lfs://" + dir.resolve("out").toUri().getPath());
    ByteArrayOutputStream notes = new ByteArrayOutputStream();
    try (OutputLock lock = OutputLock.acquire(root, conf(), new PrintStream(notes))) {
      assertTrue(Files.isRegularFile(dir.resolve("out").resolve(OutputLock.FILE_NAME)));
    }
    assertFalse(Files.exists(dir.resolve("out").resolve(OutputLock.FILE_NAME)));
    assertEquals("", notes.toString());
  }

  @Test
  void aLinkAtTheLocksNameIsRefused() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Path elsewhere = Files.write(dir.resolve("someone-elses"), new byte[] {1});
    Path link = Files.createSymbolicLink(out.resolve(OutputLock.FILE_NAME), elsewhere);
    OutputLock.Busy e = assertThrows(OutputLock.Busy.class, () -> OutputLock.acquire(
        new org.apache.hadoop.fs.Path(out.toUri()), new Configuration(),
        new PrintStream(new ByteArrayOutputStream())));
    assertTrue(e.getMessage().startsWith(link + " is a symlink (to " + elsewhere + "); "
        + OutputLock.FILE_NAME + " is the output's lock"), e.getMessage());
    assertTrue(Files.exists(elsewhere), "the file the link names is left alone");
  }
}
