package io.github.sparkthumbs.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What a user sees of the settings: each refusal's whole message, every builder setter reaching
 * its group (none dropped, none crossed), and each option value's command-line spelling.
 */
class SettingsMessagesTest {
  private static Settings.Builder ok() {
    return Settings.builder().output("/out");
  }

  private static void refused(String message, UnaryOperator<Settings.Builder> change) {
    SettingsException e = assertThrows(SettingsException.class, () -> change.apply(ok()).build());
    assertEquals(message, e.getMessage());
  }

  private static void fetchRefused(String message, Runnable make) {
    assertEquals(message, assertThrows(SettingsException.class, make::run).getMessage());
  }

  @Test
  void runRefusalsSayWhatIsWrong() {
    refused("--layout is required", b -> b.layout(null));
    refused("--layout is required", b -> b.layout(null).output(null));
    refused("--output is required", b -> b.output(""));
    refused("--partitions must be >= 0, got -3", b -> b.partitions(-3));
    refused("--progress-interval must be >= 0 seconds (0: no progress lines), got -1",
        b -> b.progressSeconds(-1));
    assertEquals(0, ok().progressSeconds(0).build().run().progressSeconds());
  }

  @Test
  void imageRefusalsSayWhatIsWrong() {
    refused("--size needs at least one WxH", b -> b.sizes(List.of()));
    refused("--size lists a size twice: [10x10, 20x20, 10x10]",
        b -> b.sizes(List.of(new Size(10, 10), new Size(20, 20), new Size(10, 10))));
    refused("--size 20x10001 is larger than 10000x10000",
        b -> b.sizes(List.of(new Size(10, 10), new Size(20, 10_001))));
    refused("--quality must be 1..100, got 0", b -> b.quality(0));
    refused("--max-bytes must be > 0, got 0", b -> b.maxSourceBytes(0));
    refused("--max-pixels must be > 0, got -1", b -> b.maxPixels(-1));
    refused("--max-pixels must be > 0, got 0", b -> b.maxPixels(0));
    refused("--time-budget must be > 0 ms, got 0", b -> b.timeBudgetMillis(0));
    refused("--hash must be none or dhash", b -> b.hash(null));
  }

  @Test
  void fetchRefusalsSayWhatIsWrong() {
    FetchSettings d = FetchSettings.defaults();
    fetchRefused("--connect-timeout must be > 0 ms", () -> new FetchSettings(0, 1, 1, 0, 0, 0,
        false, 1, 1));
    fetchRefused("--fetch-deadline must be > 0 ms", () -> new FetchSettings(1, 0, 1, 0, 0, 0,
        false, 1, 1));
    fetchRefused("--fetch-attempts must be >= 1", () -> new FetchSettings(1, 1, 0, 0, 0, 0,
        false, 1, 1));
    fetchRefused("--max-redirects must be >= 0", () -> new FetchSettings(1, 1, 1, 0, 0, -1,
        false, 1, 1));
    fetchRefused("--fetch-concurrency must be 1..1024, got 0", () -> new FetchSettings(1, 1, 1,
        0, 0, 0, false, 0, 1));
    fetchRefused("--fetch-concurrency must be 1..1024, got 1025", () -> new FetchSettings(1, 1,
        1, 0, 0, 0, false, 1025, 1));
    fetchRefused("--per-host-concurrency must be >= 1", () -> new FetchSettings(1, 1, 1, 0, 0, 0,
        false, 1, 0));
    assertEquals(List.of(200L, 5_000L), List.of(d.backoffBaseMillis(), d.backoffCapMillis()));
  }

  /** Each setter once with a value that is not its default, read back through its group. */
  @Test
  void everySetterReachesItsGroup() {
    Settings s = ok().layout(Layout.PARQUET).progressSeconds(3).inputFormat(InputFormat.TSV)
        .urlColumn("link").keepColumns(List.of("id", "caption")).hash(Hash.DHASH)
        .embeddedThumbnails(true).size(40, 30).mode(Mode.CROP).format(OutputFormat.PNG)
        .build();
    assertEquals(Layout.PARQUET, s.run().layout());
    assertEquals(3, s.run().progressSeconds());
    assertEquals(new ListingSettings(List.of(), InputFormat.TSV, "link", List.of("id", "caption")),
        s.listing());
    assertEquals(Hash.DHASH, s.image().hash());
    assertTrue(s.image().embeddedThumbnails());
    assertEquals(List.of(new Size(40, 30)), s.image().sizes());
    assertEquals(Mode.CROP, s.image().mode());
    assertEquals(OutputFormat.PNG, s.image().format());
    assertEquals(new ImageSettings(List.of(new Size(40, 30)), Mode.CROP, OutputFormat.PNG, 75,
        false, 64L << 20, 89_478_485L, 30_000L, true, Hash.DHASH, true), s.image());
  }

  @Test
  void theImageBuilderAloneCarriesEveryValue() {
    ImageSettings i = ImageSettings.builder().size(20, 10).mode(Mode.CROP)
        .format(OutputFormat.WEBP).quality(90).strict(true).maxSourceBytes(11).maxPixels(12)
        .timeBudgetMillis(13).nativeJpeg(false).hash(Hash.DHASH).embeddedThumbnails(true)
        .build();
    assertEquals(new ImageSettings(List.of(new Size(20, 10)), Mode.CROP, OutputFormat.WEBP, 90,
        true, 11, 12, 13, false, Hash.DHASH, true), i);
    ImageSettings d = ImageSettings.defaults();
    assertEquals(List.of(false, true, false), List.of(d.strict(), d.nativeJpeg(),
        d.embeddedThumbnails()));
    assertEquals(Hash.NONE, d.hash());
    assertEquals(Decoder.AUTO, ImageSettings.DEFAULT_DECODER);
  }

  @Test
  void optionValuesAreSpelledAsOnTheCommandLine() {
    assertEquals(List.of("files", "tar", "parquet"),
        List.of(Layout.FILES.toString(), Layout.TAR.toString(), Layout.PARQUET.toString()));
    assertEquals(List.of("text", "csv", "tsv", "json", "parquet"),
        List.of(InputFormat.values()).stream().map(InputFormat::toString).toList());
    assertEquals(List.of("none", "dhash"), List.of(Hash.NONE.toString(), Hash.DHASH.toString()));
    assertEquals(List.of("jpg", "png", "webp", "source"),
        List.of(OutputFormat.values()).stream().map(OutputFormat::toString).toList());
    assertEquals("webp", OutputFormat.WEBP.extension);
    assertNull(OutputFormat.WEBP.imageIoName);
    assertNull(OutputFormat.SOURCE.extension);
  }

  @Test
  void onlyPlainLinesHaveNoColumns() {
    assertFalse(InputFormat.TEXT.hasColumns());
    for (InputFormat f : List.of(InputFormat.CSV, InputFormat.TSV, InputFormat.JSON,
        InputFormat.PARQUET)) {
      assertTrue(f.hasColumns(), f.toString());
    }
  }
}
