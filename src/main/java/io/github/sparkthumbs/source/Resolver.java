package io.github.sparkthumbs.source;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.InputFailure;
import io.github.sparkthumbs.result.SkipReason;
import io.github.sparkthumbs.result.ThumbResult;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * What one named path is (file, directory, glob) and the files under a directory, for the driver
 * (command-line inputs, top levels) and for the tasks (list rows, subtrees) alike. Only regular
 * files are inputs: anything else becomes a failed result naming it, so nothing is silently
 * dropped. Dot files (including our own temporary files) and the output directory are not inputs.
 */
final class Resolver {
  /**
   * The deepest folder a walk descends to below the directory it was given. Local walks do not
   * follow directory links, but other file systems may have links of their own, and a folder
   * nested deeper than this is more likely a generated trap than a photo archive.
   */
  static final int MAX_DEPTH = 256;

  private final Configuration conf;
  private final Path output;
  private final LocalDisk local;
  private final Consumer<Listed> out;

  /**
   * @param output qualified output directory, excluded from every walk
   * @param out where sources and rejected inputs go
   */
  Resolver(Configuration conf, Path output, Consumer<Listed> out) {
    this.conf = conf;
    this.output = output;
    this.out = out;
    this.local = new LocalDisk(output, new LocalDisk.Rejects() {
      @Override
      public void reject(String source, ErrorClass c, String message) {
        Resolver.this.reject(source, c, message);
      }

      @Override
      public void skipLink(String source, String message) {
        out.accept(Listed.of(ThumbResult.skipped(source, -1, SkipReason.SYMLINKED_DIRECTORY,
            message)));
      }
    });
  }

  Configuration conf() {
    return conf;
  }

  /**
   * The files and directories {@code p} names: itself, or a glob's matches (sorted). Null, with
   * the input rejected, when it names nothing we can read.
   *
   * @param named the input as the user wrote it, with where it came from, for messages
   */
  FileStatus[] statuses(String input, Path p, String named) {
    try {
      FileSystem fs = p.getFileSystem(conf);
      Path q = fs.makeQualified(p);
      FileStatus literal = isGlob(input) ? statusOrNull(fs, q) : fs.getFileStatus(q);
      if (literal != null) { // a name with [ or ? that exists is that file, not a pattern
        return regular(literal) ? new FileStatus[] {literal} : null;
      }
      FileStatus[] matches = LocalDisk.isLocal(q) ? local.glob(q) : fs.globStatus(q);
      if (matches == null || matches.length == 0) {
        reject(q.toString(), ErrorClass.NOT_FOUND, "glob " + named + " matches nothing");
        return null;
      }
      Arrays.sort(matches, Comparator.comparing(s -> s.getPath().toString()));
      return Arrays.stream(matches).filter(this::regular).toArray(FileStatus[]::new);
    } catch (FileNotFoundException e) {
      reject(qualifiedOr(p), ErrorClass.NOT_FOUND, named + " does not exist");
    } catch (UnsupportedFileSystemException e) {
      reject(input, ErrorClass.UNSUPPORTED, named + ": " + e.getMessage()
          + " (no file system for it on the class path)");
    } catch (IOException | IllegalArgumentException e) {
      reject(qualifiedOr(p), ErrorClass.UNREADABLE, "listing " + named + ": " + e);
    } catch (RuntimeException | LinkageError e) {
      // Hadoop names s3a:, ftp: ... in its defaults; without their jars it fails with a
      // ClassNotFoundException or NoClassDefFoundError while opening the file system.
      if (!missingClass(e)) {
        throw e;
      }
      reject(input, ErrorClass.UNSUPPORTED, named + ": the file system for scheme '"
          + p.toUri().getScheme() + "' is not on the class path (" + e + ")");
    }
    return null;
  }

  /** Directories pass; files pass when regular (a named pipe or device is rejected). */
  private boolean regular(FileStatus st) {
    return st.isDirectory() || local.isRegular(st);
  }

  private String qualifiedOr(Path p) {
    try {
      return p.getFileSystem(conf).makeQualified(p).toString();
    } catch (IOException | RuntimeException e) {
      return p.toString();
    }
  }

  /**
   * A directory's entries, sorted by name, without dot files and the output; null (and the
   * directory rejected) when it cannot be listed.
   */
  FileStatus[] children(Path dir) {
    FileStatus[] all;
    try {
      all = LocalDisk.isLocal(dir) ? local.list(dir) : dir.getFileSystem(conf).listStatus(dir);
    } catch (IOException | RuntimeException e) {
      reject(dir.toString(), ErrorClass.UNREADABLE, "listing directory " + dir + ": " + e);
      return null;
    }
    Arrays.sort(all, Comparator.comparing(s -> s.getPath().getName()));
    return Arrays.stream(all)
        .filter(c -> !c.getPath().getName().startsWith(".") && !c.getPath().equals(output))
        .toArray(FileStatus[]::new);
  }

  /** Every file under {@code w}'s directory, recursively, as sources. */
  void walk(Walk w) {
    Set<String> seen = new HashSet<>(w.ancestors());
    walk(new Path(w.dir()), w.stemPrefix(), seen, w.ancestors().size(), w.columns());
  }

  private void walk(Path dir, String prefix, Set<String> seen, int depth, String columns) {
    String real = LocalDisk.realPath(dir);
    if (depth > MAX_DEPTH) {
      reject(dir.toString(), ErrorClass.UNREADABLE, dir + " is nested more than " + MAX_DEPTH
          + " folders deep, not descended");
      return;
    }
    if (!seen.add(real)) { // a link loop on a file system whose links the walk does follow
      reject(dir.toString(), ErrorClass.UNREADABLE,
          dir + " is a directory symlink loop (already visited), not descended");
      return;
    }
    FileStatus[] children = children(dir);
    if (children != null) {
      for (FileStatus c : children) {
        String stem = prefix + c.getPath().getName();
        if (c.isDirectory()) {
          walk(c.getPath(), stem + "/", seen, depth + 1, columns);
        } else { // LocalDisk already turned pipes, devices and dangling links into lines
          out.accept(Listed.of(source(c, stem, columns)));
        }
      }
    }
    seen.remove(real);
  }

  /** The real paths of {@code dir} and nothing above it: the start of a walk's loop check. */
  static List<String> ancestorsOf(Path dir) {
    return List.of(LocalDisk.realPath(dir));
  }

  static Source source(FileStatus st, String stem, String columns) {
    return new Source(st.getPath().toString(), stem, st.getLen(), st.getModificationTime(),
        columns);
  }

  void reject(String source, ErrorClass c, String message) {
    out.accept(Listed.of(ThumbResult.failed(source, -1, new InputFailure(c, message))));
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

  static boolean isGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0
        || s.indexOf('{') >= 0;
  }
}
