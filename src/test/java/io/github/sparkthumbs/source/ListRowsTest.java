package io.github.sparkthumbs.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.InputFormat;
import io.github.sparkthumbs.settings.ListingSettings;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a task makes of list rows, without Spark: URLs, files, folders walked, globs, missing
 * files and refused file systems, each with its output name and kept columns.
 */
class ListRowsTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();
  private final List<Listed> found = new ArrayList<>();
  private ListRows rows;

  @BeforeEach
  void tree() throws IOException {
    Images.write(dir.resolve("base/imgs/a.jpg"), Images.jpeg(20, 20, 1));
    Images.write(dir.resolve("base/imgs/sub/b.jpg"), Images.jpeg(20, 20, 2));
    Images.write(dir.resolve("base/imgs/.hidden.jpg"), Images.jpeg(20, 20, 3));
    Images.write(dir.resolve("elsewhere/c.jpg"), Images.jpeg(20, 20, 4));
    Images.write(dir.resolve("base/out/old.jpg"), Images.jpeg(20, 20, 5));
    FileSystemPolicy policy = new FileSystemPolicy(conf, List.of("@list.txt"), List.of());
    // qualified as the driver qualifies them: no trailing slash
    rows = new ListRows(conf, new org.apache.hadoop.fs.Path("file:" + dir.resolve("base/out")),
        policy, new org.apache.hadoop.fs.Path("file:" + dir.resolve("base")), found::add);
  }

  private Map<String, Source> sources() {
    Map<String, Source> out = new TreeMap<>();
    found.stream().filter(l -> l.source() != null).forEach(l -> out.put(l.source().stem(),
        l.source()));
    return out;
  }

  private List<ThumbResult> rejected() {
    return found.stream().filter(l -> l.rejected() != null).map(Listed::rejected).toList();
  }

  @Test
  void filesFoldersAndGlobsWithTheirOutputNames() throws IOException {
    rows.add("imgs/a.jpg", "list at byte 0", null);
    rows.add(dir.resolve("elsewhere/c.jpg").toString(), "list at byte 11", "{\"id\":3}");
    rows.add("imgs", "list at byte 30", null); // a folder: walked, dot files and output aside
    rows.add(dir.resolve("base") + "/*/a.jpg", "list at byte 40", null);
    rows.add(".", "list at byte 60", null); // the working directory holds the output: skipped
    Map<String, Source> s = sources();
    assertEquals(List.of(), rejected().stream().map(r -> r.failure().message()).toList());
    Path elsewhere = Path.of("/").relativize(dir.resolve("elsewhere/c.jpg"));
    assertEquals(java.util.Set.of("imgs/a.jpg", "imgs/sub/b.jpg", elsewhere.toString()),
        s.keySet(), "relative to the working directory, else the whole path");
    assertEquals("{\"id\":3}", s.get(elsewhere.toString()).columns());
    assertEquals(Files.size(dir.resolve("base/imgs/a.jpg")), s.get("imgs/a.jpg").bytes());
    assertEquals(Files.getLastModifiedTime(dir.resolve("base/imgs/sub/b.jpg")).toMillis(),
        s.get("imgs/sub/b.jpg").modifiedMillis());
    assertEquals(Images.hadoopPath(dir.resolve("base/imgs/a.jpg")), s.get("imgs/a.jpg").uri());
    long aRows = found.stream().filter(l -> l.source() != null
        && l.source().stem().equals("imgs/a.jpg")).count();
    assertEquals(4, aRows, "named, walked twice (imgs and .) and globbed: one input later");
  }

  @Test
  void urlsMissingFilesAndRefusedFileSystemsKeepTheirColumns() {
    rows.add("https://ex.com/p/1.jpg", "list at byte 0", "{\"id\":1}");
    rows.add("imgs/gone.jpg", "list at byte 25", "{\"id\":2}");
    rows.add("hdfs://10.0.0.5:8020/x.jpg", "list at byte 50", "{\"id\":3}");
    rows.add(dir.resolve("base") + "/nothing-*.jpg", "list at byte 80", null);
    Source url = sources().values().iterator().next();
    assertEquals("https://ex.com/p/1.jpg", url.uri());
    assertEquals(UrlNames.stem(url.uri()), url.stem());
    assertEquals(-1, url.bytes());
    assertEquals("{\"id\":1}", url.columns());
    List<ThumbResult> r = rejected();
    assertEquals(3, r.size(), r.toString());
    assertEquals(ErrorClass.NOT_FOUND, r.get(0).failure().error());
    assertEquals("{\"id\":2}", r.get(0).columns());
    assertTrue(r.get(0).failure().message()
        .contains("imgs/gone.jpg (list at byte 25) does not exist"),
        r.get(0).failure().message());
    assertEquals(ErrorClass.BLOCKED, r.get(1).failure().error());
    assertEquals("{\"id\":3}", r.get(1).columns());
    assertTrue(r.get(1).failure().message().contains("--allow-list-filesystem"), r.get(1).failure()
        .message());
    assertEquals(ErrorClass.NOT_FOUND, r.get(2).failure().error());
    assertTrue(r.get(2).failure().message().contains("matches nothing"), r.get(2).failure()
        .message());
    assertNull(r.get(2).columns());
  }

  @Test
  void jsonRowsNameTheirUrlColumnAndBadRowsByOffset() throws IOException {
    Path list = dir.resolve("list.jsonl");
    String first = "{\"link\":\"imgs/a.jpg\",\"id\":7,\"x\":1}\n";
    String second = "[1,2]\n";
    String third = "{\"link\":42,\"id\":8}\n";
    Files.writeString(list, first + second + third + "{oops\n");
    ListingSettings s =
        new ListingSettings(List.of(), InputFormat.JSON, "link", List.of("id"));
    for (ListSplit split : ListSplit.of(list.toString(), conf, 1 << 20)) {
      rows.read(split, s);
    }
    assertEquals("{\"id\":7}", sources().get("imgs/a.jpg").columns());
    List<ThumbResult> r = rejected();
    assertEquals(3, r.size(), r.toString());
    String file = Images.hadoopPath(list);
    assertEquals(file + " at byte " + first.length(), r.get(0).source());
    assertTrue(r.get(0).failure().message().endsWith("not a JSON object"), r.get(0).failure()
        .message());
    assertEquals(file + " at byte " + (first.length() + second.length()), r.get(1).source());
    assertTrue(r.get(1).failure().message().contains("no URL or path in column 'link'"));
    assertEquals("{\"id\":8}", r.get(1).columns());
    assertTrue(r.get(2).failure().message().contains("not a JSON object: "), r.get(2).failure()
        .message());
  }

  @Test
  void plainListsReadEveryLineAsItIs() throws IOException {
    Path list = dir.resolve("list.txt");
    Files.writeString(list, "imgs/a.jpg\n# a comment\n--help\n");
    ListingSettings s = Settings.builder().output("/o").build().listing();
    for (ListSplit split : ListSplit.of(list.toString(), conf, 1 << 20)) {
      rows.read(split, s);
    }
    assertEquals(java.util.Set.of("imgs/a.jpg"), sources().keySet());
    assertEquals(1, rejected().size());
    assertTrue(rejected().get(0).failure().message().contains("--help (" + Images.hadoopPath(list)
        + " at byte 23) does not exist"), rejected().get(0).failure().message());
  }
}
