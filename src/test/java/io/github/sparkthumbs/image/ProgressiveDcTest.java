package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.tools.PhotoSynth;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/**
 * At 1/8 a progressive JPEG decodes from its DC scans (plus a zero-AC scan per
 * component) to exactly the pixels of the whole file at 1/8. Real progressive files made here by
 * the JDK's JPEG writer: its default script (libjpeg's, with DC successive approximation) and
 * scripts of our own through the metadata (non-interleaved DC, restart intervals, tables between
 * scans, 4:4:4, 4:2:2, grey).
 */
class ProgressiveDcTest {
  private static final String FORMAT = "javax_imageio_jpeg_image_1.0";

  /** libjpeg's jpeg_simple_progression for YCbCr, what the JDK writer (and PIL) write. */
  private static final String DEFAULT_SCRIPT = "[0-0 0/1 c123, 1-5 0/2 c1, 1-63 0/1 c3,"
      + " 1-63 0/1 c2, 6-63 0/2 c1, 1-63 2/1 c1, 0-0 1/0 c123, 1-63 1/0 c3, 1-63 1/0 c2,"
      + " 1-63 1/0 c1]";

  @Test
  void theJdkWritersDefaultScriptRefinesTheDc() throws IOException {
    byte[] jpeg = PhotoSynth.jpeg(PhotoSynth.render(320, 240, 3), 0.85f, true);
    assertEquals(DEFAULT_SCRIPT, scans(jpeg).toString());
  }

  /** The rewrite keeps both DC scans and adds one zero-AC scan for Y; Cb and Cr (4:2:0) stay. */
  @Test
  void defaultScriptAt420KeepsTheChromaScans() throws IOException {
    byte[] jpeg = PhotoSynth.jpeg(PhotoSynth.render(1600, 1200, 5), 0.85f, true);
    byte[] dc = ProgressiveDc.rewrite(jpeg);
    assertNotNull(dc);
    assertEquals("[0-0 0/1 c123, 1-63 0/1 c3, 1-63 0/1 c2, 0-0 1/0 c123, 1-63 1/0 c3,"
        + " 1-63 1/0 c2, 1-63 0/0 c1]", scans(dc).toString());
    assertTrue(dc.length < jpeg.length * 0.6, dc.length + " of " + jpeg.length);
    assertSamePixelsAtOneEighth(jpeg, dc, 1600, 1200);
  }

  /**
   * Components sampled like the largest need only their DC: with 4:4:4 or grey nearly all bytes
   * go; 4:2:2 chroma is also decoded 1x1; with and without restart markers.
   */
  @Test
  void samePixelsForEverySamplingAndRestartInterval() throws Throwable {
    assumeTrue(TurboJpegTest.installed(), "libjpeg-turbo not installed");
    int n = 0;
    for (int restart : new int[] {0, 7, 1}) {
      for (int[] sampling : new int[][] {{2, 2}, {1, 1}, {2, 1}, {1, 2}}) {
        byte[] jpeg = progressive(PhotoSynth.render(803, 611, n++), sampling, restart);
        check(jpeg, 803, 611, sampling[0] == 1 && sampling[1] == 1 ? 0.3 : 0.6);
      }
      byte[] grey = progressive(grey(PhotoSynth.render(640, 481, 9)), new int[] {1, 1}, restart);
      assertEquals("[0-0 0/1 c1, 1-5 0/2 c1, 6-63 0/2 c1, 1-63 2/1 c1, 0-0 1/0 c1,"
          + " 1-63 1/0 c1]", scans(grey).toString());
      check(grey, 640, 481, 0.3);
    }
  }

  /**
   * Scripts no installed tool writes (ScriptedJpeg): one DC scan per component, refined per
   * component or interleaved; AC first scans with Al > 0 never refined (libjpeg then smooths the
   * AC of the full decode, not the DC); restart intervals; 4:2:0 and 4:4:4.
   */
  @Test
  void samePixelsForOtherScanScripts() {
    assumeTrue(TurboJpegTest.installed(), "libjpeg-turbo not installed");
    int[][][] scripts = {
        {{0, 0, 0, 1, 0}, {0, 0, 0, 1, 1}, {0, 0, 0, 1, 2}, {1, 5, 0, 0, 0},
            {0, 0, 1, 0, 0, 1, 2}, {6, 63, 0, 0, 0}, {1, 63, 0, 0, 1}, {1, 63, 0, 0, 2}},
        {{0, 0, 0, 2, 0}, {0, 0, 0, 2, 2}, {0, 0, 0, 2, 1}, {1, 63, 0, 1, 0},
            {0, 0, 2, 1, 0}, {0, 0, 2, 1, 1, 2}, {0, 0, 1, 0, 0, 1, 2}, {1, 63, 0, 0, 1},
            {1, 63, 0, 2, 2}},
        {{0, 0, 0, 0, 0, 1, 2}, {1, 2, 0, 0, 0}, {3, 9, 0, 1, 0}, {10, 63, 0, 3, 0},
            {1, 63, 0, 0, 1}, {1, 63, 0, 0, 2}},
    };
    int n = 0;
    for (int restart : new int[] {0, 5}) {
      for (int[] sampling : new int[][] {{2, 2}, {1, 1}}) {
        for (int[][] script : scripts) {
          byte[] jpeg = ScriptedJpeg.encode(PhotoSynth.render(333, 251, 40 + n++), sampling,
              restart, script);
          check(jpeg, 333, 251, sampling[0] == 1 ? 0.45 : 0.75);
        }
      }
    }
  }

  /** A DQT and a DHT between scans are kept where they were. */
  @Test
  void tablesBetweenScansAreKept() throws Throwable {
    assumeTrue(TurboJpegTest.installed(), "libjpeg-turbo not installed");
    byte[] jpeg = PhotoSynth.jpeg(PhotoSynth.render(800, 600, 11), 0.9f, true);
    int third = nthScan(jpeg, 3);
    byte[] com = {(byte) 0xFF, (byte) 0xFE, 0, 5, 'a', 'b', 'c'};
    byte[] dht = segment(jpeg, 0xC4); // the first DHT again: the same tables, defined twice
    byte[] dqt = segment(jpeg, 0xDB);
    byte[] withTables = concat(Arrays.copyOf(jpeg, third), dht, dqt, com,
        Arrays.copyOfRange(jpeg, third, jpeg.length));
    byte[] dc = check(withTables, 800, 600, 0.6);
    assertTrue(indexOf(dc, com) > 0, "the COM between scans is kept");
  }

  private static byte[] check(byte[] jpeg, int w, int h, double maxShare) {
    byte[] dc = ProgressiveDc.rewrite(jpeg);
    assertNotNull(dc, scans(jpeg).toString());
    assertTrue(dc.length < jpeg.length * maxShare, dc.length + " of " + jpeg.length);
    assertSamePixelsAtOneEighth(jpeg, dc, w, h);
    return dc;
  }

  /**
   * Without the zero-AC scans libjpeg-turbo's block smoothing changes the DC (change_dc in
   * jdcoefct.c): the DC scans alone do not give the same image.
   */
  @Test
  void dcScansAloneAreNotEnough() throws Throwable {
    assumeTrue(TurboJpegTest.installed(), "libjpeg-turbo not installed");
    byte[] jpeg = progressive(PhotoSynth.render(800, 600, 12), new int[] {1, 1}, 0);
    byte[] dc = ProgressiveDc.rewrite(jpeg);
    assertEquals("[0-0 0/1 c123, 0-0 1/0 c123, 1-63 0/0 c1, 1-63 0/0 c2, 1-63 0/0 c3]",
        scans(dc).toString());
    int dht = indexOf(dc, new byte[] {(byte) 0xFF, (byte) 0xC4, 0, 34}); // then the zero-AC scans
    byte[] dcAlone = concat(Arrays.copyOf(dc, dht), new byte[] {(byte) 0xFF, (byte) 0xD9});
    assertFalse(Arrays.equals(decodeEighth(jpeg, 800, 600), decodeEighth(dcAlone, 800, 600)));
    assertArrayEquals(decodeEighth(jpeg, 800, 600), decodeEighth(dc, 800, 600));
  }

  /**
   * A component whose coefficients 1..9 are never sent is DC-smoothed by libjpeg: left whole.
   * Only headers are read, so a header saying 10-63 over data coded as 6-63 is enough here.
   */
  @Test
  void aComponentWithoutLowAcIsLeftAlone() throws IOException {
    byte[] jpeg = progressive(PhotoSynth.render(400, 300, 13), new int[] {1, 1}, 0);
    byte[] onlyHighY = withoutScans(jpeg, 2, 6, 10); // Y: 6-63 0/2 is left
    assertEquals("[0-0 0/1 c123, 1-63 0/1 c3, 1-63 0/1 c2, 6-63 0/2 c1, 0-0 1/0 c123,"
        + " 1-63 1/0 c3, 1-63 1/0 c2]", scans(onlyHighY).toString());
    assertNotNull(ProgressiveDc.rewrite(onlyHighY));
    onlyHighY[nthScan(onlyHighY, 4) + 7] = 10; // Ss of that scan
    assertNull(ProgressiveDc.rewrite(onlyHighY));
  }

  /**
   * A dropped scan that uses an AC table never defined, or one libjpeg refuses, stops the full
   * decode with an error (then ImageIO decides): the rewrite must not hide it.
   */
  @Test
  void aDroppedScanWithABadTableIsLeftAlone() throws IOException {
    byte[] jpeg = progressive(PhotoSynth.render(400, 300, 23), new int[] {1, 1}, 0);
    assertNotNull(ProgressiveDc.rewrite(jpeg));
    byte[] undefined = jpeg.clone();
    int y = nthScan(undefined, 5); // Y 6-63: FF DA, length, 1, id, tables
    undefined[y + 6] = 0x03;
    assertNull(ProgressiveDc.rewrite(undefined));
    byte[] bogus = jpeg.clone();
    int dht = y; // libjpeg writes each scan's tables just before it: Y 6-63's AC table
    while (!((bogus[dht] & 0xFF) == 0xFF && (bogus[dht + 1] & 0xFF) == 0xC4)) {
      dht--;
    }
    int end = dht + 2 + (((bogus[dht + 2] & 0xFF) << 8) | (bogus[dht + 3] & 0xFF));
    boolean found = false;
    for (int p = dht + 4; p + 17 <= end && !found; ) {
      if ((bogus[p] & 0xFF) == 0x10) {
        bogus[p + 1] = 3; // three codes of one bit: libjpeg's "Bogus Huffman table definition"
        found = true;
      }
      int total = 0;
      for (int len = 1; len <= 16; len++) {
        total += bogus[p + len] & 0xFF;
      }
      p += 17 + total;
    }
    assertTrue(found);
    assertNull(ProgressiveDc.rewrite(bogus));
  }

  @Test
  void baselineAndNonJpegAreNotRewritten() throws IOException {
    assertNull(ProgressiveDc.rewrite(Images.jpeg(800, 600, 1)));
    assertNull(ProgressiveDc.rewrite(Images.png(80, 60, 1)));
    assertNull(ProgressiveDc.rewrite(new byte[0]));
    assertNull(ProgressiveDc.rewrite(new byte[] {(byte) 0xFF, (byte) 0xD8}));
  }

  /** Data after EOI is never read by libjpeg, and not copied. */
  @Test
  void dataAfterEoiIsDropped() throws Throwable {
    byte[] jpeg = PhotoSynth.jpeg(PhotoSynth.render(800, 600, 14), 0.85f, true);
    byte[] trailing = concat(jpeg, new byte[] {1, 2, 3, (byte) 0xFF, (byte) 0xD8, 0, 0});
    assertArrayEquals(ProgressiveDc.rewrite(jpeg), ProgressiveDc.rewrite(trailing));
  }

  /** Truncated anywhere (no EOI): the file is decoded as it is, with its warning. */
  @Test
  void truncatedFilesAreNotRewritten() throws IOException {
    byte[] jpeg = PhotoSynth.jpeg(PhotoSynth.render(400, 300, 15), 0.85f, true);
    for (int cut = 0; cut < jpeg.length; cut += 7) {
      assertNull(ProgressiveDc.rewrite(Arrays.copyOf(jpeg, cut)), "cut at " + cut);
    }
    assertNull(ProgressiveDc.rewrite(Arrays.copyOf(jpeg, jpeg.length - 1)));
  }

  /**
   * Through the decoder: a file cut in its last AC scan, or in its DC scans, keeps its warning
   * and its decoded share, the same as the full stream gives without the rewrite.
   */
  @Test
  void truncatedFilesKeepTheirStatus() throws Exception {
    assumeTrue(TurboJpegTest.installed(), "libjpeg-turbo not installed");
    byte[] jpeg = PhotoSynth.jpeg(PhotoSynth.render(1600, 1200, 16), 0.85f, true);
    int lastScan = nthScan(jpeg, 10);
    int firstScan = nthScan(jpeg, 1);
    int secondScan = nthScan(jpeg, 2);
    for (int cut : new int[] {lastScan + (jpeg.length - lastScan) / 2,
        firstScan + (secondScan - firstScan) * 3 / 4}) {
      Decoded d = ImageDecoder.decode(Arrays.copyOf(jpeg, cut),
          DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, Long.MAX_VALUE));
      assertEquals(List.of("truncated"), d.warnings(), "cut at " + cut);
      assertEquals(200, d.image().getWidth());
    }
  }

  /** Bogus lengths, stray markers, random bytes: null or a stream, never an exception. */
  @Test
  void hostileBytesNeverThrow() throws IOException {
    byte[] jpeg = progressive(PhotoSynth.render(320, 240, 17), new int[] {2, 2}, 5);
    assertNotNull(ProgressiveDc.rewrite(jpeg));
    SplittableRandom rnd = new SplittableRandom(15);
    int rewritten = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] m = jpeg.clone();
      int edits = 1 + rnd.nextInt(4);
      for (int e = 0; e < edits; e++) {
        int at = rnd.nextInt(i < 1500 ? Math.min(m.length, 700) : m.length); // headers first
        m[at] = (byte) (rnd.nextBoolean() ? 0xFF : rnd.nextInt(256));
      }
      byte[] dc = ProgressiveDc.rewrite(m);
      if (dc != null) {
        rewritten++;
        assertTrue(dc.length <= m.length + 200);
      }
    }
    for (int len = 0; len < 64; len++) {
      byte[] junk = new byte[len];
      rnd.nextBytes(junk);
      if (len >= 2) {
        junk[0] = (byte) 0xFF;
        junk[1] = (byte) 0xD8;
      }
      ProgressiveDc.rewrite(junk);
    }
    assertTrue(rewritten > 0 && rewritten < 3000, "rewritten " + rewritten);
  }

  /**
   * Seeded mutations (bit flips, cuts, repeated slices, zeroed or 0xFF slices) of progressive
   * photos decoded at 1/8, with and without the rewrite: the manifest status (failed and its
   * class, ok, ok with warnings) must match, except for the one documented case, damage that only
   * a dropped AC scan holds, which can only lose a warning (ok with warnings becomes ok, the
   * same thumbnail). With --strict, where a warning fails the file, the rewrite is not used.
   */
  @Test
  void mutatedFilesKeepTheirStatus() throws Exception {
    assumeTrue(TurboJpegTest.installed(), "libjpeg-turbo not installed");
    SplittableRandom rnd = new SplittableRandom(20261127);
    List<byte[]> bases = List.of(
        PhotoSynth.jpeg(PhotoSynth.render(1200, 900, 21), 0.85f, true),
        progressive(PhotoSynth.render(1200, 900, 22), new int[] {1, 1}, 4));
    java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      byte[] m = mutate(bases.get(i % 2), rnd);
      String before = outcome(m, false, false);
      String after = outcome(m, true, false);
      assertEquals(before, outcome(m, true, true), "--strict reads every scan: case " + i);
      outcomes.merge(before.equals(after) ? "same " + before.replaceAll(" .*", "")
          : before + " -> " + after, 1, Integer::sum);
      if (!before.equals(after) && !(before.startsWith("ok damaged") && after.equals("ok"))) {
        changed.add(i + ": " + before + " -> " + after);
      }
    }
    System.out.println("mutations at 1/8, without -> with the rewrite: " + outcomes);
    assertEquals(List.of(), changed);
  }

  private static String outcome(byte[] jpeg, boolean dcScans, boolean strict) {
    String was = System.getProperty(ProgressiveDc.PROPERTY);
    System.setProperty(ProgressiveDc.PROPERTY, String.valueOf(dcScans));
    try {
      Decoded d = ImageDecoder.decode(jpeg,
          DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, Long.MAX_VALUE)
              .withEveryWarning(strict));
      return d.warnings().isEmpty() ? "ok"
          : "ok damaged " + d.warnings() + " " + d.decodedOrNull();
    } catch (ImageFailure f) {
      return "failed " + f.errorClass();
    } finally {
      if (was == null) {
        System.clearProperty(ProgressiveDc.PROPERTY);
      } else {
        System.setProperty(ProgressiveDc.PROPERTY, was);
      }
    }
  }

  /** The kinds of damage of tools/FuzzCorpus. */
  private static byte[] mutate(byte[] base, SplittableRandom rnd) {
    byte[] d = base.clone();
    switch (rnd.nextInt(4)) {
      case 0 -> {
        for (int k = 1 + rnd.nextInt(16); k > 0; k--) {
          int at = rnd.nextInt(d.length);
          d[at] ^= (byte) (1 << rnd.nextInt(8));
        }
      }
      case 1 -> d = Arrays.copyOf(d, 1 + rnd.nextInt(d.length - 1));
      case 2 -> {
        int from = rnd.nextInt(d.length - 1);
        int len = 1 + rnd.nextInt(Math.min(512, d.length - from));
        int at = rnd.nextInt(d.length);
        d = concat(Arrays.copyOf(d, at), Arrays.copyOfRange(d, from, from + len),
            Arrays.copyOfRange(d, at, d.length));
      }
      default -> {
        int from = rnd.nextInt(d.length);
        Arrays.fill(d, from, Math.min(d.length, from + 1 + rnd.nextInt(64)),
            rnd.nextBoolean() ? 0 : (byte) 0xFF);
      }
    }
    return d;
  }

  @Test
  void onlyAtOneEighth() {
    assertTrue(ProgressiveDc.isEighthScale(1600, 1200, 200, 150));
    assertTrue(ProgressiveDc.isEighthScale(803, 611, 101, 77));
    assertFalse(ProgressiveDc.isEighthScale(1600, 1200, 400, 300)); // 1/4
    assertFalse(ProgressiveDc.isEighthScale(1600, 1200, 1600, 1200));
    // 4x4: 1/4 and 1/8 are both 1x1, and TurboJPEG takes the larger factor
    assertFalse(ProgressiveDc.isEighthScale(4, 4, 1, 1));
    assertTrue(ProgressiveDc.isEighthScale(4, 9, 1, 2));
  }

  /**
   * Through the decoder: 1600x1200 for 75x75 decodes at 1/8, from the rewritten stream (the same
   * pixels); for 300x300 it decodes at 1/4, from the file.
   */
  @Test
  void theDecoderUsesItAtOneEighthOnly() throws Exception {
    assumeTrue(TurboJpegTest.installed(), "libjpeg-turbo not installed");
    byte[] jpeg = PhotoSynth.jpeg(PhotoSynth.render(1600, 1200, 18), 0.85f, true);
    Decoded d = ImageDecoder.decode(jpeg,
        DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, Long.MAX_VALUE));
    assertEquals(List.of(), d.warnings());
    assertArrayEquals(decodeEighth(jpeg, 1600, 1200), pixels(d.image()));
    // A luma AC scan damaged in the middle: libjpeg warns about the full stream. At 1/8 that
    // scan is never read (the documented limit: same pixels, no warning) unless --strict asks
    // for every warning; at 1/4 it is read.
    byte[] hurt = damagedLumaAc(jpeg);
    Decoded eighth = ImageDecoder.decode(hurt,
        DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, Long.MAX_VALUE));
    Decoded quarter = ImageDecoder.decode(hurt,
        DecodeRequest.of(List.of(new Size(150, 150)), Mode.FIT, Long.MAX_VALUE));
    assertEquals(List.of(), eighth.warnings());
    assertArrayEquals(pixels(d.image()), pixels(eighth.image()));
    Decoded strict = ImageDecoder.decode(hurt,
        DecodeRequest.of(List.of(new Size(75, 75)), Mode.FIT, Long.MAX_VALUE)
            .withEveryWarning(true));
    assertEquals(List.of("corrupt-data"), strict.warnings(), "--strict reads every scan");
    assertArrayEquals(pixels(d.image()), pixels(strict.image()));
    assertEquals(400, quarter.image().getWidth());
    assertNotEquals(List.of(), quarter.warnings());
  }

  /** The job's per-image core passes --strict down: every scan is read, the warning stays. */
  @Test
  void strictSettingsReadEveryScan() throws Exception {
    assumeTrue(TurboJpegTest.installed(), "libjpeg-turbo not installed");
    byte[] hurt = damagedLumaAc(PhotoSynth.jpeg(PhotoSynth.render(1600, 1200, 19), 0.85f, true));
    ImageSettings.Builder b = ImageSettings.builder();
    assertEquals(List.of(), new Thumbnailer(b.build())
        .make(hurt, io.github.sparkthumbs.settings.OutputFormat.JPG).warnings());
    // libjpeg's word for it depends on where the damage derails the Huffman decoding
    assertNotEquals(List.of(), new Thumbnailer(b.strict(true).build())
        .make(hurt, io.github.sparkthumbs.settings.OutputFormat.JPG).warnings());
  }

  // ---- helpers ----

  /** Bytes of Y's 6-63 scan (the 5th of the default script) replaced, no marker made. */
  private static byte[] damagedLumaAc(byte[] jpeg) {
    int y = nthScan(jpeg, 5);
    int yEnd = nthScan(jpeg, 6);
    byte[] hurt = jpeg.clone();
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = y + 400; i < yEnd - 400; i += 97) {
      if (hurt[i] != (byte) 0xFF && hurt[i - 1] != (byte) 0xFF) {
        hurt[i] = (byte) rnd.nextInt(0xFF);
      }
    }
    return hurt;
  }

  private static void assertSamePixelsAtOneEighth(byte[] jpeg, byte[] dc, int w, int h) {
    if (!TurboJpegTest.installed()) {
      return;
    }
    assertArrayEquals(decodeEighth(jpeg, w, h), decodeEighth(dc, w, h),
        "1/8 decode of " + scans(jpeg));
  }

  /** TurboJPEG at 1/8, failing on any warning. */
  static int[] decodeEighth(byte[] jpeg, int w, int h) {
    TurboJpegCodecs.Decompressor d = TurboJpegCodecs.decompressor();
    BufferedImage img = TurboJpegDecoder.decompress(d, d.source(jpeg), jpeg.length,
        new com.sun.jna.Memory(4L * ((w + 7) / 8) * ((h + 7) / 8)), (w + 7) / 8, (h + 7) / 8);
    if (img == null) {
      throw new AssertionError("decoding at 1/8: the library reported an error or a warning");
    }
    return pixels(img);
  }

  private static int[] pixels(BufferedImage img) {
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }

  private static BufferedImage grey(BufferedImage rgb) {
    BufferedImage g = new BufferedImage(rgb.getWidth(), rgb.getHeight(),
        BufferedImage.TYPE_BYTE_GRAY);
    g.getGraphics().drawImage(rgb, 0, 0, null);
    return g;
  }

  /**
   * A progressive JPEG from the JDK writer (libjpeg's default script) with luma sampling
   * {h, v} and a restart interval in MCUs (0: none), set through the metadata.
   */
  static byte[] progressive(BufferedImage img, int[] sampling, int restart) throws IOException {
    ImageWriter w = jdkJpegWriter();
    try {
      ImageWriteParam p = w.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(0.85f);
      // MODE_COPY_FROM_METADATA (our own scan script) ends in a NullPointerException in the
      // JDK 17 writer's native code, so only libjpeg's default script is written here.
      p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      IIOMetadata meta = w.getDefaultImageMetadata(new ImageTypeSpecifier(img), p);
      IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
      IIOMetadataNode seq = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
      IIOMetadataNode sof = (IIOMetadataNode) seq.getElementsByTagName("sof").item(0);
      IIOMetadataNode first = (IIOMetadataNode) sof.getElementsByTagName("componentSpec").item(0);
      first.setAttribute("HsamplingFactor", String.valueOf(sampling[0]));
      first.setAttribute("VsamplingFactor", String.valueOf(sampling[1]));
      if (restart > 0) {
        IIOMetadataNode dri = new IIOMetadataNode("dri");
        dri.setAttribute("interval", String.valueOf(restart));
        seq.insertBefore(dri, sof);
      }
      meta.setFromTree(FORMAT, root);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        w.setOutput(out);
        w.write(null, new IIOImage(img, null, meta), p);
      }
      return bytes.toByteArray();
    } finally {
      w.dispose();
    }
  }

  /** The file without the given scans (1-based), each with its entropy-coded data. */
  private static byte[] withoutScans(byte[] jpeg, int... numbers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int from = 0;
    int[] starts = new int[numbers.length];
    int[] ends = new int[numbers.length];
    for (int k = 0; k < numbers.length; k++) {
      starts[k] = nthScan(jpeg, numbers[k]);
      ends[k] = nthScan(jpeg, numbers[k] + 1, true);
    }
    for (int k = 0; k < numbers.length; k++) {
      out.write(jpeg, from, starts[k] - from);
      from = ends[k];
    }
    out.write(jpeg, from, jpeg.length - from);
    return out.toByteArray();
  }

  private static ImageWriter jdkJpegWriter() {
    Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
    while (it.hasNext()) {
      ImageWriter w = it.next();
      if (w.getClass().getName().startsWith("com.sun.imageio")) {
        return w;
      }
      w.dispose();
    }
    throw new AssertionError("no JDK JPEG writer");
  }

  /** The scans as "Ss-Se Ah/Al c(component indexes)". */
  static List<String> scans(byte[] b) {
    List<String> out = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    for (int pos = 2; pos + 4 <= b.length; ) {
      int m = b[pos + 1] & 0xFF;
      int len = ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
      if (m == 0xC2 || m == 0xC0) {
        for (int i = 0; i < (b[pos + 9] & 0xFF); i++) {
          ids.add(b[pos + 10 + 3 * i] & 0xFF);
        }
      }
      if (m == 0xD9) {
        break;
      }
      if (m != 0xDA) {
        pos += 2 + len;
        continue;
      }
      int ns = b[pos + 4] & 0xFF;
      StringBuilder c = new StringBuilder(" c");
      for (int i = 0; i < ns; i++) {
        c.append(ids.indexOf(b[pos + 5 + 2 * i] & 0xFF) + 1);
      }
      int q = pos + 5 + 2 * ns;
      out.add((b[q] & 0xFF) + "-" + (b[q + 1] & 0xFF) + " " + ((b[q + 2] & 0xFF) >> 4) + "/"
          + (b[q + 2] & 15) + c);
      pos += 2 + len;
      while (pos + 1 < b.length && !((b[pos] & 0xFF) == 0xFF && (b[pos + 1] & 0xFF) != 0
          && ((b[pos + 1] & 0xFF) < 0xD0 || (b[pos + 1] & 0xFF) > 0xD7))) {
        pos++;
      }
    }
    return out;
  }

  /** Where the n-th scan's SOS (1-based) starts. */
  private static int nthScan(byte[] b, int nth) {
    return nthScan(b, nth, false);
  }

  /** ... or, with {@code orNextMarker}, the marker after scan n-1's data (DHT or SOS or EOI). */
  private static int nthScan(byte[] b, int nth, boolean orNextMarker) {
    if (orNextMarker) {
      int prev = nthScan(b, nth - 1);
      for (int i = prev + 2; i + 1 < b.length; i++) {
        int m = b[i + 1] & 0xFF;
        if ((b[i] & 0xFF) == 0xFF && m != 0 && m != 0xFF && (m < 0xD0 || m > 0xD7)) {
          return i;
        }
      }
      throw new AssertionError("no marker after scan " + (nth - 1));
    }
    int seen = 0;
    for (int i = 2; i + 1 < b.length; i++) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xDA && ++seen == nth) {
        return i;
      }
    }
    throw new AssertionError("no scan " + nth);
  }

  private static byte[] segment(byte[] b, int marker) {
    for (int pos = 2; pos + 4 <= b.length; ) {
      int len = ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
      if ((b[pos + 1] & 0xFF) == marker) {
        return Arrays.copyOfRange(b, pos, pos + 2 + len);
      }
      pos += 2 + len;
    }
    throw new AssertionError("no marker " + Integer.toHexString(marker));
  }

  private static int indexOf(byte[] b, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= b.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (b[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
