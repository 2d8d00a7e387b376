package io.github.sparkthumbs.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a CSV or TSV file as RFC 4180 and the programs that write lists (Python's
 * {@code csv} module, pandas, Excel, Spark) write them: a field that starts with {@code "} is
 * quoted, {@code ""} inside it is one quote, and separators and line breaks inside it are text; a
 * record ends at LF, CRLF or CR outside quotes. Text after a closing quote is kept, and a quote
 * inside an unquoted field is text, as Python's reader does. Blank lines are skipped.
 *
 * <p>Our own reader over bytes rather than a CSV library: a record is named by the byte offset
 * where it starts (as plain and JSON-lines rows are), its bytes are bounded and checked as UTF-8
 * one record at a time, and a bad record (too long, too many fields, not UTF-8) is consumed to its
 * end and reported alone, the next one read as usual. The libraries count decoded characters, not
 * bytes, and stop at the first such error.
 */
public final class CsvReader {
  /**
   * Far above a URL and its captions (a web crawl's alt texts are a few KB); keeps a record, and
   * the kept columns the manifest holds, well under Jackson's 20 M character bound on a string.
   */
  public static final int MAX_ROW_BYTES = 1 << 20;

  /**
   * One record.
   *
   * @param offset byte where it starts
   * @param fields its fields, or null when it is bad
   * @param error why it is bad, or null
   */
  public record Record(long offset, List<String> fields, String error) {}

  private final InputStream in;
  private final byte separator;
  private final int maxRowBytes;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteArrayOutputStream field = new ByteArrayOutputStream(256);
  private long pos;
  private int pushedBack = -2;

  /**
   * @param in positioned at the start of the file, buffered by the caller
   * @param separator {@code ,} or a tab
   */
  public CsvReader(InputStream in, char separator, int maxRowBytes) {
    this.in = in;
    this.separator = (byte) separator;
    this.maxRowBytes = maxRowBytes;
  }

  /** Bytes consumed so far. */
  public long position() {
    return pos;
  }

  /**
   * The next record that is not blank, or null at the end of the file.
   *
   * @param maxFields more fields than this make the record bad (a header's column count)
   */
  public Record next(int maxFields) throws IOException {
    return next(maxFields, false);
  }

  /**
   * The first record, read as a header: unlike a row it ends as soon as it passes the row bound,
   * so a header of hundreds of MB is not read to its end on the driver.
   */
  public Record header() throws IOException {
    return next(Integer.MAX_VALUE, true);
  }

  private Record next(int maxFields, boolean stopWhenLong) throws IOException {
    if (pos == 0) {
      skipByteOrderMark();
    }
    while (true) {
      Record r = record(maxFields, stopWhenLong);
      if (r != BLANK) {
        return r;
      }
    }
  }

  /** What {@link #record} returns for a blank line. */
  private static final Record BLANK = new Record(-1, null, null);

  private Record record(int maxFields, boolean stopWhenLong) throws IOException {
    long start = pos;
    List<String> fields = new ArrayList<>();
    field.reset();
    long count = 0; // fields, kept or not; a long as a row of 2^31 separators is only 2 GB
    boolean quoted = false; // inside a quoted field
    boolean started = false; // the current field has begun: a quote now is text
    boolean bad = false; // not valid UTF-8 (kept reading to the record's end)
    boolean any = false; // a byte other than the line end
    while (true) {
      int b = read();
      if (b < 0 && !any) {
        return null;
      }
      if (b < 0 && quoted) {
        return new Record(start, null, "a quoted field is not closed before the end of the"
            + " file (" + (pos - start) + " bytes from here)");
      }
      any = any || !(b == '\n' || b == '\r');
      if (stopWhenLong && pos - start > maxRowBytes) {
        return new Record(start, null, "row is longer than " + maxRowBytes + " bytes");
      }
      if (quoted) {
        if (b == '"') {
          int c = read();
          if (c == '"') {
            keep('"', start);
            continue;
          }
          unread(c);
          quoted = false; // text up to the separator is kept, as Python's reader does
          continue;
        }
        keep(b, start);
        continue;
      }
      boolean end = b < 0 || b == '\n' || b == '\r';
      if (b == '\r') {
        int c = read();
        if (c != '\n') {
          unread(c);
        }
      }
      if (end && !any) {
        return BLANK;
      }
      if (end || b == separator) {
        count++;
        if (count <= maxFields && pos - start <= maxRowBytes) { // a bad row keeps no fields
          String text = decode();
          bad |= text == null;
          fields.add(text);
        }
        field.reset();
        started = false;
        if (end) {
          break;
        }
      } else if (b == '"' && !started) {
        quoted = true;
        started = true;
      } else {
        started = true;
        keep(b, start);
      }
    }
    long length = pos - start;
    if (length > maxRowBytes) {
      return new Record(start, null, "row is longer than " + maxRowBytes + " bytes (" + length
          + ")");
    }
    if (count > maxFields) {
      return new Record(start, null, "row has " + count + " fields, its header " + maxFields);
    }
    if (bad) {
      return new Record(start, null, "row is not valid UTF-8");
    }
    return new Record(start, fields, null);
  }

  private void keep(int b, long start) {
    if (pos - start <= maxRowBytes) {
      field.write(b);
    }
  }

  private String decode() {
    try {
      return utf8.decode(ByteBuffer.wrap(field.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private void skipByteOrderMark() throws IOException {
    int a = read();
    if (a != 0xEF) {
      unread(a);
      return;
    }
    in.mark(2); // callers pass a BufferedInputStream
    if (in.read() == 0xBB && in.read() == 0xBF) {
      pos += 2;
      return;
    }
    in.reset();
    unread(a);
  }

  private int read() throws IOException {
    int b;
    if (pushedBack != -2) {
      b = pushedBack;
      pushedBack = -2;
    } else {
      b = in.read();
    }
    if (b >= 0) {
      pos++;
    }
    return b;
  }

  private void unread(int b) {
    pushedBack = b;
    if (b >= 0) {
      pos--;
    }
  }
}
