package io.github.sparkthumbs.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.InputFormat;
import io.github.sparkthumbs.settings.ListingSettings;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.SettingsException;
import io.github.sparkthumbs.testing.ParquetLists;
import io.github.sparkthumbs.testing.SparkTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet lists read by row groups without Spark SQL: the rows' names across splits, kept columns
 * as Spark's {@code to_json} writes them, and damaged files and row groups each one failed line
 * while the rest is read.
 */
class ParquetListingTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();
  private final List<Listed> found = new ArrayList<>();

  private ListingSettings settings(String... keep) {
    return Settings.builder().output(dir.resolve("out").toString())
        .inputFormat(InputFormat.PARQUET).keepColumns(List.of(keep)).build().listing();
  }

  /** Lists every split of {@code list} as the tasks would. */
  private void list(List<ParquetSplit> splits, ListingSettings s) {
    FileSystemPolicy policy = new FileSystemPolicy(conf, List.of("@list"), List.of());
    for (ParquetSplit split : splits) {
      new ParquetListing(out -> new ListRows(conf,
          new org.apache.hadoop.fs.Path("file:" + dir.resolve("out")), policy,
          new org.apache.hadoop.fs.Path("file:" + dir), out), split, s, conf)
          .forEachRemaining(found::add);
    }
  }

  private List<ParquetSplit> splits(Path list, ListingSettings s) throws IOException {
    return ParquetSplit.of(list.toString(), conf, s.urlColumn(), s.keepColumns());
  }

  private Map<String, ThumbResult> rejected() {
    Map<String, ThumbResult> out = new TreeMap<>();
    found.stream().filter(l -> l.rejected() != null)
        .forEach(l -> assertNull(out.put(l.key(), l.rejected()), l.key()));
    return out;
  }

  private static List<String> urls(int n) {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      urls.add("https://example.com/" + i + ".jpg");
    }
    return urls;
  }

  @Test
  void rowsAreNamedByTheirNumberInTheFileAcrossSplits() throws IOException {
    List<String> urls = urls(45_000);
    urls.set(20_000, null); // the first row of the second split
    urls.set(44_999, " ");
    Path list = ParquetLists.write(dir.resolve("list.parquet"), urls, 10_000);
    ListingSettings s = settings("id");
    List<ParquetSplit> splits = splits(list, s);
    assertEquals(List.of(0, 2, 4), splits.stream().map(ParquetSplit::firstGroup).toList());
    assertEquals(List.of(1L, 20_001L, 40_001L), splits.stream().map(ParquetSplit::firstRow)
        .toList());
    list(splits, s);
    assertEquals(45_000, found.size());
    Map<String, ThumbResult> bad = rejected();
    assertEquals(List.of("file:" + list + " at row 20001", "file:" + list + " at row 45000"),
        List.copyOf(bad.keySet()));
    assertTrue(bad.get("file:" + list + " at row 20001").failure().message()
        .contains("no URL or path in column 'url' (row {\"id\":20000})"), bad.toString());
    Source last = found.get(44_998).source();
    assertEquals("https://example.com/44998.jpg", last.uri());
    assertEquals("{\"id\":44998}", last.columns());
  }

  @Test
  void aFooterClaimingMoreRowsThanItsColumnsHoldListsOnlyTheValues() throws IOException {
    List<String> urls = urls(250);
    urls.set(99, null); // the first group's page ends in a null
    Path list = ParquetLists.write(dir.resolve("list.parquet"), urls, 100);
    BlockMetaData first = ParquetLists.groups(list).get(0);
    first.setRowCount(1_000_000_000_000L);
    MessageType projection = MessageTypeParser.parseMessageType(
        "message m { optional binary url (STRING); }");
    assertEquals(100, ParquetSplit.rows(first, projection));
  }

  /** A listing that only counts how often it is closed. */
  private static final class Unread extends RowListing {
    static final AtomicInteger CLOSED = new AtomicInteger();

    Unread() {
      super(out -> null);
    }

    @Override
    protected void step() {
      finish();
    }

    @Override
    protected void close() {
      CLOSED.incrementAndGet();
    }
  }

  @Test
  void aListingItsTaskNeverConsumesIsClosedWhenTheTaskEnds() {
    Unread.CLOSED.set(0);
    List<Integer> done = JavaSparkContext.fromSparkContext(SparkTestSupport.context())
        .parallelize(List.of(1, 2), 2).mapPartitions(it -> {
          new Unread(); // a task that stops (or is killed) before its listing's end
          return it;
        }).collect();
    assertEquals(List.of(1, 2), done);
    assertEquals(2, Unread.CLOSED.get());
  }

  @Test
  void aDamagedRowGroupIsOneLineAndTheOtherGroupsAreRead() throws IOException {
    Path list = ParquetLists.write(dir.resolve("list.parquet"), urls(250), 100);
    ParquetLists.damage(list, 1);
    ListingSettings s = settings();
    list(splits(list, s), s);
    Map<String, ThumbResult> bad = rejected();
    assertEquals(List.of("file:" + list + " at row 101"), List.copyOf(bad.keySet()));
    ThumbResult r = bad.get("file:" + list + " at row 101");
    assertEquals(ErrorClass.UNREADABLE, r.failure().error());
    assertTrue(r.failure().message().contains("row group 2 of 3 (rows 101 to 200) cannot be read"),
        r.failure().message());
    assertTrue(r.failure().message().contains("CRC"), r.failure().message());
    assertEquals(151, found.size());
    assertEquals("https://example.com/249.jpg", found.get(150).source().uri());
  }

  @Test
  void filesThatAreNotParquetAreOneLineEachAndNeverAUsageError() throws IOException {
    Path lists = dir.resolve("lists");
    Path good = ParquetLists.write(lists.resolve("a-good.parquet"), urls(30), 10);
    ParquetLists.truncated(good, lists.resolve("b-truncated.parquet"),
        (int) Files.size(good) / 2);
    byte[] noise = new byte[5000];
    new Random(7).nextBytes(noise);
    Files.write(lists.resolve("c-noise.parquet"), noise);
    Files.write(lists.resolve("d-empty.parquet"), new byte[0]);
    // the footer's magic is intact, the footer's bytes are not
    byte[] bytes = Files.readAllBytes(good);
    for (int i = bytes.length - 60; i < bytes.length - 8; i++) {
      bytes[i] = (byte) 0xff;
    }
    Files.write(lists.resolve("e-footer.parquet"), bytes);
    Files.writeString(lists.resolve("_SUCCESS"), "");
    Files.write(lists.resolve(".hidden.parquet"), noise);
    Path later = ParquetLists.write(lists.resolve("f-later.parquet"), urls(5), 10);
    ListingSettings s = settings("caption"); // a readable file without it is still a usage error
    assertThrows(SettingsException.class, () -> splits(lists, s));
    ListingSettings urlOnly = settings();
    List<ParquetSplit> splits = splits(lists, urlOnly);
    Files.write(later, noise); // replaced after the driver read its footer
    list(splits, urlOnly);

    Map<String, ThumbResult> bad = rejected();
    assertEquals(List.of("b-truncated", "c-noise", "d-empty", "e-footer", "f-later"),
        bad.keySet().stream().map(k -> k.replaceAll(".*/(.*)\\.parquet at row 1$", "$1"))
            .toList());
    for (ThumbResult r : bad.values()) {
      assertEquals(ErrorClass.UNREADABLE, r.failure().error());
      assertTrue(r.failure().message().contains("cannot be read as Parquet"), r.failure()
          .message());
    }
    assertTrue(bad.get("file:" + lists.resolve("b-truncated.parquet") + " at row 1").failure()
        .message()
        .contains("is not a Parquet file. Expected magic number at tail"), bad.toString());
    assertEquals(35, found.size(), "30 rows and 5 files");
  }

  @Test
  void aReadableFileWithoutTheUrlColumnIsAUsageErrorNamingIt() throws IOException {
    Path lists = dir.resolve("lists");
    ParquetLists.write(lists.resolve("a.parquet"), urls(3), 10);
    ParquetLists.write(lists.resolve("sub/b.parquet"), urls(3), 10, "binary link (STRING)");
    SettingsException e = assertThrows(SettingsException.class,
        () -> splits(lists, settings()));
    assertTrue(e.getMessage().contains("--url-column"), e.getMessage());
    assertTrue(e.getMessage().contains("sub/b.parquet; its columns are [link, id]"),
        e.getMessage());
    SettingsException k = assertThrows(SettingsException.class,
        () -> splits(lists.resolve("a.parquet"), settings("id", "caption")));
    assertTrue(k.getMessage().contains("--keep-columns"), k.getMessage());
  }

  @Test
  void keptColumnsAreWrittenAsSparkWritesThemToJson() throws IOException {
    SparkSession spark = SparkSession.builder().config(SparkTestSupport.context().getConf())
        .getOrCreate();
    String zone = spark.conf().get("spark.sql.session.timeZone");
    spark.conf().set("spark.sql.session.timeZone", "UTC");
    try {
      Path list = dir.resolve("typed.parquet");
      String[] kept = {"i", "l", "d", "f", "b", "dec", "dt", "ts", "ntz", "bin", "tags", "st",
          "m", "nested", "s", "tiny"};
      spark.sql("SELECT concat('https://example.com/', id) AS url, CAST(id AS INT) AS i,"
          + " id * 10000000000 AS l, id / 3.0D AS d, CAST(id / 4.0 AS FLOAT) AS f,"
          + " id % 2 = 0 AS b, CAST(id * 1.25 AS DECIMAL(10, 2)) AS dec,"
          + " date_add(DATE'2024-02-28', CAST(id AS INT)) AS dt,"
          + " TIMESTAMP'2024-01-02 03:04:05.678' + make_interval(0, 0, 0, CAST(id AS INT)) AS ts,"
          + " TIMESTAMP_NTZ'2024-01-02 03:04:05.678' AS ntz, CAST(concat('b', id) AS BINARY)"
          + " AS bin, array('a', CAST(NULL AS STRING), CAST(id AS STRING)) AS tags,"
          + " named_struct('x', id, 'y', CAST(NULL AS STRING), 'z', 'q') AS st,"
          + " map('k', CAST(id AS INT), 'n', CAST(NULL AS INT)) AS m,"
          + " array(named_struct('p', array(1, 2)), NULL) AS nested,"
          + " IF(id = 1, NULL, 'text \"quoted\"') AS s, CAST(id AS TINYINT) AS tiny,"
          + " CAST(id * 1.5 AS DECIMAL(30, 3)) AS big FROM range(3)")
          .coalesce(1).write().parquet(list.toString());
      Dataset<Row> df = spark.read().parquet(list.toString());
      List<String> expected = df.orderBy("i").select(to_json(struct(Arrays.stream(kept)
          .map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new)))).as(
              org.apache.spark.sql.Encoders.STRING()).collectAsList();
      ListingSettings s = settings(kept);
      list(splits(list, s), s);
      assertEquals(expected, found.stream().map(l -> l.source().columns()).toList());
      ListingSettings big = settings("big");
      found.clear();
      list(splits(list, big), big);
      assertEquals(df.orderBy("i").select(to_json(struct(col("big"))))
          .as(org.apache.spark.sql.Encoders.STRING()).collectAsList(),
          found.stream().map(l -> l.source().columns()).toList());
    } finally {
      spark.conf().set("spark.sql.session.timeZone", zone);
    }
  }
}
