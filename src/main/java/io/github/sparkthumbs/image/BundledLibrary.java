package io.github.sparkthumbs.image;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * A native library carried inside the application jar, so that an executor needs nothing
 * installed, the way snappy-java, sqlite-jdbc and Netty ship theirs: the dynamic linker cannot
 * read from a jar, so the resource is copied to a new file in {@code java.io.tmpdir}. The caller
 * loads it and then deletes it (as Netty does on Linux): the mapping stays, and an executor
 * killed with SIGKILL, which runs no {@code deleteOnExit}, leaves no copy behind (the cluster
 * test kills several). The copies are built for Linux on x86-64 only; elsewhere there is nothing
 * to extract.
 */
final class BundledLibrary {
  private BundledLibrary() {}

  /** Whether this JVM runs where the bundled copies were built for. */
  static boolean platformMatches() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
  }

  /**
   * A new file holding the resource {@code name}; the caller deletes it.
   *
   * @throws IOException when there is no such resource, the platform differs, or the copy fails
   */
  static File extract(String name) throws IOException {
    if (!platformMatches()) {
      throw new IOException("built for linux/amd64, not " + System.getProperty("os.name") + "/"
          + System.getProperty("os.arch"));
    }
    try (InputStream in = BundledLibrary.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no resource " + name);
      }
      String file = name.substring(name.lastIndexOf('/') + 1);
      Path tmp = Files.createTempFile("thumbnailer-", "-" + file); // owner-only permissions
      try {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      return tmp.toFile();
    }
  }
}
