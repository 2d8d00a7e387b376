package io.github.sparkthumbs.source;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Which Hadoop file systems a line of an {@code @list} file may name. What the user types on the
 * command line is trusted; a list is often written by someone else, and opening a file system
 * connects to its host ({@code hdfs://}, {@code webhdfs://}, {@code ftp://} on the driver, during
 * listing). So a list line may name only the default file system ({@code fs.defaultFS}), a file
 * system of a command-line input, or one given with {@code --allow-list-filesystem}; http(s) URLs
 * are judged by the fetcher's network guard instead.
 */
public final class FileSystemPolicy implements java.io.Serializable {
  static final String FLAG = "--allow-list-filesystem";

  /** {@code scheme://authority}, scheme in lower case, authority empty when absent. */
  private final Set<String> trusted = new LinkedHashSet<>();

  public FileSystemPolicy(Configuration conf, List<String> commandLine, List<String> allowed) {
    trusted.add(key(FileSystem.getDefaultUri(conf)));
    for (String input : commandLine) {
      if (input.startsWith("@") || Source.isUrl(input)) {
        continue;
      }
      try {
        URI u = new Path(input).toUri();
        if (u.getScheme() != null) {
          trusted.add(key(u));
        }
      } catch (IllegalArgumentException e) {
        // not a path: the lister reports it
      }
    }
    for (String a : allowed) {
      trusted.add(key(URI.create(a)));
    }
  }

  /** Null when a list line may name {@code u}, else why not (naming the rule and the flag). */
  String refusal(URI u) {
    if (u.getScheme() == null) {
      return null; // a plain path: the default file system
    }
    String key = key(u);
    if (trusted.contains(key)) {
      return null;
    }
    return "a list line may name only the default file system or one named on the command line "
        + trusted + "; " + key + " is not one of them (" + FLAG + " " + key + " allows it)";
  }

  static String key(URI u) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    String authority = u.getAuthority() == null ? "" : u.getAuthority().toLowerCase(Locale.ROOT);
    return scheme + "://" + authority;
  }
}
