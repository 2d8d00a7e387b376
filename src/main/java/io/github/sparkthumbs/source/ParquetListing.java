package io.github.sparkthumbs.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkthumbs.settings.ListingSettings;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * The rows of one {@link ParquetSplit}, read with Parquet's own reader (not Spark SQL's, whose
 * error in any file ends the whole job): only the URL and kept columns are read, a row at a time.
 * A file that cannot be opened ends as one failed line; a row group that cannot be read (a damaged
 * page, a page that fails its checksum, a chunk beyond the file's end) ends as one failed line for
 * its rows not yet listed, named by the first of them, and reading goes on with the next group.
 * Each file is read by its own schema, so the files of a folder may order their columns, or type
 * them, each their own way.
 */
public final class ParquetListing extends RowListing {
  private final ParquetSplit split;
  private final ListingSettings settings;
  private final Configuration conf;
  private ParquetFileReader reader;
  private MessageType projection;
  private long length;
  /** The row group being read, or the next one to open when {@link #records} is null. */
  private int group;
  private RecordReader<Group> records;
  /** Rows of the current group not read yet. */
  private long left;
  /** The 1-based number of the next row in the file. */
  private long row;

  /**
   * @param rows makes the row reader that sends its items to the given consumer
   */
  public ParquetListing(Function<Consumer<Listed>, ListRows> rows, ParquetSplit split,
      ListingSettings s, Configuration conf) {
    super(rows);
    this.split = split;
    this.settings = s;
    this.conf = conf;
    this.group = split.firstGroup();
    this.row = split.firstRow();
  }

  @Override
  protected void step() {
    if (split.error() != null) {
      end("cannot be read as Parquet: " + split.error());
    } else if (reader == null) {
      open();
    } else if (records == null) {
      startGroup();
    } else if (left == 0) {
      records = null;
      group++;
    } else {
      String where = ListSplit.row(split.file(), row);
      Group g;
      try {
        g = records.read();
      } catch (RuntimeException | OutOfMemoryError e) {
        // Parquet's decoding errors are unchecked, and it allocates a page of the size its
        // header claims: either is this group's failure, not the job's
        skipGroup("cannot be read: " + ParquetSplit.cause(e));
        return;
      }
      left--;
      row++;
      rows.row(where, () -> g == null ? TableRow.bad(where, "Parquet read no record")
          : row(g, where), settings);
    }
  }

  private void open() {
    try {
      Path p = new Path(split.file());
      FileStatus st = p.getFileSystem(conf).getFileStatus(p);
      length = st.getLen();
      reader = ParquetSplit.open(st, conf);
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      projection = ParquetSplit.projection(split.file(), schema, settings.urlColumn(),
          settings.keepColumns());
      reader.setRequestedSchema(projection);
      if (reader.getRowGroups().size() < split.endGroup()) {
        throw new IOException("it has " + reader.getRowGroups().size() + " row groups, "
            + split.endGroup() + " when it was listed");
      }
    } catch (IOException | RuntimeException e) {
      // a SettingsException here means the file changed after the driver read its footer
      end("cannot be read as Parquet: " + ParquetSplit.cause(e));
    }
  }

  /** Opens the next row group of the split, or finishes. */
  private void startGroup() {
    if (group >= split.endGroup()) {
      finish();
      return;
    }
    BlockMetaData b = reader.getRowGroups().get(group);
    left = ParquetSplit.rows(b, projection);
    String outside = ParquetSplit.outside(b, projection, length);
    if (outside != null) {
      skipGroup(outside);
      return;
    }
    try {
      PageReadStore pages = reader.readRowGroup(group);
      records = new ColumnIOFactory().getColumnIO(projection)
          .getRecordReader(pages, new GroupRecordConverter(projection));
    } catch (IOException | RuntimeException | OutOfMemoryError e) { // as in step()
      skipGroup("cannot be read: " + ParquetSplit.cause(e));
    }
  }

  /** The current group's rows not listed yet end as one line, named by the first of them. */
  private void skipGroup(String why) {
    if (left > 0) {
      rows.badRow(ListSplit.row(split.file(), row), "row group " + (group + 1) + " of "
          + reader.getRowGroups().size() + " (rows " + row + " to " + (row + left - 1) + ") "
          + why);
    }
    row += left;
    left = 0;
    records = null;
    group++;
  }

  /** The whole split ends as one line, named by its first row. */
  private void end(String why) {
    rows.badRow(ListSplit.row(split.file(), split.firstRow()), why);
    finish();
  }

  /**
   * A row as the URL column's text and the kept columns as JSON. A cell longer than a CSV row may
   * be is the row's error: the kept columns travel as JSON that the manifest parses again
   * (Jackson refuses strings over 20 M characters).
   */
  private TableRow row(Group g, String where) {
    String url = ParquetValues.text(g, projection, 0);
    ObjectNode kept = JsonNodeFactory.instance.objectNode();
    for (String c : settings.keepColumns()) {
      JsonNode v = ParquetValues.field(g, projection, projection.getFieldIndex(c));
      if (!v.isNull()) {
        kept.set(c, v);
      }
    }
    String columns = kept.isEmpty() ? null : kept.toString();
    long longest = Math.max(url == null ? 0 : url.length(), columns == null ? 0
        : columns.length());
    if (longest > CsvReader.MAX_ROW_BYTES) {
      return TableRow.bad(where, "a cell is longer than " + CsvReader.MAX_ROW_BYTES
          + " characters (" + longest + ")");
    }
    String shown = url == null || url.isBlank()
        ? ParquetValues.object(g, projection).toString() : null;
    return new TableRow(where, url, columns, shown, null);
  }

  @Override
  protected void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
  }
}
