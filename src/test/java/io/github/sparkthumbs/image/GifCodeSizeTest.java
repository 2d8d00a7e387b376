package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * {@link GifCodeSize}: GIFs whose first image has an LZW code size of 9 to 11, made here with a
 * real LZW coder (dictionary codes, growing code widths, a full table) or with hand-picked codes,
 * recoded with code size 8 and read back by the JDK's GIF reader index by index; the recoded
 * data checked code by code; the header walk, the limits and cut files at their edges.
 */
class GifCodeSizeTest {
  /** A GIF89a header: the logical screen of {@code w x h} with a 256-entry global table. */
  private static final int GLOBAL = 13 + 768;

  /** GCE, then a comment of two sub-blocks: extensions the walk to the image must skip. */
  private static final byte[] EXTENSIONS = {
    0x21, (byte) 0xF9, 4, 0, 0, 0, 0, 0, 0x21, (byte) 0xFE, 2, 'h', 'i', 1, '!', 0,
  };

  /**
   * A GIF of {@code w x h}: a 256-entry global table (index i is (i, 255 - i, 7 i)), then
   * {@code before} (extensions), an image descriptor (with a local table of 256 entries when
   * {@code local}), the code size and {@code data} as sub-blocks, and the trailer.
   */
  private static byte[] gif(int w, int h, byte[] before, boolean local, int codeSize,
      byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("GIF89a".getBytes());
    out.writeBytes(new byte[] {(byte) w, (byte) (w >> 8), (byte) h, (byte) (h >> 8),
        (byte) 0x87, 0, 0});
    out.writeBytes(palette());
    out.writeBytes(before);
    out.writeBytes(new byte[] {0x2C, 0, 0, 0, 0, (byte) w, (byte) (w >> 8), (byte) h,
        (byte) (h >> 8), (byte) (local ? 0x87 : 0)});
    if (local) {
      out.writeBytes(palette());
    }
    out.write(codeSize);
    out.writeBytes(blocks(data));
    out.write(0x3B);
    return out.toByteArray();
  }

  private static byte[] gif(int w, int h, int codeSize, byte[] data) {
    return gif(w, h, new byte[0], false, codeSize, data);
  }

  private static byte[] palette() {
    byte[] p = new byte[768];
    for (int i = 0; i < 256; i++) {
      p[3 * i] = (byte) i;
      p[3 * i + 1] = (byte) (255 - i);
      p[3 * i + 2] = (byte) (7 * i);
    }
    return p;
  }

  /** {@code data} as sub-blocks of at most 255 bytes, then the 0 that ends them. */
  private static byte[] blocks(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int p = 0; p < data.length; p += 255) {
      int len = Math.min(255, data.length - p);
      out.write(len);
      out.write(data, p, len);
    }
    out.write(0);
    return out.toByteArray();
  }

  /** Codes packed least significant bit first, each {@code width} bits. */
  private static byte[] pack(int width, int... codes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long buffer = 0;
    int bits = 0;
    for (int c : codes) {
      buffer |= (long) c << bits;
      for (bits += width; bits >= 8; bits -= 8, buffer >>>= 8) {
        out.write((int) buffer & 0xFF);
      }
    }
    if (bits > 0) {
      out.write((int) buffer);
    }
    return out.toByteArray();
  }

  /**
   * GIF's LZW of {@code indices}: dictionary codes, codes one bit wider each time the table
   * reaches a power of two (up to 12 bits), and no new entries once it holds 4096 (the decoder
   * must then keep using the full table). A clear code first only when {@code clearFirst}.
   */
  private static byte[] lzw(int codeSize, byte[] indices, boolean clearFirst) {
    int clear = 1 << codeSize;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long[] acc = new long[2]; // buffer, bits
    int width = codeSize + 1;
    if (clearFirst) {
      put(out, acc, clear, width);
    }
    Map<Integer, Integer> table = new HashMap<>();
    int next = clear + 2;
    int prefix = indices[0] & 0xFF;
    for (int i = 1; i < indices.length; i++) {
      int k = indices[i] & 0xFF;
      Integer known = table.get(prefix << 8 | k);
      if (known != null) {
        prefix = known;
        continue;
      }
      put(out, acc, prefix, width);
      if (next < 4096) {
        table.put(prefix << 8 | k, next);
        if (next == 1 << width) { // the decoder, one entry behind, widens before the next code
          width++;
        }
        next++;
      }
      prefix = k;
    }
    put(out, acc, prefix, width);
    put(out, acc, clear + 1, width);
    if (acc[1] > 0) {
      out.write((int) acc[0]);
    }
    return out.toByteArray();
  }

  private static void put(ByteArrayOutputStream out, long[] acc, int code, int width) {
    acc[0] |= (long) code << acc[1];
    for (acc[1] += width; acc[1] >= 8; acc[1] -= 8, acc[0] >>>= 8) {
      out.write((int) acc[0] & 0xFF);
    }
  }

  /** The palette indices the JDK's GIF reader shows for {@code gif}, row by row. */
  private static byte[] shown(byte[] gif) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(gif));
    byte[] out = new byte[img.getWidth() * img.getHeight()];
    for (int y = 0, i = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        out[i++] = (byte) img.getRaster().getSample(x, y, 0);
      }
    }
    return out;
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      // runs of one index (codes that name the entry being defined) between random ones
      b[i] = i % 64 < 16 ? (byte) (i / 64) : (byte) r.nextInt(256);
    }
    b[0] = 0;
    b[n - 1] = (byte) 255;
    return b;
  }

  /**
   * The recoded data from {@code at} (its code size byte): asserts code size 8, no byte beyond
   * the end code's and, after the block terminator, the trailer; returns the 9-bit codes.
   */
  private static List<Integer> codes(byte[] recoded, int at) {
    return codes(recoded, at, new byte[] {0x3B});
  }

  /** {@link #codes(byte[], int)} of a file that ended without trailer: nothing follows. */
  private static List<Integer> codesUnended(byte[] recoded, int at) {
    return codes(recoded, at, new byte[0]);
  }

  private static List<Integer> codes(byte[] recoded, int at, byte[] tail) {
    assertEquals(8, recoded[at], "code size");
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    int p = at + 1;
    for (; recoded[p] != 0; p += 1 + (recoded[p] & 0xFF)) {
      data.write(recoded, p + 1, recoded[p] & 0xFF);
    }
    assertArrayEquals(tail, Arrays.copyOfRange(recoded, p + 1, recoded.length), "after the data");
    byte[] d = data.toByteArray();
    List<Integer> codes = new ArrayList<>();
    long bits = 0;
    while (codes.isEmpty() || codes.get(codes.size() - 1) != 257) {
      int code = 0;
      for (int i = 0; i < 9; i++, bits++) {
        code |= (d[(int) (bits / 8)] >> (bits % 8) & 1) << i;
      }
      codes.add(code);
    }
    assertEquals((bits + 7) / 8, d.length, "bytes after the end code");
    return codes;
  }

  /** The codes the recoder writes for {@code indices}: literals, a clear before every 250th. */
  private static List<Integer> literals(byte[] indices) {
    List<Integer> codes = new ArrayList<>();
    for (int i = 0; i < indices.length; i++) {
      if (i % 250 == 0) {
        codes.add(256);
      }
      codes.add(indices[i] & 0xFF);
    }
    codes.add(257);
    return codes;
  }

  @Test
  void realLzwOfEveryCodeSizeOverEightIsShownIndexForIndex() throws IOException {
    byte[] indices = random(96 * 96, 7); // enough codes to fill the table at each code size
    for (int codeSize : new int[] {9, 10, 11}) {
      for (boolean clearFirst : new boolean[] {true, false}) {
        byte[] gif = gif(96, 96, codeSize, lzw(codeSize, indices, clearFirst));
        byte[] recoded = GifCodeSize.recoded(gif, Long.MAX_VALUE);
        String what = "code size " + codeSize + (clearFirst ? "" : ", no clear code first");
        assertNotNull(recoded, what);
        assertArrayEquals(Arrays.copyOf(gif, GLOBAL + 10), Arrays.copyOf(recoded, GLOBAL + 10),
            what + ": header, table and descriptor kept");
        assertArrayEquals(indices, shown(recoded), what);
      }
    }
  }

  @Test
  void theTestsLzwCoderIsWhatTheJdkReads() throws IOException {
    byte[] indices = random(96 * 96, 7);
    assertArrayEquals(indices, shown(gif(96, 96, 8, lzw(8, indices, true))));
  }

  @Test
  void extensionsAndALocalTableBeforeTheDataAreKept() throws IOException {
    byte[] indices = random(20 * 10, 3);
    byte[] gif = gif(20, 10, EXTENSIONS, true, 9, lzw(9, indices, true));
    byte[] recoded = GifCodeSize.recoded(gif, Long.MAX_VALUE);
    int codeSizeAt = GLOBAL + EXTENSIONS.length + 10 + 768;
    assertArrayEquals(Arrays.copyOf(gif, codeSizeAt), Arrays.copyOf(recoded, codeSizeAt));
    assertEquals(literals(indices), codes(recoded, codeSizeAt));
    assertArrayEquals(indices, shown(recoded));
  }

  @Test
  void theRecodedDataIsNineBitLiteralsWithAClearCodeEvery250() {
    // 1: the smallest; 6: 8 codes, 72 bits, no partial byte; 224: 255 bytes, exactly one
    // sub-block; 250 and 251: the end code right at and right after a clear point; 600: three.
    for (int n : new int[] {1, 6, 224, 250, 251, 600}) {
      byte[] indices = random(n, n);
      byte[] recoded = GifCodeSize.recoded(gif(n, 1, 9, lzw(9, indices, true)), n);
      assertEquals(literals(indices), codes(recoded, GLOBAL + 10), n + " pixels");
    }
  }

  @Test
  void indicesAreRefusedFrom256AndTheEndCodeStopsTheImage() {
    int w = 10; // 10 bits wide, code size 9: clear 512, end 513, first entry 514
    assertEquals(List.of(256, 255, 7, 257),
        codes(GifCodeSize.recoded(gif(2, 1, 9, pack(w, 512, 255, 7, 513)), 2), GLOBAL + 10));
    assertNull(GifCodeSize.recoded(gif(2, 1, 9, pack(w, 512, 256, 7, 513)), 2));
    assertNull(GifCodeSize.recoded(gif(2, 1, 9, pack(w, 512, 511, 7, 513)), 2), "clear - 1");
    // an end code before the last pixel: the rest is 0, whatever codes follow it
    assertEquals(List.of(256, 5, 0, 0, 0, 257),
        codes(GifCodeSize.recoded(gif(2, 2, 9, pack(w, 512, 5, 513, 7, 7)), 4), GLOBAL + 10));
  }

  @Test
  void codesNotYetInTheTableAreRefused() {
    int w = 10;
    // 514 right after the first literal names the entry being defined ("5, 5"): valid
    assertEquals(List.of(256, 5, 5, 5, 257),
        codes(GifCodeSize.recoded(gif(3, 1, 9, pack(w, 512, 5, 514, 513)), 3), GLOBAL + 10));
    assertNull(GifCodeSize.recoded(gif(3, 1, 9, pack(w, 512, 5, 515, 513)), 3), "past next");
    assertNull(GifCodeSize.recoded(gif(3, 1, 9, pack(w, 512, 514, 513)), 3), "no previous");
    assertNull(GifCodeSize.recoded(gif(3, 1, 9, pack(w, 512, 1000, 513)), 3), "far past");
  }

  @Test
  void aStringLongerThanThePixelsLeftIsCut() {
    // four zeros coded as 0, 514 ("0 0"), 0; the image has two pixels
    byte[] data = lzw(9, new byte[4], true);
    assertEquals(List.of(256, 0, 0, 257), codes(GifCodeSize.recoded(gif(2, 1, 9, data), 2),
        GLOBAL + 10));
  }

  @Test
  void onlyCodeSizesNineToElevenAreRecoded() {
    byte[] indices = random(50, 1);
    for (int codeSize = 2; codeSize <= 12; codeSize++) {
      byte[] gif = gif(50, 1, codeSize, lzw(codeSize, Arrays.copyOf(indices, 50), true));
      if (codeSize < 9 || codeSize > 11) {
        assertNull(GifCodeSize.recoded(gif, Long.MAX_VALUE), "code size " + codeSize);
      } else {
        assertEquals(literals(indices), codes(GifCodeSize.recoded(gif, Long.MAX_VALUE),
            GLOBAL + 10), "code size " + codeSize);
      }
    }
  }

  @Test
  void thePixelLimitIsTheImageAreaExactly() {
    for (int[] size : new int[][] {{300, 1}, {1, 300}, {20, 15}}) {
      byte[] gif = gif(size[0], size[1], 9, lzw(9, new byte[300], true));
      String what = size[0] + "x" + size[1];
      assertNotNull(GifCodeSize.recoded(gif, 300), what);
      assertNull(GifCodeSize.recoded(gif, 299), what);
    }
    assertNull(GifCodeSize.recoded(gif(0, 5, 9, lzw(9, new byte[1], true)), 300), "0 wide");
    assertNull(GifCodeSize.recoded(gif(5, 0, 9, lzw(9, new byte[1], true)), 300), "0 high");
  }

  @Test
  void onlyAGifWithAnImageIsRecoded() {
    byte[] gif = gif(4, 4, 9, lzw(9, new byte[16], true));
    assertNotNull(GifCodeSize.recoded(gif, 16));
    for (int[] change : new int[][] {{0, 'X'}, {1, 'X'}, {2, 'X'}, {GLOBAL, 0x2D}}) {
      byte[] other = gif.clone();
      other[change[0]] = (byte) change[1];
      assertNull(GifCodeSize.recoded(other, 16), "byte " + change[0]);
    }
  }

  /** Cut anywhere up to its code size, a GIF has no recoding (and no exception). */
  @Test
  void aFileCutBeforeItsDataIsNotRecoded() {
    byte[] gif = gif(4, 4, EXTENSIONS, true, 9, lzw(9, new byte[16], true));
    int codeSizeAt = GLOBAL + EXTENSIONS.length + 10 + 768;
    for (int n = 0; n <= codeSizeAt; n++) {
      assertNull(GifCodeSize.recoded(Arrays.copyOf(gif, n), 16), n + " bytes");
    }
    byte[] noLocal = gif(4, 4, EXTENSIONS, false, 9, lzw(9, new byte[16], true));
    for (int n = 0; n <= GLOBAL + EXTENSIONS.length + 10; n++) {
      assertNull(GifCodeSize.recoded(Arrays.copyOf(noLocal, n), 16), n + " bytes, no table");
    }
  }

  @Test
  void aFileCutInItsDataKeepsTheIndicesDecodedSoFar() {
    byte[] indices = new byte[300];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = (byte) (1 + i % 200);
    }
    int[] codes = new int[indices.length + 2];
    codes[0] = 512;
    for (int i = 0; i < indices.length; i++) {
      codes[i + 1] = indices[i] & 0xFF;
    }
    codes[codes.length - 1] = 513;
    byte[] gif = gif(300, 1, 9, pack(10, codes));
    int at = GLOBAL + 10;
    // cut at the end of the first sub-block: 255 bytes, 204 codes of 10 bits, the last ending
    // at the last bit: the clear code and 203 indices
    byte[] cut = Arrays.copyOf(gif, at + 1 + 1 + 255);
    byte[] kept = Arrays.copyOf(Arrays.copyOf(indices, 203), 300);
    assertEquals(literals(kept), codesUnended(GifCodeSize.recoded(cut, 300), at));
    // cut right after the code size: every index is 0
    assertEquals(literals(new byte[300]),
        codesUnended(GifCodeSize.recoded(Arrays.copyOf(gif, at + 1), 300), at));
    // the whole data, but no block terminator and no trailer
    byte[] unended = Arrays.copyOf(gif, gif.length - 2);
    List<Integer> all = literals(indices);
    assertEquals(all, codesUnended(GifCodeSize.recoded(unended, 300), at));
  }
}
