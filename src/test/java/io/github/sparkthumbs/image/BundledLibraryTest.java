package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The copy of a library carried in the jar: extracted to a new file named for it in the temp
 * folder, byte for byte, and only on the platform it was built for (the platform is set through
 * the {@code os.name} and {@code os.arch} properties, restored after each case).
 */
class BundledLibraryTest {
  private static final String RESOURCE = TurboJpegLibrary.RESOURCE;

  /** Runs {@code body} with {@code os.name} and {@code os.arch} set, then restores them. */
  private static <T> T on(String os, String arch, PlatformCall<T> body) throws IOException {
    String name = System.getProperty("os.name");
    String oldArch = System.getProperty("os.arch");
    try {
      System.setProperty("os.name", os);
      System.setProperty("os.arch", arch);
      return body.call();
    } finally {
      System.setProperty("os.name", name);
      System.setProperty("os.arch", oldArch);
    }
  }

  interface PlatformCall<T> {
    T call() throws IOException;
  }

  @Test
  void onlyLinuxOnX8664Matches() throws IOException {
    for (List<String> p : List.of(List.of("Linux", "amd64"), List.of("Linux", "x86_64"),
        List.of("LINUX", "amd64"))) {
      assertTrue(on(p.get(0), p.get(1), BundledLibrary::platformMatches), p.toString());
    }
    for (List<String> p : List.of(List.of("Linux", "aarch64"), List.of("Mac OS X", "x86_64"),
        List.of("Windows 11", "amd64"), List.of("Linux", "AMD64"))) {
      assertFalse(on(p.get(0), p.get(1), BundledLibrary::platformMatches), p.toString());
    }
  }

  @Test
  void elsewhereNothingIsExtracted() {
    IOException e = assertThrows(IOException.class,
        () -> on("Mac OS X", "aarch64", () -> BundledLibrary.extract(RESOURCE)));
    assertEquals("built for linux/amd64, not Mac OS X/aarch64", e.getMessage());
  }

  @Test
  void aMissingResourceIsNamed() {
    assumeTrue(BundledLibrary.platformMatches(), "not linux/amd64");
    IOException e = assertThrows(IOException.class,
        () -> BundledLibrary.extract("/native/linux-x86-64/libnot-there.so.0"));
    assertEquals("no resource /native/linux-x86-64/libnot-there.so.0", e.getMessage());
  }

  /** A new file in the temp folder, named for the library, holding the resource's bytes. */
  @Test
  void theCopyIsTheResourceByteForByte() throws IOException {
    assumeTrue(TurboJpegTest.bundled(), "this build bundled no libturbojpeg.so.0");
    byte[] expected;
    try (InputStream in = getClass().getResourceAsStream(RESOURCE)) {
      expected = in.readAllBytes();
    }
    File first = BundledLibrary.extract(RESOURCE);
    File second = BundledLibrary.extract(RESOURCE);
    try {
      assertEquals(new File(System.getProperty("java.io.tmpdir")).getCanonicalFile(),
          first.getCanonicalFile().getParentFile());
      assertTrue(first.getName().startsWith("thumbnailer-")
          && first.getName().endsWith("-libturbojpeg.so.0"), first.getName());
      assertArrayEquals(expected, Files.readAllBytes(first.toPath()));
      assertFalse(first.equals(second), "a new file each time");
    } finally {
      Files.deleteIfExists(first.toPath());
      Files.deleteIfExists(second.toPath());
    }
  }
}
