package io.github.sparkthumbs.result;

import java.util.Locale;

/** The manifest spelling of the result enums: {@code TOO_LARGE} is {@code too-large}. */
final class Labels {
  private Labels() {}

  static String of(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static <E extends Enum<E>> E parse(Class<E> type, String label) {
    return Enum.valueOf(type, label.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
