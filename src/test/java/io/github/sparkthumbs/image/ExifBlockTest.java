package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.sparkthumbs.testing.Craft;
import io.github.sparkthumbs.testing.ExifImages;
import io.github.sparkthumbs.testing.Images;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Where the EXIF block is found in each container, at exact byte positions: TIFF and BigTIFF
 * headers in both byte orders, PNG and WebP chunk walks at their edges (a chunk that ends exactly
 * at the end of the file, an empty chunk, odd sizes and their pad byte, sizes over 64 KB), and the
 * "Exif\0\0" prefix at its minimum size. Then what the metadata reader does with the block: IFD0
 * only, and nothing outside the block.
 */
class ExifBlockTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
  private static final byte[] TIFF6 = ExifImages.exif(6, ByteOrder.LITTLE_ENDIAN);

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] tiffHeader(int... first4) {
    byte[] b = new byte[8];
    for (int i = 0; i < 4; i++) {
      b[i] = (byte) first4[i];
    }
    b[4] = 8; // IFD0 offset (either order: 8 or 0x08000000; nothing follows anyway)
    return b;
  }

  @Test
  void tiffAndBigTiffHeadersInBothOrders() {
    for (int[] h : new int[][] {{'I', 'I', 42, 0}, {'I', 'I', 43, 0}, {'M', 'M', 0, 42},
        {'M', 'M', 0, 43}}) {
      // eight bytes, the smallest TIFF header: the whole file is the block
      assertArrayEquals(new int[] {0, 8}, ExifBlock.find(tiffHeader(h)), Arrays.toString(h));
    }
    for (int[] h : new int[][] {{'I', 'I', 42, 1}, {'I', 'I', 44, 0}, {'I', 'I', 0, 42},
        {'M', 'M', 1, 42}, {'M', 'M', 0, 44}, {'M', 'M', 42, 0}, {'I', 'M', 42, 0},
        {'M', 'I', 0, 42}}) {
      assertNull(ExifBlock.find(tiffHeader(h)), Arrays.toString(h));
    }
    assertNull(ExifBlock.find(Arrays.copyOf(tiffHeader('I', 'I', 42, 0), 7)));
  }

  // ---- PNG --------------------------------------------------------------------------------

  private static byte[] pngWith(byte[]... chunks) throws IOException {
    byte[] png = Images.encode(Images.quadrants(8, 8), "png");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(png);
    for (byte[] c : chunks) {
      out.writeBytes(c);
    }
    return out.toByteArray();
  }

  /** Nothing after IEND belongs to the image. */
  @Test
  void pngExifAfterIendIsIgnored() throws IOException {
    byte[] png = pngWith(Craft.chunk("eXIf", TIFF6));
    assertNull(ExifBlock.find(png));
    assertEquals(1, ExifOrientation.read(png));
  }

  /** A file cut right after the eXIf data (its CRC lost): the chunk is whole, and read. */
  @Test
  void pngExifEndingAtTheEndOfTheFile() throws IOException {
    byte[] png = Images.encode(Images.quadrants(8, 8), "png");
    int iend = Craft.pngChunkData(png, "IEND") - 8;
    byte[] chunk = Craft.chunk("eXIf", TIFF6);
    byte[] cut = new byte[iend + chunk.length - 4];
    System.arraycopy(png, 0, cut, 0, iend);
    System.arraycopy(chunk, 0, cut, iend, chunk.length - 4);
    assertArrayEquals(new int[] {iend + 8, cut.length}, ExifBlock.find(cut));
    assertEquals(6, ExifOrientation.read(cut));
    // one byte less and the chunk is not whole
    assertNull(ExifBlock.find(Arrays.copyOf(cut, cut.length - 1)));
  }

  /** An empty eXIf chunk whose header ends the file: an empty block at the end. */
  @Test
  void emptyPngExifAtTheEnd() {
    byte[] b = Arrays.copyOf(PNG_SIGNATURE, 16);
    System.arraycopy(ascii("eXIf"), 0, b, 12, 4);
    assertArrayEquals(new int[] {16, 16}, ExifBlock.find(b));
  }

  /** "Exif\0\0" and nothing else: the prefix is skipped, leaving an empty block. */
  @Test
  void prefixOnly() throws IOException {
    byte[] png = ExifImages.png(Images.encode(Images.quadrants(8, 8), "png"), ascii("Exif\0\0"),
        false);
    int data = Craft.pngChunkData(png, "eXIf");
    assertArrayEquals(new int[] {data + 6, data + 6}, ExifBlock.find(png));
  }

  // ---- WebP -------------------------------------------------------------------------------

  /** RIFF around the chunks, with the RIFF size. */
  private static byte[] riff(byte[]... chunks) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(ascii("WEBP"));
    for (byte[] c : chunks) {
      body.writeBytes(c);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExifImages.riffChunk(out, "RIFF", body.toByteArray());
    return out.toByteArray();
  }

  private static byte[] riffChunk(String fourcc, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExifImages.riffChunk(out, fourcc, data);
    return out.toByteArray();
  }

  /** Chunks of odd size are followed by a pad byte, which the walk must step over. */
  @Test
  void webpOddChunkBeforeExif() {
    byte[] webp = riff(riffChunk("VP8X", new byte[10]), riffChunk("XMP ", ascii("<x/>>")),
        riffChunk("EXIF", TIFF6));
    // RIFF header 0-11, VP8X 12-29, XMP 30-43 (8 + 5 + pad), EXIF header 44-51
    assertArrayEquals(new int[] {52, 52 + TIFF6.length}, ExifBlock.find(webp));
    assertEquals(6, ExifOrientation.read(webp));
  }

  /** Sizes are 32-bit little-endian: a 70000-byte XMP chunk is skipped whole. */
  @Test
  void webpChunkOver64KbBeforeExif() {
    byte[] webp = riff(riffChunk("VP8X", new byte[10]), riffChunk("XMP ", new byte[70000]),
        riffChunk("EXIF", TIFF6));
    int exif = 12 + 18 + 8 + 70000 + 8;
    assertArrayEquals(new int[] {exif, exif + TIFF6.length}, ExifBlock.find(webp));
    assertEquals(6, ExifOrientation.read(webp));
  }

  /** An empty EXIF chunk whose header ends the RIFF data. */
  @Test
  void emptyWebpExifAtTheEnd() {
    byte[] webp = riff(riffChunk("EXIF", new byte[0]));
    assertEquals(20, webp.length);
    assertArrayEquals(new int[] {20, 20}, ExifBlock.find(webp));
  }

  /**
   * Five bytes "Exif\0" and the pad byte 0: six bytes that spell the prefix, but only five are
   * the block. Too short for the prefix, so the block is kept as it is.
   */
  @Test
  void aPrefixNeedsSixBytesOfTheBlock() {
    byte[] webp = riff(riffChunk("EXIF", ascii("Exif\0")));
    assertArrayEquals(new int[] {20, 25}, ExifBlock.find(webp));
  }

  // ---- what is read from the block ----------------------------------------------------------

  /**
   * IFD0 describes the image; IFD1 describes the embedded thumbnail. An orientation only in
   * IFD1 is not the image's.
   */
  @Test
  void orientationOnlyInTheThumbnailIfdIsIgnored() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 + 18 + 18).order(ByteOrder.BIG_ENDIAN);
    b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
    b.putShort((short) 1); // IFD0: one entry, ImageWidth
    b.putShort((short) 256).putShort((short) 3).putInt(1).putShort((short) 8).putShort((short) 0);
    b.putInt(26); // next IFD: IFD1
    b.putShort((short) 1); // IFD1: orientation 6
    b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6)
        .putShort((short) 0);
    b.putInt(0);
    byte[] jpeg = ExifImages.jpeg(Images.encode(Images.quadrants(8, 8), "jpeg"), b.array());
    assertEquals(1, ExifOrientation.read(jpeg));
  }

  /**
   * IFD0 placed past the end of the APP1 segment, where the next segment happens to hold a valid
   * IFD: the block ends where its segment ends, so there is no IFD0 and no orientation.
   */
  @Test
  void nothingIsReadPastTheEndOfTheBlock() throws IOException {
    ByteBuffer tiff = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
    tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8 + 4); // past the block
    byte[] ifd = Arrays.copyOfRange(ExifImages.exif(6, ByteOrder.BIG_ENDIAN), 8, 8 + 18);
    byte[] base = Images.encode(Images.quadrants(8, 8), "jpeg");
    byte[] app2 = new byte[4 + ifd.length]; // FF E2, length, then the IFD bytes
    app2[0] = (byte) 0xFF;
    app2[1] = (byte) 0xE2;
    app2[3] = (byte) (2 + ifd.length);
    System.arraycopy(ifd, 0, app2, 4, ifd.length);
    byte[] withApp1 = ExifImages.jpeg(base, tiff.array());
    int after = 2 + 4 + 6 + 8; // SOI, APP1 header, "Exif\0\0", the 8-byte block
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(withApp1, 0, after);
    out.writeBytes(app2);
    out.write(withApp1, after, withApp1.length - after);
    assertEquals(1, ExifOrientation.read(out.toByteArray()));
  }

  /**
   * A block with a large value (a 100 KB XMP packet in IFD0) is read once in full: the read
   * budget grows with the block, not a fixed 64 KB.
   */
  @Test
  void aLargeValueInIfd0StillReadsTheOrientation() throws IOException {
    int xmp = 100_000;
    ByteBuffer b = ByteBuffer.allocate(8 + 2 + 24 + 4 + xmp).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    b.putShort((short) 2);
    b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6)
        .putShort((short) 0);
    b.putShort((short) 700).putShort((short) 1).putInt(xmp).putInt(8 + 2 + 24 + 4); // XMP
    b.putInt(0);
    byte[] png = ExifImages.png(Images.encode(Images.quadrants(8, 8), "png"), b.array(), false);
    assertEquals(6, ExifOrientation.read(png));
  }
}
