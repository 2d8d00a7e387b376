package io.github.sparkthumbs.image;

/**
 * Unsigned integers read from a byte array, for the container walkers (JPEG segments, PNG and
 * RIFF chunks, ICC tags). Callers check bounds first.
 */
final class Bytes {
  private Bytes() {}

  static int u16be(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  static long u32be(byte[] b, int p) {
    return ((long) (b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8)
        | (b[p + 3] & 0xFF);
  }

  static long u32le(byte[] b, int p) {
    return ((long) (b[p + 3] & 0xFF) << 24) | ((b[p + 2] & 0xFF) << 16) | ((b[p + 1] & 0xFF) << 8)
        | (b[p] & 0xFF);
  }
}
