package io.github.sparkthumbs.image;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * What an image's header says, read without decoding a pixel: cheap enough to filter a table of
 * images on. The format names and the orientation are the decoder's ({@link ImageDecoder},
 * {@link ExifOrientation}).
 *
 * @param format the decoder's format name ({@code jpeg}, {@code png}, {@code heif}, ...)
 * @param width width as stored
 * @param height height as stored
 * @param orientation EXIF orientation 1..8 (1 for HEIF, whose size libheif gives as displayed)
 */
public record ImageHeader(String format, int width, int height, int orientation) {
  static {
    Plugins.ensureRegistered();
  }

  /** Width as displayed: after the orientation's quarter turn, if any. */
  public int displayedWidth() {
    return ExifOrientation.transposes(orientation) ? height : width;
  }

  /** Height as displayed. */
  public int displayedHeight() {
    return ExifOrientation.transposes(orientation) ? width : height;
  }

  /**
   * Reads the header.
   *
   * @throws ImageFailure {@code empty}, {@code unsupported} when no decoder recognises the bytes,
   *     {@code corrupt} when the header cannot be read
   */
  public static ImageHeader read(byte[] bytes) throws ImageFailure {
    if (bytes.length == 0) {
      throw new ImageFailure(ErrorClass.EMPTY, "empty (0 bytes)");
    }
    String heif = Sniff.heifKind(bytes);
    if (heif != null) {
      return heif(bytes, heif);
    }
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers;
      try {
        readers = ImageIO.getImageReaders(in);
      } catch (RuntimeException e) {
        throw new ImageFailure(ErrorClass.CORRUPT, Sniff.describe(bytes)
            + " header unreadable: " + ImageDecoder.message(e), e);
      }
      if (!readers.hasNext()) {
        throw new ImageFailure(ErrorClass.UNSUPPORTED,
            "content is not an image format we can read (" + Sniff.describe(bytes) + ")");
      }
      ImageReader reader = readers.next();
      String format = ImageDecoder.formatName(reader);
      try {
        reader.setInput(in, true, true);
        return new ImageHeader(format, reader.getWidth(0), reader.getHeight(0),
            ExifOrientation.read(bytes));
      } catch (IOException | RuntimeException e) {
        throw new ImageFailure(ErrorClass.CORRUPT,
            format + " header unreadable: " + ImageDecoder.message(e), e);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) { // closing an in-memory stream
      throw new ImageFailure(ErrorClass.INTERNAL, "closing image stream: " + e, e);
    }
  }

  /** libheif parses the boxes only; the image is decoded on request, which this never makes. */
  private static ImageHeader heif(byte[] bytes, String kind) throws ImageFailure {
    if (!Heif.available()) {
      throw new ImageFailure(ErrorClass.UNSUPPORTED, kind + " needs libheif, which is not"
          + " installed: " + Heif.status());
    }
    Heif.Api api = Heif.LOADED.api();
    Pointer ctx = api.heif_context_alloc();
    if (ctx == null) {
      throw new ImageFailure(ErrorClass.INTERNAL, "libheif could not allocate a context");
    }
    Pointer primary = null;
    try {
      Heif.check(kind, api.heif_context_read_from_memory(ctx, bytes,
          new NativeLong(bytes.length), null), "header");
      PointerByReference ref = new PointerByReference();
      Heif.check(kind, api.heif_context_get_primary_image_handle(ctx, ref), "primary image");
      primary = ref.getValue();
      return new ImageHeader(kind.equals("AVIF") ? "avif" : "heif",
          api.heif_image_handle_get_width(primary), api.heif_image_handle_get_height(primary), 1);
    } finally {
      if (primary != null) {
        api.heif_image_handle_release(primary);
      }
      api.heif_context_free(ctx);
    }
  }
}
