package io.github.sparkthumbs.settings;

import java.io.Serializable;

/**
 * The run as the user asked for it: where it writes and how the driver splits and reports it.
 * The driver's own decisions (the output qualified, a new output's overwrite) are the job plan's,
 * not a changed copy of these.
 *
 * @param output directory (any Hadoop FileSystem URI) for the thumbnails and the manifest
 *     ({@code OUTPUT/manifest/})
 * @param overwrite redo thumbnails that exist and are newer than their source
 * @param partitions number of Spark partitions, 0 = chosen from the input count and cores
 * @param layout one file per thumbnail, or shards (tar, parquet) holding a task's thumbnails
 * @param progressSeconds seconds between the driver's progress lines, 0 = none
 *     ({@code --progress-interval})
 */
public record RunSettings(
    String output, boolean overwrite, int partitions, Layout layout, int progressSeconds)
    implements Serializable {

  public static final Layout DEFAULT_LAYOUT = Layout.FILES;
  /**
   * Often enough to see a run move in a log, rarely enough that a day-long run logs ~10^4 lines;
   * a constant String so that --help can show it.
   */
  public static final String DEFAULT_PROGRESS_SECONDS_TEXT = "10";

  public static final int DEFAULT_PROGRESS_SECONDS = Integer.parseInt(
      DEFAULT_PROGRESS_SECONDS_TEXT);

  /** Messages name the command-line flag. */
  public RunSettings {
    if (layout == null) {
      throw new SettingsException("--layout", "is required");
    }
    if (output == null || output.isBlank()) {
      throw new SettingsException("--output", "is required");
    }
    if (partitions < 0) {
      throw new SettingsException("--partitions", "must be >= 0, got " + partitions);
    }
    if (progressSeconds < 0) {
      throw new SettingsException("--progress-interval",
          "must be >= 0 seconds (0: no progress lines), got " + progressSeconds);
    }
  }
}
