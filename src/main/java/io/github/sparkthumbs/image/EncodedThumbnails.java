package io.github.sparkthumbs.image;

import java.util.List;

/**
 * What the core made of one image: its thumbnails, encoded, and what its header and decoder said.
 *
 * @param encoded one encoded thumbnail per size, in the order of the settings' sizes
 * @param width source width from the header (stored orientation)
 * @param height source height from the header (stored orientation)
 * @param format decoder format name ({@code jpeg}, {@code png}, ...)
 * @param warnings what the decoder complained about while still producing pixels
 * @param decoded for a damaged image (with warnings) the fraction of rows that decoded, else null
 * @param dhash the image's difference hash, 16 hex digits ({@code --hash dhash}), else null
 * @param decodedFrom {@code exif-thumbnail} or {@code heif-thumbnail} when made from the file's
 *     embedded thumbnail ({@link Decoded#decodedFrom}), else null
 */
public record EncodedThumbnails(
    List<byte[]> encoded, int width, int height, String format, List<String> warnings,
    Double decoded, String dhash, String decodedFrom) {}
