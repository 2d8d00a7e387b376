package io.github.sparkthumbs.source;

import java.io.Serializable;

/**
 * One input, as listed on the driver and shipped to a task.
 *
 * @param uri what the user named: a fully qualified Hadoop path or an http(s) URL; the manifest's
 *     {@code source}
 * @param stem path of the thumbnail under the output directory, before the output extension rule
 *     ({@link io.github.sparkthumbs.output.OutputNames})
 * @param bytes length from the listing, -1 when unknown (URLs)
 * @param modifiedMillis modification time from the listing, 0 when unknown (URLs)
 * @param columns the list row's kept columns ({@code --keep-columns}) as a JSON object, or null
 */
public record Source(String uri, String stem, long bytes, long modifiedMillis, String columns)
    implements Serializable {

  /** A source without kept columns. */
  public Source(String uri, String stem, long bytes, long modifiedMillis) {
    this(uri, stem, bytes, modifiedMillis, null);
  }

  /** This source written under another stem (two inputs would share an output name). */
  public Source withStem(String other) {
    return new Source(uri, other, bytes, modifiedMillis, columns);
  }

  public boolean isUrl() {
    return isUrl(uri);
  }

  public static boolean isUrl(String text) {
    String t = text.toLowerCase(java.util.Locale.ROOT);
    return t.startsWith("http://") || t.startsWith("https://");
  }
}
