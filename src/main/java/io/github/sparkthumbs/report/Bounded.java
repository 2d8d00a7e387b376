package io.github.sparkthumbs.report;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code k} smallest elements seen, by a total order: the report's samples, merged across
 * partitions without ever holding more than {@code k} (what reaches the driver is bounded, however
 * long the manifest).
 */
final class Bounded<T extends Serializable> implements Serializable {
  private final int k;
  private final SerializableComparator<T> order;
  private final TreeSet<T> kept;

  interface SerializableComparator<T> extends Comparator<T>, Serializable {}

  Bounded(int k, SerializableComparator<T> order) {
    this.k = k;
    this.order = order;
    this.kept = new TreeSet<>(order);
  }

  void add(T t) {
    if (kept.size() < k) {
      kept.add(t);
    } else if (order.compare(t, kept.last()) < 0) {
      kept.add(t);
      if (kept.size() > k) {
        kept.pollLast();
      }
    }
  }

  Bounded<T> merge(Bounded<T> other) {
    other.kept.forEach(this::add);
    return this;
  }

  /** In order, smallest first. */
  List<T> items() {
    return new ArrayList<>(kept);
  }
}
