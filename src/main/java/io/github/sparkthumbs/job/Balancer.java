package io.github.sparkthumbs.job;

/**
 * How many partitions a run gets. Inputs are spread over them by a hash of their output name (no
 * sort of all inputs on the driver); with several partitions per core, a partition that drew the
 * big images is balanced by the others, as Spark hands the next partition to whichever core is
 * free.
 */
public final class Balancer {
  /** Partitions per core when the user does not say: small waves keep all cores busy to the end. */
  public static final int PARTITIONS_PER_CORE = 4;

  /** At most this many inputs per partition: task results and retries stay small. */
  static final int MAX_INPUTS_PER_PARTITION = 20_000;

  private Balancer() {}

  /** Partitions chosen when the user did not say: several per core, bounded by the input count. */
  public static int defaultPartitions(long inputs, int parallelism) {
    long bySize = (inputs + MAX_INPUTS_PER_PARTITION - 1) / MAX_INPUTS_PER_PARTITION;
    long n = Math.min(inputs, Math.max((long) parallelism * PARTITIONS_PER_CORE, bySize));
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, n));
  }

  /**
   * As {@link #defaultPartitions(long, int)}, but a list of mostly URLs gets fewer, fuller
   * partitions: a task keeps {@code fetchConcurrency} requests in flight only while it has URLs
   * left, so a partition of a few URLs ends waiting for its slowest one. Each gets at least four
   * windows' worth (measured while building the I/O experiment, docs/io-experiment.md: 8
   * partitions of 15 URLs took 1.6 s, 2 of 60 took 1.0 s), but never fewer partitions than cores.
   */
  public static int defaultPartitions(long inputs, long urls, int parallelism,
      int fetchConcurrency) {
    int n = defaultPartitions(inputs, parallelism);
    if (urls > 0 && urls * 2 >= inputs) {
      long full = (long) Math.ceil(urls / (4.0 * fetchConcurrency));
      n = (int) Math.min(n, Math.max(parallelism, full));
    }
    return Math.max(1, n);
  }
}
