/**
 * The image core: bytes in, encoded thumbnails and image facts out, with no file system, network
 * or Spark. {@link Thumbnailer} is the entry point (one decode, every size, then encoding);
 * {@link ImageDecoder} checks the limits on the header and decodes only as large as the thumbnails
 * need, through a fast path ({@link TurboJpegDecoder}, {@link Heif}, {@link Jpeg2000}, {@link
 * ExifThumbnail}), a renderer for documents ({@link Svg}, {@link Pdf}: drawn at the thumbnail's
 * size) or ImageIO. A bad image is a {@code result.ImageFailure}. The optional native
 * libraries are found at run time ({@link NativeLib}, {@link BundledLibrary}).
 */
package io.github.sparkthumbs.image;
