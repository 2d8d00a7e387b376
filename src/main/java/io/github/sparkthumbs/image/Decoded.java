package io.github.sparkthumbs.image;

import java.awt.image.BufferedImage;
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
 */
public record Decoded(
    BufferedImage image, int width, int height, int orientation, String format,
    List<String> warnings) {}
