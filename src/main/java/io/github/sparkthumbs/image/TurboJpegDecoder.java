package io.github.sparkthumbs.image;

import static io.github.sparkthumbs.image.TurboJpegLibrary.API;
import static io.github.sparkthumbs.image.TurboJpegLibrary.FACTORS;
import static io.github.sparkthumbs.image.TurboJpegLibrary.PF_BGRX;
import static io.github.sparkthumbs.image.TurboJpegLibrary.scaledSize;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import io.github.sparkthumbs.image.TurboJpegCodecs.Decompressor;
import io.github.sparkthumbs.result.ImageFailure;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.util.ArrayList;
import java.util.List;

/**
 * JPEG decoding by libjpeg-turbo ({@link TurboJpegLibrary}), in the calling thread's current
 * {@link TurboJpegCodecs}: scaled in the DCT domain, a progressive file at 1/8 through only the
 * scans that scale needs ({@link ProgressiveDc}).
 */
final class TurboJpegDecoder {
  private static final int ERR_WARNING = 0;
  private static final int CS_CMYK = 3;
  private static final int CS_YCCK = 4;
  /** {@code TYPE_INT_RGB}'s own model: an image over a recycled array has that type too. */
  private static final DirectColorModel RGB = new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);

  private TurboJpegDecoder() {}

  static boolean isJpeg(byte[] b) {
    return b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8
        && (b[2] & 0xFF) == 0xFF;
  }

  /**
   * Decodes at the smallest DCT scale that leaves at least twice the pixels the largest output
   * needs; null when TurboJPEG cannot handle this file (CMYK, damaged header, fatal error), so
   * that the ImageIO path decodes it or classifies the failure. Unless the request wants
   * {@linkplain DecodeRequest#everyWarning every warning}, a progressive JPEG decoded at 1/8 skips
   * the scans that scale does not need.
   */
  static Decoded decode(byte[] bytes, DecodeRequest request) throws ImageFailure {
    try {
      return decodeNative(bytes, request);
    } catch (RuntimeException e) { // a damaged segment our own parsers trip on: ImageIO names it
      return null;
    }
  }

  private static Decoded decodeNative(byte[] bytes, DecodeRequest request) throws ImageFailure {
    Decompressor d = TurboJpegCodecs.decompressor();
    if (d == null || !d.renew()) {
      return null;
    }
    Memory dst = null;
    try {
      Memory src = d.source(bytes);
      int[] w = new int[1];
      int[] h = new int[1];
      int[] subsamp = new int[1];
      int[] cs = new int[1];
      // A file cut before its frame header "succeeds" with a size of 0x0: damaged all the same.
      if (API.tjDecompressHeader3(d.handle, src, new NativeLong(bytes.length), w, h, subsamp, cs)
          != 0 || w[0] <= 0 || h[0] <= 0) {
        TurboJpegCodecs.discardDecompressor();
        return null; // a damaged header: let ImageIO classify it
      }
      DecodeSteps.checkDimensions("jpeg", w[0], h[0], request.maxPixels());
      if (cs[0] == CS_CMYK || cs[0] == CS_YCCK || JpegSegments.hasNonSrgbProfile(bytes)) {
        return null; // TurboJPEG converts neither these nor ICC profiles; TwelveMonkeys does
      }
      int orientation = ExifOrientation.read(bytes);
      int[] need = DecodeSteps.need(w[0], h[0], orientation, request.boxes(),
          request.mode());
      int[] scaled = scaledSize(FACTORS, w[0], h[0], 2 * need[0], 2 * need[1]);
      dst = d.pixels((long) scaled[0] * scaled[1] * 4);
      BufferedImage img = null;
      if (!request.everyWarning()
          && ProgressiveDc.isEighthScale(w[0], h[0], scaled[0], scaled[1])) {
        byte[] dc = ProgressiveDc.rewrite(bytes); // only the scans 1/8 needs
        if (dc != null) {
          img = decompress(d, d.source(dc), dc.length, dst, scaled[0], scaled[1]);
          if (img == null) { // the library had something to say: decode the whole file
            d.release(dst); // d is closed: only a one-off pixel buffer is left to free
            dst = null;
            d = TurboJpegCodecs.decompressor();
            if (d == null) {
              return null;
            }
            d.source(bytes);
            dst = d.pixels((long) scaled[0] * scaled[1] * 4);
          }
        }
      }
      List<String> warnings = new ArrayList<>(1);
      if (img == null) {
        if (API.tjDecompress2(d.handle, d.source, new NativeLong(bytes.length), dst, scaled[0],
            scaled[0] * 4, scaled[1], PF_BGRX, 0) != 0) {
          if (API.tjGetErrorCode(d.handle) != ERR_WARNING) {
            TurboJpegCodecs.discardDecompressor();
            return null;
          }
          // libjpeg finished the image (grey where data was missing) and complained.
          warnings.add(DecodeSteps.classify(String.valueOf(API.tjGetErrorStr2(d.handle))));
        }
        img = pixels(d, dst, scaled[0], scaled[1]);
      }
      return Decoded.of(img, w[0], h[0], orientation, "jpeg", warnings);
    } finally {
      if (d != null) {
        d.release(dst);
      }
    }
  }

  /**
   * A small JPEG (an embedded thumbnail) expected to be {@code w x h}, decoded in stored
   * orientation at the smallest DCT scale with at least {@code minW x minH}; null when it is not
   * that size, CMYK, or TurboJPEG fails or warns (a damaged thumbnail is not used).
   */
  static BufferedImage decodeWhole(byte[] jpeg, int w, int h, int minW, int minH) {
    Decompressor d = API == null ? null : TurboJpegCodecs.decompressor();
    if (d == null || !d.renew()) {
      return null;
    }
    Memory dst = null;
    try {
      int[] hw = new int[1];
      int[] hh = new int[1];
      int[] cs = new int[1];
      if (API.tjDecompressHeader3(d.handle, d.source(jpeg), new NativeLong(jpeg.length), hw, hh,
          new int[1], cs) != 0) {
        TurboJpegCodecs.discardDecompressor();
        return null;
      }
      if (hw[0] != w || hh[0] != h || cs[0] == CS_CMYK || cs[0] == CS_YCCK) {
        return null;
      }
      int[] scaled = scaledSize(FACTORS, w, h, minW, minH);
      dst = d.pixels((long) scaled[0] * scaled[1] * 4);
      return decompress(d, d.source, jpeg.length, dst, scaled[0], scaled[1]);
    } finally {
      d.release(dst);
    }
  }

  /**
   * The {@code length} bytes in {@code src} decoded to {@code sw x sh}; null, and a new handle
   * for the thread's codecs, when the library reported anything, a warning included.
   */
  static BufferedImage decompress(Decompressor d, Memory src, int length, Memory dst, int sw,
      int sh) {
    if (API.tjDecompress2(d.handle, src, new NativeLong(length), dst, sw, sw * 4, sh, PF_BGRX, 0)
        != 0) {
      TurboJpegCodecs.discardDecompressor();
      return null;
    }
    return pixels(d, dst, sw, sh);
  }

  /**
   * The decoded pixels as a {@code TYPE_INT_RGB} image, in the array {@link #recycle} gave back
   * when it is large enough: a new array is zeroed by the JVM only to be overwritten here (on
   * web-size photos that zeroing was a visible share of a run's CPU, and the arrays filled the
   * young generation: docs/speed-vs-pil.md, "What each step bought"). Every pixel of the image
   * is written, so nothing of the previous image shows.
   */
  private static BufferedImage pixels(Decompressor d, Memory dst, int sw, int sh) {
    int n = sw * sh;
    int[] px = d.takeSpare(n);
    dst.read(0, px, 0, n);
    return new BufferedImage(RGB, Raster.createPackedRaster(new DataBufferInt(px, n), sw, sh, sw,
        RGB.getMasks(), null), false, null);
  }

  /**
   * Gives the pixels of {@code img} to the next decode of the thread's current codecs. Only for a
   * caller that will read neither {@code img} nor anything sharing its pixels again (the
   * {@link Thumbnailer}, once it has encoded); callers that keep decoded images never call it,
   * and get new arrays.
   */
  static void recycle(BufferedImage img) {
    Decompressor d = TurboJpegCodecs.current().decompressor;
    if (d != null && img.getType() == BufferedImage.TYPE_INT_RGB
        && img.getRaster().getDataBuffer() instanceof DataBufferInt buffer
        && buffer.getNumBanks() == 1) {
      d.giveSpare(buffer.getData());
    }
  }

}
