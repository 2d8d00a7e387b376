package io.github.sparkthumbs.source;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.result.ThumbResult;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Turns what the user named (directories, files, globs, {@code @list.txt} files, URLs) into the
 * list of sources, once, on the driver. Only regular files are inputs: anything else the user named
 * or a directory holds becomes a failed result here, so nothing is silently dropped. Dot files
 * (including our own temporary files) and the output directory are not inputs.
 */
public final class InputLister {
  /** Symlinked directories can form loops on a local disk; this bounds the walk anyway. */
  private static final int MAX_DEPTH = 256;

  /** What the listing found: sources for the tasks, and inputs already decided on the driver. */
  public record Listing(List<Source> sources, List<ThumbResult> rejected) {}

  private final Configuration conf;
  private final Path output;
  private final List<ThumbResult> rejected = new ArrayList<>();
  /** Files found under each root, in the order roots were named. */
  private final Map<Path, List<FileStatus>> byRoot = new LinkedHashMap<>();
  private final List<String> urls = new ArrayList<>();

  private InputLister(Configuration conf, Path output) {
    this.conf = conf;
    this.output = output;
  }

  /**
   * Lists {@code inputs}.
   *
   * @param output qualified output directory, excluded from the walk
   * @throws IOException when an {@code @list} file cannot be read (a usage error)
   */
  public static Listing list(List<String> inputs, Path output, Configuration conf)
      throws IOException {
    InputLister l = new InputLister(conf, output);
    for (String input : expandLists(inputs, conf)) {
      l.add(input);
    }
    return new Listing(l.sources(), List.copyOf(l.rejected));
  }

  /** Replaces each {@code @file} by the inputs it names (blank lines and # comments ignored). */
  static List<String> expandLists(List<String> inputs, Configuration conf) throws IOException {
    List<String> out = new ArrayList<>();
    for (String input : inputs) {
      if (!input.startsWith("@")) {
        out.add(input);
        continue;
      }
      Path list = new Path(input.substring(1));
      FileSystem fs = list.getFileSystem(conf);
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(fs.open(list), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          String t = line.strip();
          if (!t.isEmpty() && !t.startsWith("#")) {
            out.add(t);
          }
        }
      } catch (FileNotFoundException e) {
        throw new FileNotFoundException("input list " + input + " does not exist");
      }
    }
    return out;
  }

  private void add(String input) {
    if (Source.isUrl(input)) {
      urls.add(input);
      return;
    }
    try {
      Path p = new Path(input);
      FileSystem fs = p.getFileSystem(conf);
      p = fs.makeQualified(p);
      if (isGlob(input)) {
        FileStatus[] matches = fs.globStatus(p);
        if (matches == null || matches.length == 0) {
          reject(p.toString(), ErrorClass.NOT_FOUND, "glob " + input + " matches nothing");
          return;
        }
        Arrays.sort(matches, Comparator.comparing(s -> s.getPath().toString()));
        for (FileStatus m : matches) {
          addStatus(fs, m);
        }
      } else {
        addStatus(fs, fs.getFileStatus(p));
      }
    } catch (FileNotFoundException e) {
      reject(qualifiedOrRaw(input), ErrorClass.NOT_FOUND, input + " does not exist");
    } catch (IOException | IllegalArgumentException e) {
      reject(qualifiedOrRaw(input), ErrorClass.UNREADABLE, "listing " + input + ": " + e);
    }
  }

  private void addStatus(FileSystem fs, FileStatus st) throws IOException {
    if (st.isDirectory()) {
      List<FileStatus> files = byRoot.computeIfAbsent(st.getPath(), k -> new ArrayList<>());
      walk(fs, st.getPath(), files, new HashSet<>(), 0);
    } else if (isRegular(st)) {
      byRoot.computeIfAbsent(st.getPath().getParent(), k -> new ArrayList<>()).add(st);
    }
  }

  private void walk(FileSystem fs, Path dir, List<FileStatus> files, Set<String> seen, int depth) {
    if (!seen.add(realPath(dir)) || depth > MAX_DEPTH) {
      reject(dir.toString(), ErrorClass.UNREADABLE,
          dir + " is a directory symlink loop (already visited), not descended");
      return;
    }
    FileStatus[] children;
    try {
      children = isLocal(dir) ? listLocal(dir) : fs.listStatus(dir);
    } catch (IOException | RuntimeException e) {
      reject(dir.toString(), ErrorClass.UNREADABLE, "listing directory " + dir + ": " + e);
      return;
    }
    Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
    for (FileStatus c : children) {
      Path p = c.getPath();
      if (p.getName().startsWith(".") // dot files, our temporary files among them
          || p.equals(output)) {
        continue;
      }
      if (c.isDirectory()) {
        walk(fs, p, files, seen, depth + 1);
      } else {
        files.add(c); // listLocal already turned pipes, devices and dangling links into lines
      }
    }
    seen.remove(realPath(dir));
  }

  /**
   * A local directory's entries. Hadoop's local listing silently drops dangling symlinks, shows
   * named pipes and devices as files, and fails the whole directory on some names; java.nio tells
   * each case apart, so each becomes its own manifest line.
   */
  private FileStatus[] listLocal(Path dir) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    try (java.nio.file.DirectoryStream<java.nio.file.Path> entries =
        Files.newDirectoryStream(java.nio.file.Paths.get(dir.toUri()))) {
      for (java.nio.file.Path c : entries) {
        // Not new Path(c.toUri()): a directory's URI ends in '/', and then the output folder
        // inside an input no longer equals the output root and would be read as input.
        Path p = new Path("file", null, c.toAbsolutePath().toString());
        if (p.getName().startsWith(".")) {
          continue;
        }
        java.nio.file.attribute.BasicFileAttributes a;
        try {
          a = Files.readAttributes(c, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException e) {
          reject(p.toString(), ErrorClass.NOT_FOUND, p + " is a dangling symlink, not read");
          continue;
        } catch (IOException e) {
          reject(p.toString(), ErrorClass.UNREADABLE, "reading attributes of " + p + ": " + e);
          continue;
        }
        if (a.isDirectory()) {
          out.add(new FileStatus(0, true, 1, 0, a.lastModifiedTime().toMillis(), p));
        } else if (a.isRegularFile()) {
          out.add(new FileStatus(a.size(), false, 1, 0, a.lastModifiedTime().toMillis(), p));
        } else {
          reject(p.toString(), ErrorClass.UNREADABLE,
              p + " is not a regular file (named pipe, socket or device), not read");
        }
      }
    }
    return out.toArray(new FileStatus[0]);
  }

  private static boolean isLocal(Path p) {
    return "file".equals(p.toUri().getScheme());
  }

  /** Named pipes and devices look like files to Hadoop; they are never opened. */
  private boolean isRegular(FileStatus st) {
    Path p = st.getPath();
    if (isLocal(p)) {
      java.nio.file.Path local = java.nio.file.Paths.get(p.toUri());
      if (!Files.isRegularFile(local)) {
        String what = Files.exists(local) ? "not a regular file (named pipe, socket or device)"
            : "a dangling symlink";
        reject(p.toString(), Files.exists(local) ? ErrorClass.UNREADABLE : ErrorClass.NOT_FOUND,
            p + " is " + what + ", not read");
        return false;
      }
    }
    return true;
  }

  private static String realPath(Path dir) {
    if (isLocal(dir)) {
      try {
        return java.nio.file.Paths.get(dir.toUri()).toRealPath().toString();
      } catch (IOException e) {
        return dir.toString();
      }
    }
    return dir.toString();
  }

  private List<Source> sources() {
    List<Source> out = new ArrayList<>();
    Map<Path, String> labels = rootLabels();
    for (Map.Entry<Path, List<FileStatus>> e : byRoot.entrySet()) {
      String label = labels.get(e.getKey());
      String rootText = e.getKey().toUri().getPath();
      for (FileStatus st : e.getValue()) {
        String rel = st.getPath().toUri().getPath().substring(rootText.length());
        rel = rel.startsWith("/") ? rel.substring(1) : rel;
        out.add(new Source(st.getPath().toString(), label + rel, st.getLen(),
            st.getModificationTime()));
      }
    }
    for (String url : urls) {
      out.add(new Source(url, UrlNames.stem(url), -1, 0));
    }
    return dedupe(out);
  }

  /**
   * One root keeps paths relative to it; several roots each get a folder named after the root,
   * so that {@code a/x.jpg} and {@code b/x.jpg} never collide.
   */
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

  /** The same input named twice is one input; distinct inputs with one stem get a hash suffix. */
  private static List<Source> dedupe(List<Source> in) {
    Map<String, Source> byUri = new LinkedHashMap<>();
    for (Source s : in) {
      byUri.putIfAbsent(s.uri(), s);
    }
    Set<String> stems = new HashSet<>();
    List<Source> out = new ArrayList<>(byUri.size());
    for (Source s : byUri.values()) {
      String stem = s.stem();
      if (!stems.add(stem)) {
        stem = UrlNames.withHash(stem, s.uri());
        stems.add(stem);
      }
      out.add(new Source(s.uri(), stem, s.bytes(), s.modifiedMillis()));
    }
    return out;
  }

  private void reject(String source, ErrorClass c, String message) {
    rejected.add(ThumbResult.failed(source, -1, new ImageFailure(c, message)));
  }

  private String qualifiedOrRaw(String input) {
    try {
      Path p = new Path(input);
      return p.getFileSystem(conf).makeQualified(p).toString();
    } catch (IOException | IllegalArgumentException e) {
      return input;
    }
  }

  private static boolean isGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0
        || s.indexOf('{') >= 0;
  }
}
