package io.github.sparkthumbs.job;

import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.source.Source;
import java.io.Serializable;

/**
 * One input on its way from the listing to the manifest, after it met the earlier run's record.
 * Exactly one of {@code source}, {@code decided} and {@code carried} is set.
 *
 * @param source an input to thumbnail (or to find up to date)
 * @param earlier the earlier run's record of {@code source}, or null
 * @param decided an input already decided while listing (missing, blocked, unreadable)
 * @param carried an earlier manifest line of an input this run did not name, kept verbatim
 */
record Item(Source source, ThumbResult earlier, ThumbResult decided, String carried)
    implements Serializable {

  static Item todo(Source s, ThumbResult earlier) {
    return new Item(s, earlier, null, null);
  }

  static Item decided(ThumbResult r) {
    return new Item(null, null, r, null);
  }

  static Item carried(String line) {
    return new Item(null, null, null, line);
  }
}
