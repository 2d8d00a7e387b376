package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.sparkthumbs.testing.ExifImages;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The JPEG header walk and the ICC description reader on hand-laid bytes, with the exact
 * positions they must return: where the walk starts, what ends it, payloads at their minimum
 * size, and profiles whose tag table or text runs past the end of the segment.
 */
class JpegSegmentsTest {
  private static final String EXIF = "Exif\0\0";
  private static final byte[] TIFF = ExifImages.exif(6, ByteOrder.BIG_ENDIAN);

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Bytes, each int one byte, then the arrays. */
  private static byte[] bytes(int[] head, byte[]... rest) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int v : head) {
      out.write(v);
    }
    for (byte[] r : rest) {
      out.writeBytes(r);
    }
    return out.toByteArray();
  }

  /** A marker segment: 0xFF, marker, length (2 + payload), payload. */
  private static byte[] segment(int marker, byte[] payload) {
    int len = 2 + payload.length;
    return bytes(new int[] {0xFF, marker, len >> 8, len & 0xFF}, payload);
  }

  private static byte[] exifPayload() {
    return bytes(new int[0], ascii(EXIF), TIFF);
  }

  private static final int[] SOI = {0xFF, 0xD8};

  @Test
  void theExifPayloadIsBoundedByItsSegment() {
    byte[] jpeg = bytes(SOI, segment(0xE1, exifPayload()), segment(0xDA, new byte[4]));
    // SOI 0-1, FF E1 2-3, length 4-5, "Exif\0\0" 6-11, TIFF from 12
    assertArrayEquals(new int[] {12, 12 + TIFF.length}, JpegSegments.find(jpeg, 0xE1, EXIF));
    assertEquals(6, ExifOrientation.read(jpeg));
  }

  @Test
  void withoutSoiThereIsNoSegment() {
    byte[] tail = segment(0xE1, exifPayload());
    assertNull(JpegSegments.find(bytes(new int[] {0x00, 0xD8}, tail), 0xE1, EXIF));
    assertNull(JpegSegments.find(bytes(new int[] {0xFF, 0x00}, tail), 0xE1, EXIF));
    assertNull(JpegSegments.find(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, 0xE1, EXIF));
  }

  /** A byte other than 0xFF where a marker should be: the walk is lost and stops. */
  @Test
  void aMarkerWithoutItsFfEndsTheWalk() {
    byte[] payload = exifPayload();
    int len = 2 + payload.length;
    byte[] jpeg = bytes(new int[] {0xFF, 0xD8, 0x00, 0xE1, len >> 8, len & 0xFF}, payload);
    assertNull(JpegSegments.find(jpeg, 0xE1, EXIF));
    assertEquals(1, ExifOrientation.read(jpeg));
  }

  /** Segments after the start of scan or the end of image are not header segments. */
  @Test
  void theWalkStopsAtScanAndAtEndOfImage() {
    byte[] app1 = segment(0xE1, exifPayload());
    byte[] afterSos = bytes(new int[] {0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02}, app1);
    assertNull(JpegSegments.find(afterSos, 0xE1, EXIF));
    assertEquals(1, ExifOrientation.read(afterSos));
    byte[] afterEoi = bytes(new int[] {0xFF, 0xD8, 0xFF, 0xD9, 0x00, 0x02}, app1);
    assertNull(JpegSegments.find(afterEoi, 0xE1, EXIF));
    assertEquals(1, ExifOrientation.read(afterEoi));
  }

  /** A payload of exactly the prefix matches (an empty block); a shorter one does not. */
  @Test
  void payloadsAtTheirMinimumSize() {
    byte[] exact = bytes(SOI, segment(0xE1, ascii(EXIF)), segment(0xDA, new byte[4]));
    assertArrayEquals(new int[] {12, 12}, JpegSegments.find(exact, 0xE1, EXIF));
    byte[] shortFirst = bytes(SOI, segment(0xE1, ascii("Exif")), segment(0xE1, exifPayload()));
    // the short APP1 occupies 2-9; the real one's TIFF starts at 10 + 4 + 6
    assertArrayEquals(new int[] {20, 20 + TIFF.length},
        JpegSegments.find(shortFirst, 0xE1, EXIF));
    assertEquals(6, ExifOrientation.read(shortFirst));
  }

  /** A length past the end of the bytes: the payload is cut at the end. */
  @Test
  void aLengthPastTheEndIsCutAtTheEnd() {
    byte[] jpeg = bytes(new int[] {0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF}, exifPayload());
    assertArrayEquals(new int[] {12, jpeg.length}, JpegSegments.find(jpeg, 0xE1, EXIF));
  }

  /** An empty prefix matches a segment whose header is the last four bytes: payload {6, 6}. */
  @Test
  void aSegmentHeaderEndingAtTheEndIsStillRead() {
    byte[] jpeg = bytes(new int[] {0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x02});
    assertArrayEquals(new int[] {6, 6}, JpegSegments.find(jpeg, 0xE1, ""));
    // a segment ending exactly at the end is the last one looked at
    assertNull(JpegSegments.find(bytes(SOI, segment(0xE0, new byte[2])), 0xE1, ""));
  }

  // ---- frame sizes ------------------------------------------------------------------------

  /** A frame header's payload: precision 8, height, width (the 5 bytes a length of 7 holds). */
  private static byte[] frame(int w, int h) {
    return bytes(new int[] {8, h >> 8, h & 0xFF, w >> 8, w & 0xFF});
  }

  private static final byte[] SOF0 = segment(0xC0, frame(32, 16));

  private static int[] frameSize(byte[] b) {
    return JpegSegments.frameSize(b, 0, b.length);
  }

  /** SOF0 to SOF15 carry the size; DHT (C4), JPG (C8) and DAC (CC) share the range but do not. */
  @Test
  void everyFrameMarkerAndNoOther() {
    for (int m = 0xBF; m <= 0xD0; m++) {
      byte[] jpeg = bytes(SOI, segment(m, frame(32, 16)));
      boolean sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
      if (sof) {
        assertArrayEquals(new int[] {32, 16}, frameSize(jpeg), Integer.toHexString(m));
      } else {
        assertNull(frameSize(jpeg), Integer.toHexString(m));
      }
    }
  }

  /**
   * A frame header of exactly 7 bytes ending exactly at the end is read; one byte less of it, or
   * a length under 7 (even with the bytes there), is a cut-off header.
   */
  @Test
  void frameHeadersAtTheirMinimumSize() {
    byte[] exact = bytes(SOI, SOF0);
    assertArrayEquals(new int[] {32, 16}, frameSize(exact));
    assertNull(JpegSegments.frameSize(exact, 0, exact.length - 1));
    assertNull(frameSize(Arrays.copyOf(exact, exact.length - 1)));
    assertNull(frameSize(Arrays.copyOf(exact, exact.length - 4)));
    byte[] six = bytes(new int[] {0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x06}, frame(32, 16));
    assertNull(frameSize(six));
  }

  /** The range may start inside a larger array (an embedded thumbnail); it must start with SOI. */
  @Test
  void frameSizeOfARangeStartingWithSoi() {
    byte[] b = bytes(new int[] {0xFF, 0xD8, 0xFF}, bytes(SOI, SOF0), bytes(SOI, SOF0));
    assertArrayEquals(new int[] {32, 16}, JpegSegments.frameSize(b, 3, 3 + 2 + SOF0.length));
    assertNull(JpegSegments.frameSize(b, 4, b.length));
    assertNull(frameSize(bytes(new int[] {0x00, 0xD8}, SOF0)));
    assertNull(frameSize(bytes(new int[] {0xFF, 0x00}, SOF0)));
    assertNull(frameSize(bytes(new int[] {0xFF, 0xD9}, SOF0)));
    // empty and too short ranges at the end of the array
    assertNull(JpegSegments.frameSize(b, b.length, b.length));
    assertNull(JpegSegments.frameSize(b, b.length - 1, b.length));
    assertNull(JpegSegments.frameSize(b, b.length - 3, b.length));
  }

  /** Fill bytes (0xFF) before a marker are skipped, any number of them. */
  @Test
  void fillBytesBeforeAMarkerAreSkipped() {
    assertArrayEquals(new int[] {32, 16}, frameSize(bytes(new int[] {0xFF, 0xD8, 0xFF}, SOF0)));
    assertArrayEquals(new int[] {32, 16},
        frameSize(bytes(new int[] {0xFF, 0xD8, 0xFF, 0xFF, 0xFF}, SOF0)));
  }

  /**
   * What ends the walk before a frame header: the start of scan, the end of image, a byte other
   * than 0xFF where a marker should be. An empty segment (length 2) does not.
   */
  @Test
  void whatEndsTheWalkForTheFrameSize() {
    assertNull(frameSize(bytes(SOI, segment(0xDA, new byte[0]), SOF0)));
    assertNull(frameSize(bytes(new int[] {0xFF, 0xD8, 0xFF, 0xD9, 0x00, 0x02}, SOF0)));
    assertNull(frameSize(bytes(new int[] {0xFF, 0xD8, 0x00, 0xC0, 0x00, 0x07}, frame(32, 16))));
    assertNull(frameSize(bytes(new int[] {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00}, SOF0)));
    assertArrayEquals(new int[] {32, 16},
        frameSize(bytes(SOI, segment(0xE0, new byte[0]), SOF0)));
    assertArrayEquals(new int[] {32, 16},
        frameSize(bytes(SOI, segment(0xE0, new byte[3]), SOF0)));
  }

  /** Segments that end at, or claim to go past, the end of the bytes: no frame header there. */
  @Test
  void segmentsEndingAtOrPastTheEndHaveNoFrameSize() {
    assertNull(frameSize(bytes(SOI, segment(0xE0, new byte[2]))));
    for (int past = 1; past <= 4; past++) {
      byte[] app0 = segment(0xE0, new byte[2]);
      app0[3] += past;
      assertNull(frameSize(bytes(SOI, app0)), "past by " + past);
    }
  }

  // ---- ICC profile descriptions -----------------------------------------------------------

  private static final int DESC = 0x64657363;
  private static final int WTPT = 0x77747074;

  private static void put32(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  /**
   * A profile starting at {@code p} in a 400-byte array: {@code tags} in the count, then a
   * 'wtpt' and a 'desc' entry; the desc record (v2, "sRGB test") sits in the header at offset 20.
   */
  private static byte[] profile(int p, int tags, int firstSig) {
    byte[] b = new byte[400];
    put32(b, p + 128, tags);
    put32(b, p + 132, firstSig);
    put32(b, p + 136, 20);
    put32(b, p + 144, DESC);
    put32(b, p + 148, 20);
    put32(b, p + 20, DESC);
    put32(b, p + 28, 9);
    System.arraycopy(ascii("sRGB test"), 0, b, p + 32, 9);
    return b;
  }

  @Test
  void onlyTheCountedTagsAreRead() {
    int p = 10;
    assertNull(JpegSegments.iccDescription(profile(p, 1, WTPT), p, p + 200));
    assertEquals("sRGB test", JpegSegments.iccDescription(profile(p, 2, WTPT), p, p + 200));
  }

  /** A tag entry is read only when all its 12 bytes are before the end. */
  @Test
  void onlyTagEntriesBeforeTheEndAreRead() {
    int p = 10;
    // two tags counted, but the segment ends after the first entry
    assertNull(JpegSegments.iccDescription(profile(p, 2, WTPT), p, p + 144));
    // the first entry is the desc and ends exactly at the end
    assertEquals("sRGB test", JpegSegments.iccDescription(profile(p, 1, DESC), p, p + 144));
    assertNull(JpegSegments.iccDescription(profile(p, 1, DESC), p, p + 143));
  }

  /** A text whose count runs past the end of the segment is cut at the end. */
  @Test
  void textsAreCutAtTheEnd() {
    int p = 10;
    byte[] v2 = new byte[400];
    put32(v2, p + 128, 1);
    put32(v2, p + 132, DESC);
    put32(v2, p + 136, 144);
    put32(v2, p + 144, DESC);
    put32(v2, p + 152, 100); // count: 100 characters
    System.arraycopy(ascii("sRGB cutJUNKJUNKJUNK"), 0, v2, p + 156, 20);
    assertEquals("sRGB cut", JpegSegments.iccDescription(v2, p, p + 164));

    byte[] v4 = new byte[400];
    put32(v4, p + 128, 1);
    put32(v4, p + 132, DESC);
    put32(v4, p + 136, 144);
    put32(v4, p + 144, 0x6D6C7563); // 'mluc'
    put32(v4, p + 164, 100); // length in bytes of the first record
    put32(v4, p + 168, 28); // its offset from the tag's start
    byte[] text = "sRGB v4JUNKJUNK".getBytes(StandardCharsets.UTF_16BE);
    System.arraycopy(text, 0, v4, p + 172, text.length);
    assertEquals("sRGB v4", JpegSegments.iccDescription(v4, p, p + 172 + 14));
  }

  /** An offset past the array is a damaged profile: null, never an exception. */
  @Test
  void offsetsPastTheArrayMeanNoDescription() {
    byte[] b = new byte[200];
    put32(b, 128, 1);
    put32(b, 132, DESC);
    put32(b, 136, 0x7FFFFF00);
    assertNull(JpegSegments.iccDescription(b, 0, b.length));
  }
}
