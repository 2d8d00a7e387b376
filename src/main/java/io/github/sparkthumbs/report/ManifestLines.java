package io.github.sparkthumbs.report;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.Status;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.source.ListFile;
import io.github.sparkthumbs.source.ListSplit;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * A manifest's lines as our own tools read them (the report, the duplicate finder, a rerun's
 * earlier records). A manifest may have been edited by hand, cut short, or written by anyone:
 * every line is untrusted, and one that cannot be used is counted and named (file and byte offset,
 * the cause), never a crash. A line is at most {@link #MAX_LINE_BYTES}; a longer one is such a
 * bad line, read past without being held.
 */
public final class ManifestLines {
  /**
   * 16 MiB: our own lines can exceed a list row's bound (a message, a final URL and kept columns
   * of up to a list row each), and a task holds one line at a time however long the file.
   */
  public static final int MAX_LINE_BYTES = 16 << 20;

  /**
   * Bytes of manifest one task reads: the report holds no line once counted, the duplicate
   * finder a few dozen bytes per image, so a split is as large as Hadoop's local block.
   */
  static final long SPLIT_BYTES = 32L << 20;

  /** What is said of a bad line at most: its cause can quote the whole line. */
  static final int MAX_WHY_CHARS = 300;

  private ManifestLines() {}

  /** The splits of {@code manifest} (a folder of parts, or one file), one task each. */
  static JavaRDD<ListSplit> splits(JavaSparkContext jsc, Path manifest) throws IOException {
    List<ListSplit> splits = ListSplit.of(manifest.toString(), jsc.hadoopConfiguration(),
        SPLIT_BYTES);
    return jsc.parallelize(splits, Math.max(1, splits.size()));
  }

  /** The Hadoop configuration the tasks open the manifest with. */
  static Broadcast<SerializableConfiguration> conf(JavaSparkContext jsc) {
    return jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
  }

  /** Reads one split's lines into {@code v}, each at most {@link #MAX_LINE_BYTES}. */
  static void read(ListSplit split, Configuration conf, ListFile.Visitor v) throws IOException {
    split.read(conf, MAX_LINE_BYTES, v);
  }

  /**
   * The result a line records, when it has what a reader needs: a source, a status, and an error
   * class when failed (the report counts failures by it).
   *
   * @throws IllegalArgumentException saying why not (at most {@link #MAX_WHY_CHARS})
   */
  public static ThumbResult usable(String line) {
    ThumbResult r;
    try {
      r = Manifest.parse(line);
    } catch (IllegalArgumentException e) {
      Throwable c = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException(shorten("not a manifest line: "
          + (c instanceof com.fasterxml.jackson.core.JsonProcessingException j
              ? j.getOriginalMessage() : c.getMessage())), e);
    }
    if (r.status() == Status.FAILED && r.failure().error() == null) {
      throw new IllegalArgumentException("a failed line without its error class: "
          + shorten(r.source()));
    }
    return r;
  }

  /** The result of {@code line}, or null when it is not {@link #usable}. */
  public static ThumbResult usableOrNull(String line) {
    try {
      return usable(line);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String shorten(String why) {
    return why.length() <= MAX_WHY_CHARS ? why
        : why.substring(0, MAX_WHY_CHARS) + "... (" + why.length() + " characters)";
  }
}
