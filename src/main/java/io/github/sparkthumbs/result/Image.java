package io.github.sparkthumbs.result;

import java.io.Serializable;
import java.util.List;

/**
 * What the decoder learned of an image; {@link #NONE} when it was not decoded.
 *
 * @param width source width in pixels, from its header (0 when unknown)
 * @param height source height in pixels, from its header (0 when unknown)
 * @param format the decoder's format name ({@code jpeg}, {@code png}, ...)
 * @param warnings decoder warnings of an ok image ({@code truncated}, {@code corrupt-data},
 *     {@code colour-profile-ignored}); null when none, so that the manifest leaves them out
 *     rather than writing {@code []}
 * @param decoded for a damaged image (with warnings): the fraction of its rows that decoded
 * @param dhash the image's 64-bit difference hash as 16 hex digits ({@code --hash dhash}); null
 *     when not asked for
 * @param decodedFrom when the thumbnails were made from a smaller picture the file carries:
 *     {@code exif-thumbnail} (a JPEG's, with {@code --embedded-thumbnails}) or
 *     {@code heif-thumbnail} (a HEIF's thumbnail item); null when from the image itself
 */
public record Image(int width, int height, String format, List<String> warnings, Double decoded,
    String dhash, String decodedFrom) implements Serializable {
  public static final Image NONE = new Image(0, 0, null, null, null, null, null);

  public Image {
    warnings = warnings == null || warnings.isEmpty() ? null : List.copyOf(warnings);
  }
}
