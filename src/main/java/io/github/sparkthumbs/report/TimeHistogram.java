package io.github.sparkthumbs.report;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts over time in one pass, in bounded memory: buckets aligned to the epoch, 100 ms wide to
 * start with, twice as wide whenever there would be more than {@link #MAX_BUCKETS} (a week-long
 * run ends with buckets of a few minutes). Partial histograms of any widths merge, as every width
 * is 100 ms times a power of two.
 */
final class TimeHistogram implements Serializable {
  static final int MAX_BUCKETS = 1024;
  private static final long FIRST_WIDTH = 100;

  long width = FIRST_WIDTH;
  final TreeMap<Long, Long> counts = new TreeMap<>();

  void add(long epochMillis) {
    counts.merge(Math.floorDiv(epochMillis, width), 1L, Long::sum);
    while (counts.size() > MAX_BUCKETS) {
      coarsen();
    }
  }

  TimeHistogram merge(TimeHistogram o) {
    while (width < o.width) {
      coarsen();
    }
    long factor = width / o.width;
    for (Map.Entry<Long, Long> e : o.counts.entrySet()) {
      counts.merge(Math.floorDiv(e.getKey(), factor), e.getValue(), Long::sum);
    }
    while (counts.size() > MAX_BUCKETS) {
      coarsen();
    }
    return this;
  }

  /** Doubles the width until the buckets from the first to the last are at most {@code n}. */
  void fitTo(int n) {
    while (!counts.isEmpty() && counts.lastKey() - counts.firstKey() + 1 > n) {
      coarsen();
    }
  }

  private void coarsen() {
    TreeMap<Long, Long> wider = new TreeMap<>();
    counts.forEach((k, v) -> wider.merge(Math.floorDiv(k, 2), v, Long::sum));
    counts.clear();
    counts.putAll(wider);
    width *= 2;
  }
}
