package io.github.sparkthumbs.job;

import io.github.sparkthumbs.result.ThumbResult;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of one run, reduced on the executors from the results themselves (never from
 * accumulators, which Spark may apply twice when a task is retried).
 */
public final class Summary implements java.io.Serializable {
  private long ok;
  private long failed;
  private long skipped;
  private long withWarnings;
  /** Earlier runs' lines kept for inputs not named this time: written, never counted. */
  private long carried;
  private final Map<String, Long> errors = new TreeMap<>();
  private final Map<String, Long> skipReasons = new TreeMap<>();

  public void add(ThumbResult r) {
    switch (r.status()) {
      case OK -> ok++;
      case FAILED -> {
        failed++;
        errors.merge(r.failure().error().label(), 1L, Long::sum);
      }
      case SKIPPED -> {
        skipped++;
        skipReasons.merge(r.failure().reason().label(), 1L, Long::sum);
      }
    }
    if (r.image().warnings() != null) {
      withWarnings++;
    }
  }

  /** One earlier line carried over; not part of {@link #total()}. */
  public void addCarried() {
    carried++;
  }

  public long carried() {
    return carried;
  }

  /** Adds {@code other}'s counts to these (the reduce step). */
  public Summary merge(Summary other) {
    ok += other.ok;
    failed += other.failed;
    skipped += other.skipped;
    withWarnings += other.withWarnings;
    carried += other.carried;
    other.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
    other.skipReasons.forEach((k, v) -> skipReasons.merge(k, v, Long::sum));
    return this;
  }

  public long ok() {
    return ok;
  }

  public long failed() {
    return failed;
  }

  public long skipped() {
    return skipped;
  }

  public long total() {
    return ok + failed + skipped;
  }

  public Map<String, Long> errors() {
    return errors;
  }

  /** 0 when nothing failed, 1 otherwise. */
  public int exitCode() {
    return failed > 0 ? 1 : 0;
  }

  /** The final line: counts per status, wall seconds, thumbnailed images per second. */
  public String line(double wallSeconds) {
    return String.format(Locale.ROOT,
        "done: %d inputs: ok=%d failed=%d skipped=%d warnings=%d%s%s in %.1f s (%.1f images/s)",
        total(), ok, failed, skipped, withWarnings,
        errors.isEmpty() ? "" : " errors=" + errors,
        skipReasons.isEmpty() ? "" : " skipped=" + skipReasons,
        wallSeconds, wallSeconds > 0 ? ok / wallSeconds : 0.0);
  }
}
