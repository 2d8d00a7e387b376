package io.github.sparkthumbs.tools;

import io.github.sparkthumbs.sql.ThumbnailExtensions;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import net.coobird.thumbnailator.Thumbnails;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * The SQL functions against the other ways to thumbnails, on the same images and cores
 * (scripts/experiment-sql runs it). In one warm local[N] session: ours, {@code thumbnail(content,
 * BOX)} over binaryFile; what a JVM Spark user writes today, binaryFile + ImageIO + Thumbnailator
 * in a UDF; and, when spark-mllib is on the class path, Spark's {@code format("image")} (an
 * ImageIO decode in the scan) + Thumbnailator in a UDF. Outside it, as separate processes: our
 * command line over the folder, and PIL's {@code Pool(N)} (the article's code) when python3 has
 * PIL. Every method runs once per round, rounds interleaved, so that a slower phase of a shared
 * machine hits all of them; the time is the median over the rounds. The session's methods are
 * warmed up first on a sample of the images, and the in-session times exclude the session's
 * start-up, which is the point of a warm notebook; the processes' times include theirs.
 *
 * <p>Quality: each in-session method's thumbnails of the sample, and PIL's, against the JDK's
 * exact area average of the full decode at the thumbnail's size: mean PSNR over the sample.
 *
 * <p>Arguments: {@code DIR BOX RUNS CORES ROOT [SAMPLE [SLOW_RUNS]]}; ROOT is the project's folder
 * (for its scripts), SAMPLE the number of images of the warm-up and quality sample (default 100),
 * SLOW_RUNS the rounds in which the two UDF methods run (default RUNS; on large photos one round of
 * them takes minutes, and their distance from ours is far beyond the machine's noise).
 */
public final class SqlBench {
  private static final String IMAGE_SOURCE = "org.apache.spark.ml.source.image.ImageFileFormat";

  private SqlBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]).toAbsolutePath();
    int box = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    int cores = Integer.parseInt(args[3]);
    Path root = Path.of(args[4]);
    int sampleSize = args.length > 5 ? Integer.parseInt(args[5]) : 100;
    int slowRuns = args.length > 6 ? Integer.parseInt(args[6]) : runs;
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path sample = sample(dir, tmp.resolve("sample"), sampleSize);

    SparkSession spark = SparkSession.builder().master("local[" + cores + "]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.warehouse.dir", tmp.resolve("warehouse").toString())
        .getOrCreate();
    ThumbnailExtensions.install(spark);
    spark.udf().register("thumbnailator", (UDF1<byte[], byte[]>) b -> jpeg(
        ImageIO.read(new ByteArrayInputStream(b)), box), DataTypes.BinaryType);
    spark.udf().register("image_thumbnailator", (UDF1<Row, byte[]>) img -> jpeg(
        pixels(img), box), DataTypes.BinaryType);

    Map<String, String> queries = new LinkedHashMap<>(); // method -> query over a view "%s"
    queries.put("ours", "SELECT path, thumbnail(content, '" + box + "x" + box
        + "').bytes AS t FROM %s_binaryFile");
    queries.put("binaryFile+imageio+thumbnailator",
        "SELECT path, thumbnailator(content) AS t FROM %s_binaryFile");
    boolean images = onClassPath(IMAGE_SOURCE);
    if (images) {
      queries.put("image+thumbnailator", "SELECT image.origin AS path, "
          + "image_thumbnailator(image) AS t FROM %s_image WHERE image.nChannels > 0");
    } else {
      System.out.println("image+thumbnailator skipped: spark-mllib is not on the class path");
    }
    // Views, because the corpora keep their files in subfolders, which a folder's SQL name
    // (binaryFile.`DIR`) does not look into.
    for (String source : images ? List.of("binaryFile", "image") : List.of("binaryFile")) {
      spark.read().format(source).option("recursiveFileLookup", "true").load(dir.toString())
          .createOrReplaceTempView("corpus_" + source);
      spark.read().format(source).load(sample.toString())
          .createOrReplaceTempView("sample_" + source);
    }
    Map<String, Double> quality = new LinkedHashMap<>();
    for (Map.Entry<String, String> q : queries.entrySet()) { // warm-up, and the sample's quality
      quality.put(q.getKey(), meanPsnr(collect(spark, String.format(q.getValue(), "sample"))));
    }

    Map<String, List<String>> commands = new LinkedHashMap<>(); // method -> a process's command
    commands.put("command-line", List.of(root.resolve("scripts/thumbnail").toString(),
        "--master", "local[" + cores + "]", "--size", box + "x" + box,
        "--progress-interval", "0", "--overwrite", "-o", tmp.resolve("cli").toString(),
        dir.toString()));
    if (run(List.of("/usr/bin/python3", "-c", "import PIL"), tmp) == 0) {
      commands.put("pil-pool", List.of("/usr/bin/python3",
          root.resolve("scripts/pil-thumbnails.py").toString(), dir.toString(),
          tmp.resolve("pil").toString(), String.valueOf(cores), String.valueOf(box)));
    } else {
      System.out.println("pil-pool skipped: python3 has no PIL (Debian: python3-pil)");
    }

    Map<String, List<Double>> times = new LinkedHashMap<>();
    for (int i = 0; i < runs; i++) {
      for (Map.Entry<String, String> q : queries.entrySet()) {
        if (i >= slowRuns && !q.getKey().equals("ours")) {
          continue;
        }
        long start = System.nanoTime();
        long n = spark.sql("SELECT count(length(t)) FROM ("
            + String.format(q.getValue(), "corpus") + ")").first().getLong(0);
        record(times, q.getKey(), start);
        System.out.printf(Locale.ROOT, "round %d %s thumbnails=%d%n", i + 1, q.getKey(), n);
      }
      for (Map.Entry<String, List<String>> c : commands.entrySet()) {
        long start = System.nanoTime();
        int exit = run(c.getValue(), tmp);
        record(times, c.getKey(), start);
        System.out.printf(Locale.ROOT, "round %d %s exit=%d%n", i + 1, c.getKey(), exit);
      }
    }
    if (commands.containsKey("pil-pool")) {
      quality.put("pil-pool", meanPsnr(pilOutputs(sample, dir, tmp.resolve("pil"))));
    }
    spark.stop();

    double ours = median(times.get("ours"));
    for (Map.Entry<String, List<Double>> t : times.entrySet()) {
      double m = median(t.getValue());
      Double psnr = quality.get(t.getKey());
      System.out.printf(Locale.ROOT, "%s seconds=%.2f runs=%s ours-faster-by=%.2f psnr=%s%n",
          t.getKey(), m, format(t.getValue()), m / ours,
          psnr == null ? "-" : String.format(Locale.ROOT, "%.2f", psnr));
    }
  }

  /** Every k-th image of DIR copied into OUT, at most N of them (the same ones every time). */
  private static Path sample(Path dir, Path out, int n) throws IOException {
    List<Path> all;
    try (Stream<Path> s = Files.walk(dir)) {
      all = s.filter(Files::isRegularFile).sorted().toList();
    }
    Files.createDirectories(out);
    int step = Math.max(1, all.size() / n);
    for (int i = 0; i < all.size() && i / step < n; i += step) {
      Path p = all.get(i);
      Files.copy(p, out.resolve(dir.relativize(p).toString().replace(File.separatorChar, '_')));
    }
    return out;
  }

  private static boolean onClassPath(String name) {
    try {
      Class.forName(name, false, SqlBench.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static int run(List<String> command, Path tmp) throws IOException, InterruptedException {
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("process.log").toFile());
    b.environment().put("THUMBS_NO_BUILD", "1"); // built before the bench: never inside a round
    return b.start().waitFor();
  }

  private static void record(Map<String, List<Double>> times, String method, long start) {
    times.computeIfAbsent(method, k -> new ArrayList<>()).add((System.nanoTime() - start) / 1e9);
  }

  private static double median(List<Double> t) {
    double[] sorted = t.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String format(List<Double> t) {
    List<String> s = new ArrayList<>();
    for (double v : t) {
      s.add(String.format(Locale.ROOT, "%.2f", v));
    }
    return String.join("/", s);
  }

  /** path (a file: URI or path) -> thumbnail bytes, for the rows that have one. */
  private static Map<String, byte[]> collect(SparkSession spark, String sql) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (Row r : spark.sql(sql).collectAsList()) {
      if (!r.isNullAt(1)) {
        out.put(r.getString(0), r.getAs(1));
      }
    }
    return out;
  }

  /** PIL's thumbnails of the sample's images, keyed by the sample file's URI. */
  private static Map<String, byte[]> pilOutputs(Path sample, Path dir, Path pil)
      throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(pil)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Path copy = sample.resolve(pil.relativize(p).toString().replace(File.separatorChar, '_'));
        if (Files.exists(copy)) {
          out.put(copy.toUri().toString(), Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  private static byte[] jpeg(BufferedImage img, int box) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thumbnails.of(img).size(box, box).outputFormat("jpg").outputQuality(0.75f).toOutputStream(out);
    return out.toByteArray();
  }

  /** format("image")'s row (origin, height, width, nChannels, mode, data: BGR(A) bytes). */
  private static BufferedImage pixels(Row img) {
    int h = img.getInt(1);
    int w = img.getInt(2);
    int channels = img.getInt(3);
    byte[] data = img.getAs(5);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] rgb = new int[w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = (y * w + x) * channels;
        rgb[x] = channels == 1 ? (data[i] & 0xFF) * 0x010101
            : (data[i + 2] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8 | (data[i] & 0xFF);
      }
      out.setRGB(0, y, w, 1, rgb, 0, w);
    }
    return out;
  }

  private static double meanPsnr(Map<String, byte[]> thumbs) throws IOException {
    double sum = 0;
    int n = 0;
    for (Map.Entry<String, byte[]> e : thumbs.entrySet()) {
      BufferedImage t = ImageIO.read(new ByteArrayInputStream(e.getValue()));
      // binaryFile's "file:/x", format("image")'s "file:///x" and a plain path alike
      BufferedImage full = ImageIO.read(
          new File(new org.apache.hadoop.fs.Path(e.getKey()).toUri().getPath()));
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
