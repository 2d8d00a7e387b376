package io.github.sparkthumbs.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark Connect client program, run by {@link SparkConnectIT} in a JVM of its own with the
 * Spark Connect JVM client on its class path (which cannot share one with spark-sql). Written
 * against Spark's SQL API only, as a user's client code is. It prints one line per row and writes
 * each thumbnail to {@code OUT/NAME.thumb} for the test to decode.
 *
 * <p>Arguments: {@code sc://HOST:PORT INPUT_DIR OUT_DIR}.
 */
public final class ConnectClient {
  private ConnectClient() {}

  public static void main(String[] args) throws Exception {
    Path out = Files.createDirectories(Path.of(args[2]));
    String table = "binaryFile.`" + Path.of(args[1]).toUri() + "`";
    // Not closed: releasing the session makes the server load Spark ML's classes, which
    // scripts/spark-connect-server does not ship; the JVM's exit ends the session all the same.
    SparkSession spark = SparkSession.builder().remote(args[0]).getOrCreate();
    {
      for (Row r : spark.sql("SELECT path, thumbnail(content, '64x64') AS t FROM " + table)
          .collectAsList()) {
        String path = r.getString(0);
        String name = path.substring(path.lastIndexOf('/') + 1);
        Row t = r.getStruct(1);
        byte[] bytes = t.getAs("bytes");
        if (bytes != null) {
          Files.write(out.resolve(name + ".thumb"), bytes);
        }
        System.out.println("ROW " + name + " " + t.getAs("width") + "x" + t.getAs("height")
            + " " + t.getAs("format") + " " + t.getAs("error"));
      }
      try {
        spark.sql("SELECT thumbnail(content, '64by64') FROM " + table).collectAsList();
        System.out.println("ANALYSIS none");
      } catch (Exception e) {
        System.out.println("ANALYSIS " + String.valueOf(e.getMessage()).replace('\n', ' '));
      }
    }
  }
}
