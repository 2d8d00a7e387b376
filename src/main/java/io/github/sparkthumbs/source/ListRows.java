package io.github.sparkthumbs.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.settings.InputFormat;
import io.github.sparkthumbs.settings.ListingSettings;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * The tasks' part of listing: the rows of {@code @list} inputs, each looked up by the task that
 * reads it (a missing file is found here, in parallel, not by one status call per row on the
 * driver). A row names a URL, a file, a directory (walked here) or a glob. Nothing in a row is an
 * option; a path row may name only the file systems {@link FileSystemPolicy} allows.
 *
 * <p>Output names of list rows: a URL's as always ({@link UrlNames}); a path's is the path relative
 * to the driver's working directory when it lies under it ({@code imgs/a.jpg}), else the path
 * without its leading slash ({@code /data/a.jpg} -> {@code data/a.jpg}), so that it depends on the
 * row alone.
 */
public final class ListRows {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A row is one JSON value: {@code {"url": "..."} trailing text} is a bad row, not a URL. */
  private static final ObjectReader JSON_ROW = JSON.reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Matches the scheme of a URI ({@code hdfs://}, {@code file:}) at the start of a row. */
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):(//)?");

  private final Resolver resolver;
  private final FileSystemPolicy policy;
  private final Path base;
  private final Consumer<Listed> out;
  /** The kept columns of the row being read: its rejections carry them too. */
  private String rowColumns;

  /**
   * @param output qualified output directory, never an input
   * @param base the driver's working directory, qualified: relative rows are relative to it
   */
  public ListRows(Configuration conf, Path output, FileSystemPolicy policy, Path base,
      Consumer<Listed> out) {
    this.resolver = new Resolver(conf, output, l -> out.accept(l.rejected() == null
        || rowColumns == null ? l : Listed.of(l.rejected().withListing(null, rowColumns))));
    this.policy = policy;
    this.base = base;
    this.out = out;
  }

  /** Every file under a subtree the driver found at a directory's top level. */
  public void walk(Walk w) {
    rowColumns = w.columns();
    resolver.walk(w);
  }

  /** Reads a split of a plain or JSON-lines list. */
  public void read(ListSplit split, ListingSettings s) throws IOException {
    split.read(resolver.conf(), new ListFile.Visitor() {
      @Override
      public void input(String text, long offset) {
        String where = ListSplit.where(split.file(), offset);
        guarded(where, () -> {
          if (s.inputFormat() == InputFormat.JSON) {
            jsonRow(text, where, s.urlColumn(), s.keepColumns());
          } else {
            add(text, where, null);
          }
        });
      }

      @Override
      public void badLine(long offset, String why) {
        badRow(ListSplit.where(split.file(), offset), why);
      }
    });
  }

  /**
   * One row of a CSV, TSV or Parquet list. Whatever the row holds, it ends as its items or as one
   * failed line named by {@link TableRow#where}: an exception here is a bug of ours, and it too
   * becomes that row's line rather than the end of the run.
   */
  public void row(TableRow r, ListingSettings s) {
    guarded(r.where(), () -> {
      if (r.error() != null) {
        badRow(r.where(), r.error());
      } else if (r.url() == null || r.url().isBlank()) {
        rowWithoutUrl(r.where(), s.urlColumn(), String.valueOf(r.shown()), r.columns());
      } else {
        add(r.url().strip(), r.where(), r.columns());
      }
    });
  }

  /**
   * As {@link #row(TableRow, ListingSettings)} for a row still to be made from what was read: an
   * exception while making it is a bug of ours, that row's line.
   *
   * @param where names the row should making it fail
   */
  public void row(String where, Supplier<TableRow> r, ListingSettings s) {
    guarded(where, () -> row(r.get(), s));
  }

  /** Runs what a row asks; our exception becomes that row's {@code internal} line. */
  private void guarded(String where, Runnable row) {
    try {
      row.run();
    } catch (RuntimeException e) {
      rowColumns = null;
      resolver.reject(where, ErrorClass.INTERNAL, "input list " + where + ": " + e);
    }
  }

  /**
   * A row, or the rest of a list, that cannot be read.
   *
   * @param where the list and the place in it; the manifest line's source
   */
  public void badRow(String where, String why) {
    rowColumns = null;
    resolver.reject(where, ErrorClass.UNREADABLE, "input list " + where + ": " + why);
  }

  private void jsonRow(String text, String where, String urlColumn, List<String> keep) {
    JsonNode row;
    rowColumns = null;
    try {
      row = JSON_ROW.readTree(text);
    } catch (JsonProcessingException e) {
      resolver.reject(where, ErrorClass.UNREADABLE, "input list " + where
          + ": not a JSON object: " + e.getOriginalMessage());
      return;
    }
    if (!(row instanceof ObjectNode o)) {
      resolver.reject(where, ErrorClass.UNREADABLE, "input list " + where
          + ": not a JSON object");
      return;
    }
    ObjectNode kept = JSON.createObjectNode();
    for (String c : keep) {
      if (o.has(c)) {
        kept.set(c, o.get(c));
      }
    }
    String columns = kept.isEmpty() ? null : kept.toString();
    JsonNode url = o.get(urlColumn);
    if (url == null || !url.isTextual() || url.asText().isBlank()) {
      rowWithoutUrl(where, urlColumn, text, columns);
      return;
    }
    add(url.asText().strip(), where, columns);
  }

  /**
   * A row of a list with columns whose URL column is empty, missing or not text.
   *
   * @param row the whole row, to name it in the message
   */
  public void rowWithoutUrl(String where, String urlColumn, String row, String columns) {
    rowColumns = columns;
    String shown = row.length() > 200 ? row.substring(0, 200) + "..." : row;
    resolver.reject(where, ErrorClass.UNREADABLE, "input list " + where + ": no URL or path in"
        + " column '" + urlColumn + "' (row " + shown + ")");
  }

  /**
   * One row.
   *
   * @param text the URL or path, verbatim
   * @param where the list and the place in it, for messages
   * @param columns the row's kept columns as a JSON object, or null
   */
  public void add(String text, String where, String columns) {
    rowColumns = columns;
    if (Source.isUrl(text)) {
      out.accept(Listed.of(new Source(text, UrlNames.stem(text), -1, 0, columns)));
      return;
    }
    String named = text + " (" + where + ")";
    Path p;
    try {
      p = listPath(text);
    } catch (IllegalArgumentException e) {
      resolver.reject(text, ErrorClass.UNREADABLE, "not a path: " + named + ": "
          + e.getMessage());
      return;
    }
    String refusal = policy.refusal(p.toUri());
    if (refusal != null) { // decided before any file system is opened: no connection made
      resolver.reject(text, ErrorClass.BLOCKED, named + ": " + refusal);
      return;
    }
    FileStatus[] found = resolver.statuses(text, p, named);
    if (found == null) {
      return;
    }
    for (FileStatus st : found) {
      String stem = stem(st.getPath());
      if (st.isDirectory()) {
        String prefix = stem.isEmpty() ? "" : stem + "/"; // "" is the working directory itself
        resolver.walk(new Walk(st.getPath().toString(), prefix, List.of(), columns));
      } else {
        out.accept(Listed.of(Resolver.source(st, stem, columns)));
      }
    }
  }

  /**
   * A row as a Hadoop path. Only {@code scheme://...} and {@code file:} rows are URIs; anything
   * else is a path, so that {@code col:on.jpg} is a file name, not scheme {@code col}.
   */
  private Path listPath(String row) {
    Matcher m = SCHEME.matcher(row);
    if (m.find() && (m.group(2) != null || m.group(1).equalsIgnoreCase("file"))) {
      return new Path(row);
    }
    return row.startsWith("/") ? new Path(row) : new Path(base, "./" + row);
  }

  /**
   * The output stem of a row's file or folder: relative to the working directory, else mirrored;
   * empty for the working directory itself.
   */
  private String stem(Path qualified) {
    String path = qualified.toUri().getPath();
    String under = base.toUri().getPath();
    under = under.endsWith("/") ? under : under + "/";
    boolean sameFs = java.util.Objects.equals(qualified.toUri().getScheme(),
        base.toUri().getScheme())
        && java.util.Objects.equals(qualified.toUri().getAuthority(),
            base.toUri().getAuthority());
    if (sameFs && (path + "/").equals(under)) {
      return ""; // the working directory itself (a row ".")
    }
    if (sameFs && path.startsWith(under) && path.length() > under.length()) {
      return path.substring(under.length());
    }
    String mirrored = path.replaceAll("^/+", "");
    return mirrored.isEmpty() ? "root" : mirrored;
  }
}
