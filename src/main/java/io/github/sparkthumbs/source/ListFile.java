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
 * is reported as that line's failure; the rest of the list still counts.
 */
public final class ListFile {
  /**
   * Far above PATH_MAX (4096) and the longest URLs servers accept (8-64 KB); bounds the memory a
   * list without line breaks can take.
   */
  public static final int MAX_LINE_BYTES = 64 * 1024;

  private ListFile() {}

  /** What a list's lines say, in order. */
  public interface Visitor {
    void input(String text, int lineNumber);

    void badLine(int lineNumber, String why);
  }

  /** Reads {@code in} to its end, calling {@code v} for each input line and each bad line. */
  public static void read(InputStream in, Visitor v) throws IOException {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    int number = 0;
    boolean tooLong = false;
    while (true) {
      int b = bin.read();
      if (b == '\n' || b < 0) {
        if (b < 0 && line.size() == 0 && !tooLong) {
          return;
        }
        number++;
        if (tooLong) {
          v.badLine(number, "line is longer than " + MAX_LINE_BYTES + " bytes");
        } else {
          emit(line.toByteArray(), number, utf8, v);
        }
        line.reset();
        tooLong = false;
        if (b < 0) {
          return;
        }
      } else if (line.size() < MAX_LINE_BYTES) {
        line.write(b);
      } else {
        tooLong = true;
      }
    }
  }

  private static void emit(byte[] raw, int number, CharsetDecoder utf8, Visitor v) {
    int start = 0;
    if (number == 1 && raw.length >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB
        && (raw[2] & 0xFF) == 0xBF) {
      start = 3; // a byte-order mark, as Windows editors write them
    }
    String text;
    try {
      text = utf8.decode(ByteBuffer.wrap(raw, start, raw.length - start)).toString();
    } catch (CharacterCodingException e) {
      v.badLine(number, "line is not valid UTF-8 (" + e + ")");
      return;
    }
    text = text.strip(); // also drops the CR of a CR LF line end
    if (!text.isEmpty() && !text.startsWith("#")) {
      v.input(text, number);
    }
  }
}
