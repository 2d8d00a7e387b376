package io.github.sparkthumbs.testing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** Reads the tar shards under an output, on any Hadoop FileSystem, as a webdataset reader would. */
public final class Shards {
  private Shards() {}

  /** One tar member. */
  public record Member(String shard, String name, byte[] data) {
    /** The sample key: the name up to its first dot (webdataset's rule). */
    public String key() {
      return name.substring(0, name.indexOf('.'));
    }
  }

  /** The {@code .tar} files under {@code dir}, recursively. */
  public static List<Path> tarFiles(Path dir, Configuration conf) throws IOException {
    FileSystem fs = dir.getFileSystem(conf);
    List<Path> tars = new ArrayList<>();
    if (!fs.exists(dir)) {
      return tars;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      Path p = it.next().getPath();
      if (p.getName().endsWith(".tar")) {
        tars.add(p);
      }
    }
    return tars;
  }

  /** Every member of every tar under {@code dir}. */
  public static List<Member> members(Path dir, Configuration conf) throws IOException {
    List<Member> all = new ArrayList<>();
    for (Path tar : tarFiles(dir, conf)) {
      try (InputStream in = tar.getFileSystem(conf).open(tar);
          TarArchiveInputStream t = new TarArchiveInputStream(in)) {
        TarArchiveEntry e;
        while ((e = t.getNextEntry()) != null) {
          all.add(new Member(tar.toString(), e.getName(), t.readAllBytes()));
        }
      }
    }
    return all;
  }

  /** Members by sample key, then by the rest of the name ({@code jpg}, {@code json}). */
  public static Map<String, Map<String, Member>> samples(List<Member> members) {
    Map<String, Map<String, Member>> byKey = new LinkedHashMap<>();
    for (Member m : members) {
      Map<String, Member> sample = byKey.computeIfAbsent(m.key(), k -> new LinkedHashMap<>());
      if (sample.put(m.name().substring(m.key().length() + 1), m) != null) {
        throw new AssertionError("twice across the shards: " + m.name());
      }
    }
    return byKey;
  }
}
