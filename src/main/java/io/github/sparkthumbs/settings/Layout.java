package io.github.sparkthumbs.settings;

/**
 * How thumbnails are stored ({@code --layout}). One file per thumbnail is what a folder of photos
 * wants; at 10^8 thumbnails it is 10^8 NameNode entries or object-store requests, so the shard
 * layouts pack a task's thumbnails into one file (img2dataset's {@code webdataset} and
 * {@code parquet} output formats). Each value is registered with its class in
 * {@code output.OutputLayout#of}.
 */
public enum Layout {
  /** One file per thumbnail, mirroring the input's folders (the default). */
  FILES,
  /**
   * Webdataset-style tar shards, one per task: each sample's thumbnail(s) and its manifest line
   * as JSON under one key ({@code KEY.jpg}, {@code KEY.json}).
   */
  TAR,
  /** Parquet files of Spark's own writer: the thumbnail bytes beside the manifest's columns. */
  PARQUET;

  /**
   * At most this many inputs per task, and so per shard, in the shard layouts: img2dataset's
   * default shard size, and a task holds its thumbnails until its shard is written (10,000
   * thumbnails of 256 px are ~150 MB).
   */
  public static final int MAX_SAMPLES_PER_SHARD = 10_000;

  /** As on the command line: {@code files}, {@code tar}, {@code parquet}. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
