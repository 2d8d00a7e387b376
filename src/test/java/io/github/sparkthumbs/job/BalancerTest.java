package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkthumbs.source.Source;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BalancerTest {
  private static List<Source> sources(int files, int urls) {
    List<Source> out = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      out.add(new Source("file:/p/" + i + ".jpg", i + ".jpg", 1000 + i, 1));
    }
    for (int i = 0; i < urls; i++) {
      out.add(new Source("http://h/" + i + ".jpg", "h/" + i + ".jpg", -1, 0));
    }
    return out;
  }

  @Test
  void filesGetFourPartitionsPerCore() {
    assertEquals(8, Balancer.defaultPartitions(sources(120, 0), 2, 16));
    assertEquals(3, Balancer.defaultPartitions(sources(3, 0), 2, 16));
  }

  @Test
  void urlListsGetPartitionsHoldingFourWindowsEach() {
    assertEquals(2, Balancer.defaultPartitions(sources(0, 120), 2, 16)); // 60 each, not 15
    assertEquals(8, Balancer.defaultPartitions(sources(0, 1000), 2, 16)); // 125 each
    assertEquals(30, Balancer.defaultPartitions(sources(0, 120), 13, 1)); // K=1: 4 each
    assertEquals(50, Balancer.defaultPartitions(sources(0, 1_000_000), 2, 16)); // by size
    assertEquals(8, Balancer.defaultPartitions(sources(100, 20), 2, 16)); // mostly files
  }
}
