package io.github.sparkthumbs.settings;

/** The perceptual hash written into each image's manifest line ({@code --hash}). */
public enum Hash {
  /** No hash (the default: most runs do not look for duplicates). */
  NONE,
  /**
   * A 64-bit difference hash (Krawetz's dHash: 9x8 grey cells, one bit per horizontal pair),
   * taken from the small image the thumbnails are scaled from; near-identical images differ in a
   * few bits ({@code scripts/near-duplicates}).
   */
  DHASH;

  /** As on the command line: {@code none}, {@code dhash}. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
