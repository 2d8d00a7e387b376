package io.github.sparkthumbs.settings;

/** Encoding of the thumbnails. */
public enum OutputFormat {
  JPG("jpg", "jpeg"),
  PNG("png", "png"),
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
}
