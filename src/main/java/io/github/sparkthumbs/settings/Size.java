package io.github.sparkthumbs.settings;

import java.io.Serializable;

/** A thumbnail box, {@code WxH} in pixels. */
public record Size(int width, int height) implements Serializable {

  public Size {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("size must be at least 1x1, got " + width + "x" + height);
    }
  }

  /** Parses {@code 75x75}; throws IllegalArgumentException naming the bad text. */
  public static Size parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    int x = t.indexOf('x');
    if (x <= 0 || x == t.length() - 1) {
      throw new IllegalArgumentException("expected WxH such as 75x75, got '" + text + "'");
    }
    try {
      return new Size(Integer.parseInt(t.substring(0, x)), Integer.parseInt(t.substring(x + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected WxH such as 75x75, got '" + text + "'", e);
    }
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
