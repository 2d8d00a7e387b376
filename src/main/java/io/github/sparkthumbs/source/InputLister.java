package io.github.sparkthumbs.source;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.result.ThumbResult;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

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

  /** Matches the scheme of a URI ({@code hdfs://}, {@code file:}) at the start of a list line. */
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):(//)?");

  private final Configuration conf;
  private final Path output;
  private final FileSystemPolicy policy;
  private final LocalDisk local;
  private final List<ThumbResult> rejected = new ArrayList<>();
  /** Files found under each root, in the order roots were named. */
  private final Map<Path, List<FileStatus>> byRoot = new LinkedHashMap<>();
  private final List<String> urls = new ArrayList<>();

  private InputLister(Configuration conf, Path output, FileSystemPolicy policy) {
    this.conf = conf;
    this.output = output;
    this.policy = policy;
    this.local = new LocalDisk(output, this::reject);
  }

  /**
   * Lists {@code inputs}.
   *
   * @param output qualified output directory, excluded from the walk
   * @param outputName the output path a stem is written to: two sources whose outputs would
   *     share a path get distinct names
   * @param listFileSystems file systems that list lines may name besides the default one and
   *     those of the command-line inputs ({@code --allow-list-filesystem})
   * @throws IOException when an {@code @list} file cannot be read (a usage error)
   */
  public static Listing list(List<String> inputs, Path output, Configuration conf,
      UnaryOperator<String> outputName, List<String> listFileSystems) throws IOException {
    InputLister l = new InputLister(conf, output,
        new FileSystemPolicy(conf, inputs, listFileSystems));
    for (String input : inputs) {
      if (input.startsWith("@")) {
        l.addList(input);
      } else {
        l.add(input, null);
      }
    }
    return new Listing(l.sources(outputName), List.copyOf(l.rejected));
  }

  /** Adds the inputs an {@code @file} names; nothing in it is an option ({@link ListFile}). */
  private void addList(String input) throws IOException {
    Path list = new Path(input.substring(1));
    FileSystem fs = list.getFileSystem(conf);
    String name = fs.makeQualified(list).toString();
    try (InputStream in = fs.open(list)) {
      ListFile.read(in, new ListFile.Visitor() {
        @Override
        public void input(String text, int lineNumber) {
          add(text, name + " line " + lineNumber);
        }

        @Override
        public void badLine(int lineNumber, String why) {
          reject(name + " line " + lineNumber, ErrorClass.UNREADABLE,
              "input list " + name + " line " + lineNumber + ": " + why);
        }
      });
    } catch (FileNotFoundException e) {
      throw new FileNotFoundException("input list " + input + " does not exist");
    }
  }

  /**
   * Adds one input.
   *
   * @param where the list file and line it came from, or null for the command line
   */
  private void add(String input, String where) {
    if (Source.isUrl(input)) {
      urls.add(input); // the fetcher's guard judges every URL, wherever it came from
      return;
    }
    String named = where == null ? input : input + " (" + where + ")";
    Path p;
    try {
      p = where == null ? new Path(input) : listPath(input);
    } catch (IllegalArgumentException e) {
      reject(input, ErrorClass.UNREADABLE, "not a path: " + named + ": " + e.getMessage());
      return;
    }
    if (where != null) {
      String refusal = policy.refusal(p.toUri());
      if (refusal != null) { // decided before any file system is opened: no connection made
        reject(input, ErrorClass.BLOCKED, named + ": " + refusal);
        return;
      }
    }
    try {
      FileSystem fs = p.getFileSystem(conf);
      p = fs.makeQualified(p);
      FileStatus literal = isGlob(input) ? statusOrNull(fs, p) : fs.getFileStatus(p);
      if (literal != null) { // a name with [ or ? that exists is that file, not a pattern
        addStatus(fs, literal);
        return;
      }
      FileStatus[] matches = LocalDisk.isLocal(p) ? local.glob(p) : fs.globStatus(p);
      if (matches == null || matches.length == 0) {
        reject(p.toString(), ErrorClass.NOT_FOUND, "glob " + named + " matches nothing");
        return;
      }
      Arrays.sort(matches, Comparator.comparing(s -> s.getPath().toString()));
      for (FileStatus m : matches) {
        addStatus(fs, m);
      }
    } catch (FileNotFoundException e) {
      reject(p.toString(), ErrorClass.NOT_FOUND, named + " does not exist");
    } catch (UnsupportedFileSystemException e) {
      reject(input, ErrorClass.UNSUPPORTED, named + ": " + e.getMessage()
          + " (no file system for it on the class path)");
    } catch (IOException | IllegalArgumentException e) {
      reject(p.toString(), ErrorClass.UNREADABLE, "listing " + named + ": " + e);
    } catch (RuntimeException | LinkageError e) {
      // Hadoop names s3a:, ftp: ... in its defaults; without their jars it fails with a
      // ClassNotFoundException or NoClassDefFoundError while opening the file system.
      if (!missingClass(e)) {
        throw e;
      }
      reject(input, ErrorClass.UNSUPPORTED, named + ": the file system for scheme '"
          + p.toUri().getScheme() + "' is not on the class path (" + e + ")");
    }
  }

  /**
   * A list line as a Hadoop path. Only {@code scheme://...} and {@code file:} lines are URIs;
   * anything else is a path, so that {@code col:on.jpg} is a file name, not scheme {@code col}.
   */
  private static Path listPath(String line) {
    Matcher m = SCHEME.matcher(line);
    if (m.find() && (m.group(2) != null || m.group(1).equalsIgnoreCase("file"))) {
      return new Path(line);
    }
    return new Path(line.startsWith("/") ? line : "./" + line);
  }

  private static FileStatus statusOrNull(FileSystem fs, Path p) throws IOException {
    try {
      return fs.getFileStatus(p);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private static boolean missingClass(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ClassNotFoundException || c instanceof NoClassDefFoundError) {
        return true;
      }
    }
    return false;
  }

  private void addStatus(FileSystem fs, FileStatus st) throws IOException {
    if (st.isDirectory()) {
      List<FileStatus> files = byRoot.computeIfAbsent(st.getPath(), k -> new ArrayList<>());
      walk(fs, st.getPath(), files, new HashSet<>(), 0);
    } else if (local.isRegular(st)) {
      byRoot.computeIfAbsent(st.getPath().getParent(), k -> new ArrayList<>()).add(st);
    }
  }

  private void walk(FileSystem fs, Path dir, List<FileStatus> files, Set<String> seen, int depth) {
    if (!seen.add(LocalDisk.realPath(dir)) || depth > MAX_DEPTH) {
      reject(dir.toString(), ErrorClass.UNREADABLE,
          dir + " is a directory symlink loop (already visited), not descended");
      return;
    }
    FileStatus[] children;
    try {
      children = LocalDisk.isLocal(dir) ? local.list(dir) : fs.listStatus(dir);
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
        files.add(c); // LocalDisk already turned pipes, devices and dangling links into lines
      }
    }
    seen.remove(LocalDisk.realPath(dir));
  }

  private List<Source> sources(UnaryOperator<String> outputName) {
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
    return dedupe(out, outputName);
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

  /**
   * The same input named twice is one input. Distinct inputs whose outputs would share a path
   * ({@code y}, a JPEG without extension, and {@code y.jpg} both write {@code y.jpg}) are told
   * apart on that full output path: a source whose output keeps its own name is placed first,
   * the others get a hash of their URI before the extension ({@code y-1a2b3c4d.jpg}).
   */
  static List<Source> dedupe(List<Source> in, UnaryOperator<String> outputName) {
    Map<String, Source> byUri = new LinkedHashMap<>();
    for (Source s : in) {
      byUri.putIfAbsent(s.uri(), s);
    }
    Set<String> taken = new HashSet<>();
    Map<String, String> stems = new HashMap<>();
    for (boolean keepsName : new boolean[] {true, false}) {
      for (Source s : byUri.values()) {
        String name = outputName.apply(s.stem());
        if (name.equals(s.stem()) != keepsName) {
          continue;
        }
        String stem = s.stem();
        while (!taken.add(name)) {
          stem = UrlNames.withHash(stem, s.uri());
          name = outputName.apply(stem);
        }
        stems.put(s.uri(), stem);
      }
    }
    List<Source> out = new ArrayList<>(byUri.size());
    for (Source s : byUri.values()) {
      out.add(new Source(s.uri(), stems.get(s.uri()), s.bytes(), s.modifiedMillis()));
    }
    return out;
  }

  private void reject(String source, ErrorClass c, String message) {
    rejected.add(ThumbResult.failed(source, -1, new ImageFailure(c, message)));
  }

  static boolean isGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0
        || s.indexOf('{') >= 0;
  }
}
