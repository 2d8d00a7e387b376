package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import io.github.sparkthumbs.image.TurboJpegCodecs.Compressor;
import io.github.sparkthumbs.image.TurboJpegCodecs.Decompressor;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A decompressor's native buffers and spare pixel array, at each size limit and one past it:
 * which buffer a call returns (the kept one or a new one), whether a buffer it lets go of is
 * freed (JNA's {@code Memory.valid()}), and that a kept pixel buffer comes back zeroed.
 */
class TurboJpegCodecsTest {
  private static final int KEEP_BYTES = 16 << 20;
  private static final int KEEP_SPARE_PIXELS = 1 << 19;

  private Decompressor d;

  @BeforeEach
  void open() {
    assumeTrue(TurboJpegLibrary.available(), TurboJpegLibrary.status());
    d = new Decompressor(TurboJpegLibrary.API.tjInitDecompress());
  }

  @AfterEach
  void close() {
    if (d != null) {
      d.close();
    }
  }

  private static boolean allZero(Memory m, long size) {
    for (byte v : m.getByteArray(0, (int) size)) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  /** The source buffer holds the bytes, is at least 64 KB, and grows only when too small. */
  @Test
  void theSourceBufferIsKeptWhileLargeEnough() {
    byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    Memory first = d.source(bytes);
    assertEquals(65536, first.size());
    assertArrayEquals(bytes, first.getByteArray(0, bytes.length));
    byte[] full = new byte[65536];
    full[65535] = 7;
    assertSame(first, d.source(full), "exactly its size still fits");
    assertEquals(7, first.getByte(65535));
    byte[] over = new byte[65537];
    over[65536] = 9;
    Memory grown = d.source(over);
    assertNotSame(first, grown);
    assertEquals(65537, grown.size());
    assertEquals(9, grown.getByte(65536));
    assertFalse(first.valid(), "the outgrown buffer is freed");
  }

  /**
   * The pixel buffer is at least 256 KB, kept while large enough, and zeroed on every call so
   * that no earlier image shows through; a larger one replaces it and the old one is freed.
   */
  @Test
  void thePixelBufferIsKeptAndZeroed() {
    Memory first = d.pixels(100);
    assertEquals(1 << 18, first.size());
    first.setMemory(0, 1 << 18, (byte) 0x55);
    assertSame(first, d.pixels(1 << 18), "exactly its size still fits");
    assertTrue(allZero(first, 1 << 18), "zeroed for the next image");
    first.setMemory(0, 1 << 18, (byte) 0x55);
    Memory grown = d.pixels((1 << 18) + 1);
    assertNotSame(first, grown);
    assertEquals((1 << 18) + 1, grown.size());
    assertTrue(allZero(grown, (1 << 18) + 1));
    assertFalse(first.valid(), "the outgrown buffer is freed");
  }

  /**
   * Up to 16 MB the pixel buffer is kept from image to image; a larger image gets a buffer of its
   * own, which release frees while the kept one stays.
   */
  @Test
  void pixelBuffersOver16MbAreOneOff() {
    Memory kept = d.pixels(KEEP_BYTES);
    assertEquals(KEEP_BYTES, kept.size());
    assertSame(kept, d.pixels(KEEP_BYTES));
    Memory oneOff = d.pixels(KEEP_BYTES + 1L);
    assertNotSame(kept, oneOff);
    assertEquals(KEEP_BYTES + 1L, oneOff.size());
    assertSame(kept, d.pixels(KEEP_BYTES), "the one-off buffer did not replace the kept one");
    d.release(oneOff);
    assertFalse(oneOff.valid(), "a one-off buffer is freed after its image");
    d.release(kept);
    assertTrue(kept.valid(), "the kept buffer is not");
    d.release(null);
    assertTrue(kept.valid());
  }

  /** A source buffer over 16 MB is freed after its image; one of exactly 16 MB is kept. */
  @Test
  void sourceBuffersOver16MbAreFreedAfterTheImage() {
    d.release(null); // nothing to free yet
    assertNull(d.source);
    Memory kept = d.source(new byte[KEEP_BYTES]);
    d.release(null);
    assertSame(kept, d.source);
    assertTrue(kept.valid());
    Memory big = d.source(new byte[KEEP_BYTES + 1]);
    assertFalse(kept.valid(), "outgrown");
    d.release(null);
    assertNull(d.source);
    assertFalse(big.valid(), "freed after its image");
  }

  /**
   * The spare array goes to the next request it is large enough for, once; of two offered the
   * larger is kept (the first of two equal ones), up to 2^19 pixels.
   */
  @Test
  void theSpareArrayIsTheLargerOneUpToTheLimit() {
    int[] a = new int[100];
    d.giveSpare(a);
    assertEquals(101, d.takeSpare(101).length, "too small: a new array");
    assertSame(a, d.takeSpare(100), "exactly large enough");
    assertNotSame(a, d.takeSpare(100), "taken once");
    int[] first = new int[100];
    d.giveSpare(first);
    d.giveSpare(new int[100]);
    assertSame(first, d.takeSpare(50), "an equal one does not replace it");
    int[] small = new int[50];
    int[] large = new int[200];
    d.giveSpare(small);
    d.giveSpare(large);
    d.giveSpare(new int[120]);
    assertSame(large, d.takeSpare(150));
    int[] limit = new int[KEEP_SPARE_PIXELS];
    d.giveSpare(limit);
    assertSame(limit, d.takeSpare(10), "exactly the limit is kept");
    d.giveSpare(new int[KEEP_SPARE_PIXELS + 1]);
    assertEquals(10, d.takeSpare(10).length, "over the limit: not kept");
  }

  /** Closing frees both buffers; a decompressor that never had any closes too. */
  @Test
  void closeFreesTheBuffers() {
    Decompressor other = new Decompressor(TurboJpegLibrary.API.tjInitDecompress());
    Memory source = other.source(new byte[10]);
    Memory pixels = other.pixels(10);
    other.close();
    assertFalse(source.valid());
    assertFalse(pixels.valid());
    new Decompressor(TurboJpegLibrary.API.tjInitDecompress()).close();
  }

  /** A compressor's pixel buffer: at least 64 KB, kept while large enough, freed when outgrown. */
  @Test
  void theCompressorsPixelBufferIsKeptWhileLargeEnough() {
    Compressor c = new Compressor(TurboJpegLibrary.API.tjInitCompress());
    Memory first = c.pixels(10);
    assertEquals(65536, first.size());
    assertSame(first, c.pixels(65536), "exactly its size still fits");
    Memory grown = c.pixels(65537);
    assertNotSame(first, grown);
    assertEquals(65537, grown.size());
    assertFalse(first.valid(), "the outgrown buffer is freed");
    c.close();
    assertFalse(grown.valid(), "closing frees it");
    new Compressor(TurboJpegLibrary.API.tjInitCompress()).close();
  }

  /**
   * A set lent to the thread ({@code use}) is the one the decoder and encoder find until the next
   * call gives back the one it replaced; running it (its cleaning action) frees both codecs.
   */
  @Test
  void aLentSetIsUsedUntilGivenBackAndRunFreesIt() throws Exception {
    TurboJpegCodecs lent = new TurboJpegCodecs();
    TurboJpegCodecs own = TurboJpegCodecs.current();
    assertSame(own, TurboJpegCodecs.use(lent));
    Memory source;
    Memory pixels;
    try {
      assertSame(lent, TurboJpegCodecs.current());
      Decompressor made = TurboJpegCodecs.decompressor();
      assertSame(made, lent.decompressor);
      source = made.source(new byte[10]);
      BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
      assertTrue(TurboJpegEncoder.encode(img, 90).length > 0);
      pixels = lent.compressor.pixels(10);
    } finally {
      assertSame(lent, TurboJpegCodecs.use(own));
    }
    assertSame(own, TurboJpegCodecs.current());
    lent.run();
    assertNull(lent.decompressor);
    assertNull(lent.compressor);
    assertFalse(source.valid());
    assertFalse(pixels.valid());
    lent.run(); // nothing left to free
  }

  /** A discarded decompressor's buffers are freed; the next call makes a new one. */
  @Test
  void aDiscardedDecompressorIsFreed() throws Exception {
    TurboJpegCodecs before = TurboJpegCodecs.use(new TurboJpegCodecs());
    try {
      TurboJpegCodecs.discardDecompressor(); // none yet
      Decompressor first = TurboJpegCodecs.decompressor();
      Memory source = first.source(new byte[10]);
      TurboJpegCodecs.discardDecompressor();
      assertFalse(source.valid());
      assertNull(TurboJpegCodecs.current().decompressor);
      assertNotSame(first, TurboJpegCodecs.decompressor());
    } finally {
      TurboJpegCodecs.use(before).run();
    }
  }
}
