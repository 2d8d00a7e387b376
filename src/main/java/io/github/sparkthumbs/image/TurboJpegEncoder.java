package io.github.sparkthumbs.image;

import static io.github.sparkthumbs.image.TurboJpegLibrary.API;
import static io.github.sparkthumbs.image.TurboJpegLibrary.PF_BGRX;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.github.sparkthumbs.image.TurboJpegCodecs.Compressor;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** JPEG encoding by libjpeg-turbo, in the calling thread's current {@link TurboJpegCodecs}. */
final class TurboJpegEncoder {
  /** TJSAMP_420: chroma halved both ways, as the JDK's writer and Pillow's save do. */
  private static final int SAMP_420 = 2;

  private TurboJpegEncoder() {}

  /**
   * An opaque image as a baseline 4:2:0 JPEG at {@code quality}, by libjpeg-turbo's SIMD encoder;
   * null when the library fails (the caller then uses ImageIO's). The JDK's writer (libjpeg 6b
   * without SIMD, behind ImageIO's Java layers) was the costliest step after the decode on 256 px
   * thumbnails of web-size photos (profiled in docs/speed-vs-pil.md, "What each step bought").
   */
  static byte[] encode(BufferedImage img, int quality) {
    if (API == null || img.getType() != BufferedImage.TYPE_INT_RGB
        || !(img.getRaster().getDataBuffer() instanceof DataBufferInt buffer)
        || img.getRaster().getParent() != null) {
      return null;
    }
    TurboJpegCodecs codecs = TurboJpegCodecs.current();
    Compressor c = codecs.compressor;
    if (c == null) {
      Pointer handle = API.tjInitCompress();
      if (handle == null) {
        return null;
      }
      c = new Compressor(handle);
      codecs.compressor = c;
    }
    int w = img.getWidth();
    int h = img.getHeight();
    int[] px = buffer.getData();
    Memory src = c.pixels(4L * w * h);
    src.write(0, px, buffer.getOffset(), w * h);
    PointerByReference out = new PointerByReference();
    NativeLongByReference size = new NativeLongByReference();
    try {
      if (API.tjCompress2(c.handle, src, w, w * 4, h, PF_BGRX, out, size, SAMP_420, quality, 0)
          != 0) {
        codecs.compressor = null;
        c.close();
        return null;
      }
      return out.getValue().getByteArray(0, size.getValue().intValue());
    } finally {
      if (out.getValue() != null) {
        API.tjFree(out.getValue());
      }
    }
  }
}
