package io.github.sparkthumbs.settings;

/** How the rows of {@code @list} inputs are read ({@code --input-format}). */
public enum InputFormat {
  /** One input per line, verbatim (the default; no column names). */
  TEXT,
  /** Comma-separated with a header row naming the columns. */
  CSV,
  /** Tab-separated with a header row naming the columns. */
  TSV,
  /** JSON Lines: one object per line. */
  JSON,
  /** Apache Parquet files. */
  PARQUET;

  /** Whether rows have named columns ({@code --url-column}, {@code --keep-columns} apply). */
  public boolean hasColumns() {
    return this != TEXT;
  }

  /** As on the command line: {@code text}, {@code csv}, ... */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
