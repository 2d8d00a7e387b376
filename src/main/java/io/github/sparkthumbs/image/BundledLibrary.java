package io.github.sparkthumbs.image;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A native library carried inside the application jar (issue 15 item 4), the way snappy-java and
 * sqlite-jdbc ship theirs: the dynamic linker cannot read from a jar, so the resource is copied
 * once per JVM to a file in {@code java.io.tmpdir}, deleted when the JVM exits. The copies are
 * built for Linux on x86-64 only; elsewhere there is nothing to extract.
 */
final class BundledLibrary {
  private static final Map<String, File> EXTRACTED = new HashMap<>();

  private BundledLibrary() {}

  /** Whether this JVM runs where the bundled copies were built for. */
  static boolean platformMatches() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
  }

  /**
   * The file holding the resource {@code name}, copied on the first call.
   *
   * @throws IOException when there is no such resource, the platform differs, or the copy fails
   */
  static synchronized File extract(String name) throws IOException {
    File f = EXTRACTED.get(name);
    if (f != null) {
      return f;
    }
    if (!platformMatches()) {
      throw new IOException("built for linux/amd64, not " + System.getProperty("os.name") + "/"
          + System.getProperty("os.arch"));
    }
    try (InputStream in = BundledLibrary.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no resource " + name);
      }
      String file = name.substring(name.lastIndexOf('/') + 1);
      Path tmp = Files.createTempFile("thumbnailer-", "-" + file);
      tmp.toFile().deleteOnExit();
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      f = tmp.toFile();
    }
    EXTRACTED.put(name, f);
    return f;
  }
}
