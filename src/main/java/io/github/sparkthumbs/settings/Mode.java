package io.github.sparkthumbs.settings;

/** How a source fits the box. */
public enum Mode {
  /** Whole image inside the box, aspect kept: one side equals the box, the other is smaller. */
  FIT,
  /** Box filled, aspect kept, the overflow cut off around the centre. */
  CROP;

  /** As on the command line: {@code fit}, {@code crop}. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
