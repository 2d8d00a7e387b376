package io.github.sparkthumbs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The exit codes YARN is to see as SUCCEEDED or FAILED (YarnIT runs them on a real YARN). */
class YarnOutcomeTest {
  @Test
  void aRunThatDidItsWorkSucceedsFailedInputsIncluded() {
    assertTrue(YarnOutcome.succeeded(Main.OK));
    assertTrue(YarnOutcome.succeeded(Main.SOME_FAILED));
    YarnOutcome.endDriver(Main.OK);
    YarnOutcome.endDriver(Main.SOME_FAILED);
  }

  @Test
  void aRunThatCouldNotDoItsWorkFails() {
    for (int code : new int[] {Main.USAGE, Main.NO_MANIFEST, -1}) {
      assertFalse(YarnOutcome.succeeded(code), "exit " + code);
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> YarnOutcome.endDriver(code));
      assertTrue(e.getMessage().startsWith("thumbnail exited with " + code + " "), e.getMessage());
    }
  }

  @Test
  void clusterModeIsTheApplicationMastersProperties() {
    String master = System.getProperty("spark.master");
    String mode = System.getProperty("spark.submit.deployMode");
    try {
      System.setProperty("spark.master", "yarn");
      System.setProperty("spark.submit.deployMode", "client");
      assertFalse(YarnOutcome.inClusterMode());
      System.setProperty("spark.submit.deployMode", "cluster");
      assertTrue(YarnOutcome.inClusterMode());
      System.setProperty("spark.master", "spark://127.0.0.1:7077");
      assertFalse(YarnOutcome.inClusterMode());
    } finally {
      restore("spark.master", master);
      restore("spark.submit.deployMode", mode);
    }
    assertEquals(master, System.getProperty("spark.master"));
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
