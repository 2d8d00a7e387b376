package io.github.sparkthumbs.source;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic, collision-free output stems for URLs: host, a folder named by the first two hex
 * digits of the URL's hash, sanitized path, short hash. The hash folder keeps folders listable:
 * a list of 10^8 URLs from one host would otherwise put 10^8 files in one folder, and HDFS
 * refuses more than 1,048,576 entries per folder by default
 * ({@code dfs.namenode.fs-limits.max-directory-items}); with 256 folders a host may have 268
 * million thumbnails under it.
 */
public final class UrlNames {
  private UrlNames() {}

  /** {@code https://ex.com/a/b%20c.jpg?x=1} -> {@code ex.com/1a/a_b_20c-1a2b3c4d.jpg}. */
  public static String stem(String url) {
    String host = "unknown-host";
    String path = "";
    try {
      URI u = URI.create(url);
      host = u.getHost() == null ? host : u.getHost();
      path = u.getRawPath() == null ? "" : u.getRawPath();
    } catch (IllegalArgumentException e) {
      path = url; // still deterministic; the fetcher reports the bad URL
    }
    String clean = path.replaceAll("^/+", "").replaceAll("[^A-Za-z0-9._-]", "_");
    if (clean.length() > 120) {
      clean = clean.substring(clean.length() - 120);
    }
    if (clean.isEmpty() || clean.startsWith(".")) {
      clean = "index" + clean;
    }
    return withHash(sanitizeHost(host) + "/" + hash8(url).substring(0, 2) + "/" + clean, url);
  }

  /** Inserts {@code -hash(key)} before the extension of {@code stem}. */
  public static String withHash(String stem, String key) {
    String hash = hash8(key);
    int slash = stem.lastIndexOf('/');
    int dot = stem.lastIndexOf('.');
    if (dot > slash + 1) {
      return stem.substring(0, dot) + "-" + hash + stem.substring(dot);
    }
    return stem + "-" + hash;
  }

  private static String sanitizeHost(String host) {
    return host.replaceAll("[^A-Za-z0-9.-]", "_");
  }

  static String hash8(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }
}
