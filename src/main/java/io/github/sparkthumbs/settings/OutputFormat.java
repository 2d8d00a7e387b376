package io.github.sparkthumbs.settings;

/** Encoding of the thumbnails. */
public enum OutputFormat {
  JPG("jpg", "jpeg"),
  PNG("png", "png"),
  /** Lossy WebP through libwebp; needs the native library, see {@code image.WebP}. */
  WEBP("webp", null),
  /** The source's own format where we can write it (JPEG, PNG, GIF, BMP), PNG otherwise. */
  SOURCE(null, null);

  /** File extension, without the dot. */
  public final String extension;
  /** ImageIO format name of the writer. */
  public final String imageIoName;

  OutputFormat(String extension, String imageIoName) {
    this.extension = extension;
    this.imageIoName = imageIoName;
  }

  /** As on the command line: {@code jpg}, {@code png}, {@code webp}, {@code source}. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
