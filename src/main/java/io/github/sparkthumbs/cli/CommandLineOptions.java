package io.github.sparkthumbs.cli;

import io.github.sparkthumbs.job.Balancer;
import io.github.sparkthumbs.settings.Decoder;
import io.github.sparkthumbs.settings.FetchSettings;
import io.github.sparkthumbs.settings.Hash;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.InputFormat;
import io.github.sparkthumbs.settings.Layout;
import io.github.sparkthumbs.settings.ListingSettings;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.RunSettings;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.SettingsException;
import io.github.sparkthumbs.settings.Size;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The flags. Defaults shown in --help come from the settings groups ({@link ImageSettings},
 * {@link ListingSettings}, {@link RunSettings}, {@link FetchSettings}).
 */
@Command(
    name = "thumbnail",
    mixinStandardHelpOptions = true,
    version = "spark-thumbnailer 0.1.0",
    sortOptions = false,
    description = {
      "Makes thumbnails of every image in the INPUTs on Spark and writes OUTPUT/manifest/.",
      "Exit codes: 0 all ok, 1 some inputs failed, 2 usage error or output in use."
    })
final class CommandLineOptions {
  @Parameters(arity = "1..*", paramLabel = "INPUT",
      description = "Directory (recursive), file, glob, @list.txt (one input per line) or"
          + " http(s) URL; any Hadoop FileSystem URI (file:, hdfs:, ...).")
  List<String> inputs = new ArrayList<>();

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
      description = "Output directory (any Hadoop FileSystem URI).")
  String output;

  @Option(names = "--size", split = ",", paramLabel = "WxH",
      defaultValue = ImageSettings.DEFAULT_SIZE_TEXT,
      description = "Box(es); several (75x75,150x150) are made from one decode."
          + " Default: ${DEFAULT-VALUE}.")
  List<String> sizes = new ArrayList<>();

  @Option(names = "--mode", paramLabel = "fit|crop",
      description = "fit: inside the box; crop: fill the box. Default: ${DEFAULT-VALUE}.")
  Mode mode = ImageSettings.DEFAULT_MODE;

  @Option(names = "--format", paramLabel = "jpg|png|webp|source",
      description = "Output format. Default: ${DEFAULT-VALUE}.")
  OutputFormat format = ImageSettings.DEFAULT_FORMAT;

  @Option(names = "--quality", paramLabel = "1-100",
      description = "JPEG and WebP quality. Default: ${DEFAULT-VALUE}.")
  int quality = ImageSettings.DEFAULT_QUALITY;

  @Option(names = "--overwrite", description = "Redo thumbnails that are up to date.")
  boolean overwrite;

  @Option(names = "--strict",
      description = "Fail images that decode with warnings (truncated, corrupt data).")
  boolean strict;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Spark partitions. Default: " + Balancer.PARTITIONS_PER_CORE
          + " per core, at most one per input.")
  int partitions;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master when not run by spark-submit. Default: " + Main.DEFAULT_MASTER
          + ".")
  String master;

  @Option(names = "--max-bytes", paramLabel = "N",
      description = "Refuse larger sources before reading. Default: ${DEFAULT-VALUE}.")
  long maxBytes = ImageSettings.DEFAULT_MAX_SOURCE_BYTES;

  @Option(names = "--max-pixels", paramLabel = "N",
      description = "Refuse sources whose header claims more pixels. Default: ${DEFAULT-VALUE}.")
  long maxPixels = ImageSettings.DEFAULT_MAX_PIXELS;

  @Option(names = "--time-budget", paramLabel = "MS",
      description = "Ms an image may take from when it gets its task's CPU slot (decode,"
          + " scale, encode, writes); then it is abandoned as a timeout. A URL has"
          + " --fetch-deadline besides. Default: ${DEFAULT-VALUE}.")
  long timeBudget = ImageSettings.DEFAULT_TIME_BUDGET_MILLIS;

  @Option(names = "--decoder", paramLabel = "auto|java",
      description = "auto: libjpeg-turbo for JPEGs when installed, else pure Java."
          + " Default: ${DEFAULT-VALUE}.")
  Decoder decoder = ImageSettings.DEFAULT_DECODER;

  @Option(names = "--fetch-concurrency", paramLabel = "K",
      description = "URL requests in flight per Spark task. Default: ${DEFAULT-VALUE}.")
  int fetchConcurrency = FetchSettings.DEFAULT_CONCURRENCY;

  @Option(names = "--per-host-concurrency", paramLabel = "K",
      description = "URL requests in flight per host per task. Default: ${DEFAULT-VALUE}.")
  int perHostConcurrency = FetchSettings.DEFAULT_PER_HOST_CONCURRENCY;

  @Option(names = "--connect-timeout", paramLabel = "MS",
      description = "TCP connect timeout. Default: ${DEFAULT-VALUE}.")
  int connectTimeout = FetchSettings.DEFAULT_CONNECT_TIMEOUT_MILLIS;

  @Option(names = "--fetch-deadline", paramLabel = "MS",
      description = "Total time per URL, retries included. Default: ${DEFAULT-VALUE}.")
  long fetchDeadline = FetchSettings.DEFAULT_DEADLINE_MILLIS;

  @Option(names = "--fetch-attempts", paramLabel = "N",
      description = "Attempts per URL for transient failures. Default: ${DEFAULT-VALUE}.")
  int fetchAttempts = FetchSettings.DEFAULT_MAX_ATTEMPTS;

  @Option(names = "--max-redirects", paramLabel = "N",
      description = "Redirects followed per URL. Default: ${DEFAULT-VALUE}.")
  int maxRedirects = FetchSettings.DEFAULT_MAX_REDIRECTS;

  @Option(names = "--allow-private-network",
      description = "Allow URLs on loopback, private and link-local addresses (off: SSRF guard).")
  boolean allowPrivateNetwork;

  @Option(names = "--allow-list-filesystem", split = ",", paramLabel = "URI",
      description = "A file system (scheme://authority) that @list lines may name, besides the"
          + " default one and those of the command-line INPUTs.")
  List<String> listFileSystems = new ArrayList<>();

  @Option(names = "--layout", paramLabel = "files|tar|parquet",
      description = "How thumbnails are stored: one file each, or shards of a task's thumbnails"
          + " (webdataset tar, Parquet) under OUTPUT/shards/. Default: ${DEFAULT-VALUE}.")
  Layout layout = RunSettings.DEFAULT_LAYOUT;

  @Option(names = "--input-format", paramLabel = "text|csv|tsv|json|parquet",
      description = "How @list inputs are read: one input per line, or rows with a column naming"
          + " the URL or path. Default: ${DEFAULT-VALUE}.")
  InputFormat inputFormat = ListingSettings.DEFAULT_INPUT_FORMAT;

  @Option(names = "--url-column", paramLabel = "NAME",
      description = "The column with the URL or path (csv, tsv, json, parquet)."
          + " Default: ${DEFAULT-VALUE}.")
  String urlColumn = ListingSettings.DEFAULT_URL_COLUMN;

  @Option(names = "--keep-columns", split = ",", paramLabel = "NAME",
      description = "Columns of a list row copied into its manifest line (id,caption).")
  List<String> keepColumns = new ArrayList<>();

  @Option(names = "--hash", paramLabel = "none|dhash",
      description = "Perceptual hash in each image's manifest line (dhash: 64-bit difference"
          + " hash, for scripts/near-duplicates). Default: ${DEFAULT-VALUE}.")
  Hash hash = ImageSettings.DEFAULT_HASH;

  @Option(names = "--progress-interval", paramLabel = "S",
      defaultValue = RunSettings.DEFAULT_PROGRESS_SECONDS_TEXT,
      description = "Seconds between progress lines in the driver's output; 0: none."
          + " Default: ${DEFAULT-VALUE}.")
  int progressInterval;

  @Option(names = "--embedded-thumbnails",
      description = "JPEGs: make the thumbnails from the EXIF thumbnail when it has twice the"
          + " pixels the output needs and the image's shape, instead of decoding the image.")
  boolean embeddedThumbnails = ImageSettings.DEFAULT_EMBEDDED_THUMBNAILS;

  /** Frozen, validated settings; a {@link SettingsException} names the flag at fault. */
  Settings toSettings() {
    List<Size> boxes = new ArrayList<>();
    for (String s : sizes) {
      try {
        boxes.add(Size.parse(s));
      } catch (IllegalArgumentException e) {
        throw new SettingsException("--size", e.getMessage());
      }
    }
    FetchSettings fetch = new FetchSettings(connectTimeout, fetchDeadline, fetchAttempts,
        FetchSettings.DEFAULT_BACKOFF_BASE_MILLIS, FetchSettings.DEFAULT_BACKOFF_CAP_MILLIS,
        maxRedirects, allowPrivateNetwork, fetchConcurrency, perHostConcurrency);
    Settings.Builder b = Settings.builder()
        .nativeJpeg(decoder == Decoder.AUTO)
        .output(output)
        .mode(mode)
        .format(format)
        .quality(quality)
        .overwrite(overwrite)
        .strict(strict)
        .partitions(partitions)
        .maxSourceBytes(maxBytes)
        .maxPixels(maxPixels)
        .timeBudgetMillis(timeBudget)
        .fetch(fetch)
        .listFileSystems(listFileSystems)
        .inputFormat(inputFormat)
        .urlColumn(urlColumn)
        .keepColumns(keepColumns)
        .layout(layout)
        .hash(hash)
        .progressSeconds(progressInterval)
        .embeddedThumbnails(embeddedThumbnails);
    return b.sizes(boxes).build();
  }
}
