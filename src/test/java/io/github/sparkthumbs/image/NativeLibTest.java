package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import java.io.File;
import org.junit.jupiter.api.Test;

/**
 * Finding an optional library: the first of the names that loads, or the one file a system
 * property names, and otherwise a reason that names the package and every name tried. zlib (a
 * dependency of the JDK itself) stands in for an optional library; "libnativelibtest" is a name
 * no other test sets a property for.
 */
class NativeLibTest {
  private static final String ZLIB = "/usr/lib/x86_64-linux-gnu/libz.so.1";
  private static final String PROPERTY = "thumbnailer.libnativelibtest";

  interface Zlib extends Library {
    String zlibVersion();
  }

  private static NativeLib.Loaded<Zlib> load(String... names) {
    return NativeLib.load(Zlib.class, "libnativelibtest", "nativelibtest-pkg", names);
  }

  @Test
  void theFirstNameThatLoadsIsBound() {
    assumeTrue(new File(ZLIB).isFile(), "no libz to load");
    NativeLib.Loaded<Zlib> l = load("libnot-there.so.9", ZLIB, "libnot-there.so.8");
    assertTrue(l.available());
    assertNull(l.whyNot());
    assertTrue(l.api().zlibVersion().startsWith("1."), l.api().zlibVersion());
  }

  @Test
  void noneLoadsNamesThePackageAndEveryNameTried() {
    NativeLib.Loaded<Zlib> l = load("libnot-there.so.9", "libnot-there.so.8");
    assertFalse(l.available());
    assertNull(l.api());
    assertEquals("libnativelibtest not found (install the Debian package nativelibtest-pkg);"
        + " tried libnot-there.so.9 (Unable to load library 'libnot-there.so.9':),"
        + " libnot-there.so.8 (Unable to load library 'libnot-there.so.8':)", l.whyNot());
  }

  /** The property names the one file to load: the names given are not tried. */
  @Test
  void aFileGivenByThePropertyIsTheOnlyOneTried() {
    assumeTrue(new File(ZLIB).isFile(), "no libz to load");
    try {
      System.setProperty(PROPERTY, ZLIB);
      assertTrue(load("libnot-there.so.9").available());
      System.setProperty(PROPERTY, "/nonexistent/libz.so.1");
      NativeLib.Loaded<Zlib> l = load(ZLIB);
      assertFalse(l.available());
      assertEquals("libnativelibtest not found (install the Debian package nativelibtest-pkg);"
          + " tried /nonexistent/libz.so.1 (Unable to load library '/nonexistent/libz.so.1':)",
          l.whyNot());
    } finally {
      System.clearProperty(PROPERTY);
    }
  }

  @Test
  void loadFailuresAreNamedByTheirFirstLine() {
    assertEquals("not loadable", NativeLib.firstLine(null));
    assertEquals("one", NativeLib.firstLine("one"));
    assertEquals("one", NativeLib.firstLine("one\ntwo\nthree"));
    assertEquals("", NativeLib.firstLine("\ntwo"));
  }
}
