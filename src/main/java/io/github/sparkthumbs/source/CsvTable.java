package io.github.sparkthumbs.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkthumbs.settings.SettingsException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A CSV or TSV list file, read by the one task that owns it: its first record is its header, and
 * every other record is a row read by that header's column names, so that the files of a folder of
 * lists may order their columns each their own way. A file cannot be split between tasks: a quoted
 * field may hold line breaks, so where a record starts is known only by reading from the start.
 * TSV is the same format with a tab between fields, quotes included, as Python's {@code csv}
 * module, pandas and Spark read and write it.
 */
public final class CsvTable implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String file;
  private final InputStream in;
  private final CsvReader reader;
  private final List<String> header;
  private final int url;
  private final int[] kept;

  private CsvTable(String file, InputStream in, CsvReader reader, List<String> header,
      String urlColumn, List<String> keep) {
    this.file = file;
    this.in = in;
    this.reader = reader;
    this.header = header;
    this.url = header == null ? -1 : header.indexOf(urlColumn);
    this.kept = keep.stream().mapToInt(c -> header == null ? -1 : header.indexOf(c)).toArray();
  }

  /**
   * Opens a list and reads its header.
   *
   * @throws SettingsException when the header lacks the URL column or a kept column, or cannot be
   *     read
   */
  public static CsvTable open(String file, char separator, Configuration conf, String urlColumn,
      List<String> keep) throws IOException {
    Path p = new Path(file);
    InputStream in = new BufferedInputStream(p.getFileSystem(conf).open(p), 1 << 16);
    try {
      CsvReader reader = new CsvReader(in, separator, CsvReader.MAX_ROW_BYTES);
      CsvReader.Record first = reader.header();
      List<String> header = first == null ? null : first.fields();
      if (first != null && header == null) {
        throw new SettingsException("--input-format", "the header of input list " + file
            + " cannot be read: " + first.error());
      }
      if (header != null) {
        require(file, header, "--url-column", urlColumn);
        for (String k : keep) {
          require(file, header, "--keep-columns", k);
        }
      }
      return new CsvTable(file, in, reader, header, urlColumn, keep);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private static void require(String file, List<String> header, String flag, String column) {
    if (!header.contains(column)) {
      throw new SettingsException(flag, "no column '" + column + "' in " + file
          + "; its columns are " + header);
    }
  }

  /** Bytes read so far, to name where reading stopped. */
  public long position() {
    return reader.position();
  }

  /** The next row, or null at the end of the file (an empty file has no header and no rows). */
  public TableRow next() throws IOException {
    if (header == null) {
      return null;
    }
    CsvReader.Record r = reader.next(header.size());
    if (r == null) {
      return null;
    }
    String where = ListSplit.where(file, r.offset());
    if (r.fields() == null) {
      return TableRow.bad(where, r.error());
    }
    List<String> f = r.fields();
    ObjectNode columns = JSON.createObjectNode();
    for (int i = 0; i < kept.length; i++) {
      if (kept[i] < f.size()) { // a short row's missing cells are absent, as a JSON row's are
        columns.put(header.get(kept[i]), f.get(kept[i]));
      }
    }
    String link = url < f.size() ? f.get(url) : null;
    String shown = null;
    if (link == null || link.isBlank()) {
      ObjectNode whole = JSON.createObjectNode();
      for (int i = 0; i < f.size(); i++) {
        whole.put(header.get(i), f.get(i));
      }
      shown = whole.toString();
    }
    return new TableRow(where, link, columns.isEmpty() ? null : columns.toString(), shown, null);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
