package io.github.sparkthumbs.report;

import java.util.Arrays;

/** A growable array of longs: a task's edges without a boxed object each. */
final class LongList {
  long[] values = new long[16];
  int size;

  void add(long v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }
}
