package io.github.sparkthumbs.image;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A source decoded just large enough for its thumbnails.
 *
 * @param image displayed orientation, {@code TYPE_INT_RGB} or {@code TYPE_INT_ARGB}
 * @param width source width from the header (stored orientation)
 * @param height source height from the header (stored orientation)
 * @param orientation EXIF orientation applied, 1..8
 * @param format decoder format name ({@code jpeg}, {@code png}, ...)
 * @param warnings what the decoder complained about while still producing pixels
 * @param decoded fraction of the rows that decoded ({@link Damage}); 1 without warnings
 * @param decodedFrom when {@code image} is a smaller picture the file carries, which one:
 *     {@link ExifThumbnail#SOURCE} (a JPEG's EXIF thumbnail) or {@link Heif#SOURCE} (a
 *     HEIF's thumbnail item); {@code width} and {@code height} are still the image's; else null
 */
public record Decoded(
    BufferedImage image, int width, int height, int orientation, String format,
    List<String> warnings, double decoded, String decodedFrom) {

  /**
   * From an image in stored orientation: measures how much of a damaged one decoded, then turns
   * it upright.
   */
  static Decoded of(BufferedImage stored, int width, int height, int orientation, String format,
      List<String> warnings) {
    double decoded = warnings.isEmpty() ? 1.0 : Damage.decodedFraction(stored);
    return new Decoded(ExifOrientation.apply(stored, orientation), width, height, orientation,
        format, warnings, decoded, null);
  }

  /** This decode marked as made from the file's embedded thumbnail {@code source}. */
  Decoded from(String source) {
    return new Decoded(image, width, height, orientation, format, warnings, decoded, source);
  }

  /** This decode with its pixels replaced (converted to sRGB: {@link ColourProfiles}). */
  Decoded withImage(BufferedImage converted) {
    return new Decoded(converted, width, height, orientation, format, warnings, decoded,
        decodedFrom);
  }

  /**
   * This decode with one more warning that is not about its rows (a colour profile that could
   * not be applied): how much of it decoded stays as measured.
   */
  Decoded withWarning(String warning) {
    List<String> all = new ArrayList<>(warnings);
    all.add(warning);
    return new Decoded(image, width, height, orientation, format, List.copyOf(all), decoded,
        decodedFrom);
  }

  /** The manifest's {@code decoded}: only said for damaged images, rounded to a percent. */
  public Double decodedOrNull() {
    return warnings.isEmpty() ? null : Math.floor(decoded * 100) / 100;
  }
}
