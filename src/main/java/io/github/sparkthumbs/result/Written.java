package io.github.sparkthumbs.result;

import java.io.Serializable;
import java.util.List;

/**
 * Where an input's thumbnails are.
 *
 * @param outputs thumbnails written (full URIs), empty unless ok or up to date; in the shard
 *     layouts ({@code --layout tar|parquet}) the names of the thumbnails inside the shard
 * @param shard in the shard layouts, the tar file or the Parquet folder that holds them
 * @param key in the shard layouts, the sample's key in its shard (tar members {@code KEY.*}, the
 *     Parquet column {@code key})
 */
public record Written(List<String> outputs, String shard, String key) implements Serializable {
  public static final Written NONE = new Written(List.of(), null, null);

  public Written {
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
  }
}
