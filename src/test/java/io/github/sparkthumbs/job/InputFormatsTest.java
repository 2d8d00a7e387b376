package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkthumbs.settings.InputFormat;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.SettingsException;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.ManifestFiles;
import io.github.sparkthumbs.testing.ParquetLists;
import io.github.sparkthumbs.testing.SparkTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each {@code --input-format} end to end on a real local[2] Spark: the rows become inputs, the kept
 * columns reach the manifest line untouched (numbers stay numbers), and a bad row is its own
 * error naming the list.
 */
class InputFormatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final SparkContext sc = SparkTestSupport.context();
  private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
  private final List<String> images = new ArrayList<>();

  @BeforeEach
  void photos() throws IOException {
    for (int i = 0; i < 4; i++) {
      Path p = Images.write(dir.resolve("in/p" + i + ".jpg"), Images.jpeg(160 + i, 120, i));
      images.add(p.toString());
    }
  }

  private Map<String, JsonNode> run(InputFormat f, String list, String... keep)
      throws IOException {
    Settings s = Settings.builder().output(dir.resolve("out").toString()).inputFormat(f)
        .keepColumns(List.of(keep)).build();
    Summary sum = ThumbnailJob.run(sc, List.of("@" + list), s, new PrintStream(sink, true),
        new PrintStream(sink, true));
    Map<String, JsonNode> bySource = new HashMap<>();
    for (String line : ManifestFiles.lines(dir.resolve("out"))) {
      JsonNode o = JSON.readTree(line);
      assertEquals(null, bySource.put(o.get("source").asText(), o), "twice: " + line);
    }
    assertEquals(sum.total(), bySource.size());
    return bySource;
  }

  private static JsonNode ending(Map<String, JsonNode> m, String suffix) {
    return m.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).map(Map.Entry::getValue)
        .findFirst().orElseThrow(() -> new AssertionError(suffix + " not in " + m.keySet()));
  }

  @Test
  void csvRowsWithKeptColumns() throws IOException {
    Path list = dir.resolve("list.csv");
    Files.writeString(list, "id,url,caption\n"
        + "7," + images.get(0) + ",\"a dog, running\"\n"
        + "8," + images.get(1) + ",plain\n"
        + "9,,no url here\n"
        + "10," + dir.resolve("in/missing.jpg") + ",gone\n");
    Map<String, JsonNode> m = run(InputFormat.CSV, list.toString(), "id", "caption");
    assertEquals(4, m.size(), m.toString());
    JsonNode a = ending(m, "/p0.jpg");
    assertEquals("ok", a.get("status").asText());
    assertEquals("7", a.get("id").asText()); // CSV columns are strings
    assertTrue(a.get("id").isTextual());
    assertEquals("a dog, running", a.get("caption").asText());
    assertEquals(75, Images.read(Images.local(a.get("outputs").get(0).asText())).getWidth());
    JsonNode gone = ending(m, "/missing.jpg");
    assertEquals("not-found", gone.get("error").asText());
    assertEquals("gone", gone.get("caption").asText(), "a failed row keeps its columns too");
    JsonNode noUrl = m.values().stream().filter(o -> o.path("caption").asText()
        .equals("no url here")).findFirst().orElseThrow();
    assertEquals("unreadable", noUrl.get("error").asText());
    assertTrue(noUrl.get("message").asText().contains("list.csv"), noUrl.toString());
    assertTrue(noUrl.get("message").asText().contains("column 'url'"), noUrl.toString());
  }

  @Test
  void tsvRows() throws IOException {
    Path list = dir.resolve("list.tsv");
    Files.writeString(list, "url\tcaption\n" + images.get(2) + "\twith, comma\n");
    Map<String, JsonNode> m = run(InputFormat.TSV, list.toString(), "caption");
    assertEquals(1, m.size());
    assertEquals("with, comma", ending(m, "/p2.jpg").get("caption").asText());
    assertEquals("ok", ending(m, "/p2.jpg").get("status").asText());
  }

  @Test
  void jsonLinesKeepTheirTypesAndBadRowsAreNamedByOffset() throws IOException {
    Path list = dir.resolve("list.jsonl");
    String first = "{\"url\":\"" + images.get(0) + "\",\"id\":1,\"score\":2.5,\"tags\":[\"a\"]}\n";
    String bad = "{not json\n";
    String noUrlRow = "{\"id\":3}\n";
    String good = "{\"url\":\"" + images.get(3) + "\",\"id\":4}\n";
    Files.writeString(list, first + bad + noUrlRow + good
        + "{\"url\":\"" + images.get(2) + "\",\"id\":5} trailing text\n");
    Map<String, JsonNode> m = run(InputFormat.JSON, list.toString(), "id", "score", "tags");
    assertEquals(5, m.size(), m.toString());
    JsonNode trailing = ending(m, "list.jsonl at byte "
        + (first + bad + noUrlRow + good).length());
    assertEquals("unreadable", trailing.get("error").asText(), "a URL with text after the row");
    assertTrue(trailing.get("message").asText().contains("not a JSON object"), trailing.toString());
    JsonNode a = ending(m, "/p0.jpg");
    assertTrue(a.get("id").isIntegralNumber(), a.toString());
    assertEquals(2.5, a.get("score").asDouble());
    assertEquals("a", a.get("tags").get(0).asText());
    JsonNode notJson = ending(m, "list.jsonl at byte " + first.length());
    assertEquals("unreadable", notJson.get("error").asText());
    assertTrue(notJson.get("message").asText().contains("not a JSON object"));
    JsonNode noUrl = ending(m, "list.jsonl at byte " + (first.length() + bad.length()));
    assertEquals(3, noUrl.get("id").asInt(), "kept columns of a row without a URL");
  }

  @Test
  void parquetRowsWrittenBySpark() throws IOException {
    SparkSession spark = SparkSession.builder().config(sc.getConf()).getOrCreate();
    StructType schema = new StructType().add("image_url", DataTypes.StringType)
        .add("id", DataTypes.LongType);
    List<Row> rows = List.of(RowFactory.create(images.get(1), 11L),
        RowFactory.create(images.get(2), 12L), RowFactory.create(null, 13L));
    Path table = dir.resolve("list.parquet");
    spark.createDataFrame(rows, schema).repartition(2).write().parquet(table.toString());
    Settings s = Settings.builder().output(dir.resolve("out").toString())
        .inputFormat(InputFormat.PARQUET).urlColumn("image_url").keepColumns(List.of("id"))
        .build();
    Summary sum = ThumbnailJob.run(sc, List.of("@" + table), s, new PrintStream(sink, true),
        new PrintStream(sink, true));
    assertEquals(2, sum.ok());
    assertEquals(1, sum.failed());
    List<String> lines = ManifestFiles.lines(dir.resolve("out"));
    assertEquals(3, lines.size());
    for (String line : lines) {
      JsonNode o = JSON.readTree(line);
      assertTrue(o.get("id").isIntegralNumber(), line);
    }
    // the shell's view: the manifest as a table
    assertEquals(2, ThumbnailJob.manifest(spark, dir.resolve("out").toString())
        .filter("status = 'ok'").count());
  }

  @Test
  void csvAsPythonAndExcelWriteItEachRowOneLine() throws IOException {
    Path list = dir.resolve("list.csv");
    // csv.writer's quoting: a quote is doubled, a backslash is text; a caption may span lines
    String caption = "x\\\",/etc/passwd,\"y";
    String header = "id,url,caption\r\n";
    String tricky = "7," + images.get(0) + ",\"" + caption.replace("\"", "\"\"") + "\"\r\n";
    String twoLines = "8," + images.get(1) + ",\"first line\nsecond line\"\r\n";
    String blank = "9,,blank url\r\n";
    String spaces = "10,   ,spaces only\r\n";
    String missing = "11\r\n";
    String huge = "12," + images.get(2) + "," + "c".repeat(20_000_000) + "\r\n";
    String many = "13," + images.get(3) + ",x" + ",".repeat(20_481) + "\r\n";
    Files.writeString(list, header + tricky + twoLines + blank + spaces + missing + huge + many
        + "14," + images.get(3) + ",last\r\n");
    Map<String, JsonNode> m = run(InputFormat.CSV, list.toString(), "id", "caption");

    assertEquals(8, m.size(), m.keySet().toString());
    JsonNode a = ending(m, "/p0.jpg");
    assertEquals(caption, a.get("caption").asText());
    assertEquals("ok", a.get("status").asText());
    assertEquals("first line\nsecond line", ending(m, "/p1.jpg").get("caption").asText());
    assertEquals("last", ending(m, "/p3.jpg").get("caption").asText());
    assertTrue(m.keySet().stream().noneMatch(k -> k.contains("passwd")), m.keySet().toString());
    long at = header.length() + tricky.length() + twoLines.length();
    for (String row : List.of(blank, spaces, missing)) { // each its own line, named by its byte
      JsonNode noUrl = ending(m, "list.csv at byte " + at);
      assertEquals("unreadable", noUrl.get("error").asText());
      assertTrue(noUrl.get("message").asText().contains("no URL or path in column 'url'"),
          noUrl.toString());
      at += row.length();
    }
    JsonNode tooLong = ending(m, "list.csv at byte " + at);
    assertTrue(tooLong.get("message").asText().contains("row is longer than 1048576 bytes"),
        tooLong.toString());
    at += huge.length();
    JsonNode tooMany = ending(m, "list.csv at byte " + at);
    assertTrue(tooMany.get("message").asText().contains("row has 20484 fields, its header 3"),
        tooMany.toString());
    String out = sink.toString();
    assertTrue(out.length() < 1_000_000, "the huge cell was printed: " + out.length());
  }

  @Test
  void aFolderOfListsIsReadByEachFilesOwnHeader() throws IOException {
    Path lists = dir.resolve("lists");
    Files.createDirectories(lists);
    Files.writeString(lists.resolve("a.csv"), "url,caption\n" + images.get(0) + ",for a\n");
    Files.writeString(lists.resolve("b.csv"), "caption,id,url\nfor b,2," + images.get(1) + "\n");
    Files.writeString(lists.resolve("c.csv"), ""); // an empty part file: no header, no rows
    Map<String, JsonNode> m = run(InputFormat.CSV, lists.toString(), "caption");
    assertEquals(2, m.size(), m.keySet().toString());
    assertEquals("for a", ending(m, "/p0.jpg").get("caption").asText());
    assertEquals("for b", ending(m, "/p1.jpg").get("caption").asText());
    assertEquals("ok", ending(m, "/p1.jpg").get("status").asText());

    Files.writeString(lists.resolve("d.csv"), "caption,link\nfor d," + images.get(2) + "\n");
    SettingsException e = assertThrows(SettingsException.class,
        () -> run(InputFormat.CSV, lists.toString(), "caption"));
    assertTrue(e.getMessage().contains("d.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("[caption, link]"), e.getMessage());
  }

  @Test
  void parquetRowsWithoutAUrlOrWithAHugeCellEachEndAsOneLine() throws IOException {
    SparkSession spark = SparkSession.builder().config(sc.getConf()).getOrCreate();
    StructType schema = new StructType().add("url", DataTypes.StringType)
        .add("caption", DataTypes.StringType);
    List<Row> rows = List.of(RowFactory.create(images.get(1), "ok"),
        RowFactory.create("", "blank"), RowFactory.create(" ", "spaces"),
        RowFactory.create(null, "null"), RowFactory.create(images.get(2), "c".repeat(2_000_000)));
    Path table = dir.resolve("list.parquet");
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(table.toString());
    Map<String, JsonNode> m = run(InputFormat.PARQUET, table.toString(), "caption");
    assertEquals(5, m.size(), m.keySet().toString());
    assertEquals("ok", ending(m, "/p1.jpg").get("status").asText());
    for (int row = 2; row <= 4; row++) {
      JsonNode noUrl = ending(m, " at row " + row);
      assertTrue(noUrl.get("message").asText().contains("no URL or path in column 'url'"),
          noUrl.toString());
    }
    assertTrue(ending(m, " at row 5").get("message").asText()
        .contains("a cell is longer than 1048576 characters (2000014)"), m.toString());
  }

  @Test
  void aFolderOfParquetListsWithDamagedFilesEndsWithAManifestLineForEachRowAndFile()
      throws IOException {
    Path lists = dir.resolve("lists");
    List<String> urls = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      urls.add(i < images.size() ? images.get(i) : dir.resolve("in/nx-" + i + ".jpg").toString());
      others.add(dir.resolve("in/dx-" + i + ".jpg").toString());
    }
    Path good = ParquetLists.write(lists.resolve("a-good.parquet"), urls, 100);
    ParquetLists.truncated(good, lists.resolve("b-truncated.parquet"), 3000);
    byte[] noise = new byte[4000];
    new Random(11).nextBytes(noise);
    Files.write(lists.resolve("c-noise.parquet"), noise);
    Path damaged = ParquetLists.write(lists.resolve("d-damaged.parquet"), others, 100);
    ParquetLists.damage(damaged, 1);
    // the URL column a number here, text in the others
    ParquetLists.write(lists.resolve("e-numbers.parquet"), List.of(7L, 8L), 100, "int64 url");

    Map<String, JsonNode> m = run(InputFormat.PARQUET, lists.toString(), "id");
    assertEquals(250 + 1 + 1 + (250 - 100 + 1) + 2, m.size(), m.keySet().toString());
    assertTrue(m.keySet().stream().noneMatch(k -> k.contains("a-good.parquet at")),
        m.keySet().toString());
    for (String bad : List.of("b-truncated.parquet at row 1", "c-noise.parquet at row 1")) {
      JsonNode line = ending(m, bad);
      assertEquals("unreadable", line.get("error").asText());
      assertTrue(line.get("message").asText().contains("cannot be read as Parquet"),
          line.toString());
    }
    JsonNode group = ending(m, "d-damaged.parquet at row 101");
    assertEquals("unreadable", group.get("error").asText());
    assertTrue(group.get("message").asText()
        .contains("row group 2 of 3 (rows 101 to 200) cannot be read"), group.toString());
    assertEquals("ok", ending(m, "/p3.jpg").get("status").asText());
    assertEquals(3, ending(m, "/p3.jpg").get("id").asInt());
    assertEquals(249, ending(m, "/nx-249.jpg").get("id").asInt());
    assertEquals(249, ending(m, "/dx-249.jpg").get("id").asInt());
    assertEquals("not-found", ending(m, "/7").get("error").asText());
    assertEquals(1, ending(m, "/8").get("id").asInt());

    ParquetLists.write(lists.resolve("f-link.parquet"), List.of("x"), 100, "binary link");
    SettingsException e = assertThrows(SettingsException.class,
        () -> run(InputFormat.PARQUET, lists.toString()));
    assertTrue(e.getMessage().contains("f-link.parquet; its columns are [link, id]"),
        e.getMessage());
  }

  @Test
  void aListWithoutTheUrlColumnIsAUsageError() throws IOException {
    Path list = dir.resolve("list.csv");
    Files.writeString(list, "id,link\n1," + images.get(0) + "\n");
    SettingsException e = assertThrows(SettingsException.class,
        () -> run(InputFormat.CSV, list.toString()));
    assertTrue(e.getMessage().contains("--url-column"), e.getMessage());
    assertTrue(e.getMessage().contains("[id, link]"), e.getMessage());
    Path good = dir.resolve("good.csv");
    Files.writeString(good, "id,url\n1," + images.get(0) + "\n");
    SettingsException k = assertThrows(SettingsException.class,
        () -> run(InputFormat.CSV, good.toString(), "caption"));
    assertTrue(k.getMessage().contains("--keep-columns"), k.getMessage());
    assertTrue(k.getMessage().contains("'caption'"), k.getMessage());
  }
}
