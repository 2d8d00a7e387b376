package io.github.sparkthumbs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.FetchSettings;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.TestHttpServer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DataFrame API on the shared local[2] Spark: a DataFrame of paths and URLs (good, bad, a
 * loopback URL the network guard refuses, one it lets through when told to) in, the same rows
 * with the manifest's columns out, lazily; the written thumbnails' pixels.
 */
class ThumbnailFramesTest {
  @TempDir static Path dir;
  static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = TestSession.withFunctions();
  }

  static final StructType INPUT = new StructType().add("id", DataTypes.IntegerType)
      .add("where", DataTypes.StringType);

  static Dataset<Row> frame(List<Object[]> rows) {
    List<Row> r = new ArrayList<>();
    for (Object[] o : rows) {
      r.add(RowFactory.create(o));
    }
    return spark.createDataFrame(r, INPUT).repartition(2);
  }

  @Test
  void pathsAndUrlsInRowsWithTheManifestsColumnsOut() throws Exception {
    Path in = dir.resolve("in");
    Path wide = Images.write(in.resolve("wide.png"),
        Images.encode(Images.quadrants(400, 200), "png"));
    Path notes = Images.write(in.resolve("notes.txt"), "not an image".getBytes());
    byte[] jpeg = Images.encode(Images.quadrants(300, 300), "jpeg");
    Path out = dir.resolve("out");
    try (TestHttpServer server = new TestHttpServer()
        .route("/q.jpg", x -> TestHttpServer.send(x, 200, "image/jpeg", jpeg))) {
      List<Object[]> rows = List.of(
          new Object[] {1, wide.toString()},
          new Object[] {2, notes.toString()},
          new Object[] {3, in.resolve("missing.jpg").toString()},
          new Object[] {4, null},
          new Object[] {5, server.url("/q.jpg")});
      Settings guarded = Settings.builder().output(out.toString()).size(64, 64)
          .progressSeconds(0).build();
      Dataset<Row> result = ThumbnailFrames.thumbnails(frame(rows), "where", guarded);
      assertFalse(Files.exists(out) && Files.list(out).findAny().isPresent(),
          "nothing is made before an action");
      assertEquals(List.of("id", "where"), Arrays.asList(result.schema().fieldNames())
          .subList(0, 2));
      for (String f : ThumbnailFrames.RESULT.fieldNames()) {
        assertTrue(ThumbResult.FIELD_NAMES.contains(f) || List.of("httpStatus", "attempts",
            "finalUrl").contains(f), f + " is a manifest field");
      }
      Map<Integer, Row> byId = new HashMap<>();
      for (Row r : result.collectAsList()) {
        byId.put(r.getInt(0), r);
      }
      assertEquals(5, byId.size());

      Row ok = byId.get(1);
      assertEquals("ok", ok.getAs("status"));
      assertEquals(List.of(400, 200), List.of(ok.<Integer>getAs("width"),
          ok.<Integer>getAs("height")));
      assertEquals("png", ok.getAs("format"));
      List<String> outputs = ok.getList(ok.fieldIndex("outputs"));
      assertEquals(1, outputs.size());
      // the file's name with its path's hash, then the command line's extension rule
      assertTrue(outputs.get(0).matches("file:.*/out/wide-[0-9a-f]{8}\\.png\\.jpg"),
          outputs.get(0));
      BufferedImage t = Images.read(Images.local(outputs.get(0)));
      assertEquals(List.of(64, 32), List.of(t.getWidth(), t.getHeight()));
      Images.assertQuadrants(t, 40);

      assertEquals("skipped", byId.get(2).getAs("status"));
      assertEquals("not-an-image", byId.get(2).getAs("reason"));
      assertEquals(List.of("failed", "not-found"), List.of(byId.get(3).<String>getAs("status"),
          byId.get(3).getAs("error")));
      assertEquals(List.of("failed", "not-found"), List.of(byId.get(4).<String>getAs("status"),
          byId.get(4).getAs("error")));
      assertNull(byId.get(4).getAs("source"));
      // the job's network guard: a loopback address is refused unless allowed
      assertEquals(List.of("failed", "blocked"), List.of(byId.get(5).<String>getAs("status"),
          byId.get(5).getAs("error")));
      assertTrue(((String) byId.get(5).getAs("message")).contains("127.0.0.1"),
          byId.get(5).toString());

      Settings open = Settings.builder().output(dir.resolve("open").toString()).size(64, 64)
          .progressSeconds(0)
          .fetch(new FetchSettings(1_000, 3_000, 3, 20, 200, 3, true, 4, 4)).build();
      Row fetched = ThumbnailFrames.thumbnails(frame(List.<Object[]>of(rows.get(4))), "where",
          open).first();
      assertEquals("ok", fetched.getAs("status"), fetched.toString());
      assertEquals(200, (int) fetched.getAs("httpStatus"));
      BufferedImage u = Images.read(Images.local(
          fetched.<String>getList(fetched.fieldIndex("outputs")).get(0)));
      assertEquals(List.of(64, 64), List.of(u.getWidth(), u.getHeight()));
      assertTrue(fetched.<String>getList(fetched.fieldIndex("outputs")).get(0)
          .matches("file:.*/open/127.0.0.1/[0-9a-f]{2}/q-[0-9a-f]{8}\\.jpg"), fetched.toString());
      Images.assertQuadrants(u, 40);
    }
  }

  @Test
  void aColumnThatIsNoStringOrATakenNameIsRefused() {
    Settings s = Settings.builder().output(dir.resolve("x").toString()).build();
    Dataset<Row> df = frame(List.<Object[]>of(new Object[] {1, "a.jpg"}));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ThumbnailFrames.thumbnails(df, "id", s)).getMessage()
        .contains("column 'id' must be a string column"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ThumbnailFrames.thumbnails(df.withColumnRenamed("id", "Status"), "where", s))
        .getMessage().contains("column 'Status' has the name of a result column"));
  }
}
