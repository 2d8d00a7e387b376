package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.InputFormat;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.JobRun;
import io.github.sparkthumbs.testing.ParquetLists;
import io.github.sparkthumbs.testing.SparkTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded random list files in each {@code --input-format} through the whole job on local[2]:
 * rows of random text, quotes, separators and line breaks (quoted as a CSV writer quotes them),
 * blank and missing URLs, cells over the row bound, too many fields, bytes that are not UTF-8,
 * text after a JSON object; among Parquet parts, a truncated one and one of random bytes. No row
 * names a file that exists, so each row (and each file that is not Parquet) must end as exactly
 * one failed manifest line, and none as {@code internal} (a bug of ours).
 */
class ListFuzzTest {
  private static final int ROWS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a row holds; every kind is one row, and every row but {@link #PATH} a list error. */
  private enum Kind { PATH, BLANK, MISSING, HUGE, FIELDS, NOT_UTF8, TRAILING }

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(InputFormat.class)
  void everyRowEndsAsExactlyOneManifestLine(InputFormat f) throws IOException {
    Random rnd = new Random(20261207L + f.ordinal());
    List<Kind> kinds = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      Kind k = Kind.values()[rnd.nextInt(Kind.values().length)];
      boolean kept = f != InputFormat.TEXT || k == Kind.HUGE || k == Kind.NOT_UTF8;
      kinds.add(kept && rnd.nextInt(3) == 0 ? k : Kind.PATH); // mostly rows with odd paths
    }
    Path list = dir.resolve("list." + f.name().toLowerCase());
    int expected = f == InputFormat.PARQUET ? parquet(list, kinds, rnd)
        : write(list, f, kinds, rnd);

    Settings s = Settings.builder().output(dir.resolve("out").toString()).inputFormat(f)
        .keepColumns(f == InputFormat.TEXT ? List.of() : List.of("caption")).build();
    JobRun run = JobRun.of(List.of("@" + list), s);
    Summary sum = run.summary();

    List<String> lines = run.lines();
    Map<String, Integer> outcomes = new HashMap<>();
    List<String> internal = new ArrayList<>();
    long listErrors = 0;
    for (String line : lines) {
      ThumbResult r = Manifest.parse(line);
      outcomes.merge(r.status() + " " + r.failure().error(), 1, Integer::sum);
      if (r.failure().error() == ErrorClass.INTERNAL || !r.isFailed()) {
        internal.add(line.length() > 500 ? line.substring(0, 500) : line);
      }
      listErrors += r.source().matches("(?s).* at (byte|row) \\d+") ? 1 : 0;
    }
    System.out.println("list fuzz " + f + ": " + outcomes);
    assertEquals(List.of(), internal);
    assertEquals(expected, lines.size(), outcomes.toString());
    assertEquals(expected, sum.total());
    assertEquals(lines.size(), lines.stream().map(l -> Manifest.parse(l).source()).distinct()
        .count(), "two rows share a source");
    assertEquals(kinds.stream().filter(k -> k != Kind.PATH).count() + expected - kinds.size(),
        listErrors, outcomes.toString());
  }

  /** Writes a text, JSON-lines, CSV or TSV list; returns its row count. */
  private static int write(Path list, InputFormat f, List<Kind> kinds, Random rnd)
      throws IOException {
    char sep = f == InputFormat.TSV ? '\t' : ',';
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (f == InputFormat.CSV || f == InputFormat.TSV) {
      out.writeBytes(("caption" + sep + "url" + sep + "n\r\n").getBytes(StandardCharsets.UTF_8));
    }
    for (int i = 0; i < kinds.size(); i++) {
      // a row that is not a path still must not be blank or a comment: those are no rows
      Kind k = kinds.get(i);
      String path = "nx-" + i + "-" + text(rnd, f == InputFormat.TEXT ? 20 : 60, f);
      String caption = text(rnd, 40, f);
      if (k == Kind.HUGE) {
        caption = "h".repeat(1_100_000 + rnd.nextInt(300_000));
      }
      byte[] row = switch (f) {
        case TEXT -> bytes(k == Kind.HUGE ? "x" + caption : path);
        case JSON -> jsonRow(k, path, caption, rnd);
        default -> csvRow(k, path, caption, sep, rnd);
      };
      if (k == Kind.NOT_UTF8) {
        row = withBadByte(row);
      }
      out.writeBytes(row);
      out.write('\n');
    }
    Files.write(list, out.toByteArray());
    return kinds.size();
  }

  private static byte[] jsonRow(Kind k, String path, String caption, Random rnd) {
    ObjectNode o = JSON.createObjectNode();
    o.put("caption", caption);
    switch (k) {
      case BLANK -> o.put("url", " ".repeat(rnd.nextInt(3)));
      case MISSING -> o.put("link", path);
      case FIELDS -> o.put("url", 42);
      default -> o.put("url", path);
    }
    String text = o.toString();
    if (k == Kind.TRAILING) {
      text += rnd.nextBoolean() ? " garbage" : "{\"url\":\"b\"}";
    }
    return bytes(text);
  }

  private static byte[] csvRow(Kind k, String path, String caption, char sep, Random rnd) {
    List<String> cells = new ArrayList<>(List.of(caption, switch (k) {
      case BLANK -> " ".repeat(rnd.nextInt(3));
      default -> path;
    }, String.valueOf(rnd.nextInt())));
    if (k == Kind.MISSING) {
      cells.subList(1, 3).clear();
    }
    if (k == Kind.FIELDS || k == Kind.TRAILING) {
      for (int n = 1 + rnd.nextInt(k == Kind.FIELDS ? 30_000 : 3); n > 0; n--) {
        cells.add("");
      }
    }
    StringBuilder b = new StringBuilder();
    for (String c : cells) {
      boolean quote = rnd.nextBoolean() || c.indexOf(sep) >= 0 || c.indexOf('"') >= 0
          || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0 || c.startsWith("\"");
      b.append(quote ? "\"" + c.replace("\"", "\"\"") + "\"" : c).append(sep);
    }
    b.setLength(b.length() - 1);
    return bytes(b.toString());
  }

  /**
   * Writes a Parquet list with Spark, and beside its parts a truncated copy of one and a file of
   * random bytes, each to end as one line; returns the number of lines expected.
   */
  private int parquet(Path list, List<Kind> kinds, Random rnd) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      String path = "nx-" + i + "-" + text(rnd, 60, InputFormat.PARQUET);
      String caption = text(rnd, 40, InputFormat.PARQUET);
      rows.add(switch (kinds.get(i)) {
        case BLANK -> RowFactory.create(" ".repeat(rnd.nextInt(3)), caption, (long) i);
        case MISSING, FIELDS, NOT_UTF8, TRAILING -> RowFactory.create(null, caption, (long) i);
        case HUGE -> RowFactory.create(path,
            "h".repeat(1_100_000 + rnd.nextInt(300_000)), (long) i);
        default -> RowFactory.create(path, caption, (long) i);
      });
    }
    StructType schema = new StructType().add("url", DataTypes.StringType)
        .add("caption", DataTypes.StringType).add("n", DataTypes.LongType);
    SparkSession spark = SparkSession.builder().config(SparkTestSupport.context().getConf())
        .getOrCreate();
    spark.createDataFrame(rows, schema).repartition(3).write().parquet(list.toString());
    Path part;
    try (Stream<Path> parts = Files.list(list)) {
      part = parts.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst()
          .orElseThrow();
    }
    ParquetLists.truncated(part, list.resolve("part-99998-truncated.parquet"),
        (int) Files.size(part) / 2);
    byte[] noise = new byte[1 + rnd.nextInt(100_000)];
    rnd.nextBytes(noise);
    Files.write(list.resolve("part-99999-noise.parquet"), noise);
    return rows.size() + 2;
  }

  private static final String ALPHABET = "ab \t,;\"'\\*?[]{}:#%&@!|<>=~$^`\u00e9\u4e2d\uD83D\uDE00"
      + "\u0000\u0007\u007f\u00a0\u2028\r\n";

  /** Random text; a text list's row holds no line break, a path row no slash or dot pair. */
  private static String text(Random rnd, int max, InputFormat f) {
    StringBuilder b = new StringBuilder();
    int n = rnd.nextInt(max + 1);
    while (b.length() < n) {
      int at = rnd.nextInt(ALPHABET.length());
      char c = ALPHABET.charAt(at);
      if (Character.isHighSurrogate(c)) {
        b.append(c).append(ALPHABET.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c) && !(f == InputFormat.TEXT && c == '\n')) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** At the end: inside a CSV row a stray byte before a quote would change where rows end. */
  private static byte[] withBadByte(byte[] row) {
    byte[] out = Arrays.copyOf(row, row.length + 2);
    out[row.length] = (byte) 0xC3; // a lead byte followed by no continuation byte
    out[row.length + 1] = (byte) 0x28;
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
