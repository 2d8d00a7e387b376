package io.github.sparkthumbs.settings;

import java.io.Serializable;
import java.util.List;

/**
 * Everything one run needs, frozen and {@link Serializable} so it ships to executors as is. This
 * class is the one home of every default: the command line, the Spark API and the README take
 * theirs from {@link #builder()}.
 *
 * @param output directory (any Hadoop FileSystem URI) for the thumbnails and the manifest
 *     ({@code OUTPUT/manifest/})
 * @param sizes boxes to make from each source, all from a single decode
 * @param mode fit inside the box, or fill it and crop
 * @param format encoding of the thumbnails
 * @param quality JPEG quality, 1..100
 * @param overwrite redo thumbnails that exist and are newer than their source
 * @param strict treat decoder warnings (truncated, corrupt data) as failures
 * @param partitions number of Spark partitions, 0 = chosen from the input count and cores
 * @param maxSourceBytes sources larger than this are refused before they are read
 * @param maxPixels sources whose header claims more pixels are refused before they are decoded
 * @param timeBudgetMillis per-image budget from when the image gets its task's CPU slot (decode,
 *     scale, encode, writes); past it the image is abandoned as a {@code timeout}
 * @param fetch settings for http(s) inputs
 * @param nativeJpeg decode JPEGs with libjpeg-turbo when it is installed (false: pure Java)
 * @param listFileSystems file systems ({@code scheme://authority}) that lines of {@code @list}
 *     files may name, besides the default file system and those of the command-line inputs
 * @param inputFormat how {@code @list} inputs are read (plain lines, CSV, TSV, JSON lines, Parquet)
 * @param urlColumn the column naming the URL or path in a list with columns
 * @param keepColumns columns of a list row carried into its manifest line untouched
 * @param layout one file per thumbnail, or shards (tar, parquet) holding a task's thumbnails
 * @param hash the perceptual hash added to each image's manifest line ({@code --hash})
 * @param progressSeconds seconds between the driver's progress lines, 0 = none
 *     ({@code --progress-interval})
 * @param embeddedThumbnails make a JPEG's thumbnails from the thumbnail in its EXIF block when
 *     that is large enough and of the image's shape, instead of decoding the image
 *     ({@code --embedded-thumbnails}; a camera JPEG then costs a read of its header)
 */
public record Settings(
    String output,
    List<Size> sizes,
    Mode mode,
    OutputFormat format,
    int quality,
    boolean overwrite,
    boolean strict,
    int partitions,
    long maxSourceBytes,
    long maxPixels,
    long timeBudgetMillis,
    FetchSettings fetch,
    boolean nativeJpeg,
    List<String> listFileSystems,
    InputFormat inputFormat,
    String urlColumn,
    List<String> keepColumns,
    Layout layout,
    Hash hash,
    int progressSeconds,
    boolean embeddedThumbnails)
    implements Serializable {

  /** The article's box; a constant String so that --help can show it. */
  public static final String DEFAULT_SIZE_TEXT = "75x75";

  public static final Size DEFAULT_SIZE = Size.parse(DEFAULT_SIZE_TEXT);
  public static final Mode DEFAULT_MODE = Mode.FIT;
  public static final OutputFormat DEFAULT_FORMAT = OutputFormat.JPG;
  public static final Decoder DEFAULT_DECODER = Decoder.AUTO;
  public static final InputFormat DEFAULT_INPUT_FORMAT = InputFormat.TEXT;
  public static final Layout DEFAULT_LAYOUT = Layout.FILES;
  /** img2dataset's default column name. */
  public static final String DEFAULT_URL_COLUMN = "url";
  /** PIL's default, which the article's code used. */
  public static final int DEFAULT_QUALITY = 75;
  /**
   * 64 MiB: a 50 MP camera JPEG is ~25 MB; larger is more likely a mistake or an attack. Each
   * image in flight holds its source bytes in memory, so this bounds the heap a task needs.
   */
  public static final long DEFAULT_MAX_SOURCE_BYTES = 64L << 20;
  /** Like Pillow's MAX_IMAGE_PIXELS (~89 MP): a 100 MP panorama needs the flag raised. */
  public static final long DEFAULT_MAX_PIXELS = 89_478_485L;
  /** Far above the ~40 ms a 12 MP JPEG takes; catches decoders that hang or spin. */
  public static final long DEFAULT_TIME_BUDGET_MILLIS = 30_000L;
  /** Off: a hash is for runs that look for duplicates, and costs a little on every image. */
  public static final Hash DEFAULT_HASH = Hash.NONE;
  /**
   * Often enough to see a run move in a log, rarely enough that a day-long run logs ~10^4 lines;
   * a constant String so that --help can show it.
   */
  public static final String DEFAULT_PROGRESS_SECONDS_TEXT = "10";
  /**
   * Off: an EXIF thumbnail is whatever the camera or an editor left there, and a stale one (the
   * photo edited, the thumbnail not) would go unnoticed; the aspect check catches only crops.
   */
  public static final boolean DEFAULT_EMBEDDED_THUMBNAILS = false;

  public Settings {
    sizes = List.copyOf(sizes);
    listFileSystems = List.copyOf(listFileSystems);
    keepColumns = List.copyOf(keepColumns);
    if (layout == null) {
      throw new SettingsException("--layout", "is required");
    }
    validateColumns(inputFormat, urlColumn, keepColumns);
    validate(output, sizes, quality, partitions, maxSourceBytes, maxPixels, timeBudgetMillis);
    if (hash == null) {
      throw new SettingsException("--hash", "must be none or dhash");
    }
    if (progressSeconds < 0) {
      throw new SettingsException("--progress-interval",
          "must be >= 0 seconds (0: no progress lines), got " + progressSeconds);
    }
    for (String fs : listFileSystems) {
      if (!fs.matches("[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*/?")) {
        throw new SettingsException("--allow-list-filesystem",
            "must be scheme://authority (hdfs://namenode:8020), got '" + fs + "'");
      }
    }
  }

  /** All option rules live here; messages name the command-line flag. */
  private static void validate(
      String output,
      List<Size> sizes,
      int quality,
      int partitions,
      long maxSourceBytes,
      long maxPixels,
      long timeBudgetMillis) {
    if (output == null || output.isBlank()) {
      throw new SettingsException("--output", "is required");
    }
    if (sizes.isEmpty()) {
      throw new SettingsException("--size", "needs at least one WxH");
    }
    if (sizes.stream().distinct().count() != sizes.size()) {
      throw new SettingsException("--size", "lists a size twice: " + sizes);
    }
    for (Size s : sizes) {
      if (s.width() > 10_000 || s.height() > 10_000) {
        throw new SettingsException("--size", s + " is larger than 10000x10000");
      }
    }
    if (quality < 1 || quality > 100) {
      throw new SettingsException("--quality", "must be 1..100, got " + quality);
    }
    if (partitions < 0) {
      throw new SettingsException("--partitions", "must be >= 0, got " + partitions);
    }
    if (maxSourceBytes < 1) {
      throw new SettingsException("--max-bytes", "must be > 0, got " + maxSourceBytes);
    }
    if (maxPixels < 1) {
      throw new SettingsException("--max-pixels", "must be > 0, got " + maxPixels);
    }
    if (timeBudgetMillis < 1) {
      throw new SettingsException("--time-budget", "must be > 0 ms, got " + timeBudgetMillis);
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
      for (String f : io.github.sparkthumbs.result.ThumbResult.FIELD_NAMES) {
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

  /** Whether several sizes are made, so that each goes to its own {@code WxH/} folder. */
  public boolean multiSize() {
    return sizes.size() > 1;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.output = output;
    b.sizes = sizes;
    b.mode = mode;
    b.format = format;
    b.quality = quality;
    b.overwrite = overwrite;
    b.strict = strict;
    b.partitions = partitions;
    b.maxSourceBytes = maxSourceBytes;
    b.maxPixels = maxPixels;
    b.timeBudgetMillis = timeBudgetMillis;
    b.fetch = fetch;
    b.nativeJpeg = nativeJpeg;
    b.listFileSystems = listFileSystems;
    b.inputFormat = inputFormat;
    b.urlColumn = urlColumn;
    b.keepColumns = keepColumns;
    b.layout = layout;
    b.hash = hash;
    b.progressSeconds = progressSeconds;
    b.embeddedThumbnails = embeddedThumbnails;
    return b;
  }

  /** Mutable collector with every default; {@link #build()} validates and freezes. */
  public static final class Builder {
    private String output;
    private List<Size> sizes = List.of(DEFAULT_SIZE);
    private Mode mode = DEFAULT_MODE;
    private OutputFormat format = DEFAULT_FORMAT;
    private int quality = DEFAULT_QUALITY;
    private boolean overwrite;
    private boolean strict;
    private int partitions;
    private long maxSourceBytes = DEFAULT_MAX_SOURCE_BYTES;
    private long maxPixels = DEFAULT_MAX_PIXELS;
    private long timeBudgetMillis = DEFAULT_TIME_BUDGET_MILLIS;
    private FetchSettings fetch = FetchSettings.defaults();
    private boolean nativeJpeg = DEFAULT_DECODER == Decoder.AUTO;
    private List<String> listFileSystems = List.of();
    private InputFormat inputFormat = DEFAULT_INPUT_FORMAT;
    private String urlColumn = DEFAULT_URL_COLUMN;
    private List<String> keepColumns = List.of();
    private Layout layout = DEFAULT_LAYOUT;
    private Hash hash = DEFAULT_HASH;
    private int progressSeconds = Integer.parseInt(DEFAULT_PROGRESS_SECONDS_TEXT);
    private boolean embeddedThumbnails = DEFAULT_EMBEDDED_THUMBNAILS;

    public Builder output(String v) {
      output = v;
      return this;
    }

    public Builder sizes(List<Size> v) {
      sizes = v;
      return this;
    }

    public Builder size(int w, int h) {
      return sizes(List.of(new Size(w, h)));
    }

    public Builder mode(Mode v) {
      mode = v;
      return this;
    }

    public Builder format(OutputFormat v) {
      format = v;
      return this;
    }

    public Builder quality(int v) {
      quality = v;
      return this;
    }

    public Builder overwrite(boolean v) {
      overwrite = v;
      return this;
    }

    public Builder strict(boolean v) {
      strict = v;
      return this;
    }

    public Builder partitions(int v) {
      partitions = v;
      return this;
    }

    public Builder maxSourceBytes(long v) {
      maxSourceBytes = v;
      return this;
    }

    public Builder maxPixels(long v) {
      maxPixels = v;
      return this;
    }

    public Builder timeBudgetMillis(long v) {
      timeBudgetMillis = v;
      return this;
    }

    public Builder fetch(FetchSettings v) {
      fetch = v;
      return this;
    }

    public Builder nativeJpeg(boolean v) {
      nativeJpeg = v;
      return this;
    }

    public Builder listFileSystems(List<String> v) {
      listFileSystems = v;
      return this;
    }

    public Builder inputFormat(InputFormat v) {
      inputFormat = v;
      return this;
    }

    public Builder urlColumn(String v) {
      urlColumn = v;
      return this;
    }

    public Builder keepColumns(List<String> v) {
      keepColumns = v;
      return this;
    }

    public Builder layout(Layout v) {
      layout = v;
      return this;
    }

    public Builder hash(Hash v) {
      hash = v;
      return this;
    }

    public Builder progressSeconds(int v) {
      progressSeconds = v;
      return this;
    }

    public Builder embeddedThumbnails(boolean v) {
      embeddedThumbnails = v;
      return this;
    }

    public Settings build() {
      return new Settings(
          output,
          sizes,
          mode,
          format,
          quality,
          overwrite,
          strict,
          partitions,
          maxSourceBytes,
          maxPixels,
          timeBudgetMillis,
          fetch,
          nativeJpeg,
          listFileSystems,
          inputFormat,
          urlColumn,
          keepColumns,
          layout,
          hash,
          progressSeconds,
          embeddedThumbnails);
    }
  }
}
