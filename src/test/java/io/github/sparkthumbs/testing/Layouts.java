package io.github.sparkthumbs.testing;

import io.github.sparkthumbs.output.Destination;
import io.github.sparkthumbs.output.OutputLayout;
import io.github.sparkthumbs.settings.Settings;

/** A layout as the driver would settle it, for tests that give an already qualified output. */
public final class Layouts {
  private Layouts() {}

  /** Where {@code s} writes, as given: its output and {@code --overwrite}. */
  public static Destination destination(Settings s) {
    return new Destination(s.run().output(), s.run().overwrite());
  }

  /** The layout {@code s} asks for, writing to {@link #destination}. */
  public static OutputLayout of(Settings s) {
    return OutputLayout.of(s, destination(s));
  }
}
