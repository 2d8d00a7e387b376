package io.github.sparkthumbs.report;

import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code scripts/report OUTPUT}: builds {@code OUTPUT/report.html} again from the manifest of a
 * past run (a folder of parts, or an earlier version's {@code manifest.jsonl}). Exit 0, or 2
 * when there is no manifest. The master is spark-submit's, else {@code local[*]}.
 */
public final class ReportMain {
  private ReportMain() {}

  public static void main(String[] args) {
    if (args.length != 1 || args[0].startsWith("-")) {
      System.err.println("usage: report OUTPUT   (rebuilds OUTPUT/report.html from its manifest)");
      System.exit(2);
    }
    SparkConf conf = new SparkConf().setAppName("spark-thumbnailer report")
        .setIfMissing("spark.master", "local[*]")
        .setIfMissing("spark.ui.showConsoleProgress", "false");
    SparkContext sc = SparkContext.getOrCreate(conf);
    int code = 0;
    try {
      long t0 = System.nanoTime();
      Path out = RunReport.write(JavaSparkContext.fromSparkContext(sc), new Path(args[0]), 0);
      System.out.printf("report: %s in %.1f s%n", out, (System.nanoTime() - t0) / 1e9);
    } catch (java.io.FileNotFoundException e) {
      System.err.println("report: " + e.getMessage());
      code = 2;
    } catch (IOException e) {
      System.err.println("report: " + e);
      code = 1;
    } finally {
      sc.stop();
    }
    System.exit(code);
  }
}
