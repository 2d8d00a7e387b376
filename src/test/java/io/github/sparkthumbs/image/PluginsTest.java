package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;
import org.junit.jupiter.api.Test;

/**
 * The plugin scan registers TwelveMonkeys' readers from this class's loader whatever the caller's
 * context loader (a Spark executor's sees no application jar at first), and leaves none of
 * jai-imageio-core's own TIFF, BMP, PNM, ... plugins registered.
 */
class PluginsTest {
  private static <T> List<String> registered(Class<T> category, String prefix) {
    List<String> names = new ArrayList<>();
    IIORegistry.getDefaultInstance().getServiceProviders(category, false).forEachRemaining(p -> {
      if (p.getClass().getName().startsWith(prefix)) {
        names.add(p.getClass().getName());
      }
    });
    return names;
  }

  @Test
  void theScanFindsTwelveMonkeysWithItsOwnLoaderAndDropsJaiCore() throws Exception {
    Plugins.ensureRegistered();
    IIORegistry registry = IIORegistry.getDefaultInstance();
    List<ImageReaderSpi> twelveMonkeys = new ArrayList<>();
    registry.getServiceProviders(ImageReaderSpi.class, false).forEachRemaining(p -> {
      if (p.getClass().getName().startsWith("com.twelvemonkeys.")) {
        twelveMonkeys.add(p);
      }
    });
    assertFalse(twelveMonkeys.isEmpty());
    Thread t = Thread.currentThread();
    ClassLoader caller = t.getContextClassLoader();
    ClassLoader bare = new URLClassLoader(new URL[0], null); // sees no plugin jar
    try {
      twelveMonkeys.forEach(p -> registry.deregisterServiceProvider(p, ImageReaderSpi.class));
      assertEquals(List.of(), registered(ImageReaderSpi.class, "com.twelvemonkeys."));
      ImageIO.setUseCache(true);
      t.setContextClassLoader(bare);
      Plugins.register();
      assertSame(bare, t.getContextClassLoader(), "the caller's context loader is restored");
      assertEquals(twelveMonkeys.size(),
          registered(ImageReaderSpi.class, "com.twelvemonkeys.").size());
      assertFalse(ImageIO.getUseCache(), "decoding never spills to java.io.tmpdir");
      assertEquals(List.of(), registered(ImageReaderSpi.class, Plugins.JAI_CORE_PLUGINS));
      assertEquals(List.of(), registered(ImageWriterSpi.class, Plugins.JAI_CORE_PLUGINS));
      assertTrue(ImageIO.getImageReadersByFormatName("jpeg2000").hasNext(),
          "jai-imageio's JPEG 2000 reader stays");
    } finally {
      t.setContextClassLoader(caller);
      Plugins.register();
    }
  }
}
