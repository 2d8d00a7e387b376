package io.github.sparkthumbs.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CSV as Python's {@code csv} module, pandas and Excel write it (RFC 4180: doubled quotes, line
 * breaks inside quotes), each record named by the byte where it starts, and each bad record
 * reported alone with the next one read as usual.
 */
class CsvReaderTest {
  private static List<CsvReader.Record> read(byte[] data, char sep, int maxRowBytes, int fields)
      throws IOException {
    CsvReader r = new CsvReader(new BufferedInputStream(new ByteArrayInputStream(data)), sep,
        maxRowBytes);
    List<CsvReader.Record> out = new ArrayList<>();
    for (CsvReader.Record x = r.next(fields); x != null; x = r.next(fields)) {
      out.add(x);
    }
    return out;
  }

  private static List<CsvReader.Record> read(String text) throws IOException {
    return read(text.getBytes(StandardCharsets.UTF_8), ',', 1 << 20, 3);
  }

  @Test
  void aCaptionWrittenByPythonsCsvModuleStaysInItsColumn() throws IOException {
    // csv.writer(f).writerow(["7", "a.jpg", 'x\\",/etc/passwd,"y']): quotes doubled, no escape
    String row = "7,a.jpg,\"x\\\"\",/etc/passwd,\"\"y\"\r\n";
    List<CsvReader.Record> r = read("id,url,caption\r\n" + row + "8,b.jpg,plain\r\n");
    assertEquals(3, r.size());
    assertEquals(List.of("7", "a.jpg", "x\\\",/etc/passwd,\"y"), r.get(1).fields());
    assertEquals(List.of("8", "b.jpg", "plain"), r.get(2).fields());
    assertEquals("id,url,caption\r\n".length() + row.length(), r.get(2).offset());
  }

  @Test
  void quotedLineBreaksBlankLinesAndAByteOrderMark() throws IOException {
    String text = "\uFEFFurl,caption\n\n\"a.jpg\",\"two\nlines\"\r\n\r\nb.jpg,\"\"\rc.jpg,x\"y";
    List<CsvReader.Record> r = read(text);
    assertEquals(4, r.size(), r.toString());
    assertEquals(List.of("url", "caption"), r.get(0).fields());
    assertEquals(List.of("a.jpg", "two\nlines"), r.get(1).fields());
    assertEquals(text.indexOf("\"a.jpg\"") + 2, r.get(1).offset(), "in bytes: the BOM is 3");
    assertEquals(List.of("b.jpg", ""), r.get(2).fields());
    assertEquals(List.of("c.jpg", "x\"y"), r.get(3).fields(), "a quote inside a field is text");
  }

  @Test
  void tabSeparatedIsTheSameFormat() throws IOException {
    List<CsvReader.Record> r = read("url\tcaption\na.jpg\t\"with\ttab, and comma\"\n"
        .getBytes(StandardCharsets.UTF_8), '\t', 1 << 20, 2);
    assertEquals(List.of("a.jpg", "with\ttab, and comma"), r.get(1).fields());
  }

  @Test
  void aHeaderOfMillionsOfSeparatorsStopsAtTheRowBound() throws IOException {
    byte[] data = (",".repeat(5_000_000) + "\nurl\na.jpg\n").getBytes(StandardCharsets.UTF_8);
    CsvReader r = new CsvReader(new BufferedInputStream(new ByteArrayInputStream(data)), ',',
        1 << 20);
    CsvReader.Record h = r.header();
    assertNull(h.fields());
    assertEquals("row is longer than 1048576 bytes", h.error());
    // returned at the bound, not after reading (and splitting) the 5 MB line
    assertTrue(r.position() <= (1 << 20) + 1, "read " + r.position());
  }

  @Test
  void aBadRowIsReportedAloneAndTheNextOneIsRead() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("url,caption\n".getBytes(StandardCharsets.UTF_8));
    long huge = b.size();
    // a quoted cell of 3 MB holding separators, quotes and line breaks: consumed, not kept
    b.writeBytes(("a.jpg,\"" + "x,\"\"\n".repeat(600_000) + "\"\n")
        .getBytes(StandardCharsets.UTF_8));
    long many = b.size();
    b.writeBytes(("b.jpg" + ",".repeat(20_481) + "\n").getBytes(StandardCharsets.UTF_8));
    long notUtf8 = b.size();
    b.writeBytes(new byte[] {'c', '.', 'j', 'p', 'g', ',', (byte) 0xC3, 0x28, '\n'});
    long fine = b.size();
    b.writeBytes("e.jpg,fine\n".getBytes(StandardCharsets.UTF_8));
    long unclosed = b.size();
    b.writeBytes("f.jpg,\"never closed\ng.jpg,x\n".getBytes(StandardCharsets.UTF_8));
    List<CsvReader.Record> r = read(b.toByteArray(), ',', 1 << 20, 2);

    assertEquals(6, r.size(), r.toString());
    assertEquals(huge, r.get(1).offset());
    assertNull(r.get(1).fields());
    assertEquals("row is longer than 1048576 bytes (3000009)", r.get(1).error());
    assertEquals(many, r.get(2).offset());
    assertEquals("row has 20482 fields, its header 2", r.get(2).error());
    assertEquals(notUtf8, r.get(3).offset());
    assertEquals("row is not valid UTF-8", r.get(3).error());
    assertEquals(fine, r.get(4).offset());
    assertEquals(List.of("e.jpg", "fine"), r.get(4).fields());
    // RFC 4180 makes the rest of the file the field that "never closed opens
    assertEquals(unclosed, r.get(5).offset());
    assertTrue(r.get(5).error().startsWith("a quoted field is not closed"), r.get(5).error());
  }
}
