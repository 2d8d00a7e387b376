package io.github.sparkthumbs.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The listing group's rules: which columns a list may name and keep, each refusal's whole message
 * (the flag and the column at fault), and what is accepted as given.
 */
class ListingSettingsTest {
  private static final String NO_COLUMNS =
      "needs --input-format csv, tsv, json or parquet (plain lines have no columns)";

  private static ListingSettings listing(InputFormat format, String urlColumn, String... keep) {
    return new ListingSettings(List.of(), format, urlColumn, List.of(keep));
  }

  private static void refused(String message, InputFormat format, String urlColumn,
      String... keep) {
    SettingsException e =
        assertThrows(SettingsException.class, () -> listing(format, urlColumn, keep));
    assertEquals(message, e.getMessage());
    assertEquals(message.substring(0, message.indexOf(' ')), e.flag());
  }

  @Test
  void theUrlColumnMustNameAColumn() {
    refused("--url-column must name a column", InputFormat.CSV, null);
    refused("--url-column must name a column", InputFormat.CSV, "");
    refused("--url-column must name a column", InputFormat.JSON, " \t");
    refused("--url-column must name a column", InputFormat.TEXT, " ");
  }

  @Test
  void plainLinesHaveNoColumnsToNameOrKeep() {
    refused("--url-column " + NO_COLUMNS, InputFormat.TEXT, "link");
    refused("--keep-columns " + NO_COLUMNS, InputFormat.TEXT, "url", "id");
    // both given: the kept columns are named, the first flag a user would drop
    refused("--keep-columns " + NO_COLUMNS, InputFormat.TEXT, "link", "id");
    assertEquals(listing(InputFormat.TEXT, "url"),
        new ListingSettings(List.of(), InputFormat.TEXT, "url", List.of()));
  }

  @Test
  void everyFormatWithColumnsTakesAnyUrlColumnAndKeptColumns() {
    for (InputFormat f : List.of(InputFormat.CSV, InputFormat.TSV, InputFormat.JSON,
        InputFormat.PARQUET)) {
      ListingSettings l = listing(f, "link", "url", "id", "caption");
      assertEquals(f, l.inputFormat());
      assertEquals("link", l.urlColumn());
      assertEquals(List.of("url", "id", "caption"), l.keepColumns());
    }
  }

  @Test
  void aKeptColumnMayNotBeEmptyOrTheUrlColumn() {
    refused("--keep-columns '' is empty", InputFormat.CSV, "url", "id", "");
    refused("--keep-columns ' ' is empty", InputFormat.CSV, "url", " ");
    refused("--keep-columns 'url' is the URL column, already the manifest's source",
        InputFormat.CSV, "url", "id", "url");
    refused("--keep-columns 'link' is the URL column, already the manifest's source",
        InputFormat.TSV, "link", "link");
  }

  @Test
  void aKeptColumnMayNotBeAManifestField() {
    refused("--keep-columns 'status' is a field of the manifest line; rename the column in the"
        + " list", InputFormat.CSV, "url", "id", "status");
    // the first and the last of the manifest's fields
    refused("--keep-columns 'source' is a field of the manifest line; rename the column in the"
        + " list", InputFormat.JSON, "link", "source");
    refused("--keep-columns 'finalUrl' is a field of the manifest line; rename the column in the"
        + " list", InputFormat.JSON, "url", "finalUrl");
    refused("--keep-columns 'FINALURL' is the manifest line's field 'finalUrl' in another case,"
        + " which Spark's JSON reader takes for the same column; rename the column in the list",
        InputFormat.PARQUET, "url", "FINALURL");
    refused("--keep-columns 'Source' is the manifest line's field 'source' in another case,"
        + " which Spark's JSON reader takes for the same column; rename the column in the list",
        InputFormat.CSV, "url", "Source");
  }

  @Test
  void aKeptColumnMayNotBeNamedTwiceInAnyCase() {
    refused("--keep-columns names a column twice: [id, caption, id]", InputFormat.CSV, "url",
        "id", "caption", "id");
    refused("--keep-columns 'Tag' and 'tag' differ only in case, which Spark's JSON reader takes"
        + " for the same column", InputFormat.CSV, "url", "Tag", "tag");
    // pairs that are not neighbours, and the last two of three
    refused("--keep-columns 'Tag' and 'tag' differ only in case, which Spark's JSON reader takes"
        + " for the same column", InputFormat.CSV, "url", "Tag", "id", "tag");
    refused("--keep-columns 'Id' and 'ID' differ only in case, which Spark's JSON reader takes"
        + " for the same column", InputFormat.CSV, "url", "tag", "Id", "ID");
    assertEquals(List.of("tag", "tags", "Tagged"),
        listing(InputFormat.CSV, "url", "tag", "tags", "Tagged").keepColumns());
  }

  @Test
  void listFileSystemsAreSchemeAndAuthorityOnly() {
    SettingsException e = assertThrows(SettingsException.class,
        () -> new ListingSettings(List.of("hdfs://nn", "nn:8020"), InputFormat.TEXT, "url",
            List.of()));
    assertEquals("--allow-list-filesystem must be scheme://authority (hdfs://namenode:8020), got"
        + " 'nn:8020'", e.getMessage());
    assertEquals("--allow-list-filesystem", e.flag());
    assertEquals(List.of("s3a://bucket", "gs://b/", "file://"),
        new ListingSettings(List.of("s3a://bucket", "gs://b/", "file://"), InputFormat.TEXT,
            "url", List.of()).listFileSystems());
  }
}
