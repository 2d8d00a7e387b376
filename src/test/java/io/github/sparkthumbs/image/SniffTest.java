package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What unreadable content is named, at the edges of its signatures: an XWD header size at its
 * limits in either byte order, an {@code ftyp} box whose size decides which brands count.
 */
class SniffTest {
  /** An XWD dump of {@code length} bytes with header size bytes {@code size} and version 7. */
  private static byte[] xwd(int length, boolean bigEndian, int b0, int b1, int b2, int b3) {
    byte[] b = new byte[length];
    b[0] = (byte) b0;
    b[1] = (byte) b1;
    b[2] = (byte) b2;
    b[3] = (byte) b3;
    b[bigEndian ? 7 : 4] = 7;
    return b;
  }

  @Test
  void anXwdOfExactlyItsFixedHeaderIsNamed() {
    assertTrue(Sniff.isXwd(xwd(100, false, 100, 0, 0, 0)));
    assertTrue(Sniff.isXwd(xwd(100, true, 0, 0, 0, 100)));
    assertFalse(Sniff.isXwd(xwd(99, false, 100, 0, 0, 0)));
    assertEquals("XWD (X Window dump)", Sniff.knownUnreadable(xwd(100, true, 0, 0, 0, 100)));
  }

  /** Header sizes 100 to 65536 inclusive, each byte of the little-endian size in its place. */
  @ParameterizedTest(name = "{0} {1} {2} {3}: {4}")
  @CsvSource({
      "100, 0, 0, 0, true", // 100
      "99, 0, 0, 0, false",
      "0, 1, 0, 0, true", // 256
      "100, 1, 0, 0, true", // 356
      "0, 0, 1, 0, true", // 65536
      "1, 0, 1, 0, false", // 65537
      "100, 0, 1, 0, false", // 65636
      "100, 0, 0, 1, false", // 16777316
      "255, 255, 0, 0, true"}) // 65535
  void aLittleEndianHeaderSizeIsReadWhole(int b0, int b1, int b2, int b3, boolean xwd) {
    assertEquals(xwd, Sniff.isXwd(xwd(100, false, b0, b1, b2, b3)));
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}: {4}")
  @CsvSource({
      "0, 0, 0, 100, true",
      "0, 0, 0, 99, false",
      "0, 1, 0, 0, true",
      "0, 1, 0, 1, false",
      "1, 0, 0, 100, false"})
  void aBigEndianHeaderSizeIsReadWhole(int b0, int b1, int b2, int b3, boolean xwd) {
    assertEquals(xwd, Sniff.isXwd(xwd(100, true, b0, b1, b2, b3)));
  }

  @Test
  void anotherVersionIsNoXwd() {
    byte[] b = xwd(100, false, 100, 0, 0, 0);
    b[4] = 6;
    assertFalse(Sniff.isXwd(b));
    b[4] = 7;
    b[6] = 1;
    assertFalse(Sniff.isXwd(b));
    assertNull(Sniff.knownUnreadable(new byte[100]));
  }

  /** An {@code ftyp} box of {@code size} bytes holding {@code brands} (major, minor, compatible). */
  private static byte[] ftyp(int length, long size, String... brands) {
    byte[] b = new byte[length];
    b[0] = (byte) (size >> 24);
    b[1] = (byte) (size >> 16);
    b[2] = (byte) (size >> 8);
    b[3] = (byte) size;
    System.arraycopy("ftyp".getBytes(StandardCharsets.US_ASCII), 0, b, 4, 4);
    for (int i = 0; i < brands.length; i++) {
      System.arraycopy(brands[i].getBytes(StandardCharsets.US_ASCII), 0, b, 8 + 4 * i, 4);
    }
    return b;
  }

  /** {@code b} with {@code brand} written at {@code at}. */
  private static byte[] with(byte[] b, int at, String brand) {
    System.arraycopy(brand.getBytes(StandardCharsets.US_ASCII), 0, b, at, 4);
    return b;
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 5, 6, 7})
  void anyLetterOfFtypWrongIsNoHeif(int at) {
    byte[] b = ftyp(24, 24, "heic", "\0\0\0\0", "mif1", "heic");
    assertEquals("HEIC/HEIF", Sniff.heifKind(b));
    b[at] = 'x';
    assertNull(Sniff.heifKind(b));
  }

  /** The minor version is a number, not a brand, even when its bytes spell one. */
  @Test
  void theMinorVersionIsNoBrand() {
    assertEquals("HEIC/HEIF", Sniff.heifKind(ftyp(24, 24, "mif1", "avif", "miaf", "heic")));
    assertNull(Sniff.heifKind(ftyp(16, 16, "isom", "heic")));
  }

  /** A compatible brand counts up to the box's end, which its four size bytes give. */
  @Test
  void brandsCountUpToTheEndOfTheBox() {
    assertEquals("AVIF", Sniff.heifKind(ftyp(24, 20, "isom", "\0\0\0\0", "avif")));
    assertNull(Sniff.heifKind(ftyp(24, 20, "isom", "\0\0\0\0", "iso2", "avif")));
    assertEquals("AVIF", Sniff.heifKind(with(ftyp(300, 0x100, "isom"), 200, "avif")));
    assertEquals("AVIF", Sniff.heifKind(with(ftyp(300, 0x100, "isom"), 252, "avif")));
    assertNull(Sniff.heifKind(with(ftyp(300, 0x100, "isom"), 256, "avif")));
    assertEquals("AVIF", Sniff.heifKind(with(ftyp(300, 0x10000, "isom"), 200, "avif")));
    assertEquals("AVIF", Sniff.heifKind(with(ftyp(300, 0x1000000, "isom"), 200, "avif")));
    assertEquals("AVIF", Sniff.heifKind(with(ftyp(300, 0x80000000L, "isom"), 200, "avif")));
  }

  /** No more than the first 4096 bytes of an outsized box are read. */
  @Test
  void aHugeBoxIsReadToItsFirst4096Bytes() {
    assertEquals("AVIF", Sniff.heifKind(with(ftyp(5000, 5000, "isom"), 4092, "avif")));
    assertNull(Sniff.heifKind(with(ftyp(5000, 5000, "isom"), 4096, "avif")));
  }

  /** A box that claims less than its own header still has its major brand read. */
  @Test
  void aBoxClaimingFewerThan16BytesHasItsMajorBrandRead() {
    assertEquals("HEIC/HEIF", Sniff.heifKind(ftyp(24, 8, "heic", "\0\0\0\0", "avif")));
    assertEquals("AVIF", Sniff.heifKind(ftyp(12, 0, "avif")));
  }
}
