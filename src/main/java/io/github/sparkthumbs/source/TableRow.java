package io.github.sparkthumbs.source;

/**
 * One row of a list with columns (CSV, TSV, Parquet) as the task read it.
 *
 * @param where the list file and the place in it, for messages and as the source of a row that
 *     names no input ({@code file:/l.csv at byte 120}, {@code file:/l.parquet at row 7})
 * @param url the URL or path column's text, or null
 * @param columns the kept columns as a JSON object, or null
 * @param shown the whole row as text, to name a row without a URL
 * @param error why the row is unreadable, or null
 */
public record TableRow(String where, String url, String columns, String shown, String error) {
  public static TableRow bad(String where, String error) {
    return new TableRow(where, null, null, null, error);
  }
}
