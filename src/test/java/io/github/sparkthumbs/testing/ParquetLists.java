package io.github.sparkthumbs.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Parquet list files written a row group at a time with Parquet's own writer (Spark writes a
 * folder of parts whose row groups it sizes by bytes), and damaged as a disk or a careless copy
 * damages them.
 */
public final class ParquetLists {
  private ParquetLists() {}

  /**
   * Writes a list with a text column {@code url} and a number column {@code id} (the row's
   * index), {@code groupRows} rows a row group; uncompressed, without dictionaries and with page
   * checksums, so that a changed byte of a page is a changed value that its checksum catches.
   *
   * @param urls one row each; null is a row without a URL
   */
  public static Path write(Path file, List<String> urls, int groupRows) throws IOException {
    return write(file, urls, groupRows, "binary url (STRING)");
  }

  /** As {@link #write(Path, List, int)} with the URL column of another Parquet type. */
  public static Path write(Path file, List<?> urls, int groupRows, String urlType)
      throws IOException {
    Files.createDirectories(file.getParent());
    MessageType schema = MessageTypeParser.parseMessageType(
        "message list { optional " + urlType + "; optional int64 id; }");
    SimpleGroupFactory rows = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> w = ExampleParquetWriter
        .builder(new org.apache.hadoop.fs.Path(file.toUri())).withType(schema)
        .withRowGroupRowCountLimit(groupRows).withDictionaryEncoding(false)
        .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
        .withPageWriteChecksumEnabled(true).build()) {
      for (int i = 0; i < urls.size(); i++) {
        Group g = rows.newGroup().append("id", (long) i);
        Object url = urls.get(i);
        String column = schema.getFieldName(0);
        if (url instanceof String s) {
          g.append(column, s);
        } else if (url instanceof Long n) {
          g.append(column, n);
        }
        w.write(g);
      }
    }
    return file;
  }

  /** The row groups of a file as its footer lists them. */
  public static List<BlockMetaData> groups(Path file) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      return r.getRowGroups();
    }
  }

  /**
   * Flips a byte in the middle of the URL column's pages of row group {@code group}, and removes
   * the checksum file Hadoop's local file system keeps beside it (which would catch it first).
   */
  public static void damage(Path file, int group) throws IOException {
    ColumnChunkMetaData url = groups(file).get(group).getColumns().stream()
        .filter(c -> c.getPath().toDotString().equals("url")).findFirst().orElseThrow();
    long at = url.getStartingPos() + url.getTotalSize() * 3 / 4; // past the page header
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x5a);
    }
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
  }

  /** A copy of a file's first {@code bytes}, as an interrupted copy leaves it. */
  public static Path truncated(Path from, Path to, int bytes) throws IOException {
    byte[] all = Files.readAllBytes(from);
    return Files.write(to, Arrays.copyOf(all, Math.min(bytes, all.length)));
  }
}
