package io.github.sparkthumbs.settings;

import java.util.Locale;

/** Which JPEG decoder a run uses. */
public enum Decoder {
  /** libjpeg-turbo (DCT-domain scaling) when it is installed, else pure Java. */
  AUTO,
  /** Always the pure-Java decoders (ImageIO and TwelveMonkeys). */
  JAVA;

  /** As on the command line: {@code auto}, {@code java}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
