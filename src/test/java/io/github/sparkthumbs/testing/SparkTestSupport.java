package io.github.sparkthumbs.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * One local[2] SparkContext per test JVM: the first takes seconds to start, and Spark allows only
 * one active context per JVM anyway. Stopped by a shutdown hook.
 */
public final class SparkTestSupport {
  private static SparkContext sc;

  private SparkTestSupport() {}

  public static synchronized SparkContext context() {
    if (sc == null || sc.isStopped()) {
      SparkConf conf = new SparkConf()
          .setAppName("spark-thumbnailer-tests")
          .setMaster("local[2]")
          .set("spark.ui.enabled", "false")
          .set("spark.ui.showConsoleProgress", "false")
          .set("spark.driver.host", "127.0.0.1")
          // running tasks' accumulators reach the driver with each heartbeat: ProgressTest
          // watches a task's inputs counted before it ends (Spark's default is 10 s)
          .set("spark.executor.heartbeatInterval", "1s");
      sc = SparkContext.getOrCreate(conf);
      SparkContext started = sc;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
    }
    return sc;
  }
}
