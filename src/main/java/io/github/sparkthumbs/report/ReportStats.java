package io.github.sparkthumbs.report;

import io.github.sparkthumbs.result.ThumbResult;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the report shows, reduced on the executors from the manifest's lines: counts, and bounded
 * samples (a reproducible sample of thumbnails, a few examples per error class, the slowest
 * inputs). Its size depends on the constants here and the number of error classes, never on the
 * number of lines.
 */
final class ReportStats implements Serializable {
  /** Thumbnails on the contact sheet: a page that opens in a second, enough to spot a pattern. */
  static final int SAMPLE = 300;
  static final int EXAMPLES_PER_ERROR = 3;
  static final int SLOWEST = 10;

  /** One input as the report shows it. */
  record Entry(long rank, String source, String status, String error, String message,
      String thumbnail, String full, int width, int height, long bytes, long millis)
      implements Serializable {
    static Entry of(ThumbResult r, long rank) {
      var outs = r.written().outputs();
      return new Entry(rank, r.source(), r.status().label(),
          r.failure().error() == null ? null : r.failure().error().label(), r.failure().message(),
          outs.isEmpty() ? null : outs.get(0), outs.isEmpty() ? null : outs.get(outs.size() - 1),
          r.image().width(), r.image().height(), r.input().bytes(), r.timing().millis());
    }
  }

  /** A line that cannot be used: where it is and why. */
  record BadLine(String where, String why) implements Serializable {}

  long lines;
  long ok;
  long failed;
  long skipped;
  long withWarnings;
  long unreadable;
  long sourceBytes;
  long withFinished;
  /** Ok thumbnails named inside a shard: not on the contact sheet, which links files. */
  long inShards;
  /** Earliest start (finished - millis) and latest finish, epoch ms, of lines after the cut. */
  long firstStart = Long.MAX_VALUE;
  long lastFinished = Long.MIN_VALUE;
  final Map<String, Long> errors = new TreeMap<>();
  final Map<String, Long> skipReasons = new TreeMap<>();
  final Map<String, Bounded<Entry>> examples = new TreeMap<>();
  final Bounded<Entry> sample = new Bounded<>(SAMPLE, ReportStats::byRank);
  final Bounded<Entry> slowest = new Bounded<>(SLOWEST, ReportStats::slowestFirst);
  final Bounded<BadLine> unreadableExamples = new Bounded<>(EXAMPLES_PER_ERROR,
      (a, b) -> a.where().compareTo(b.where()));
  /** Ok images by the time they finished. */
  final TimeHistogram okFinished = new TimeHistogram();

  /** Reproducible order: a hash of the source, so the same run always shows the same sample. */
  static long rank(String source) {
    long h = 1125899906842597L;
    for (int i = 0; i < source.length(); i++) {
      h = 31 * h + source.charAt(i);
    }
    // splitmix64's finaliser: neighbouring names land far apart
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  private static int byRank(Entry a, Entry b) {
    int c = Long.compare(a.rank(), b.rank());
    return c != 0 ? c : a.source().compareTo(b.source());
  }

  private static int slowestFirst(Entry a, Entry b) {
    int c = Long.compare(b.millis(), a.millis());
    return c != 0 ? c : byRank(a, b);
  }

  /**
   * @param since lines that finished before this (epoch ms; earlier runs' lines a rerun kept)
   *     stay out of the time axis
   */
  ReportStats add(ThumbResult r, long since) {
    lines++;
    sourceBytes += Math.max(0, r.input().bytes());
    Entry e = null;
    switch (r.status()) {
      case OK -> {
        ok++;
        if (!r.written().outputs().isEmpty() && r.written().outputs().get(0).contains(":/")) {
          e = Entry.of(r, rank(r.source()));
          sample.add(e);
        } else if (!r.written().outputs().isEmpty()) {
          // a name inside a tar or Parquet shard (--layout tar|parquet), not a file to link to
          inShards++;
        }
      }
      case FAILED -> {
        failed++;
        String c = r.failure().error().label();
        errors.merge(c, 1L, Long::sum);
        e = Entry.of(r, rank(r.source()));
        examples.computeIfAbsent(c, k -> new Bounded<>(EXAMPLES_PER_ERROR, ReportStats::byRank))
            .add(e);
      }
      case SKIPPED -> {
        skipped++;
        skipReasons.merge(r.failure().reason() == null ? "?" : r.failure().reason().label(), 1L,
            Long::sum);
      }
    }
    if (r.image().warnings() != null) {
      withWarnings++;
    }
    slowest.add(e != null ? e : Entry.of(r, rank(r.source())));
    if (r.timing().finished() != null && r.timing().finished() >= since) {
      withFinished++;
      firstStart = Math.min(firstStart, r.timing().finished() - r.timing().millis());
      lastFinished = Math.max(lastFinished, r.timing().finished());
      if (r.isOk()) {
        okFinished.add(r.timing().finished());
      }
    }
    return this;
  }

  /**
   * A line that is not a usable manifest line (edited by hand, cut short, over the length bound):
   * counted, and a few shown with where they are and why.
   */
  ReportStats addUnreadable(String where, String why) {
    lines++;
    unreadable++;
    unreadableExamples.add(new BadLine(where, ManifestLines.shorten(why)));
    return this;
  }

  ReportStats merge(ReportStats o) {
    lines += o.lines;
    ok += o.ok;
    failed += o.failed;
    skipped += o.skipped;
    withWarnings += o.withWarnings;
    unreadable += o.unreadable;
    sourceBytes += o.sourceBytes;
    withFinished += o.withFinished;
    inShards += o.inShards;
    firstStart = Math.min(firstStart, o.firstStart);
    lastFinished = Math.max(lastFinished, o.lastFinished);
    o.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
    o.skipReasons.forEach((k, v) -> skipReasons.merge(k, v, Long::sum));
    o.examples.forEach((k, v) -> examples.merge(k, v, Bounded::merge));
    sample.merge(o.sample);
    slowest.merge(o.slowest);
    unreadableExamples.merge(o.unreadableExamples);
    okFinished.merge(o.okFinished);
    return this;
  }

  boolean hasTimes() {
    return withFinished > 0 && lastFinished > firstStart;
  }

  /**
   * A manifest line as text: parsed, or counted as unreadable; blank lines are no lines.
   *
   * @param where the line's place, for the report to say which line is not readable
   */
  ReportStats addLine(String line, String where, long since) {
    if (line.isBlank()) {
      return this;
    }
    ThumbResult r;
    try {
      r = ManifestLines.usable(line);
    } catch (IllegalArgumentException e) {
      return addUnreadable(where, e.getMessage());
    }
    return add(r, since);
  }
}
