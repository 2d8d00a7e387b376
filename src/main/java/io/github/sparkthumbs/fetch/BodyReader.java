package io.github.sparkthumbs.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a response body into one array without trusting the server's word: a declared length is
 * allocated only once bytes arrive, and a body of unknown length stops at the byte limit.
 */
final class BodyReader {
  private static final int BUFFER = 64 * 1024;
  /** Largest block a body of unknown length is read into. */
  private static final int MAX_BLOCK = 8 << 20;

  private BodyReader() {}

  /** A body of unknown length passed the byte limit; the caller closes the connection. */
  static final class OverLimit extends Exception {
    OverLimit() {
      super(null, null, false, false);
    }
  }

  /**
   * A body of a declared length: its array is made when the first bytes arrive, not on the
   * server's word alone, and filled in place.
   */
  static byte[] declared(InputStream in, int declared) throws IOException {
    byte[] first = new byte[Math.min(BUFFER, Math.max(declared, 1))];
    int n = in.read(first);
    if (n < 0) {
      return new byte[0]; // a declared length of 0 (HttpClient ends a short body with an error)
    }
    byte[] body = new byte[declared];
    System.arraycopy(first, 0, body, 0, n);
    int filled = n;
    while (filled < declared && (n = in.read(body, filled, declared - filled)) >= 0) {
      filled += n;
    }
    if (filled < declared) {
      throw new IOException("body ended after " + filled + " of " + declared + " bytes");
    }
    return body;
  }

  /**
   * A body of unknown length, in blocks that double up to {@link #MAX_BLOCK} as they fill, and
   * joined at the end (that copy briefly holds the body twice: within its reservation of the
   * whole --max-bytes for bodies up to half of it).
   */
  static byte[] untilEnd(InputStream in, long maxBytes) throws IOException, OverLimit {
    List<byte[]> blocks = new ArrayList<>();
    byte[] block = new byte[BUFFER];
    int fill = 0;
    long total = 0;
    for (int n; (n = in.read(block, fill, block.length - fill)) >= 0; ) {
      total += n;
      if (total > maxBytes) {
        throw new OverLimit();
      }
      fill += n;
      if (fill == block.length) {
        blocks.add(block);
        block = new byte[Math.min(block.length * 2, MAX_BLOCK)];
        fill = 0;
      }
    }
    byte[] body = new byte[(int) total];
    int at = 0;
    for (int i = 0; i < blocks.size(); i++) {
      byte[] b = blocks.get(i);
      System.arraycopy(b, 0, body, at, b.length);
      at += b.length;
      blocks.set(i, null); // collectable while the rest is copied
    }
    System.arraycopy(block, 0, body, at, fill);
    return body;
  }
}
