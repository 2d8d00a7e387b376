package io.github.sparkthumbs.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Hash;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.ExifImages;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.JobRun;
import io.github.sparkthumbs.testing.SparkTestSupport;
import java.awt.image.BufferedImage;
import java.io.RandomAccessFile;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL functions on the shared local[2] Spark, over binaryFile DataFrames of generated images:
 * pixels, sizes, error rows, analysis-time checks, and the job's pixels and hash for the same
 * input and settings.
 */
class SqlFunctionsTest {
  @TempDir static Path dir;
  static SparkSession spark;

  @BeforeAll
  static void install() {
    spark = TestSession.withFunctions();
  }

  /** Rows of {@code sql} by the file name of their path column. */
  static Map<String, Row> byName(String sql) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : spark.sql(sql).collectAsList()) {
      String path = r.getString(0);
      out.put(path.substring(path.lastIndexOf('/') + 1), r);
    }
    return out;
  }

  static String table(Path folder) {
    return "binaryFile.`" + folder.toUri() + "`";
  }

  @Test
  void thumbnailsOfImagesAndErrorRowsOfTheRest() throws Exception {
    Path in = dir.resolve("mixed");
    Images.write(in.resolve("wide.png"), Images.encode(Images.quadrants(400, 200), "png"));
    Images.write(in.resolve("wide.jpg"), Images.encode(Images.quadrants(400, 200), "jpeg"));
    Images.write(in.resolve("photo.jpg"), Images.jpeg(1200, 900, 7));
    Images.write(in.resolve("notes.txt"), "a text file among photos".getBytes());
    byte[] jpeg = Images.jpeg(640, 480, 3);
    Images.write(in.resolve("cut.jpg"), Arrays.copyOf(jpeg, 300));

    Map<String, Row> rows = byName("SELECT path, thumbnail(content, '64x64') AS t FROM "
        + table(in));
    assertEquals(5, rows.size(), rows.keySet().toString());
    for (String name : List.of("wide.png", "wide.jpg")) {
      Row t = rows.get(name).getStruct(1);
      assertNull(t.getAs("error"), name);
      BufferedImage img = Images.read((byte[]) t.getAs("bytes"));
      assertEquals(64, img.getWidth(), name);
      assertEquals(32, img.getHeight(), name);
      assertEquals(64, (int) t.getAs("width"), name);
      assertEquals(32, (int) t.getAs("height"), name);
      assertEquals(400, (int) t.getAs("source_width"), name);
      assertEquals(200, (int) t.getAs("source_height"), name);
      assertEquals(name.endsWith("png") ? "png" : "jpeg", t.getAs("format"), name);
      Images.assertQuadrants(img, 40);
    }
    Row photo = rows.get("photo.jpg").getStruct(1);
    assertEquals(List.of(64, 48), List.of(photo.<Integer>getAs("width"),
        photo.<Integer>getAs("height")));
    // binaryFile lists no empty file; an empty value is an error row too
    assertError(spark.sql("SELECT thumbnail(X'', '64x64')").first().getStruct(0), "empty",
        "empty (0 bytes)");
    assertError(rows.get("notes.txt").getStruct(1), "unsupported", "text starting");
    assertError(rows.get("cut.jpg").getStruct(1), "corrupt", "jpeg");
  }

  static void assertError(Row t, String error, String inMessage) {
    assertEquals(error, t.getAs("error"), String.valueOf(t));
    assertNull(t.getAs("bytes"), String.valueOf(t));
    assertTrue(((String) t.getAs("message")).contains(inMessage), String.valueOf(t));
  }

  @Test
  void optionsTakeTheCommandLinesNames() throws Exception {
    Path in = dir.resolve("options");
    Images.write(in.resolve("wide.jpg"), Images.encode(Images.quadrants(400, 200), "jpeg"));
    Row t = spark.sql("SELECT thumbnail(content, '64x64', map('mode', 'crop', 'format', 'png',"
        + " 'quality', '90')) AS t FROM " + table(in)).first().getStruct(0);
    byte[] png = t.getAs("bytes");
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    BufferedImage img = Images.read(png);
    assertEquals(List.of(64, 64), List.of(img.getWidth(), img.getHeight()));
    // crop keeps the middle: red and green at the top, blue and yellow below
    Images.assertQuadrants(img, 40);

    Row small = spark.sql("SELECT thumbnail(content, '64x64', map('max_bytes', '1000')) AS t"
        + " FROM " + table(in)).first().getStruct(0);
    assertError(small, "too-large", "over max-bytes 1000");
  }

  @Test
  void anImageOverItsTimeBudgetIsATimeoutRow() throws Exception {
    Path in = dir.resolve("slow");
    Images.write(in.resolve("big.png"), Images.png(3000, 2000, 5));
    Row t = spark.sql("SELECT thumbnail(content, '64x64', map('time-budget', '1', 'decoder',"
        + " 'java')) AS t FROM " + table(in)).first().getStruct(0);
    assertError(t, "timeout", "time-budget 1 ms");
  }

  @Test
  void badArgumentsFailTheAnalysisNamingTheFunction() throws Exception {
    Path in = dir.resolve("analysis");
    Images.write(in.resolve("a.png"), Images.png(40, 30, 1));
    String from = " FROM " + table(in);
    Map<String, String> wrong = Map.of(
        "SELECT thumbnail(content, '64by64')" + from, "thumbnail: size expected WxH",
        "SELECT thumbnail(content, '0x64')" + from, "thumbnail: size size must be at least",
        "SELECT thumbnail(content, '64x64', map('quality', 0))" + from,
        "thumbnail: option 'quality' must be 1..100, got 0",
        "SELECT thumbnail(content, '64x64', map('colour', 'red'))" + from,
        "thumbnail: unknown option 'colour'",
        "SELECT thumbnail(content, '64x64', map('mode', 'stretch'))" + from,
        "thumbnail: option 'mode' cannot be 'stretch'",
        "SELECT thumbnail(content, path)" + from, "thumbnail: the size must be a constant",
        "SELECT thumbnail(path, '64x64')" + from, "thumbnail: content must be binary",
        "SELECT image_info(content, 1)" + from, "image_info: takes 1 arguments",
        "SELECT image_dhash(length)" + from, "image_dhash: content must be binary");
    long jobs = SparkTestSupport.context().statusTracker().getJobIdsForGroup(null).length;
    for (Map.Entry<String, String> w : wrong.entrySet()) {
      // spark.sql analyses its query at once: the error comes before any job is planned
      Exception e = assertThrows(Exception.class, () -> spark.sql(w.getKey()), w.getKey());
      assertTrue(String.valueOf(e.getMessage()).contains(w.getValue()),
          w.getKey() + " -> " + e.getMessage());
    }
    assertEquals(jobs, SparkTestSupport.context().statusTracker().getJobIdsForGroup(null).length);
  }

  @Test
  void samePixelsAndHashAsTheJob() throws Exception {
    Path in = dir.resolve("same");
    Images.write(in.resolve("p.jpg"), Images.jpeg(1000, 700, 11));
    Images.write(in.resolve("q.png"), Images.png(500, 900, 12));
    Images.write(in.resolve("r.jpg"), Images.jpeg(333, 222, 13));
    Settings s = Settings.builder().output(dir.resolve("same-out").toString()).size(64, 64)
        .mode(Mode.CROP).format(OutputFormat.PNG).hash(Hash.DHASH).progressSeconds(0).build();
    JobRun run = JobRun.of(List.of(in.toString()), s);
    assertEquals(3, run.results().size());
    Map<String, Row> rows = byName("SELECT path, thumbnail(content, '64x64', map('mode', 'crop',"
        + " 'format', 'png')) AS t, image_dhash(content) AS h FROM " + table(in));
    Settings hashOnly = Settings.builder().output(dir.resolve("hash-out").toString())
        .hash(Hash.DHASH).progressSeconds(0).build();
    Map<String, String> jobHash = new HashMap<>();
    for (ThumbResult r : JobRun.of(List.of(in.toString()), hashOnly).results()) {
      jobHash.put(r.source().substring(r.source().lastIndexOf('/') + 1), r.image().dhash());
    }
    for (ThumbResult r : run.results()) {
      String name = r.source().substring(r.source().lastIndexOf('/') + 1);
      BufferedImage job = Images.read(Images.local(r.written().outputs().get(0)));
      BufferedImage sql = Images.read((byte[]) rows.get(name).getStruct(1).getAs("bytes"));
      assertEquals(job.getWidth(), sql.getWidth(), name);
      assertEquals(job.getHeight(), sql.getHeight(), name);
      for (int y = 0; y < job.getHeight(); y++) {
        for (int x = 0; x < job.getWidth(); x++) {
          assertEquals(job.getRGB(x, y), sql.getRGB(x, y), name + " at " + x + "," + y);
        }
      }
      assertNotNull(jobHash.get(name), name);
      assertEquals(jobHash.get(name), rows.get(name).getString(2), name);
    }
  }

  @Test
  void imageInfoReadsTheHeaderAsDisplayed() throws Exception {
    Path in = dir.resolve("info");
    BufferedImage shown = Images.quadrants(300, 200);
    Images.write(in.resolve("turned.jpg"), ExifImages.oriented("jpeg", shown, 6,
        ByteOrder.BIG_ENDIAN));
    Images.write(in.resolve("plain.png"), Images.png(120, 80, 2));
    Images.write(in.resolve("notes.txt"), "hello".getBytes());
    Map<String, Row> rows = byName("SELECT path, image_info(content) AS i, image_dhash(content)"
        + " AS h FROM " + table(in));
    Row turned = rows.get("turned.jpg").getStruct(1);
    assertEquals("jpeg", turned.getAs("format"));
    assertEquals(List.of(300, 200, 6), List.of(turned.<Integer>getAs("width"),
        turned.<Integer>getAs("height"), turned.<Integer>getAs("orientation")));
    Row plain = rows.get("plain.png").getStruct(1);
    assertEquals(List.of("png", 120, 80, 1), List.of(plain.<Object>getAs("format"),
        plain.<Integer>getAs("width"), plain.<Integer>getAs("height"),
        plain.<Integer>getAs("orientation")));
    Row text = rows.get("notes.txt").getStruct(1);
    assertEquals("unsupported", text.getAs("error"));
    assertNull(text.getAs("format"));
    assertTrue(rows.get("plain.png").getString(2).matches("[0-9a-f]{16}"));
    assertNull(rows.get("notes.txt").get(2));
  }

  /**
   * A row over max-bytes is too-large from the size check, before any decoder allocates for it.
   * Generated in memory (a 70 MB row, over the 64 MiB default): a row must fit in the heap to
   * reach a function at all.
   */
  @Test
  void aRowOverMaxBytesIsTooLarge() {
    // id keeps the value from being folded into a constant of the plan on the driver
    Row r = spark.sql("SELECT thumbnail(CAST(repeat('x', 70000000 + id) AS BINARY), '64x64')"
        + " AS t FROM range(1)").first();
    assertError(r.getStruct(0), "too-large", "70000000 bytes, over max-bytes "
        + ImageSettings.DEFAULT_MAX_SOURCE_BYTES);
  }

  /**
   * binaryFile reads a file whole into its row, several copies deep, before any function sees
   * it: in this 1 GB test JVM a 200 MB file is an OutOfMemoryError inside the scan. A filter on
   * length is pushed into the scan, which then never reads the content of a larger file; the
   * same filter reversed lists those files without reading them (docs/sql.md).
   */
  @Test
  void aTwoHundredMegabyteFileIsFilteredBeforeItsContentIsRead() throws Exception {
    Path in = dir.resolve("huge");
    Files.createDirectories(in);
    Images.write(in.resolve("small.jpg"), Images.jpeg(300, 200, 1));
    try (RandomAccessFile f = new RandomAccessFile(in.resolve("huge.jpg").toFile(), "rw")) {
      f.write(Images.jpeg(64, 64, 1));
      f.setLength(200L << 20); // sparse: nothing is written to the disk for the rest
    }
    long max = ImageSettings.DEFAULT_MAX_SOURCE_BYTES;
    Map<String, Row> made = byName("SELECT path, thumbnail(content, '64x64') AS t FROM "
        + table(in) + " WHERE length <= " + max);
    assertEquals(List.of("small.jpg"), List.copyOf(made.keySet()));
    assertNull(made.get("small.jpg").getStruct(1).getAs("error"));
    Map<String, Row> tooLarge = byName("SELECT path, length FROM " + table(in)
        + " WHERE length > " + max);
    assertEquals(List.of("huge.jpg"), List.copyOf(tooLarge.keySet()));
    assertEquals(200L << 20, tooLarge.get("huge.jpg").getLong(1));
  }
}
