package io.github.sparkthumbs.image;

import javax.imageio.ImageIO;

/**
 * Makes sure the TwelveMonkeys ImageIO plugins in the application jar are registered. ImageIO
 * scans the class path once, with the context class loader of the first caller; inside a Spark
 * executor our jar is loaded later by a child class loader, so the scan must be repeated with it.
 */
final class Plugins {
  private static volatile boolean done;

  private Plugins() {}

  static void ensureRegistered() {
    if (done) {
      return;
    }
    synchronized (Plugins.class) {
      if (done) {
        return;
      }
      Thread t = Thread.currentThread();
      ClassLoader previous = t.getContextClassLoader();
      t.setContextClassLoader(Plugins.class.getClassLoader());
      try {
        ImageIO.setUseCache(false); // decode from memory; never spill to java.io.tmpdir
        ImageIO.scanForPlugins();
      } finally {
        t.setContextClassLoader(previous);
      }
      done = true;
    }
  }
}
