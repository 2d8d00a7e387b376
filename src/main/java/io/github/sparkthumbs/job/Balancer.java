package io.github.sparkthumbs.job;

import io.github.sparkthumbs.source.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Splits sources into partitions of about equal cost, not equal count: decode time grows with
 * size, so a partition that drew the 50 MP panoramas would keep one core busy long after the
 * others finished. Greedy longest-processing-time: biggest sources first, each to the partition
 * with the least cost so far; partitions come out biggest first, so they are also scheduled first.
 */
public final class Balancer {
  /** Assumed cost of a URL (size unknown before fetching): a typical 2-3 MP JPEG. */
  static final long UNKNOWN_COST = 1_000_000;

  /** A fixed cost per input (open, header, encode, write) so that tiny files are not free. */
  static final long PER_INPUT_COST = 64 * 1024;

  /** Partitions per core when the user does not say: small waves keep all cores busy to the end. */
  public static final int PARTITIONS_PER_CORE = 4;

  private Balancer() {}

  /** Partitions chosen when the user did not say: several per core, bounded by the input count. */
  public static int defaultPartitions(int inputs, int parallelism) {
    int bySize = (int) Math.ceil(inputs / 20_000.0); // keep task results and retries small
    return Math.max(1, Math.min(inputs, Math.max(parallelism * PARTITIONS_PER_CORE, bySize)));
  }

  /**
   * As {@link #defaultPartitions(int, int)}, but a list of mostly URLs gets fewer, fuller
   * partitions: a task keeps {@code fetchConcurrency} requests in flight only while it has URLs
   * left, so a partition of a few URLs ends waiting for its slowest one. Each gets at least four
   * windows' worth (measured while building the I/O experiment, docs/io-experiment.md: 8
   * partitions of 15 URLs took 1.6 s, 2 of 60 took 1.0 s), but never fewer partitions than cores.
   */
  public static int defaultPartitions(List<Source> sources, int parallelism,
      int fetchConcurrency) {
    int n = defaultPartitions(sources.size(), parallelism);
    long urls = sources.stream().filter(Source::isUrl).count();
    if (urls > 0 && urls * 2 >= sources.size()) {
      int full = (int) Math.ceil(urls / (4.0 * fetchConcurrency));
      n = Math.min(n, Math.max(parallelism, full));
    }
    return Math.max(1, n);
  }

  public static List<List<Source>> split(List<Source> sources, int partitions) {
    int n = Math.max(1, Math.min(partitions, Math.max(1, sources.size())));
    List<Source> sorted = new ArrayList<>(sources);
    sorted.sort(Comparator.comparingLong(Balancer::cost).reversed()
        .thenComparing(Source::uri));
    List<List<Source>> buckets = new ArrayList<>(n);
    long[] load = new long[n];
    PriorityQueue<Integer> lightest = new PriorityQueue<>(
        Comparator.<Integer>comparingLong(i -> load[i]).thenComparingInt(i -> i));
    for (int i = 0; i < n; i++) {
      buckets.add(new ArrayList<>());
      lightest.add(i);
    }
    for (Source s : sorted) {
      int i = lightest.poll();
      buckets.get(i).add(s);
      load[i] += cost(s);
      lightest.add(i);
    }
    return buckets;
  }

  static long cost(Source s) {
    return PER_INPUT_COST + (s.bytes() < 0 ? UNKNOWN_COST : s.bytes());
  }
}
