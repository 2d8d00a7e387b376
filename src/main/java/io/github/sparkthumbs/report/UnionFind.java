package io.github.sparkthumbs.report;

import java.util.Arrays;

/**
 * Connected components of a set of 64-bit ids in one task: union-find over their sorted indexes,
 * the root of a component always its smallest id (as a signed long), so that every way of
 * grouping the same pairs names each group alike.
 */
final class UnionFind {
  /** One id and its component's smallest id. */
  interface Each {
    void accept(long id, long root);
  }

  private final long[] ids;
  private final int[] parent;

  /** @param ids any order, repeats allowed; not kept */
  UnionFind(long[] ids, int n) {
    this.ids = sortedDistinct(ids, n);
    this.parent = new int[this.ids.length];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
  }

  /** The first {@code n} of {@code values}, sorted, each once. */
  static long[] sortedDistinct(long[] values, int n) {
    long[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (k == 0 || sorted[i] != sorted[k - 1]) {
        sorted[k++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, k);
  }

  /** Joins the components of two ids given to the constructor. */
  void union(long a, long b) {
    unionAt(indexOf(a), indexOf(b));
  }

  /** The index of an id given to the constructor. */
  int indexOf(long id) {
    return Arrays.binarySearch(ids, id);
  }

  /** As {@link #union(long, long)} by index. */
  void unionAt(int a, int b) {
    int ra = find(a);
    int rb = find(b);
    if (ra < rb) {
      parent[rb] = ra;
    } else if (rb < ra) {
      parent[ra] = rb;
    }
  }

  private int find(int i) {
    int r = i;
    while (parent[r] != r) {
      r = parent[r];
    }
    while (parent[i] != r) { // path compression: later finds are one step
      int next = parent[i];
      parent[i] = r;
      i = next;
    }
    return r;
  }

  /**
   * Every id that is not its component's root, with the root, made as they are read: a task's
   * forest can hold an edge for most of its hashes.
   */
  java.util.Iterator<scala.Tuple2<Long, Long>> joined() {
    return java.util.stream.IntStream.range(0, ids.length).filter(i -> find(i) != i)
        .mapToObj(i -> new scala.Tuple2<>(ids[i], ids[find(i)])).iterator();
  }

  /** Every id that is not its component's root, with the root. */
  void forEachJoined(Each e) {
    for (int i = 0; i < ids.length; i++) {
      int r = find(i);
      if (r != i) {
        e.accept(ids[i], ids[r]);
      }
    }
  }
}
