package io.github.sparkthumbs.source;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads an {@code @list} file: one line is one input, verbatim. A list often comes from elsewhere
 * (a CSV export, a crawl), so nothing in it is interpreted: no option, no quoting, no word
 * splitting, no comment after text ({@code dir/#x.jpg} is a file name). Only leading and trailing
 * whitespace, a UTF-8 byte-order mark, CR before LF, blank lines and lines that start with
 * {@code #} are dropped. A line that is not valid UTF-8, or longer than {@link #MAX_LINE_BYTES},
 * is reported as that line's failure; the rest of the list still counts. Lines are named by the
 * byte offset where they start ({@code list.txt at byte 1234}): a large list is read in splits by
 * many tasks, and only offsets are known without reading the whole file first.
 */
public final class ListFile {
  /**
   * Far above PATH_MAX (4096) and the longest URLs servers accept (8-64 KB); bounds the memory a
   * list without line breaks can take.
   */
  public static final int MAX_LINE_BYTES = 64 * 1024;

  private ListFile() {}

  /** What a list's lines say, in order; a line is named by the byte offset where it starts. */
  public interface Visitor {
    void input(String text, long offset);

    void badLine(long offset, String why);
  }

  /** Reads {@code in} to its end, calling {@code v} for each input line and each bad line. */
  public static void read(InputStream in, Visitor v) throws IOException {
    readRange(in, 0, Long.MAX_VALUE, v);
  }

  /**
   * Reads the lines that start before {@code end}; {@code in} is positioned at the start of a
   * line, {@code offset} bytes into the file. This is how a split of a large list is read by one
   * task: the line that crosses {@code end} is read whole here, and skipped by the next split.
   */
  public static void readRange(InputStream in, long offset, long end, Visitor v)
      throws IOException {
    readRange(in, offset, end, MAX_LINE_BYTES, v);
  }

  /** As {@link #readRange(InputStream, long, long, Visitor)} with another line length bound. */
  public static void readRange(InputStream in, long offset, long end, int maxLineBytes,
      Visitor v) throws IOException {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    long pos = offset;
    long lineStart = offset;
    boolean tooLong = false;
    if (lineStart >= end) {
      return;
    }
    while (true) {
      int b = bin.read();
      if (b >= 0) {
        pos++;
      }
      if (b == '\n' || b < 0) {
        if (b < 0 && line.size() == 0 && !tooLong) {
          return;
        }
        if (tooLong) {
          v.badLine(lineStart, "line is longer than " + maxLineBytes + " bytes");
        } else {
          emit(line.toByteArray(), lineStart, utf8, v);
        }
        line.reset();
        tooLong = false;
        lineStart = pos;
        if (b < 0 || lineStart >= end) {
          return;
        }
      } else if (line.size() < maxLineBytes) {
        line.write(b);
      } else {
        tooLong = true;
      }
    }
  }

  private static void emit(byte[] raw, long offset, CharsetDecoder utf8, Visitor v) {
    int start = 0;
    if (offset == 0 && raw.length >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB
        && (raw[2] & 0xFF) == 0xBF) {
      start = 3; // a byte-order mark, as Windows editors write them
    }
    String text;
    try {
      text = utf8.decode(ByteBuffer.wrap(raw, start, raw.length - start)).toString();
    } catch (CharacterCodingException e) {
      v.badLine(offset, "line is not valid UTF-8 (" + e + ")");
      return;
    }
    text = text.strip(); // also drops the CR of a CR LF line end
    if (!text.isEmpty() && !text.startsWith("#")) {
      v.input(text, offset);
    }
  }
}
