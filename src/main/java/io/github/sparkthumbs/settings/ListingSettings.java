package io.github.sparkthumbs.settings;

import io.github.sparkthumbs.result.ThumbResult;
import java.io.Serializable;
import java.util.List;

/**
 * How the inputs are listed: what {@code @list} files hold and which file systems their lines may
 * name. Read by the listing (on the driver and in the listing tasks), never by the image core.
 *
 * @param listFileSystems file systems ({@code scheme://authority}) that lines of {@code @list}
 *     files may name, besides the default file system and those of the command-line inputs
 * @param inputFormat how {@code @list} inputs are read (plain lines, CSV, TSV, JSON lines, Parquet)
 * @param urlColumn the column naming the URL or path in a list with columns
 * @param keepColumns columns of a list row carried into its manifest line untouched
 */
public record ListingSettings(
    List<String> listFileSystems,
    InputFormat inputFormat,
    String urlColumn,
    List<String> keepColumns)
    implements Serializable {

  public static final InputFormat DEFAULT_INPUT_FORMAT = InputFormat.TEXT;
  /** img2dataset's default column name. */
  public static final String DEFAULT_URL_COLUMN = "url";

  /** Messages name the command-line flag. */
  public ListingSettings {
    listFileSystems = List.copyOf(listFileSystems);
    keepColumns = List.copyOf(keepColumns);
    validateColumns(inputFormat, urlColumn, keepColumns);
    for (String fs : listFileSystems) {
      if (!fs.matches("[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*/?")) {
        throw new SettingsException("--allow-list-filesystem",
            "must be scheme://authority (hdfs://namenode:8020), got '" + fs + "'");
      }
    }
  }

  private static void validateColumns(InputFormat format, String urlColumn,
      List<String> keepColumns) {
    if (urlColumn == null || urlColumn.isBlank()) {
      throw new SettingsException("--url-column", "must name a column");
    }
    if (!format.hasColumns() && (!keepColumns.isEmpty()
        || !urlColumn.equals(DEFAULT_URL_COLUMN))) {
      throw new SettingsException(keepColumns.isEmpty() ? "--url-column" : "--keep-columns",
          "needs --input-format csv, tsv, json or parquet (plain lines have no columns)");
    }
    for (String c : keepColumns) {
      if (c.isBlank() || c.equals(urlColumn)) {
        throw new SettingsException("--keep-columns", "'" + c + "' is "
            + (c.isBlank() ? "empty" : "the URL column, already the manifest's source"));
      }
      for (String f : ThumbResult.FIELD_NAMES) {
        // Spark reads JSON field names case-insensitively (spark.sql.caseSensitive=false), so
        // spark.read.json(OUTPUT/manifest) fails on "Source" beside "source".
        if (f.equalsIgnoreCase(c)) {
          throw new SettingsException("--keep-columns", "'" + c + "' is "
              + (f.equals(c) ? "a field of the manifest line"
                  : "the manifest line's field '" + f + "' in another case, which Spark's JSON"
                      + " reader takes for the same column")
              + "; rename the column in the list");
        }
      }
    }
    if (keepColumns.stream().distinct().count() != keepColumns.size()) {
      throw new SettingsException("--keep-columns", "names a column twice: " + keepColumns);
    }
    for (int i = 0; i < keepColumns.size(); i++) {
      for (int j = i + 1; j < keepColumns.size(); j++) {
        if (keepColumns.get(i).equalsIgnoreCase(keepColumns.get(j))) {
          throw new SettingsException("--keep-columns", "'" + keepColumns.get(i) + "' and '"
              + keepColumns.get(j) + "' differ only in case, which Spark's JSON reader takes"
              + " for the same column");
        }
      }
    }
  }
}
