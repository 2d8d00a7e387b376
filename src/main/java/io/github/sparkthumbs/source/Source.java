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
 */
public record Source(String uri, String stem, long bytes, long modifiedMillis)
    implements Serializable {

  public boolean isUrl() {
    return isUrl(uri);
  }

  public static boolean isUrl(String text) {
    String t = text.toLowerCase(java.util.Locale.ROOT);
    return t.startsWith("http://") || t.startsWith("https://");
  }
}
