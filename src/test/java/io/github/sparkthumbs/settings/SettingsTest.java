package io.github.sparkthumbs.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every rule of {@link Settings}: a bad value fails with a message naming its flag. */
class SettingsTest {
  private static Settings.Builder ok() {
    return Settings.builder().output("/out");
  }

  private static void refused(String flag, UnaryOperator<Settings.Builder> change) {
    SettingsException e = assertThrows(SettingsException.class, () -> change.apply(ok()).build());
    assertTrue(e.getMessage().contains(flag), e.getMessage());
  }

  @Test
  void defaultsAreTheArticles() {
    Settings s = ok().build();
    assertEquals(List.of(new Size(75, 75)), s.image().sizes());
    assertEquals(Mode.FIT, s.image().mode());
    assertEquals(OutputFormat.JPG, s.image().format());
    assertEquals(75, s.image().quality());
    assertEquals(true, s.image().nativeJpeg());
  }

  @Test
  void badValuesNameTheirFlag() {
    refused("--output", b -> b.output(" "));
    refused("--size", b -> b.sizes(List.of()));
    refused("--size", b -> b.sizes(List.of(new Size(75, 75), new Size(75, 75))));
    refused("--size", b -> b.size(10_001, 10));
    refused("--quality", b -> b.quality(0));
    refused("--quality", b -> b.quality(101));
    refused("--partitions", b -> b.partitions(-1));
    refused("--max-bytes", b -> b.maxSourceBytes(0));
    refused("--max-pixels", b -> b.maxPixels(0));
    refused("--time-budget", b -> b.timeBudgetMillis(0));
    refused("--allow-list-filesystem", b -> b.listFileSystems(List.of("hdfs:/nn")));
    refused("--allow-list-filesystem", b -> b.listFileSystems(List.of("nn:8020")));
  }

  /** The image core's group alone: no output, the same defaults and rules. */
  @Test
  void imageSettingsStandAlone() {
    assertEquals(ok().build().image(), ImageSettings.defaults());
    assertEquals(List.of(new Size(75, 75)), ImageSettings.defaults().sizes());
    SettingsException e = assertThrows(SettingsException.class,
        () -> ImageSettings.builder().quality(0).build());
    assertEquals("--quality", e.flag());
    assertEquals("--hash", assertThrows(SettingsException.class,
        () -> ImageSettings.builder().hash(null).build()).flag());
  }

  @Test
  void edgesThatAreAllowed() {
    ok().size(10_000, 10_000).quality(1).partitions(0).maxSourceBytes(1).maxPixels(1)
        .timeBudgetMillis(1).listFileSystems(List.of("hdfs://nn:8020", "s3a://bucket/"))
        .build();
  }

  @Test
  void sizesParseOrSayWhatIsWrong() {
    assertEquals(new Size(75, 50), Size.parse(" 75X50 "));
    for (String bad : List.of("75", "x75", "75x", "axb", "0x5", "-1x5")) {
      assertThrows(IllegalArgumentException.class, () -> Size.parse(bad), bad);
    }
  }
}
