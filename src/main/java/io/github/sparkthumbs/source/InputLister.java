package io.github.sparkthumbs.source;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ThumbResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * The driver's part of listing: what the command line names, and no more than it must. Files and
 * globs are looked up here (one status call each); of a directory only the top level is listed,
 * and its subdirectories become {@link Walk}s that the tasks list in parallel; {@code @list}
 * files are not read here at all (the tasks read them in splits, {@link ListRows}). So the
 * driver's work and memory grow with the command line and the top levels, not with the inputs.
 *
 * <p>Output names: one root keeps paths relative to it; several roots each get a folder named
 * after the root, so that {@code a/x.jpg} and {@code b/x.jpg} never collide.
 */
public final class InputLister {
  /**
   * What the driver found.
   *
   * @param sources files named or at a directory's top level, and URLs named
   * @param walks subdirectories for the tasks to list
   * @param lists the {@code @list} files named (without the {@code @})
   * @param rejected inputs already decided on the driver (missing, unreadable)
   */
  public record Listing(List<Source> sources, List<Walk> walks, List<String> lists,
      List<ThumbResult> rejected) {}

  private final Resolver resolver;
  private final List<ThumbResult> rejected = new ArrayList<>();
  private final List<String> lists = new ArrayList<>();
  private final List<Source> urls = new ArrayList<>();
  /** Top-level files and subdirectories under each root, in the order roots were named. */
  private final Map<Path, List<FileStatus>> byRoot = new LinkedHashMap<>();

  private InputLister(Configuration conf, Path output) {
    this.resolver = new Resolver(conf, output, l -> rejected.add(l.rejected()));
  }

  /**
   * Lists the command line's {@code inputs}.
   *
   * @param output qualified output directory, excluded from the walk
   */
  public static Listing list(List<String> inputs, Path output, Configuration conf) {
    InputLister l = new InputLister(conf, output);
    for (String input : inputs) {
      if (input.startsWith("@")) {
        l.lists.add(input.substring(1));
      } else if (Source.isUrl(input)) {
        // the fetcher's guard judges every URL, wherever it came from
        l.urls.add(new Source(input, UrlNames.stem(input), -1, 0));
      } else {
        l.add(input);
      }
    }
    return l.listing();
  }

  private void add(String input) {
    Path p;
    try {
      p = new Path(input);
    } catch (IllegalArgumentException e) {
      resolver.reject(input, ErrorClass.UNREADABLE, "not a path: " + input + ": "
          + e.getMessage());
      return;
    }
    FileStatus[] found = resolver.statuses(input, p, input);
    if (found == null) {
      return;
    }
    for (FileStatus st : found) {
      if (st.isDirectory()) {
        List<FileStatus> top = byRoot.computeIfAbsent(st.getPath(), k -> new ArrayList<>());
        FileStatus[] children = resolver.children(st.getPath());
        if (children != null) {
          top.addAll(List.of(children));
        }
      } else {
        byRoot.computeIfAbsent(st.getPath().getParent(), k -> new ArrayList<>()).add(st);
      }
    }
  }

  private Listing listing() {
    List<Source> sources = new ArrayList<>();
    List<Walk> walks = new ArrayList<>();
    Map<Path, String> labels = rootLabels();
    for (Map.Entry<Path, List<FileStatus>> e : byRoot.entrySet()) {
      String label = labels.get(e.getKey());
      List<String> ancestors = Resolver.ancestorsOf(e.getKey());
      for (FileStatus st : e.getValue()) {
        String stem = label + st.getPath().getName();
        if (st.isDirectory()) {
          walks.add(new Walk(st.getPath().toString(), stem + "/", ancestors, null));
        } else {
          sources.add(Resolver.source(st, stem, null));
        }
      }
    }
    sources.addAll(urls);
    return new Listing(sources, walks, List.copyOf(lists), List.copyOf(rejected));
  }

  private Map<Path, String> rootLabels() {
    Map<Path, String> labels = new HashMap<>();
    if (byRoot.size() == 1) {
      labels.put(byRoot.keySet().iterator().next(), "");
      return labels;
    }
    Set<String> used = new HashSet<>();
    for (Path root : byRoot.keySet()) {
      String base = root.getName().isEmpty() ? "root" : root.getName();
      String label = base;
      for (int i = 2; !used.add(label); i++) {
        label = base + "-" + i;
      }
      labels.put(root, label + "/");
    }
    return labels;
  }
}
