package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link WebP}'s own logic against a fake libwebp (no native library needed): the version
 * string, the side limit, what is passed in and what is freed. WebPOutputTest encodes through
 * the real library and decodes the result back.
 */
class WebPTest {
  private static final NativeLib.Loaded<WebP.Api> MISSING =
      new NativeLib.Loaded<>(null, "libwebp not found (install the Debian package libwebp7)");

  /** Answers every encode with {@code size} and {@code output}; records what it is given. */
  private static final class FakeApi implements WebP.Api {
    final long size;
    final Pointer output;
    final List<String> calls = new ArrayList<>();
    final List<Pointer> freed = new ArrayList<>();
    byte[] pixels;

    FakeApi(long size, Pointer output) {
      this.size = size;
      this.output = output;
    }

    @Override
    public int WebPGetEncoderVersion() {
      return 0x0A0B0C;
    }

    @Override
    public NativeLong WebPEncodeRGB(byte[] rgb, int width, int height, int stride,
        float quality, PointerByReference out) {
      return encoded("RGB", rgb, width, height, stride, quality, out);
    }

    @Override
    public NativeLong WebPEncodeRGBA(byte[] rgba, int width, int height, int stride,
        float quality, PointerByReference out) {
      return encoded("RGBA", rgba, width, height, stride, quality, out);
    }

    private NativeLong encoded(String what, byte[] px, int width, int height, int stride,
        float quality, PointerByReference out) {
      calls.add(what + " " + width + "x" + height + " stride " + stride + " q" + quality);
      pixels = px;
      out.setValue(output);
      return new NativeLong(size);
    }

    @Override
    public void WebPFree(Pointer ptr) {
      freed.add(ptr);
    }
  }

  private static NativeLib.Loaded<WebP.Api> loaded(FakeApi api) {
    return new NativeLib.Loaded<>(api, null);
  }

  private static BufferedImage twoPixels(int type, int left, int right) {
    BufferedImage img = new BufferedImage(2, 1, type);
    img.setRGB(0, 0, left);
    img.setRGB(1, 0, right);
    return img;
  }

  private static Memory bytes(byte... b) {
    Memory m = new Memory(b.length);
    m.write(0, b, 0, b.length);
    return m;
  }

  @Test
  void statusSpellsTheEncoderVersionByItsThreeBytes() {
    assertEquals("libwebp 10.11.12", WebP.status(loaded(new FakeApi(0, null))));
  }

  @Test
  void withoutTheLibraryStatusAndEncodeSayWhy() {
    assertEquals(MISSING.whyNot(), WebP.status(MISSING));
    IOException e = assertThrows(IOException.class,
        () -> WebP.encode(MISSING, twoPixels(BufferedImage.TYPE_INT_RGB, 0, 0), 75));
    assertEquals(MISSING.whyNot(), e.getMessage());
  }

  /** 16383 is the most a side can hold, in either direction; nothing is passed on past it. */
  @Test
  void sidesOverTheWebPLimitAreRefusedBeforeEncoding() throws Exception {
    FakeApi api = new FakeApi(1, bytes((byte) 7));
    for (int[] size : new int[][] {{16384, 1}, {1, 16384}}) {
      BufferedImage img = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
      IOException e = assertThrows(IOException.class, () -> WebP.encode(loaded(api), img, 75));
      assertEquals("WebP holds at most 16383 px per side, not " + size[0] + "x" + size[1],
          e.getMessage());
    }
    assertEquals(List.of(), api.calls);
    WebP.encode(loaded(api), new BufferedImage(16383, 1, BufferedImage.TYPE_INT_RGB), 75);
    WebP.encode(loaded(api), new BufferedImage(1, 16383, BufferedImage.TYPE_INT_RGB), 75);
    assertEquals(List.of("RGB 16383x1 stride 49149 q75.0", "RGB 1x16383 stride 3 q75.0"),
        api.calls);
  }

  @Test
  void encodedBytesAreCopiedOutAndTheBufferFreedOnce() throws Exception {
    Memory out = bytes((byte) 'R', (byte) 'I', (byte) 'F');
    FakeApi api = new FakeApi(3, out);
    byte[] webp = WebP.encode(loaded(api),
        twoPixels(BufferedImage.TYPE_INT_ARGB, 0x80112233, 0xFF445566), 60);
    assertArrayEquals(new byte[] {'R', 'I', 'F'}, webp);
    assertEquals(List.of("RGBA 2x1 stride 8 q60.0"), api.calls);
    assertArrayEquals(new byte[] {0x11, 0x22, 0x33, (byte) 0x80, 0x44, 0x55, 0x66, (byte) 0xFF},
        api.pixels);
    assertEquals(List.of(out), api.freed);
  }

  /** libwebp answers 0 and no buffer on failure; either alone is taken as a failure too. */
  @Test
  void anEmptyResultOrNoBufferIsAFailure() {
    Memory out = bytes((byte) 1);
    FakeApi empty = new FakeApi(0, out);
    IOException e = assertThrows(IOException.class, () -> WebP.encode(loaded(empty),
        twoPixels(BufferedImage.TYPE_INT_RGB, 0x112233, 0x445566), 75));
    assertEquals("libwebp could not encode a 2x1 image", e.getMessage());
    assertArrayEquals(new byte[] {0x11, 0x22, 0x33, 0x44, 0x55, 0x66}, empty.pixels);
    assertEquals(List.of(out), empty.freed, "a buffer it did give is freed all the same");

    FakeApi noBuffer = new FakeApi(5, null);
    e = assertThrows(IOException.class, () -> WebP.encode(loaded(noBuffer),
        twoPixels(BufferedImage.TYPE_INT_RGB, 0, 0), 75));
    assertEquals("libwebp could not encode a 2x1 image", e.getMessage());
    assertEquals(List.of(), noBuffer.freed);
  }
}
