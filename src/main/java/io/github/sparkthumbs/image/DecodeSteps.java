package io.github.sparkthumbs.image;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.Size;
import java.util.List;
import java.util.Locale;

/**
 * The steps every decoder shares ({@link ImageDecoder}'s ImageIO path and the fast paths it
 * tries first): refusing a size before pixels are allocated, the pixels the outputs need, and a
 * decoder's warning as a manifest word. Apart from {@link ImageDecoder} so that the fast paths
 * need not call back into their caller.
 */
final class DecodeSteps {
  private DecodeSteps() {}

  /** Refuses absurd or oversized headers before a single pixel is allocated. */
  static void checkDimensions(String format, int w, int h, long maxPixels) throws ImageFailure {
    checkSize(format + " header", w, h, maxPixels);
  }

  /**
   * Refuses a size the decoder would allocate: {@code what} says whose it is ("webp frame
   * (VP8)"), for containers whose header is apart from their images ({@link FrameSizes}).
   */
  static void checkSize(String what, int w, int h, long maxPixels) throws ImageFailure {
    if (w <= 0 || h <= 0) {
      throw new ImageFailure(ErrorClass.CORRUPT, what + " claims " + w + "x" + h);
    }
    long pixels = (long) w * h;
    if (pixels > maxPixels) {
      throw new ImageFailure(
          ErrorClass.TOO_LARGE,
          String.format(Locale.ROOT,
              "%s claims %dx%d = %d pixels, over the limit of %d (--max-pixels)",
              what, w, h, pixels, maxPixels));
    }
  }

  /**
   * The size to render a vector image ({@link Svg}, {@link Pdf}) of {@code w x h} CSS pixels or
   * points at: what the largest output needs, so that it is drawn straight at the thumbnail's
   * size and never at its own. Its own size is still held to {@code --max-pixels}, as a raster
   * header is, so that one rule says which sources are too large whatever their format.
   *
   * @return {intrinsic width, intrinsic height, render width, render height}
   */
  static int[] vectorSize(String what, double w, double h, DecodeRequest request)
      throws ImageFailure {
    if (!(w > 0 && h > 0 && w < Integer.MAX_VALUE && h < Integer.MAX_VALUE)) {
      throw new ImageFailure(ErrorClass.CORRUPT, what + " claims a size of " + w + "x" + h);
    }
    int iw = Math.max(1, (int) Math.round(w));
    int ih = Math.max(1, (int) Math.round(h));
    checkSize(what, iw, ih, request.maxPixels());
    int[] need = need(iw, ih, 1, request.boxes(), request.mode());
    return new int[] {iw, ih, Math.min(iw, need[0]), Math.min(ih, need[1])};
  }

  /**
   * Pixels the largest output needs from a {@code w x h} source (stored orientation), before
   * the final downscale: {width, height}.
   */
  static int[] need(int w, int h, int orientation, List<Size> boxes, Mode mode) {
    boolean swap = ExifOrientation.transposes(orientation);
    int needW = 1;
    int needH = 1;
    for (Size box : boxes) {
      Size out = swap ? Geometry.target(h, w, box, mode) : Geometry.target(w, h, box, mode);
      Size scaled = scaledSourceFor(swap ? h : w, swap ? w : h, out, mode);
      needW = Math.max(needW, swap ? scaled.height() : scaled.width());
      needH = Math.max(needH, swap ? scaled.width() : scaled.height());
    }
    return new int[] {needW, needH};
  }

  /** The source dimensions scaled so that {@code out} comes from them by cropping, not scaling. */
  private static Size scaledSourceFor(int w, int h, Size out, Mode mode) {
    if (mode == Mode.FIT) {
      return out;
    }
    double scale = Math.max((double) out.width() / w, (double) out.height() / h);
    return new Size(
        Math.max(1, (int) Math.ceil(w * scale)), Math.max(1, (int) Math.ceil(h * scale)));
  }

  /** A decoder warning or error as a short manifest word. */
  static String classify(String warning) {
    String w = warning.toLowerCase(Locale.ROOT);
    if (w.contains("premature") || w.contains("truncat") || w.contains("eof")
        || w.contains("end of") || w.contains("unexpected end")) {
      return "truncated";
    }
    return "corrupt-data";
  }
}
