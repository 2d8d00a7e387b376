package io.github.sparkthumbs.image;

import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;

/**
 * Makes sure the TwelveMonkeys ImageIO plugins in the application jar are registered. ImageIO
 * scans the class path once, with the context class loader of the first caller; inside a Spark
 * executor our jar is loaded later by a child class loader, so the scan must be repeated with it.
 */
final class Plugins {
  private static volatile boolean done;

  private Plugins() {}

  /** Class name prefix of jai-imageio-core's plugins (its JPEG 2000 reader lives elsewhere). */
  static final String JAI_CORE_PLUGINS = "com.github.jaiimageio.impl.plugins.";

  /**
   * The JPEG 2000 reader comes with jai-imageio-core, which registers TIFF, BMP, PNM,
   * PCX, WBMP and raw plugins of its own. They would compete with TwelveMonkeys' readers (which
   * one ImageIO returns first is not specified) and add formats nobody asked for; only the JPEG
   * 2000 reader is wanted.
   */
  private static void dropJaiCorePlugins() {
    IIORegistry registry = IIORegistry.getDefaultInstance();
    drop(registry, ImageReaderSpi.class);
    drop(registry, ImageWriterSpi.class);
  }

  private static <T> void drop(IIORegistry registry, Class<T> category) {
    List<T> jai = new ArrayList<>();
    registry.getServiceProviders(category, false).forEachRemaining(p -> {
      if (p.getClass().getName().startsWith(JAI_CORE_PLUGINS)) {
        jai.add(p);
      }
    });
    jai.forEach(p -> registry.deregisterServiceProvider(p, category));
  }

  static void ensureRegistered() {
    if (done) {
      return;
    }
    synchronized (Plugins.class) {
      if (done) {
        return;
      }
      register();
      done = true;
    }
  }

  /**
   * The scan itself, with this class's loader as the context loader, and the caller's back after
   * it. Package-private so that a test can run it again: ImageIO's registry lives as long as the
   * JVM, so {@link #ensureRegistered} scans only in the first test that decodes.
   */
  static void register() {
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(Plugins.class.getClassLoader());
    try {
      ImageIO.setUseCache(false); // decode from memory; never spill to java.io.tmpdir
      ImageIO.scanForPlugins();
      dropJaiCorePlugins();
    } finally {
      t.setContextClassLoader(previous);
    }
  }
}
