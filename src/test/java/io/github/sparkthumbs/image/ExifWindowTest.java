package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.sparkthumbs.testing.Images;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.IIOException;
import org.junit.jupiter.api.Test;

/**
 * The EXIF block as a stream: a window on the bytes we hold, that ends where the block ends and
 * refuses more than twice the block plus 64 KB of reading in all (the defence against entries
 * that all point at the same bytes). Exact bytes, ends and budget.
 */
class ExifWindowTest {
  /** The block is bytes 2..5: F0 01 7F 80 (high bit set, so unsigned reads show). */
  private static final byte[] BYTES = {9, 9, (byte) 0xF0, 0x01, 0x7F, (byte) 0x80, 9, 9};

  private static ExifOrientation.Window window() {
    return new ExifOrientation.Window(BYTES, 2, 6);
  }

  @Test
  void singleBytesAreUnsignedAndStopAtTheEndOfTheBlock() throws IOException {
    try (ExifOrientation.Window w = window()) {
      assertEquals(4, w.length());
      assertEquals(0xF0, w.read());
      assertEquals(0x01, w.read());
      assertEquals(0x7F, w.read());
      assertEquals(0x80, w.read());
      assertEquals(-1, w.read());
      assertEquals(4, w.getStreamPosition());
    }
  }

  @Test
  void bulkReadsStopAtTheEndOfTheBlock() throws IOException {
    try (ExifOrientation.Window w = window()) {
      byte[] dst = new byte[10];
      w.seek(2);
      assertEquals(2, w.read(dst, 1, 10));
      assertArrayEquals(new byte[] {0, 0x7F, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0}, dst);
      assertEquals(0, w.read(dst, 0, 0), "nothing asked, nothing read, even at the end");
      assertEquals(-1, w.read(dst, 0, 1));
    }
  }

  /** 2 x 4 + 65536 = 65544 bytes may be read, by single bytes or in bulk; the next one fails. */
  @Test
  void theBudgetIsTwiceTheBlockPlus64Kb() throws IOException {
    try (ExifOrientation.Window w = window()) {
      for (int i = 0; i < 65544; i++) {
        if (i % 4 == 0) {
          w.seek(0);
        }
        w.read();
      }
      w.seek(0);
      IIOException e = assertThrows(IIOException.class, w::read);
      assertEquals("EXIF entries read over twice the 4-byte block: shared values",
          e.getMessage());
    }
    try (ExifOrientation.Window w = window()) {
      byte[] dst = new byte[4];
      for (int i = 0; i < 65544 / 4; i++) {
        w.seek(0);
        assertEquals(4, w.read(dst, 0, 4));
      }
      w.seek(0);
      assertThrows(IIOException.class, () -> w.read(dst, 0, 1));
    }
  }

  /** Upright images (and values no reader returns) are not copied. */
  @Test
  void uprightIsTheSameImage() {
    BufferedImage img = Images.quadrants(4, 2);
    assertSame(img, ExifOrientation.apply(img, 1));
    assertSame(img, ExifOrientation.apply(img, 0));
    assertSame(img, ExifOrientation.apply(img, 9));
  }
}
