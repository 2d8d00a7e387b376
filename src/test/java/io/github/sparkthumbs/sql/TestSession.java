package io.github.sparkthumbs.sql;

import io.github.sparkthumbs.testing.SparkTestSupport;
import org.apache.spark.sql.SparkSession;

/** The SQL tests' session, on the shared local[2] context, with the functions installed. */
final class TestSession {
  private TestSession() {}

  static SparkSession withFunctions() {
    // the warehouse folder (made even when unused) under target/, not in the working tree
    SparkSession spark = SparkSession.builder().config(SparkTestSupport.context().getConf())
        .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/warehouse")
        .getOrCreate();
    ThumbnailExtensions.install(spark);
    return spark;
  }
}
