package io.github.sparkthumbs.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A list read in byte-range splits reads every line exactly once, whatever the split size. */
class ListSplitTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();

  private List<String> read(Path file, long splitBytes) throws IOException {
    List<String> out = new ArrayList<>();
    List<ListSplit> splits = ListSplit.of(file.toString(), conf, splitBytes);
    for (ListSplit s : splits) {
      s.read(conf, new ListFile.Visitor() {
        @Override
        public void input(String text, long offset) {
          out.add(offset + ":" + text);
        }

        @Override
        public void badLine(long offset, String why) {
          out.add(offset + "!" + why.substring(0, 12));
        }
      });
    }
    return out;
  }

  @Test
  void everyLineOnceForEverySplitSize() throws IOException {
    Path file = dir.resolve("list.txt");
    Random r = new Random(7);
    List<String> expected = new ArrayList<>();
    long offset = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < 300; i++) {
        byte[] line;
        String seen;
        if (i % 97 == 5) {
          line = new byte[] {'b', (byte) 0xFF, 'd'};
          seen = offset + "!line is not ";
        } else if (i % 31 == 3) {
          line = new byte[0]; // blank: no input
          seen = null;
        } else {
          String text = "p/" + i + "-" + "x".repeat(r.nextInt(40)) + ".jpg";
          line = text.getBytes(StandardCharsets.UTF_8);
          seen = offset + ":" + text;
        }
        out.write(line);
        boolean crlf = i % 5 == 0;
        out.write(crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
        if (seen != null) {
          expected.add(seen);
        }
        offset += line.length + (crlf ? 2 : 1);
      }
      out.write("last-without-newline.jpg".getBytes(StandardCharsets.UTF_8));
      expected.add(offset + ":last-without-newline.jpg");
    }
    for (long size : new long[] {1, 2, 3, 7, 29, 64, 1000, 1 << 20}) {
      assertEquals(expected, read(file, size), "split size " + size);
    }
  }

  @Test
  void aFolderOfListsSkipsHiddenAndUnderscoreFiles() throws IOException {
    Files.createDirectories(dir.resolve("lists"));
    Files.writeString(dir.resolve("lists/a.txt"), "a.jpg\n");
    Files.writeString(dir.resolve("lists/b.txt"), "b.jpg\n");
    Files.writeString(dir.resolve("lists/_SUCCESS"), "");
    Files.writeString(dir.resolve("lists/.a.txt.crc"), "junk\n");
    assertEquals(List.of("0:a.jpg", "0:b.jpg"), read(dir.resolve("lists"), 1 << 20));
    assertEquals(List.of("0:a.jpg", "0:b.jpg"), read(dir.resolve("lists/*.txt"), 1 << 20));
  }

  @Test
  void aLinkToItsOwnFolderInAParquetFolderIsNotFollowed() throws IOException {
    Path lists = Files.createDirectories(dir.resolve("lists/part=1"));
    Files.writeString(lists.resolve("a.parquet"), "x");
    Files.createSymbolicLink(lists.resolve("loop"), Path.of("."));
    Files.createSymbolicLink(dir.resolve("lists/up"), Path.of("."));
    assertEquals(List.of("file:" + lists.resolve("a.parquet")), ListSplit
        .files(dir.resolve("lists").toString(), conf, true).stream()
        .map(f -> f.getPath().toString()).toList());
  }

  @Test
  void anEmptyListHasNoLines() throws IOException {
    Files.writeString(dir.resolve("empty.txt"), "");
    assertEquals(List.of(), read(dir.resolve("empty.txt"), 4));
  }
}
