package io.github.sparkthumbs.image;

import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.Size;
import java.util.List;

/**
 * What a decoder is asked for: the boxes the thumbnails must fill (so that it decodes no larger
 * than they need), the pixel limit, and which optional paths it may take. Every decoder in this
 * package takes one; {@link #of} gives the defaults and the {@code with*} methods change one.
 *
 * @param boxes the thumbnail sizes; the largest output decides how far the decode shrinks
 * @param mode how the thumbnails fill their boxes
 * @param maxPixels the most pixels a header may claim ({@code --max-pixels}): over it the image
 *     is {@code too-large} before a pixel is allocated
 * @param keepAlpha the output keeps transparency; else alpha is composited on white
 * @param nativeJpeg libjpeg-turbo may decode JPEGs ({@link TurboJpegDecoder}) when it is installed
 * @param embeddedThumbnails a JPEG's EXIF thumbnail is decoded instead of the image when it is
 *     large enough and of the image's shape ({@link ExifThumbnail})
 * @param everyWarning ({@code --strict}) all of the data is read, so that damage anywhere is
 *     reported, even where the thumbnail does not need it (progressive JPEGs at 1/8 otherwise
 *     skip their AC scans, see {@link ProgressiveDc})
 */
public record DecodeRequest(
    List<Size> boxes, Mode mode, long maxPixels, boolean keepAlpha, boolean nativeJpeg,
    boolean embeddedThumbnails, boolean everyWarning) {

  public DecodeRequest {
    boxes = List.copyOf(boxes);
  }

  /** Opaque output, libjpeg-turbo allowed, no embedded thumbnails, not strict. */
  public static DecodeRequest of(List<Size> boxes, Mode mode, long maxPixels) {
    return new DecodeRequest(boxes, mode, maxPixels, false, true, false, false);
  }

  public DecodeRequest withKeepAlpha(boolean keep) {
    return new DecodeRequest(
        boxes, mode, maxPixels, keep, nativeJpeg, embeddedThumbnails, everyWarning);
  }

  public DecodeRequest withNativeJpeg(boolean allowed) {
    return new DecodeRequest(
        boxes, mode, maxPixels, keepAlpha, allowed, embeddedThumbnails, everyWarning);
  }

  public DecodeRequest withEmbeddedThumbnails(boolean used) {
    return new DecodeRequest(boxes, mode, maxPixels, keepAlpha, nativeJpeg, used, everyWarning);
  }

  public DecodeRequest withEveryWarning(boolean every) {
    return new DecodeRequest(
        boxes, mode, maxPixels, keepAlpha, nativeJpeg, embeddedThumbnails, every);
  }
}
