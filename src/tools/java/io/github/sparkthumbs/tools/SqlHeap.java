package io.github.sparkthumbs.tools;

import io.github.sparkthumbs.sql.ThumbnailExtensions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One run of {@code thumbnail(content, BOX)} over a folder through binaryFile in a local[N]
 * session, for finding the smallest heap that carries it (scripts/experiment-sql-heap runs it
 * under several -Xmx). Makes N synthetic photos of W x H first when the folder is empty. Prints
 * {@code ok ROWS FAILED SECONDS}; an OutOfMemoryError ends the JVM with Spark's exit code.
 *
 * <p>Arguments: {@code DIR W H N BOX DECODER CORES}.
 */
public final class SqlHeap {
  private SqlHeap() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    int w = Integer.parseInt(args[1]);
    int h = Integer.parseInt(args[2]);
    int n = Integer.parseInt(args[3]);
    try (var files = Files.list(dir)) {
      if (files.findAny().isEmpty()) {
        for (int i = 0; i < n; i++) {
          Files.write(dir.resolve("p" + i + ".jpg"),
              PhotoSynth.jpeg(PhotoSynth.render(w, h, i), 0.9f, false));
        }
        System.out.println("made " + n + " photos");
        return;
      }
    }
    SparkSession spark = SparkSession.builder().master("local[" + args[6] + "]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/warehouse")
        .getOrCreate();
    ThumbnailExtensions.install(spark);
    long start = System.nanoTime();
    Row r = spark.sql("SELECT count(*), count(t.error) FROM (SELECT thumbnail(content, '"
        + args[4] + "', map('decoder', '" + args[5] + "')) AS t FROM binaryFile.`"
        + dir.toUri() + "`)").first();
    System.out.printf("ok %d %d %.1f%n", r.getLong(0), r.getLong(1),
        (System.nanoTime() - start) / 1e9);
    spark.stop();
  }
}
