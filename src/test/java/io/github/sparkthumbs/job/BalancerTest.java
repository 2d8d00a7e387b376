package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BalancerTest {
  @Test
  void filesGetFourPartitionsPerCore() {
    assertEquals(8, Balancer.defaultPartitions(120, 0, 2, 16));
    assertEquals(3, Balancer.defaultPartitions(3, 0, 2, 16));
    assertEquals(1, Balancer.defaultPartitions(0, 0, 2, 16));
  }

  @Test
  void largeRunsGetAtMostTwentyThousandInputsPerPartition() {
    assertEquals(50, Balancer.defaultPartitions(1_000_000, 0, 2, 16));
    assertEquals(50, Balancer.defaultPartitions(999_999, 0, 2, 16));
    assertEquals(51, Balancer.defaultPartitions(1_000_001, 0, 2, 16));
    assertEquals(5_000, Balancer.defaultPartitions(100_000_000L, 0, 100, 16));
  }

  @Test
  void urlListsGetPartitionsHoldingFourWindowsEach() {
    assertEquals(2, Balancer.defaultPartitions(120, 120, 2, 16)); // 60 each, not 15
    assertEquals(8, Balancer.defaultPartitions(1000, 1000, 2, 16)); // 125 each
    assertEquals(30, Balancer.defaultPartitions(120, 120, 13, 1)); // K=1: 4 each
    assertEquals(50, Balancer.defaultPartitions(1_000_000, 1_000_000, 2, 16)); // by size
    assertEquals(8, Balancer.defaultPartitions(120, 20, 2, 16)); // mostly files
  }
}
