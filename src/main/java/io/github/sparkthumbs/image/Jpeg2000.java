package io.github.sparkthumbs.image;

import com.github.jaiimageio.jpeg2000.J2KImageReadParam;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReader;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import io.github.sparkthumbs.result.ImageFailure;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Shrink-on-load for JPEG 2000: a wavelet codestream holds the image at 1/2, 1/4, ... of its
 * size (one per decomposition level), and decoding a lower resolution level skips the finer
 * levels' data altogether, where point sampling decodes every pixel first. On 3 MP files
 * vipsthumbnail, which does the same through OpenJPEG, takes 49 CPU ms, ours 184 decoding every
 * level and 79 with this (docs/formats.md). Like {@link TurboJpegLibrary} a fast path: null when it
 * cannot help, and the general ImageIO path decodes the file or classifies what is wrong with it.
 */
final class Jpeg2000 {
  private Jpeg2000() {}

  /** A JP2 file (its signature box) or a raw codestream (SOC then SIZ). */
  static boolean isJpeg2000(byte[] b) {
    return b.length > 12 && (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0x0C && b[4] == 'j'
        && b[5] == 'P' || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0x4F
        && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x51);
  }

  /**
   * Decodes at the lowest resolution level that keeps at least twice the pixels the largest output
   * needs; null when the file has no lower level to offer or the decoder gives up.
   */
  static Decoded decode(byte[] bytes, DecodeRequest request) throws ImageFailure {
    int levels = decompositionLevels(bytes);
    if (levels <= 0) {
      return null;
    }
    J2KImageReader reader = new J2KImageReader(new J2KImageReaderSpi());
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      int w = reader.getWidth(0);
      int h = reader.getHeight(0);
      DecodeSteps.checkDimensions("jpeg2000", w, h, request.maxPixels());
      int orientation = ExifOrientation.read(bytes);
      int[] need = DecodeSteps.need(w, h, orientation, request.boxes(), request.mode());
      int k = 0; // levels dropped: the image is ceil(side / 2^k)
      while (k < levels && ceilShift(w, k + 1) >= Math.min(w, 2 * need[0])
          && ceilShift(h, k + 1) >= Math.min(h, 2 * need[1])) {
        k++;
      }
      if (k == 0) {
        return null; // full resolution needed: the general path does exactly that
      }
      J2KImageReadParam param = (J2KImageReadParam) reader.getDefaultReadParam();
      param.setResolution(levels - k);
      BufferedImage img = reader.read(0, param);
      return Decoded.of(ImageDecoder.normalize(img, request.keepAlpha()), w, h, orientation,
          "jpeg2000", List.of());
    } catch (ImageFailure f) {
      throw f;
    } catch (Exception | LinkageError e) { // damaged data: the general path says how
      return null;
    } finally {
      reader.dispose();
    }
  }

  private static int ceilShift(int side, int k) {
    return (side + (1 << k) - 1) >> k;
  }

  /**
   * {width, height} from the SIZ marker segment of the codestream in {@code b[from, end)} (raw, or
   * in a JP2 file's {@code jp2c} box): the size the decoder allocates. Null when there is none.
   */
  static int[] codestreamSize(byte[] b, int from, int end) {
    int soc = findSoc(b, from, end);
    if (soc < 0 || soc + 2 + 22 > end) {
      return null;
    }
    int siz = soc + 2; // Lsiz, Rsiz, Xsiz, Ysiz, XOsiz, YOsiz
    long w = FrameSizes.be32(b, siz + 6) - FrameSizes.be32(b, siz + 14);
    long h = FrameSizes.be32(b, siz + 10) - FrameSizes.be32(b, siz + 18);
    return new int[] {(int) Math.max(-1, Math.min(w, Integer.MAX_VALUE)),
        (int) Math.max(-1, Math.min(h, Integer.MAX_VALUE))};
  }

  /** Where SOC then SIZ (FF4F FF51) start within the first 4 KB of {@code b[from, end)}, or -1. */
  private static int findSoc(byte[] b, int from, int end) {
    for (int i = from; i + 3 < Math.min(end, from + 4096); i++) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0x4F && (b[i + 2] & 0xFF) == 0xFF
          && (b[i + 3] & 0xFF) == 0x51) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The number of wavelet decomposition levels from the codestream's COD marker segment (of a raw
   * codestream, or of the one in a JP2 file's {@code jp2c} box), or -1.
   */
  static int decompositionLevels(byte[] b) {
    int soc = findSoc(b, 0, b.length);
    if (soc < 0) {
      return -1;
    }
    int p = soc + 2;
    while (p + 4 <= b.length) { // main header marker segments, up to the first tile (SOT)
      int marker = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
      int len = ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
      if (marker == 0xFF52) { // COD: Lcod, Scod, SGcod (4 bytes), then SPcod's level count
        return p + 9 < b.length ? b[p + 9] & 0xFF : -1;
      }
      if (marker == 0xFF90 || (marker >> 8) != 0xFF || len < 2) {
        return -1;
      }
      p += 2 + len;
    }
    return -1;
  }
}
