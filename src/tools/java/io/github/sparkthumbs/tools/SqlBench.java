package io.github.sparkthumbs.tools;

import io.github.sparkthumbs.sql.ThumbnailExtensions;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import net.coobird.thumbnailator.Thumbnails;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * One warm local[N] session, the same images, two ways to thumbnails in Spark SQL
 * (scripts/experiment-sql runs it): ours, {@code thumbnail(content, BOX)} over binaryFile, and
 * what a JVM user writes today, binaryFile + ImageIO + Thumbnailator in a UDF. Spark's
 * {@code format("image")} is the other common start, but it lives in spark-mllib, which is on no
 * class path of this project.
 *
 * Each runs RUNS times after one warm-up; the time is the median. Quality: each thumbnail's PSNR
 * against the JDK's exact area average of the full decode at the thumbnail's size, averaged over
 * the images. Prints one line per method.
 *
 * <p>Arguments: {@code DIR BOX RUNS CORES}.
 */
public final class SqlBench {
  private SqlBench() {}

  public static void main(String[] args) throws Exception {
    String dir = Path.of(args[0]).toUri().toString();
    int box = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    SparkSession spark = SparkSession.builder().master("local[" + args[3] + "]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/warehouse")
        .getOrCreate();
    ThumbnailExtensions.install(spark);
    spark.udf().register("thumbnailator", (UDF1<byte[], byte[]>) b -> jpeg(
        ImageIO.read(new ByteArrayInputStream(b)), box), DataTypes.BinaryType);
    String bin = "binaryFile.`" + dir + "`";
    Map<String, String> queries = Map.of(
        "ours", "SELECT path, thumbnail(content, '" + box + "x" + box + "').bytes AS t FROM "
            + bin,
        "imageio+thumbnailator", "SELECT path, thumbnailator(content) AS t FROM " + bin);
    List<String> methods = List.of("ours", "imageio+thumbnailator");
    Map<String, Map<String, byte[]>> outputs = new HashMap<>();
    for (String m : methods) {
      outputs.put(m, collect(spark, queries.get(m))); // warm-up, and the outputs for quality
    }
    Map<String, double[]> times = new HashMap<>();
    for (int i = 0; i < runs; i++) {
      for (String m : methods) { // interleaved, so that a slower phase of the machine hits both
        long start = System.nanoTime();
        spark.sql("SELECT count(length(t)) FROM (" + queries.get(m) + ")").first();
        times.computeIfAbsent(m, k -> new double[runs])[i] = (System.nanoTime() - start) / 1e9;
      }
    }
    double ours = median(times.get("ours"));
    for (String m : methods) {
      double t = median(times.get(m));
      System.out.printf(Locale.ROOT, "%s images=%d seconds=%.2f vs-ours=%.2f psnr=%.1f%n", m,
          outputs.get(m).size(), t, t / ours, meanPsnr(outputs.get(m)));
    }
    spark.stop();
  }

  private static double median(double[] t) {
    double[] sorted = t.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static Map<String, byte[]> collect(SparkSession spark, String sql) {
    Map<String, byte[]> out = new HashMap<>();
    for (Row r : spark.sql(sql).collectAsList()) {
      if (!r.isNullAt(1)) {
        out.put(r.getString(0), r.getAs(1));
      }
    }
    return out;
  }

  private static byte[] jpeg(BufferedImage img, int box) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thumbnails.of(img).size(box, box).outputFormat("jpg").outputQuality(0.75f).toOutputStream(out);
    return out.toByteArray();
  }

  private static double meanPsnr(Map<String, byte[]> thumbs) throws IOException {
    double sum = 0;
    int n = 0;
    for (Map.Entry<String, byte[]> e : thumbs.entrySet()) {
      BufferedImage t = ImageIO.read(new ByteArrayInputStream(e.getValue()));
      BufferedImage full = ImageIO.read(new java.net.URL(e.getKey()));
      if (t == null || full == null) {
        continue;
      }
      BufferedImage ref = new BufferedImage(t.getWidth(), t.getHeight(),
          BufferedImage.TYPE_INT_RGB);
      ref.getGraphics().drawImage(full.getScaledInstance(t.getWidth(), t.getHeight(),
          Image.SCALE_AREA_AVERAGING), 0, 0, null);
      sum += EmbeddedThumbnailBench.psnr(ref, t);
      n++;
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
