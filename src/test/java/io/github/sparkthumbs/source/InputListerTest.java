package io.github.sparkthumbs.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.testing.Images;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lister without Spark: list files, the file-system policy, globs. */
class InputListerTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();

  private static List<String> read(byte[] data) throws IOException {
    List<String> out = new ArrayList<>();
    ListFile.read(new ByteArrayInputStream(data), new ListFile.Visitor() {
      @Override
      public void input(String text, long offset) {
        out.add(offset + ":" + text);
      }

      @Override
      public void badLine(long offset, String why) {
        out.add(offset + "!" + why);
      }
    });
    return out;
  }

  @Test
  void listLinesAreVerbatimInputs() throws IOException {
    String text = "\uFEFFa.jpg\r\n# comment\r\n\r\n  dir/#x.jpg  \n--help\n'q' \"r\".jpg\na b.jpg";
    // named by the byte offset where each line starts (the byte-order mark is 3 bytes)
    assertEquals(List.of("0:a.jpg", "23:dir/#x.jpg", "38:--help", "45:'q' \"r\".jpg", "57:a b.jpg"),
        read(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void badLinesAreReportedAndTheRestStillCounts() throws IOException {
    byte[] bad = {'x', (byte) 0xFF, '\n', 'o', 'k', '\n'};
    List<String> lines = read(bad);
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("0!line is not valid UTF-8"), lines.get(0));
    assertEquals("3:ok", lines.get(1));

    byte[] huge = new byte[ListFile.MAX_LINE_BYTES + 10 + 3];
    java.util.Arrays.fill(huge, (byte) 'a');
    huge[huge.length - 3] = '\n';
    huge[huge.length - 2] = 'b';
    huge[huge.length - 1] = '\n';
    assertEquals(List.of("0!line is longer than " + ListFile.MAX_LINE_BYTES + " bytes",
        (huge.length - 2) + ":b"), read(huge));
  }

  @Test
  void listLinesMayNameOnlyTrustedFileSystems() {
    FileSystemPolicy p = new FileSystemPolicy(conf,
        List.of("hdfs://nn:8020/photos", "@list.txt", "http://example.com/x.jpg"),
        List.of("s3a://bucket"));
    assertNull(p.refusal(URI.create("/local/a.jpg")));
    assertNull(p.refusal(URI.create("file:/local/a.jpg")));
    assertNull(p.refusal(URI.create("hdfs://nn:8020/other/a.jpg")));
    assertNull(p.refusal(URI.create("HDFS://NN:8020/a.jpg")));
    assertNull(p.refusal(URI.create("s3a://bucket/a.jpg")));
    assertTrue(p.refusal(URI.create("hdfs://nn:9000/a.jpg")).contains("hdfs://nn:9000"));
    assertTrue(p.refusal(URI.create("hdfs://other:8020/a.jpg")).contains(FileSystemPolicy.FLAG));
    assertTrue(p.refusal(URI.create("s3a://other/a.jpg")) != null);
    assertTrue(p.refusal(URI.create("webhdfs://nn:8020/a.jpg")) != null);
  }

  @Test
  void aGlobOverAFolderWithAColonNameListsIt() throws IOException {
    Images.write(dir.resolve("in/col:on.jpg"), Images.jpeg(20, 20, 1));
    Images.write(dir.resolve("in/plain.jpg"), Images.jpeg(20, 20, 2));
    InputLister.Listing l = InputLister.list(List.of(dir.resolve("in") + "/*.jpg"),
        new org.apache.hadoop.fs.Path(dir.resolve("out").toUri()), conf);
    assertEquals(List.of(), l.rejected().stream().map(r -> r.failure().message()).toList());
    assertEquals(List.of("col:on.jpg", "plain.jpg"),
        l.sources().stream().map(Source::stem).sorted().toList());
  }
}
