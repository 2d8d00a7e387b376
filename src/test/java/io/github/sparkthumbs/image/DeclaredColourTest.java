package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.sparkthumbs.image.ColourProfiles.Declared;
import io.github.sparkthumbs.testing.Craft;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * The colour space a PNG or BMP declares, read from its bytes at the edges of its chunks and
 * headers: a chunk that ends exactly at the end of the file, a header one byte short, a profile of
 * exactly the cap, and every damaged {@code iCCP} with its reason.
 */
class DeclaredColourTest {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};

  /** The PNG signature, then {@code parts} as they are (whole chunks or cut ones). */
  private static byte[] png(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(SIGNATURE);
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A chunk's length, type and data without its CRC: the file ends with its data. */
  private static byte[] chunkWithoutCrc(String type, int length, byte[] data) {
    return ByteBuffer.allocate(8 + data.length).putInt(length)
        .put(type.getBytes(StandardCharsets.US_ASCII)).put(data).array();
  }

  private static byte[] zlib(byte[] data, byte[] dictionary) {
    Deflater d = new Deflater();
    if (dictionary != null) {
      d.setDictionary(dictionary);
    }
    d.setInput(data);
    d.finish();
    byte[] buf = new byte[data.length + 64];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  /** iCCP data: a profile name, its NUL, compression method 0, then {@code stream}. */
  private static byte[] iccpData(byte[] stream) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("icc".getBytes(StandardCharsets.US_ASCII));
    out.write(0);
    out.write(0);
    out.writeBytes(stream);
    return out.toByteArray();
  }

  private static byte[] profile(int size) {
    byte[] p = new byte[size];
    for (int i = 0; i < size; i++) {
      p[i] = (byte) (i * 7);
    }
    return p;
  }

  @Test
  void cicpIsReadFromItsFirstTwoBytes() {
    Declared d = DeclaredColour.of("png", png(Craft.chunk("cICP", new byte[] {12, 13, 0, 1}),
        Craft.chunk("IEND", new byte[0])));
    assertEquals(new Declared(null, 12, 13, null), d);
  }

  @Test
  void aCicpChunkEndingExactlyAtTheEndOfTheFileIsRead() {
    Declared d = DeclaredColour.ofPng(png(chunkWithoutCrc("cICP", 4, new byte[] {9, 16, 0, 1})));
    assertEquals(9, d.primaries());
    assertEquals(16, d.transfer());
  }

  @Test
  void aChunkLongerThanTheRestOfTheFileEndsTheWalk() {
    assertNull(DeclaredColour.ofPng(png(chunkWithoutCrc("cICP", 5, new byte[] {9, 16, 0, 1}))));
    assertNull(DeclaredColour.ofPng(png(chunkWithoutCrc("iCCP", 1000, iccpData(new byte[4])))));
  }

  @Test
  void aPngWithoutADeclarationDeclaresNothing() {
    assertNull(DeclaredColour.ofPng(png(Craft.chunk("tEXt", "a\0b".getBytes(StandardCharsets.UTF_8)))));
    assertNull(DeclaredColour.ofPng(png(Craft.chunk("IDAT", new byte[] {1, 2}),
        Craft.chunk("cICP", new byte[] {12, 13, 0, 1}))));
    assertNull(DeclaredColour.of("gif", png(Craft.chunk("cICP", new byte[] {12, 13, 0, 1}))));
  }

  /** A header that ends the file after its type: an empty iCCP is a chunk too, and damaged. */
  @Test
  void anEmptyChunkAtTheVeryEndIsRead() {
    assertEquals("PNG iCCP chunk without a deflate stream",
        DeclaredColour.ofPng(png(chunkWithoutCrc("iCCP", 0, new byte[0]))).problem());
  }

  @Test
  void aCicpOfFewerThanFourBytesIsSkippedForTheIccp() {
    byte[] icc = profile(600);
    Declared d = DeclaredColour.ofPng(png(Craft.chunk("cICP", new byte[] {12, 13, 0}),
        Craft.chunk("iCCP", iccpData(zlib(icc, null))), Craft.chunk("IEND", new byte[0])));
    assertArrayEquals(icc, d.icc());
  }

  @Test
  void theFirstIccpCountsAndCicpTakesPrecedence() {
    byte[] first = profile(300);
    byte[] second = profile(400);
    Declared d = DeclaredColour.ofPng(png(Craft.chunk("iCCP", iccpData(zlib(first, null))),
        Craft.chunk("iCCP", iccpData(zlib(second, null)))));
    assertArrayEquals(first, d.icc());
    Declared both = DeclaredColour.ofPng(png(Craft.chunk("iCCP", iccpData(zlib(first, null))),
        Craft.chunk("cICP", new byte[] {11, 13, 0, 1})));
    assertEquals(new Declared(null, 11, 13, null), both);
  }

  @Test
  void anIccpEndingExactlyAtTheEndOfTheFileIsInflated() {
    byte[] icc = profile(3000);
    byte[] data = iccpData(zlib(icc, null));
    Declared d = DeclaredColour.ofPng(png(chunkWithoutCrc("iCCP", data.length, data)));
    assertArrayEquals(icc, d.icc());
    assertNull(d.problem());
  }

  @Test
  void anIccpNameWithoutItsNulHasNoStream() {
    byte[] name = "no-terminator".getBytes(StandardCharsets.US_ASCII);
    // its CRC (zeros here) follows: the walk must not take it for the NUL and the method
    assertEquals("PNG iCCP chunk without a deflate stream", DeclaredColour.ofPng(
        png(chunkWithoutCrc("iCCP", name.length, name), new byte[] {0, 0, 0, 0})).problem());
    assertEquals("PNG iCCP chunk without a deflate stream",
        DeclaredColour.ofPng(png(chunkWithoutCrc("iCCP", name.length, name))).problem());
  }

  @Test
  void anIccpWithAnotherCompressionMethodHasNoStream() {
    byte[] data = iccpData(zlib(profile(100), null));
    data[4] = 1;
    assertEquals("PNG iCCP chunk without a deflate stream",
        DeclaredColour.ofPng(png(Craft.chunk("iCCP", data))).problem());
  }

  @Test
  void anIccpOfNameNulAndMethodOnlyIsCutOff() {
    assertEquals("PNG iCCP profile is cut off",
        DeclaredColour.ofPng(png(Craft.chunk("iCCP", iccpData(new byte[0])))).problem());
  }

  @Test
  void aStreamCutOffOrNeedingADictionaryIsCutOff() {
    byte[] z = zlib(profile(20_000), null);
    byte[] cut = java.util.Arrays.copyOf(z, z.length / 2);
    assertEquals("PNG iCCP profile is cut off",
        DeclaredColour.ofPng(png(Craft.chunk("iCCP", iccpData(cut)), Craft.chunk("IEND", new byte[0])))
            .problem());
    byte[] dict = zlib(profile(500), "dictionary".getBytes(StandardCharsets.US_ASCII));
    assertEquals("PNG iCCP profile is cut off",
        DeclaredColour.ofPng(png(Craft.chunk("iCCP", iccpData(dict)))).problem());
  }

  @Test
  void aStreamThatIsNotZlibCannotBeInflated() {
    assertEquals("PNG iCCP profile cannot be inflated: incorrect header check",
        DeclaredColour.ofPng(png(Craft.chunk("iCCP", iccpData(new byte[] {1, 2, 3, 4}))))
            .problem());
  }

  @Test
  void aProfileOfExactlyTheCapIsKeptAndOneMoreByteIsNot() {
    byte[] atCap = new byte[ColourProfiles.MAX_PROFILE_BYTES];
    assertEquals(ColourProfiles.MAX_PROFILE_BYTES, DeclaredColour.ofPng(
        png(Craft.chunk("iCCP", iccpData(zlib(atCap, null))))).icc().length);
    byte[] over = new byte[ColourProfiles.MAX_PROFILE_BYTES + 1];
    assertEquals("PNG iCCP profile is over 4194304 bytes", DeclaredColour.ofPng(
        png(Craft.chunk("iCCP", iccpData(zlib(over, null))))).problem());
  }

  /**
   * A BMP of {@code length} bytes: a BITMAPFILEHEADER, an info header of {@code headerSize}
   * claiming colour space {@code csType}, and a profile at {@code profileAt} (from the info
   * header) of {@code profileSize} bytes; the bytes from 138 on count up from 1.
   */
  private static byte[] bmp(int length, int headerSize, int csType, long profileAt,
      long profileSize) {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(0, (byte) 'B').put(1, (byte) 'M').putInt(2, length);
    b.putInt(14, headerSize);
    b.putInt(14 + 56, csType);
    if (length >= 14 + 120) {
      b.putInt(14 + 112, (int) profileAt).putInt(14 + 116, (int) profileSize);
    }
    for (int i = 138; i < length; i++) {
      b.put(i, (byte) (i - 137));
    }
    return b.array();
  }

  private static final int MBED = 0x4D424544;

  @Test
  void aBmpProfileIsCopiedFromWhereTheHeaderSays() {
    Declared d = DeclaredColour.of("bmp", bmp(148, 124, MBED, 124, 10));
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, d.icc());
  }

  @Test
  void aBmpOfExactlyAV5HeaderHasAnEmptyProfile() {
    assertArrayEquals(new byte[0], DeclaredColour.ofBmp(bmp(138, 124, MBED, 124, 0)).icc());
  }

  @Test
  void aBmpOneByteShortOfAV5HeaderDeclaresNothing() {
    byte[] whole = bmp(138, 124, MBED, 124, 0);
    assertNull(DeclaredColour.ofBmp(java.util.Arrays.copyOf(whole, 137)));
  }

  @Test
  void aBmpWithAnOlderHeaderOrAnotherColourSpaceDeclaresNothing() {
    assertNull(DeclaredColour.ofBmp(bmp(200, 123, MBED, 124, 10)));
    assertNull(DeclaredColour.ofBmp(bmp(200, 124, 0x73524742, 124, 10))); // 'sRGB'
    assertArrayEquals(new byte[] {1, 2}, DeclaredColour.ofBmp(bmp(200, 125, MBED, 124, 2)).icc());
  }

  @Test
  void aBmpProfileOfExactlyTheCapIsPastTheEndAndOneMoreIsOver() {
    int cap = ColourProfiles.MAX_PROFILE_BYTES;
    assertEquals("BMP profile at 138 (4194304 bytes) is past the end of the file (200 bytes)",
        DeclaredColour.ofBmp(bmp(200, 124, MBED, 124, cap)).problem());
    assertEquals("BMP profile of 4194305 bytes is over 4194304",
        DeclaredColour.ofBmp(bmp(200, 124, MBED, 124, cap + 1L)).problem());
  }

  @Test
  void aBmpProfileEndingExactlyAtTheEndIsKeptAndOneByteMoreIsPastIt() {
    assertEquals(62, DeclaredColour.ofBmp(bmp(200, 124, MBED, 124, 62)).icc().length);
    assertEquals("BMP profile at 138 (63 bytes) is past the end of the file (200 bytes)",
        DeclaredColour.ofBmp(bmp(200, 124, MBED, 124, 63)).problem());
  }
}
