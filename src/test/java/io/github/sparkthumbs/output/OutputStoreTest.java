package io.github.sparkthumbs.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output store on a real local folder: atomic writes, ages, the staging folder. */
class OutputStoreTest {
  @TempDir Path dir;

  private OutputStore store() throws IOException {
    return new OutputStore(dir.resolve("out").toString(), new Configuration());
  }

  /** The regular files under {@code root}, none when it does not exist. */
  static List<Path> files(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void writeCreatesFoldersReplacesAndLeavesNoTemporary() throws Exception {
    OutputStore s = store();
    org.apache.hadoop.fs.Path target = s.resolve("a/b/x.jpg");
    s.write(target, "first".getBytes(StandardCharsets.UTF_8));
    Path local = dir.resolve("out/a/b/x.jpg");
    assertEquals("first", Files.readString(local));
    s.write(target, "second, longer".getBytes(StandardCharsets.UTF_8));
    assertEquals("second, longer", Files.readString(local));
    assertEquals(List.of(), files(dir.resolve("out").resolve(OutputStore.STAGING_DIR)));
    assertEquals(List.of(local), files(dir.resolve("out")));
  }

  @Test
  void aFailedWriteLeavesNeitherTargetNorTemporary() throws Exception {
    OutputStore s = store();
    org.apache.hadoop.fs.Path target = s.resolve("y.jpg");
    IOException e = assertThrows(IOException.class, () -> s.write(target, out -> {
      out.write(new byte[100]);
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertFalse(Files.exists(dir.resolve("out/y.jpg")));
    assertEquals(List.of(), files(dir.resolve("out")));
    // and an existing thumbnail survives a failed rewrite intact
    s.write(target, new byte[] {1, 2, 3});
    assertThrows(IOException.class, () -> s.write(target, out -> {
      out.write(9);
      throw new IOException("again");
    }));
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("out/y.jpg")));
  }

  /** A subfolder linked out of the output is refused; the output itself may be a link. */
  @Test
  void aWriteThroughALinkOutOfTheOutputIsRefused() throws Exception {
    Path theirs = Files.createDirectories(dir.resolve("theirs"));
    Path real = Files.createDirectories(dir.resolve("real"));
    Path out = Files.createSymbolicLink(dir.resolve("out"), real);
    Files.createSymbolicLink(real.resolve("sub"), theirs);
    OutputStore s = new OutputStore(out.toUri().toString(), new Configuration());
    IOException e = assertThrows(IOException.class,
        () -> s.write(s.resolve("sub/new/x.jpg"), new byte[] {1}));
    assertEquals(out.resolve("sub/new") + " leads out of the output through a symlink (to "
        + theirs.toRealPath() + "); thumbnails are never written through a link out of "
        + s.root(), e.getMessage());
    assertEquals(List.of(), files(theirs), "nothing written into their folder");
    s.write(s.resolve("mine/x.jpg"), new byte[] {2});
    assertArrayEquals(new byte[] {2}, Files.readAllBytes(real.resolve("mine/x.jpg")));
  }

  @Test
  void modifiedMillisOfFilesOnly() throws Exception {
    OutputStore s = store();
    org.apache.hadoop.fs.Path target = s.resolve("m.jpg");
    assertEquals(-1, s.modifiedMillis(target));
    s.write(target, new byte[] {1});
    long at = 1_600_000_000_000L;
    Files.setLastModifiedTime(dir.resolve("out/m.jpg"), FileTime.fromMillis(at));
    assertEquals(at, s.modifiedMillis(target));
    Files.createDirectories(dir.resolve("out/folder.jpg"));
    assertEquals(-1, s.modifiedMillis(s.resolve("folder.jpg")), "a folder is no thumbnail");
  }

  @Test
  void removeTemporariesCountsAndDeletesTheStagingFolder() throws Exception {
    OutputStore s = store();
    assertEquals(0, s.removeTemporaries());
    Path staging = dir.resolve("out").resolve(OutputStore.STAGING_DIR);
    Files.createDirectories(staging.resolve("sub"));
    Files.write(staging.resolve(".tmp-1"), new byte[3]);
    Files.write(staging.resolve(".tmp-2"), new byte[3]);
    Files.write(staging.resolve("sub/.tmp-3"), new byte[3]);
    Files.write(dir.resolve("out/keep.jpg"), new byte[3]);
    assertEquals(3, s.removeTemporaries());
    assertFalse(Files.exists(staging));
    assertTrue(Files.exists(dir.resolve("out/keep.jpg")));
    assertEquals(0, s.removeTemporaries());
  }

  @Test
  void stagingIsAHiddenFolderUnderTheQualifiedRoot() throws Exception {
    OutputStore s = store();
    assertEquals("file", s.root().toUri().getScheme());
    assertEquals(dir.resolve("out").toString(), s.root().toUri().getPath());
    assertEquals(new org.apache.hadoop.fs.Path(s.root(), ".thumbnailer-staging"), s.staging());
    assertTrue(OutputStore.isTemporary(".tmp-abc"));
    assertFalse(OutputStore.isTemporary("x.tmp-abc"));
    assertFalse(OutputStore.isTemporary("tmp-abc"));
  }

  /**
   * The local FileSystem writes a .crc file beside every file and checks it on read; for
   * thumbnails both are turned off (a re-creatable file, and a fork-free write path).
   */
  @Test
  void forPathTurnsChecksumsOff() throws Exception {
    Configuration conf = new Configuration();
    // a fresh FileSystem, not the JVM-wide cached one an earlier caller already switched off
    conf.setBoolean("fs.file.impl.disable.cache", true);
    Path a = dir.resolve("a.bin");
    org.apache.hadoop.fs.Path ha = new org.apache.hadoop.fs.Path(a.toUri());
    // written with checksums by a private instance, then changed behind its back
    try (FileSystem checked = FileSystem.newInstance(ha.toUri(), conf)) {
      try (OutputStream o = checked.create(ha, true)) {
        o.write("original".getBytes(StandardCharsets.UTF_8));
      }
    }
    assertTrue(Files.exists(dir.resolve(".a.bin.crc")));
    Files.writeString(a, "changed!");
    FileSystem fs = FileSystems.forPath(ha, conf);
    try (InputStream in = fs.open(ha)) {
      assertEquals("changed!", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    org.apache.hadoop.fs.Path hb = new org.apache.hadoop.fs.Path(dir.resolve("b.bin").toUri());
    try (OutputStream o = fs.create(hb, true)) {
      o.write(1);
    }
    assertTrue(Files.exists(dir.resolve("b.bin")));
    assertFalse(Files.exists(dir.resolve(".b.bin.crc")), "a .crc file beside a thumbnail");
  }
}
