package io.github.sparkthumbs.output;

import io.github.sparkthumbs.settings.Layout;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.Size;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Names in the shard layouts ({@code --layout tar|parquet}). A sample's key is a hash of its
 * source, not its path: webdataset readers split a member name at its first dot into key and
 * extension, so a key must hold no dot, and a path may hold many. 96 bits: a shard holds at most
 * {@link Layout#MAX_SAMPLES_PER_SHARD} samples, and no two keys of a run should meet anyway.
 */
public final class ShardNames {
  /** The folder under the output that holds a run's shards, one folder per run. */
  public static final String DIR = "shards";

  private ShardNames() {}

  /** The sample key of a source: 24 hex digits of the SHA-256 of its URI. */
  public static String key(String source) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(source.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }

  /**
   * The member names of a source's thumbnails, one per size in the order of
   * the image settings' sizes: {@code KEY.jpg}, or {@code KEY.256x256.jpg} with several sizes.
   */
  public static List<String> members(String source, String stem, Settings s) {
    String key = key(source);
    OutputFormat f = OutputNames.formatFor(stem, s.image().format());
    List<String> names = new ArrayList<>(s.image().sizes().size());
    for (Size size : s.image().sizes()) {
      names.add(key + (s.image().multiSize() ? "." + size : "") + "." + f.extension);
    }
    return names;
  }

  /** The member that holds a sample's manifest line in a tar shard. */
  public static String jsonMember(String key) {
    return key + ".json";
  }
}
