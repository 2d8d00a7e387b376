package io.github.sparkthumbs.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The exact edges of every rule (the last value refused, the first accepted), the values a
 * builder carries over, and the command-line spellings: what mutation testing found unpinned.
 */
class SettingsLimitsTest {
  private static Settings.Builder ok() {
    return Settings.builder().output("/out");
  }

  private static SettingsException refused(String flag, UnaryOperator<Settings.Builder> change) {
    SettingsException e = assertThrows(SettingsException.class, () -> change.apply(ok()).build());
    assertEquals(flag, e.flag(), e.getMessage());
    assertTrue(e.getMessage().startsWith(flag + " "), e.getMessage());
    return e;
  }

  /** connect, deadline, attempts, backoff base, backoff cap, redirects, private, conc, per host. */
  private static FetchSettings fetch(int connect, long deadline, int attempts, int redirects,
      int concurrency, int perHost) {
    return new FetchSettings(connect, deadline, attempts, 200, 5_000, redirects, false,
        concurrency, perHost);
  }

  private static void fetchRefused(String flag, Runnable make) {
    SettingsException e = assertThrows(SettingsException.class, make::run);
    assertEquals(flag, e.flag(), e.getMessage());
  }

  @Test
  void fetchSettingsRefuseTheLastBadValueAndTakeTheFirstGoodOne() {
    fetchRefused("--connect-timeout", () -> fetch(0, 1, 1, 0, 1, 1));
    fetchRefused("--fetch-deadline", () -> fetch(1, 0, 1, 0, 1, 1));
    fetchRefused("--fetch-attempts", () -> fetch(1, 1, 0, 0, 1, 1));
    fetchRefused("--max-redirects", () -> fetch(1, 1, 1, -1, 1, 1));
    fetchRefused("--fetch-concurrency", () -> fetch(1, 1, 1, 0, 0, 1));
    fetchRefused("--fetch-concurrency", () -> fetch(1, 1, 1, 0, 1025, 1));
    fetchRefused("--per-host-concurrency", () -> fetch(1, 1, 1, 0, 1, 0));
    FetchSettings least = fetch(1, 1, 1, 0, 1, 1); // every minimum is allowed
    assertEquals(List.of(1, 1L, 1, 0, 1, 1), List.of(least.connectTimeoutMillis(),
        least.deadlineMillis(), least.maxAttempts(), least.maxRedirects(), least.concurrency(),
        least.perHostConcurrency()));
    assertEquals(1024, fetch(1, 1, 1, 0, 1024, 1).concurrency());
  }

  @Test
  void fetchDefaultsAreTheDocumentedOnes() {
    FetchSettings d = FetchSettings.defaults();
    assertEquals(new FetchSettings(5_000, 30_000, 3, 200, 5_000, 5, false, 16, 8), d);
    assertFalse(d.allowPrivateNetwork());
    assertEquals(d, ok().build().fetch());
  }

  @Test
  void settingsEdges() {
    refused("--output", b -> b.output(null));
    refused("--size", b -> b.size(10, 10_001));
    assertTrue(refused("--size", b -> b.size(10_001, 10)).getMessage().contains("10001x10"));
    assertTrue(refused("--quality", b -> b.quality(101)).getMessage().contains("got 101"));
    assertTrue(refused("--partitions", b -> b.partitions(-1)).getMessage().contains("got -1"));
    refused("--max-bytes", b -> b.maxSourceBytes(-1));
    refused("--time-budget", b -> b.timeBudgetMillis(-1));
    Settings top = ok().size(1, 10_000).quality(100).build();
    assertEquals(100, top.image().quality());
    assertEquals(List.of(new Size(1, 10_000)), top.image().sizes());
    refused("--allow-list-filesystem", b -> b.listFileSystems(List.of("1dfs://nn")));
    refused("--allow-list-filesystem", b -> b.listFileSystems(List.of("hdfs://nn/path")));
    assertEquals(List.of("hdfs://nn:8020", "s3a://bucket/", "file://"),
        ok().listFileSystems(List.of("hdfs://nn:8020", "s3a://bucket/", "file://")).build()
            .listing().listFileSystems());
  }

  @Test
  void onlySeveralSizesAreMultiSize() {
    assertFalse(ok().build().image().multiSize());
    assertTrue(ok().sizes(List.of(new Size(10, 10), new Size(20, 20))).build().image()
        .multiSize());
  }

  @Test
  void listsAreCopiedSoLaterChangesDoNotLeakIn() {
    List<Size> sizes = new ArrayList<>(List.of(new Size(10, 10)));
    List<String> fss = new ArrayList<>(List.of("hdfs://nn"));
    Settings s = ok().sizes(sizes).listFileSystems(fss).build();
    sizes.add(new Size(20, 20));
    fss.add("s3a://b");
    assertEquals(List.of(new Size(10, 10)), s.image().sizes());
    assertEquals(List.of("hdfs://nn"), s.listing().listFileSystems());
    assertThrows(UnsupportedOperationException.class,
        () -> s.image().sizes().add(new Size(1, 1)));
  }

  /** The builder puts every flag's value into its group: one dropped would reset to default. */
  @Test
  void builderFillsEveryGroup() {
    FetchSettings f = new FetchSettings(7, 8, 9, 10, 11, 12, true, 13, 14);
    Settings s = Settings.builder().output("hdfs://nn/out")
        .sizes(List.of(new Size(30, 20), new Size(60, 40))).mode(Mode.CROP)
        .format(OutputFormat.SOURCE).quality(42).overwrite(true).strict(true).partitions(17)
        .maxSourceBytes(1234).maxPixels(5678).timeBudgetMillis(910).fetch(f).nativeJpeg(false)
        .listFileSystems(List.of("s3a://bucket")).build();
    assertEquals(new Settings(new ImageSettings(List.of(new Size(30, 20), new Size(60, 40)),
        Mode.CROP, OutputFormat.SOURCE, 42, true, 1234, 5678, 910, false, Hash.NONE, false),
        new ListingSettings(List.of("s3a://bucket"), InputFormat.TEXT, "url", List.of()),
        new RunSettings("hdfs://nn/out", true, 17, Layout.FILES, 10), f), s);
    assertEquals(List.of(true, true, false),
        List.of(s.run().overwrite(), s.image().strict(), s.image().nativeJpeg()));
    assertEquals(List.of(17L, 1234L, 5678L, 910L), List.of((long) s.run().partitions(),
        s.image().maxSourceBytes(), s.image().maxPixels(), s.image().timeBudgetMillis()));
    Settings d = ok().build();
    assertEquals(List.of(false, false, 0, 64L << 20, 89_478_485L, 30_000L),
        List.of(d.run().overwrite(), d.image().strict(), d.run().partitions(),
            d.image().maxSourceBytes(), d.image().maxPixels(), d.image().timeBudgetMillis()));
    assertEquals(new Settings(ImageSettings.defaults(),
        new ListingSettings(List.of(), InputFormat.TEXT, "url", List.of()),
        new RunSettings("/out", false, 0, Layout.FILES, 10), FetchSettings.defaults()), d);
  }

  @Test
  void sizeEdges() {
    assertEquals(new Size(1, 1), Size.parse("1x1"));
    assertEquals("300x200", new Size(300, 200).toString());
    assertEquals(new Size(300, 200), Size.parse(new Size(300, 200).toString()));
    assertThrows(IllegalArgumentException.class, () -> new Size(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Size(1, 0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Size.parse("12x"));
    assertTrue(e.getMessage().contains("'12x'"), e.getMessage());
    IllegalArgumentException nan =
        assertThrows(IllegalArgumentException.class, () -> Size.parse("1xb"));
    assertTrue(nan.getCause() instanceof NumberFormatException, String.valueOf(nan.getCause()));
  }

  @Test
  void commandLineSpellings() {
    assertEquals("auto", Decoder.AUTO.toString());
    assertEquals("java", Decoder.JAVA.toString());
    assertEquals("fit", Mode.FIT.toString());
    assertEquals("crop", Mode.CROP.toString());
    assertEquals("source", OutputFormat.SOURCE.toString());
    assertEquals(List.of("jpg", "jpeg", "png", "png"), List.of(OutputFormat.JPG.extension,
        OutputFormat.JPG.imageIoName, OutputFormat.PNG.extension, OutputFormat.PNG.imageIoName));
  }

  @Test
  void keptColumnsMayNotBeAManifestFieldInAnotherCase() {
    // spark.read.json(OUTPUT/manifest) takes "Source" and "source" for one column, and fails
    SettingsException e = refused("--keep-columns", b -> b.inputFormat(InputFormat.CSV)
        .keepColumns(List.of("id", "Source")));
    assertTrue(e.getMessage().contains("'Source'") && e.getMessage().contains("'source'"),
        e.getMessage());
    SettingsException h = refused("--keep-columns", b -> b.inputFormat(InputFormat.CSV)
        .keepColumns(List.of("HTTPSTATUS")));
    assertTrue(h.getMessage().contains("'httpStatus'"), h.getMessage());
    SettingsException two = refused("--keep-columns", b -> b.inputFormat(InputFormat.CSV)
        .keepColumns(List.of("Tag", "tag")));
    assertTrue(two.getMessage().contains("'Tag' and 'tag'"), two.getMessage());
    assertEquals(List.of("sources", "Tags"), ok().inputFormat(InputFormat.CSV)
        .keepColumns(List.of("sources", "Tags")).build().listing().keepColumns());
  }
}
