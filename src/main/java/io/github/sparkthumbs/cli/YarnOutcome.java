package io.github.sparkthumbs.cli;

import org.apache.spark.SparkContext;

/**
 * What a run tells YARN, which sees an application's final status, not our exit code. A run that
 * did its work ends SUCCEEDED, failed inputs included (exit 1 elsewhere): each has its manifest
 * line, the summary and the report count them, and a FAILED application would make YARN start
 * the ApplicationMaster again ({@code yarn.resourcemanager.am.max-attempts}, 2 on most clusters)
 * and run the whole job a second time for nothing. A run that could not do its work (a usage
 * error, the output in use, the manifest not written: exit 2 or 3, or an exception) ends FAILED.
 *
 * <p>Spark learns the status differently per deploy mode. In client mode the driver is the
 * user's process, which exits with our code; the ApplicationMaster reports the code the driver
 * stops its SparkContext with. In cluster mode the driver is a thread of the ApplicationMaster,
 * which reports SUCCEEDED when {@code main} returns and FAILED when it throws, and FAILED when it
 * calls {@code System.exit}, whatever the code (Spark's ApplicationMaster: "user shouldn't call
 * System.exit(0)"); spark-submit then exits 0 or 1 by the status. Outside YARN nothing changes.
 */
final class YarnOutcome {
  private YarnOutcome() {}

  /** Whether YARN is to see the run of {@code exitCode} as SUCCEEDED. */
  static boolean succeeded(int exitCode) {
    return exitCode == Main.OK || exitCode == Main.SOME_FAILED;
  }

  /**
   * Whether this JVM is a YARN ApplicationMaster running our {@code main} as the driver: it sets
   * these properties before it starts the user class.
   */
  static boolean inClusterMode() {
    return "yarn".equals(System.getProperty("spark.master"))
        && "cluster".equals(System.getProperty("spark.submit.deployMode"));
  }

  /** Stops {@code sc}, on YARN with the code its ApplicationMaster is to report. */
  static void stop(SparkContext sc, int exitCode) {
    if (sc.master().startsWith("yarn")) {
      sc.stop(succeeded(exitCode) ? 0 : Math.max(exitCode, 1));
    } else {
      sc.stop();
    }
  }

  /**
   * Ends {@code main} in cluster mode: returns for a run YARN is to see as SUCCEEDED, else throws,
   * which the ApplicationMaster reports as FAILED with this message in the diagnostics.
   */
  static void endDriver(int exitCode) {
    if (!succeeded(exitCode)) {
      throw new IllegalStateException("thumbnail exited with " + exitCode
          + " (2: usage error or output in use, 3: manifest not written); the driver's stderr"
          + " in the ApplicationMaster container's log says why");
    }
  }
}
