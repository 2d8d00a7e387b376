package io.github.sparkthumbs.source;

import io.github.sparkthumbs.settings.SettingsException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Row groups of one Parquet list file that one task reads ({@link ParquetListing}), planned on
 * the driver from the file's footer: the driver reads one footer per file, never a row. A file
 * whose footer cannot be read is one split that names why, so that it ends as one failed line
 * while the other files are read.
 *
 * @param file qualified path
 * @param firstGroup index of the first row group
 * @param endGroup index after the last row group
 * @param firstRow the 1-based number in the file of the first group's first row
 * @param error why the file's footer cannot be read, or null
 */
public record ParquetSplit(String file, int firstGroup, int endGroup, long firstRow, String error)
    implements Serializable {
  /**
   * Rows a split reaches before it takes no further row group: a task looks up each path row's
   * file, so a split of text lists' size (1 MiB, ~15,000 rows) keeps tasks short. Row groups as
   * Spark writes them (128 MiB) hold more, one each split.
   */
  static final long SPLIT_ROWS = 20_000;

  /**
   * The splits of every file {@code pattern} names: a file, a folder of them read with its
   * subfolders (as Spark reads a dataset written with {@code partitionBy}; names starting with
   * {@code .} or {@code _} are skipped), or a glob.
   *
   * @throws FileNotFoundException when it names nothing
   * @throws SettingsException when a readable file lacks the URL column or a kept column
   */
  public static List<ParquetSplit> of(String pattern, Configuration conf, String urlColumn,
      List<String> keep) throws IOException {
    List<ParquetSplit> out = new ArrayList<>();
    for (FileStatus f : ListSplit.files(pattern, conf, true)) {
      String file = f.getPath().toString();
      List<BlockMetaData> groups;
      try (ParquetFileReader r = open(f, conf)) {
        projection(file, r.getFooter().getFileMetaData().getSchema(), urlColumn, keep);
        groups = r.getRowGroups();
      } catch (SettingsException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        out.add(new ParquetSplit(file, 0, 0, 1, cause(e)));
        continue;
      }
      long row = 1;
      int first = 0;
      long rows = 0;
      for (int g = 0; g < groups.size(); g++) {
        rows += Math.max(0, groups.get(g).getRowCount());
        if (rows >= SPLIT_ROWS || g == groups.size() - 1) {
          out.add(new ParquetSplit(file, first, g + 1, row, null));
          row += rows;
          first = g + 1;
          rows = 0;
        }
      }
    }
    return out;
  }

  /**
   * Opens a list and reads its footer, with the Hadoop settings of Parquet (decryption keys,
   * ...); pages are checked against their checksums.
   */
  static ParquetFileReader open(FileStatus f, Configuration conf) throws IOException {
    // A damaged page that still decodes would list wrong URLs; with its checksum (written by
    // default since Parquet 1.12) it is an error instead.
    return ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf),
        HadoopReadOptions.builder(conf, f.getPath()).usePageChecksumVerification(true).build());
  }

  /**
   * The columns a list's rows are read by: the URL column first, then the kept columns.
   *
   * @throws SettingsException when the file lacks one of them
   */
  static MessageType projection(String file, MessageType schema, String urlColumn,
      List<String> keep) {
    Set<String> names = new LinkedHashSet<>();
    names.add(urlColumn);
    names.addAll(keep);
    List<Type> fields = new ArrayList<>();
    for (String c : names) {
      if (!schema.containsField(c)) {
        List<String> columns = schema.getFields().stream().map(Type::getName).toList();
        throw new SettingsException(c.equals(urlColumn) ? "--url-column" : "--keep-columns",
            "no column '" + c + "' in " + file + "; its columns are " + columns);
      }
      fields.add(schema.getType(c));
    }
    return new MessageType(schema.getName(), fields);
  }

  /**
   * Why a row group cannot be read when its column chunks lie beyond the file's end: a damaged
   * footer may claim gigabytes, which the reader would allocate before it finds out.
   *
   * @return null when the chunks lie within the file
   */
  static String outside(BlockMetaData group, MessageType projection, long length) {
    for (ColumnChunkMetaData c : group.getColumns()) {
      long end = c.getStartingPos() + c.getTotalSize();
      if (projection.containsPath(c.getPath().toArray())
          && (c.getStartingPos() < 0 || c.getTotalSize() < 0 || end > length)) {
        return "column " + c.getPath() + " claims bytes " + c.getStartingPos() + " to " + end
            + " of a file of " + length;
      }
    }
    return null;
  }

  /**
   * The rows of a group that can be read: its footer's row count, but no more than the values of
   * any projected column (a row has at least one value, null or not, in each). A footer that
   * claims 10^12 rows would otherwise have the record reader return empty rows without end.
   */
  static long rows(BlockMetaData group, MessageType projection) {
    long rows = Math.max(0, group.getRowCount());
    for (ColumnChunkMetaData c : group.getColumns()) {
      if (projection.containsPath(c.getPath().toArray())) {
        rows = Math.min(rows, Math.max(0, c.getValueCount()));
      }
    }
    return rows;
  }

  /** An exception and the one that caused it first, for a manifest line. */
  static String cause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.toString() : e + " (" + root + ")";
  }
}
