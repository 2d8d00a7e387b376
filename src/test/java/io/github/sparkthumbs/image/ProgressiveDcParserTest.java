package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ProgressiveDc's parser on streams written here byte by byte, each one rule of libjpeg's away
 * from a stream it rewrites: the segment, frame, table and scan checks at their limits. The
 * parser never decodes entropy-coded data (it only looks for markers in it), so a byte or two
 * stands for a scan's data; no decoder runs here.
 */
class ProgressiveDcParserTest {
  private static final int SOF2 = 0xC2;
  private static final int DHT = 0xC4;
  private static final int SOS = 0xDA;
  private static final int DRI = 0xDD;
  private static final int COM = 0xFE;
  /** AC table 0 with one code, "0" for EOB: a table libjpeg accepts. */
  private static final int[] AC0 = table(0x10, new int[] {1}, 0x00);
  /** What the rewrite appends before the zero-AC scans: AC table 0, EOB0..EOB14 in 4 bits. */
  private static final int[] ZERO_AC_DHT = {0xFF, DHT, 0, 34, 0x10, 0, 0, 0, 15, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0, 0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xA0,
      0xB0, 0xC0, 0xD0, 0xE0};

  // ---- the stream the other tests change one thing of ----

  /** Grey 8x8: its DC scan is kept, its AC scan replaced by one EOB run of one block. */
  @Test
  void aGreyStreamKeepsItsDcScanAndGetsAZeroAcScan() {
    Jpeg j = grey().segment(COM, 'h', 'i').dc(1);
    byte[] kept = j.bytes();
    byte[] jpeg = j.ac(1, 1, 63, 0x00).eoi();
    assertArrayEquals(rewritten(kept, false, 0x0F), ProgressiveDc.rewrite(jpeg));
  }

  /** 16x8: two blocks make one EOB run of 2 (EOB1, extra bit 0, padded with 1 bits). */
  @Test
  void theZeroAcScanIsOneEobRunOverAllBlocks() {
    Jpeg j = new Jpeg().segment(DHT, AC0).sof2(8, 8, 16, 1, 0x11, 0).dc(1);
    byte[] kept = j.bytes();
    byte[] jpeg = j.ac(1, 1, 63, 0x00).eoi();
    assertArrayEquals(rewritten(kept, false, 0x17), ProgressiveDc.rewrite(jpeg));
  }

  /**
   * 32768 blocks: an EOB run of 32767 (EOB14 and fourteen 1 bits: an 0xFF byte, stuffed with
   * 0x00) and one of 1.
   */
  @Test
  void runsLongerThanOneEobSymbolAreSplit() {
    Jpeg j = new Jpeg().segment(DHT, AC0).sof2(8, 1024, 2048, 1, 0x11, 0).dc(1);
    byte[] kept = j.bytes();
    assertArrayEquals(rewritten(kept, false, 0xEF, 0xFF, 0x00, 0xC3),
        ProgressiveDc.rewrite(j.ac(1, 1, 63, 0x00).eoi()));
  }

  /**
   * The output buffer starts at 64 bytes here (a quarter of the input, at least 64) and doubles:
   * a COM of 30 bytes makes the stream exactly 128 bytes long before the zero-AC scan's data.
   */
  @Test
  void theOutputGrowsForTheLastByteToo() {
    Jpeg j = grey().segment(COM, new int[30]).dc(1);
    byte[] kept = j.bytes();
    assertEquals(128, rewritten(kept, false).length - 2);
    assertArrayEquals(rewritten(kept, false, 0x0F),
        ProgressiveDc.rewrite(j.ac(1, 1, 63, 0x00).eoi()));
  }

  /**
   * 48x32 at 4:2:0, a restart every 2 MCUs: the interleaved DC scan has 6 MCUs (2 restarts), Y
   * alone 24 blocks (11, RST0..RST7 and on), Cb and Cr 6 blocks each (2). One restart fewer or
   * more in any scan is refused.
   */
  @Test
  void restartsAreCountedInMcusOrBlocks() {
    int[] counts = {2, 11, 2, 2};
    assertEquals("[0-0 0/0 c123, 1-63 0/0 c2, 1-63 0/0 c3, 1-63 0/0 c1]",
        scansOf(restartsOf420(counts)));
    byte[] dc = ProgressiveDc.rewrite(restartsOf420(counts));
    assertArrayEquals(rewritten(new byte[0], true, 0x48),
        Arrays.copyOfRange(dc, dc.length - 6 - 36 - 11 - 2, dc.length));
    for (int scan = 0; scan < counts.length; scan++) {
      for (int delta : new int[] {-1, 1}) {
        int[] wrong = counts.clone();
        wrong[scan] += delta;
        assertNull(ProgressiveDc.rewrite(restartsOf420(wrong)), Arrays.toString(wrong));
      }
    }
  }

  /** Two DC scans of three components, 0/1 then 1/0, their first tables 1 (not 0). */
  @Test
  void interleavedDcScansWithSuccessiveApproximation() {
    int[] comps = {1, 0x11, 2, 0x00, 3, 0x00};
    Jpeg j = new Jpeg().segment(DHT, AC0).sof2(8, 8, 8, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0)
        .scan(comps, 0, 0, 0x01, 0x12).scan(comps, 0, 0, 0x10, 0x12)
        .ac(1, 1, 63, 0x00).ac(2, 1, 63, 0x00).ac(3, 1, 63, 0x00);
    assertEquals("[0-0 0/1 c123, 0-0 1/0 c123, 1-63 0/0 c1, 1-63 0/0 c2, 1-63 0/0 c3]",
        scansOf(j.eoi()));
  }

  // ---- segments ----

  @Test
  void theStreamMustStartWithSoi() {
    byte[] jpeg = whole(grey());
    assertNotNull(ProgressiveDc.rewrite(jpeg));
    byte[] notSoi = jpeg.clone();
    notSoi[1] = (byte) 0xC0;
    assertNull(ProgressiveDc.rewrite(notSoi));
  }

  /** A byte other than 0xFF where a marker should start: libjpeg skips it with a warning. */
  @Test
  void garbageBeforeAMarkerIsRefused() {
    byte[] jpeg = whole(grey().segment(COM, 'x'));
    assertNotNull(ProgressiveDc.rewrite(jpeg));
    int com = indexOf(jpeg, 0xFF, COM);
    jpeg[com] = 0x00;
    assertNull(ProgressiveDc.rewrite(jpeg));
  }

  /** An empty COM (length 2), APP0 and APP15 are copied; the markers next to them refuse. */
  @Test
  void commentsAndAppSegmentsAreCopied() {
    byte[] kept = grey().segment(COM).segment(0xE0, 'J').segment(0xEF, 'A').dc(1).bytes();
    byte[] dc = ProgressiveDc.rewrite(whole(grey().segment(COM).segment(0xE0, 'J')
        .segment(0xEF, 'A')));
    assertArrayEquals(rewritten(kept, false, 0x0F), dc);
    assertNull(ProgressiveDc.rewrite(whole(grey().segment(0xDF, 'x'))));
    assertNull(ProgressiveDc.rewrite(whole(grey().segment(0xF0, 'x'))));
  }

  @Test
  void aSecondFrameIsRefused() {
    assertNull(ProgressiveDc.rewrite(whole(grey().sof2(8, 8, 8, 1, 0x11, 0))));
  }

  /** DRI is 4 bytes long; libjpeg refuses any other length. */
  @Test
  void aRestartIntervalOfAnotherLengthIsRefused() {
    assertNotNull(ProgressiveDc.rewrite(whole(grey().segment(DRI, 0, 0))));
    assertNull(ProgressiveDc.rewrite(whole(grey().segment(DRI, 0, 0, 0))));
  }

  // ---- Huffman tables (only those the dropped AC scans use matter) ----

  @Test
  void anEmptyTableFillingItsSegmentIsDefined() {
    assertNotNull(ProgressiveDc.rewrite(whole(frameFirst(table(0x10, new int[0])))));
  }

  /** libjpeg allows 256 symbols in a table: 255 codes of 9 bits and one of 10 here. */
  @Test
  void aTableHoldsAtMost256Symbols() {
    int[] counts = new int[10];
    counts[8] = 255;
    counts[9] = 1;
    assertNotNull(ProgressiveDc.rewrite(whole(frameFirst(table(0x10, counts, new int[256])))));
    counts[9] = 2;
    assertNull(ProgressiveDc.rewrite(whole(frameFirst(table(0x10, counts, new int[257])))));
  }

  /** Three codes of 2 bits, but the segment ends after the first symbol. */
  @Test
  void aTableWhoseSymbolsRunPastItsSegmentIsRefused() {
    assertNull(ProgressiveDc.rewrite(whole(frameFirst(table(0x10, new int[] {0, 3}, 0)))));
    assertNotNull(ProgressiveDc.rewrite(whole(frameFirst(table(0x10, new int[] {0, 3}, 0, 1,
        2)))));
  }

  /**
   * libjpeg refuses a table once the codes of a length run out, counting the all-ones code as
   * one too many: two codes of 1 bit; one of 1 bit and two of 2; one of each length 1..15 and two
   * of 16 (the second is sixteen 1 bits). One of each length 1..16 fits.
   */
  @Test
  void tablesWhoseCodesRunOutAreRefused() {
    assertNull(ProgressiveDc.rewrite(whole(frameFirst(table(0x10, new int[] {2}, 0, 1)))));
    assertNull(ProgressiveDc.rewrite(whole(frameFirst(table(0x10, new int[] {1, 2}, 0, 1, 2)))));
    int[] counts = new int[16];
    Arrays.fill(counts, 1);
    assertNotNull(ProgressiveDc.rewrite(whole(frameFirst(table(0x10, counts, new int[16])))));
    counts[15] = 2;
    assertNull(ProgressiveDc.rewrite(whole(frameFirst(table(0x10, counts, new int[17])))));
  }

  /** Codes of 16 bits are symbols too: the next table starts after them. */
  @Test
  void codesOfSixteenBitsCountInTheTablesLength() {
    int[] counts = new int[16];
    Arrays.fill(counts, 1);
    int[] dht = concat(table(0x11, counts, new int[16]), AC0);
    assertNotNull(ProgressiveDc.rewrite(whole(frameFirst(dht))));
  }

  /** A table of an index libjpeg has no room for (4) is not one of the tables 0..3. */
  @Test
  void anAcTableIndexPastThreeIsSkipped() {
    int[] dht = concat(table(0x14, new int[] {1}, 0), AC0);
    assertNotNull(ProgressiveDc.rewrite(whole(frameFirst(dht))));
  }

  /** A bad table stops the parse of its segment, so no table defined before is trusted. */
  @Test
  void aBadTableLaterUndefinesEveryTable() {
    Jpeg j = grey().segment(DHT, table(0x00, new int[] {2}, 0, 1));
    assertNull(ProgressiveDc.rewrite(whole(j)));
  }

  /** A scan may use AC table 3 and DC table 3. */
  @Test
  void tableThreeIsUsable() {
    Jpeg j = new Jpeg().segment(DHT, table(0x13, new int[] {1}, 0)).sof2(8, 8, 8, 1, 0x11, 0)
        .scan(new int[] {1, 0x30}, 0, 0, 0x00, 0x12).ac(1, 1, 63, 0x00, 0x03);
    assertNotNull(ProgressiveDc.rewrite(j.eoi()));
    Jpeg noTable = new Jpeg().segment(DHT, AC0).sof2(8, 8, 8, 1, 0x11, 0).dc(1)
        .ac(1, 1, 63, 0x00, 0x03);
    assertNull(ProgressiveDc.rewrite(noTable.eoi()));
  }

  // ---- the frame ----

  /** Each of these frames libjpeg refuses; neither alone nor before a good frame is rewritten. */
  @Test
  void framesLibjpegRefusesAreRefused() {
    List<int[]> frames = List.of(
        new int[] {12, 0, 8, 0, 8, 1, 1, 0x11, 0}, // 12-bit precision
        new int[] {8, 0, 0, 0, 8, 1, 1, 0x11, 0}, // height 0
        new int[] {8, 0, 8, 0, 0, 1, 1, 0x11, 0}, // width 0
        new int[] {8, 0, 8, 0, 8, 0}, // no component
        new int[] {8, 0, 8, 0, 8, 5, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0, 5, 0x11, 0},
        new int[] {8, 0, 8, 0, 8, 1, 1, 0x11, 0, 0}, // a byte more than its components
        new int[] {8, 0, 8, 0, 8, 1, 1, 0x51, 0}, // horizontal sampling 5
        new int[] {8, 0, 8, 0, 8, 1, 1, 0x15, 0}, // vertical sampling 5
        new int[] {8, 0, 8, 0, 8, 1, 1, 0x11, 4}, // quantisation table 4
        new int[] {8, 0, 8, 0, 8, 2, 1, 0x11, 0, 1, 0x11, 0}, // one id twice
        new int[] {8, 0, 8}); // too short for a frame
    for (int[] frame : frames) {
      String what = Arrays.toString(frame);
      Jpeg alone = new Jpeg().segment(DHT, AC0).segment(SOF2, frame).dc(1).ac(1, 1, 63, 0x00);
      assertNull(ProgressiveDc.rewrite(alone.eoi()), what);
      Jpeg thenGood = new Jpeg().segment(DHT, AC0).segment(SOF2, frame)
          .sof2(8, 8, 8, 1, 0x11, 0).dc(1).ac(1, 1, 63, 0x00);
      assertNull(ProgressiveDc.rewrite(thenGood.eoi()), what + " then a good frame");
    }
  }

  /** The limits libjpeg allows: 4 components, sampling 4 both ways, quantisation table 3. */
  @Test
  void framesAtLibjpegsLimitsAreRewritten() {
    Jpeg cmyk = new Jpeg().segment(DHT, AC0)
        .sof2(8, 8, 8, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 2, 4, 0x11, 3)
        .scan(new int[] {1, 0, 2, 0, 3, 0, 4, 0}, 0, 0, 0x00, 0x12);
    for (int id = 1; id <= 4; id++) {
      cmyk.ac(id, 1, 63, 0x00);
    }
    assertEquals("[0-0 0/0 c1234, 1-63 0/0 c1, 1-63 0/0 c2, 1-63 0/0 c3, 1-63 0/0 c4]",
        scansOf(cmyk.eoi()));
    for (int sampling : new int[] {0x41, 0x14, 0x44}) {
      Jpeg j = new Jpeg().segment(DHT, AC0).sof2(8, 8, 8, 1, sampling, 0).dc(1)
          .ac(1, 1, 63, 0x00);
      assertEquals("[0-0 0/0 c1, 1-63 0/0 c1]", scansOf(j.eoi()), "sampling " + sampling);
    }
  }

  /**
   * jdmaster.c at 1/8: a component whose sampling doubled still divides the largest both ways is
   * scaled up by its IDCT, which reads AC coefficients: its AC scans are kept. 4:2:0 chroma is;
   * 4:2:2 (2x1) and 4:4:0 (1x2) chroma is not; with 4x4 luma, 2x2 and 1x1 components are; with
   * 2x2 luma, 1x2 and 2x1 are not.
   */
  @Test
  void onlyComponentsAnIdctCannotScaleLoseTheirAcScans() {
    assertEquals("[0-0 0/0 c123, 1-63 0/0 c2, 1-63 0/0 c3, 1-63 0/0 c1]",
        scansOf(threeComponents(0x22, 0x11, 0x11)));
    assertEquals("[0-0 0/0 c123, 1-63 0/0 c1, 1-63 0/0 c2, 1-63 0/0 c3]",
        scansOf(threeComponents(0x21, 0x11, 0x11)));
    assertEquals("[0-0 0/0 c123, 1-63 0/0 c1, 1-63 0/0 c2, 1-63 0/0 c3]",
        scansOf(threeComponents(0x12, 0x11, 0x11)));
    assertEquals("[0-0 0/0 c123, 1-63 0/0 c2, 1-63 0/0 c3, 1-63 0/0 c1]",
        scansOf(threeComponents(0x44, 0x22, 0x11)));
    assertEquals("[0-0 0/0 c123, 1-63 0/0 c1, 1-63 0/0 c2, 1-63 0/0 c3]",
        scansOf(threeComponents(0x41, 0x21, 0x11)));
    assertEquals("[0-0 0/0 c123, 1-63 0/0 c1, 1-63 0/0 c2, 1-63 0/0 c3]",
        scansOf(threeComponents(0x22, 0x12, 0x21)));
  }

  // ---- scans ----

  @Test
  void aScanOfFourComponentsButNotFive() {
    Jpeg four = new Jpeg().segment(DHT, AC0)
        .sof2(8, 8, 8, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0)
        .scan(new int[] {1, 0, 2, 0, 3, 0, 4, 0}, 0, 0, 0x00, 0x12);
    byte[] jpeg = four.ac(1, 1, 63, 0x00).ac(2, 1, 63, 0x00).ac(3, 1, 63, 0x00)
        .ac(4, 1, 63, 0x00).eoi();
    assertNotNull(ProgressiveDc.rewrite(jpeg));
    Jpeg five = new Jpeg().segment(DHT, AC0).sof2(8, 8, 8, 1, 0x11, 0)
        .scan(new int[] {1, 0, 1, 0, 1, 0, 1, 0, 1, 0}, 0, 0, 0x00, 0x12);
    assertNull(ProgressiveDc.rewrite(five.ac(1, 1, 63, 0x00).eoi()));
    Jpeg none = new Jpeg().segment(DHT, AC0).sof2(8, 8, 8, 1, 0x11, 0)
        .scan(new int[0], 0, 0, 0x00, 0x12).dc(1);
    assertNull(ProgressiveDc.rewrite(none.ac(1, 1, 63, 0x00).eoi()));
  }

  @Test
  void aScanBeforeTheFrameIsRefused() {
    Jpeg j = new Jpeg().segment(DHT, AC0).dc(1).sof2(8, 8, 8, 1, 0x11, 0).dc(1)
        .ac(1, 1, 63, 0x00);
    assertNull(ProgressiveDc.rewrite(j.eoi()));
  }

  /** An SOS one byte longer than its components need. */
  @Test
  void aScanHeaderOfTheWrongLengthIsRefused() {
    Jpeg j = grey().segment(SOS, 1, 1, 0x00, 0, 0, 0x00, 0x00).raw(0x12).ac(1, 1, 63, 0x00);
    assertNull(ProgressiveDc.rewrite(j.eoi()));
  }

  /** Table selectors past 3, in the first and in a later component of a scan. */
  @Test
  void tablesPastThreeAreRefused() {
    assertNull(ProgressiveDc.rewrite(greyWithDc(new int[] {1, 0x40})));
    assertNull(ProgressiveDc.rewrite(greyWithDc(new int[] {1, 0x04})));
    Jpeg j = new Jpeg().segment(DHT, AC0).sof2(8, 8, 8, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0)
        .scan(new int[] {1, 0x00, 2, 0x00, 3, 0x04}, 0, 0, 0x00, 0x12);
    assertNull(ProgressiveDc.rewrite(j.ac(1, 1, 63, 0x00).ac(2, 1, 63, 0x00)
        .ac(3, 1, 63, 0x00).eoi()));
  }

  @Test
  void aComponentTwiceInAScanIsRefused() {
    assertNull(ProgressiveDc.rewrite(greyWithDc(new int[] {1, 0x00, 1, 0x00})));
  }

  @Test
  void aScanOfAnUnknownComponentIsRefused() {
    assertNotNull(ProgressiveDc.rewrite(greyWithDc(new int[] {1, 0x00})));
    assertNull(ProgressiveDc.rewrite(greyWithDc(new int[] {9, 0x00})));
  }

  /** jdphuff.c: a DC scan is 0-0; an AC scan is one component, Se from Ss to 63. */
  @Test
  void spectralSelectionIsCheckedAsLibjpegDoes() {
    Jpeg dcWide = new Jpeg().segment(DHT, AC0).sof2(8, 8, 8, 1, 0x11, 0)
        .scan(new int[] {1, 0}, 0, 1, 0x00, 0x12).ac(1, 2, 63, 0x00);
    assertNull(ProgressiveDc.rewrite(dcWide.eoi()));
    Jpeg acTwo = new Jpeg().segment(DHT, AC0).sof2(8, 8, 8, 1, 0x11, 0, 2, 0x11, 0)
        .scan(new int[] {1, 0, 2, 0}, 0, 0, 0x00, 0x12)
        .scan(new int[] {1, 0, 2, 0}, 1, 63, 0x00, 0x34);
    assertNull(ProgressiveDc.rewrite(acTwo.eoi()));
    Jpeg oneCoefficient = grey().dc(1).ac(1, 1, 1, 0x00).ac(1, 2, 63, 0x00);
    assertEquals("[0-0 0/0 c1, 1-63 0/0 c1]", scansOf(oneCoefficient.eoi()));
    Jpeg backwards = grey().dc(1).ac(1, 2, 1, 0x00).ac(1, 1, 63, 0x00);
    assertNull(ProgressiveDc.rewrite(backwards.eoi()));
    Jpeg past63 = grey().dc(1).ac(1, 1, 64, 0x00);
    assertNull(ProgressiveDc.rewrite(past63.eoi()));
  }

  /** Al up to 13; a refinement's Al one less than its Ah; Ah what the last scan left. */
  @Test
  void successiveApproximationIsCheckedAsLibjpegDoes() {
    assertEquals("[0-0 0/13 c1, 1-63 0/0 c1]",
        scansOf(grey().dcAhAl(0x0D).ac(1, 1, 63, 0x0D).eoi()));
    assertNull(ProgressiveDc.rewrite(grey().dcAhAl(0x0E).ac(1, 1, 63, 0x00).eoi()));
    assertEquals("[0-0 0/2 c1, 0-0 2/1 c1, 1-63 0/0 c1]",
        scansOf(grey().dcAhAl(0x02).dcAhAl(0x21).ac(1, 1, 63, 0x00).eoi()));
    assertNull(ProgressiveDc.rewrite(grey().dcAhAl(0x02).dcAhAl(0x20).ac(1, 1, 63, 0x00).eoi()));
    assertNull(ProgressiveDc.rewrite(grey().dcAhAl(0x01).dcAhAl(0x21).ac(1, 1, 63, 0x00).eoi()));
    assertNull(ProgressiveDc.rewrite(grey().dcAhAl(0x00).ac(1, 1, 63, 0x10).eoi()));
  }

  @Test
  void anAcScanBeforeTheDcIsRefused() {
    assertNull(ProgressiveDc.rewrite(grey().ac(1, 1, 63, 0x00).dc(1).eoi()));
  }

  // ---- entropy-coded data ----

  /** 0xFF fill bytes before a stuffed 0x00 or an RSTn belong to the data. */
  @Test
  void fillBytesInsideTheDataAreSkipped() {
    Jpeg j = grey().segment(DRI, 0, 1)
        .scan(new int[] {1, 0}, 0, 0, 0x00, 0x12, 0xFF, 0xFF, 0x00, 0x34);
    byte[] kept = j.bytes();
    assertArrayEquals(rewritten(kept, true, 0x0F),
        ProgressiveDc.rewrite(j.ac(1, 1, 63, 0x00).eoi()));
    Jpeg twoBlocks = new Jpeg().segment(DHT, AC0).sof2(8, 8, 16, 1, 0x11, 0).segment(DRI, 0, 1)
        .scan(new int[] {1, 0}, 0, 0, 0x00, 0x12, 0xFF, 0xFF, 0xD0, 0x34);
    byte[] dcKept = twoBlocks.bytes();
    twoBlocks.scan(new int[] {1, 0}, 1, 63, 0x00, 0x56, 0xFF, 0xD0, 0x78);
    assertArrayEquals(rewritten(dcKept, true, 0x17), ProgressiveDc.rewrite(twoBlocks.eoi()));
  }

  /** Two blocks, a restart after each: RST0 is in order, RST1 and RST7 are not. */
  @Test
  void restartMarkersMustCountFromZero() {
    for (int rst : new int[] {0xD0, 0xD1, 0xD7}) {
      Jpeg j = new Jpeg().segment(DHT, AC0).sof2(8, 8, 16, 1, 0x11, 0).segment(DRI, 0, 1)
          .scan(new int[] {1, 0}, 0, 0, 0x00, 0x12, 0xFF, rst, 0x34)
          .scan(new int[] {1, 0}, 1, 63, 0x00, 0x56, 0xFF, 0xD0, 0x78);
      byte[] dc = ProgressiveDc.rewrite(j.eoi());
      assertEquals(rst == 0xD0, dc != null, "RST" + (rst - 0xD0));
    }
  }

  // ---- the end ----

  /** 4:2:0 chroma needs no low AC, but it needs its DC. */
  @Test
  void aComponentWithoutDcIsRefused() {
    Jpeg noChromaDc = new Jpeg().segment(DHT, AC0).sof2(8, 16, 16, 1, 0x22, 0, 2, 0x11, 0)
        .dc(1).ac(1, 1, 63, 0x00);
    assertNull(ProgressiveDc.rewrite(noChromaDc.eoi()));
    Jpeg withIt = new Jpeg().segment(DHT, AC0).sof2(8, 16, 16, 1, 0x22, 0, 2, 0x11, 0)
        .dc(1).dc(2).ac(1, 1, 63, 0x00);
    assertEquals("[0-0 0/0 c1, 0-0 0/0 c2, 1-63 0/0 c1]", scansOf(withIt.eoi()));
  }

  /** change_dc smooths a component none of whose coefficients 1..9 is known: 9 is enough. */
  @Test
  void coefficientNineIsEnoughLowAc() {
    assertNotNull(ProgressiveDc.rewrite(grey().dc(1).ac(1, 9, 63, 0x00).eoi()));
    assertNull(ProgressiveDc.rewrite(grey().dc(1).ac(1, 10, 63, 0x00).eoi()));
  }

  @Test
  void aStreamWithNoAcScanIsNotRewritten() {
    assertNull(ProgressiveDc.rewrite(grey().dc(1).eoi()));
  }

  // ---- helpers ----

  /** A DHT payload of one table: class and index, counts of lengths 1.., then symbols. */
  private static int[] table(int classAndIndex, int[] counts, int... symbols) {
    int[] t = new int[17 + symbols.length];
    t[0] = classAndIndex;
    System.arraycopy(counts, 0, t, 1, counts.length);
    System.arraycopy(symbols, 0, t, 17, symbols.length);
    return t;
  }

  /** DHT AC0, SOF2 grey 8x8 (id 1). */
  private static Jpeg grey() {
    return new Jpeg().segment(DHT, AC0).sof2(8, 8, 8, 1, 0x11, 0);
  }

  /** The given DHT payload as the only tables, then the grey frame, DC and AC scans. */
  private static Jpeg frameFirst(int... dht) {
    return new Jpeg().segment(DHT, dht).sof2(8, 8, 8, 1, 0x11, 0);
  }

  /** {@code j}, then a DC and an AC scan of component 1, then EOI. */
  private static byte[] whole(Jpeg j) {
    return j.dc(1).ac(1, 1, 63, 0x00).eoi();
  }

  /** Grey with its DC scan of the given components and tables, then its AC scan. */
  private static byte[] greyWithDc(int[] componentsAndTables) {
    return grey().scan(componentsAndTables, 0, 0, 0x00, 0x12).ac(1, 1, 63, 0x00).eoi();
  }

  /** 16x16, ids 1..3 sampled as given: an interleaved DC scan, then one AC scan each. */
  private static byte[] threeComponents(int y, int cb, int cr) {
    return new Jpeg().segment(DHT, AC0).sof2(8, 16, 16, 1, y, 0, 2, cb, 0, 3, cr, 0)
        .scan(new int[] {1, 0, 2, 0, 3, 0}, 0, 0, 0x00, 0x12)
        .ac(1, 1, 63, 0x00).ac(2, 1, 63, 0x00).ac(3, 1, 63, 0x00).eoi();
  }

  /**
   * 48x32, Y 2x2 and Cb, Cr 1x1, a restart every 2 MCUs; scans (interleaved DC, AC of Y, Cb, Cr)
   * with the given numbers of RSTn markers in their data.
   */
  private static byte[] restartsOf420(int[] restarts) {
    Jpeg j = new Jpeg().segment(DHT, AC0).sof2(8, 32, 48, 1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0)
        .segment(DRI, 0, 2).scan(new int[] {1, 0, 2, 0, 3, 0}, 0, 0, 0x00, data(restarts[0]));
    for (int c = 1; c <= 3; c++) {
      j.scan(new int[] {c, 0}, 1, 63, 0x00, data(restarts[c]));
    }
    return j.eoi();
  }

  /** Entropy-coded data with {@code restarts} RSTn markers, RST0 first. */
  private static int[] data(int restarts) {
    int[] d = new int[1 + 3 * restarts];
    d[0] = 0x12;
    for (int i = 0; i < restarts; i++) {
      d[1 + 3 * i] = 0xFF;
      d[2 + 3 * i] = 0xD0 + (i & 7);
      d[3 + 3 * i] = 0x12;
    }
    return d;
  }

  private static String scansOf(byte[] jpeg) {
    byte[] dc = ProgressiveDc.rewrite(jpeg);
    assertNotNull(dc, ProgressiveDcTest.scans(jpeg).toString());
    return ProgressiveDcTest.scans(dc).toString();
  }

  /**
   * What the rewrite of a grey stream gives: {@code kept}, a DRI of 0 when it had restarts, the
   * zero-AC table, component 1's zero-AC scan with the given EOB run data, EOI.
   */
  private static byte[] rewritten(byte[] kept, boolean hadRestarts, int... eobData) {
    int[] dri = hadRestarts ? new int[] {0xFF, DRI, 0, 4, 0, 0} : new int[0];
    int[] sos = {0xFF, SOS, 0, 8, 1, 1, 0, 1, 63, 0};
    return concat(kept, dri, ZERO_AC_DHT, sos, eobData, new int[] {0xFF, 0xD9});
  }

  private static int indexOf(byte[] b, int first, int second) {
    for (int i = 0; i + 1 < b.length; i++) {
      if ((b[i] & 0xFF) == first && (b[i + 1] & 0xFF) == second) {
        return i;
      }
    }
    throw new AssertionError("no " + Integer.toHexString(second));
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static byte[] concat(byte[] head, int[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head);
    for (int[] p : parts) {
      for (int v : p) {
        out.write(v);
      }
    }
    return out.toByteArray();
  }

  /** A JPEG written segment by segment, SOI first; a scan's data is a few bytes. */
  private static final class Jpeg {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Jpeg() {
      raw(0xFF, 0xD8);
    }

    Jpeg raw(int... bytes) {
      for (int v : bytes) {
        out.write(v);
      }
      return this;
    }

    Jpeg segment(int marker, int... payload) {
      int len = payload.length + 2;
      return raw(0xFF, marker, len >> 8, len & 0xFF).raw(payload);
    }

    /** SOF2 of the given precision and size; components as (id, HV sampling, table) triples. */
    Jpeg sof2(int precision, int height, int width, int... components) {
      int[] head = {precision, height >> 8, height & 0xFF, width >> 8, width & 0xFF,
          components.length / 3};
      return segment(SOF2, concat(head, components));
    }

    /** SOS of (id, tables) pairs and Ss, Se, AhAl, then its data. */
    Jpeg scan(int[] componentsAndTables, int ss, int se, int ahAl, int... data) {
      int[] tail = {ss, se, ahAl};
      int[] head = {componentsAndTables.length / 2};
      return segment(SOS, concat(concat(head, componentsAndTables), tail)).raw(data);
    }

    Jpeg dc(int id) {
      return scan(new int[] {id, 0x00}, 0, 0, 0x00, 0x12);
    }

    /** A DC scan of component 1 with the given Ah, Al. */
    Jpeg dcAhAl(int ahAl) {
      return scan(new int[] {1, 0x00}, 0, 0, ahAl, 0x12);
    }

    Jpeg ac(int id, int ss, int se, int ahAl) {
      return ac(id, ss, se, ahAl, 0x00);
    }

    Jpeg ac(int id, int ss, int se, int ahAl, int tables) {
      return scan(new int[] {id, tables}, ss, se, ahAl, 0x34);
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    byte[] eoi() {
      return raw(0xFF, 0xD9).bytes();
    }
  }
}
