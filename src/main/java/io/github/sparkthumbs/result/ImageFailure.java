package io.github.sparkthumbs.result;

/**
 * The image's own failure: not a format we decode, data that cannot be decoded, over the pixel
 * limit. Thrown by the image core, which knows nothing of where the bytes came from.
 */
public class ImageFailure extends InputFailure {
  public ImageFailure(ErrorClass errorClass, String message) {
    super(errorClass, message);
  }

  public ImageFailure(ErrorClass errorClass, String message, Throwable cause) {
    super(errorClass, message, cause);
  }
}
