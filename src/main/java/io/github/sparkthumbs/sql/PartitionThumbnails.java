package io.github.sparkthumbs.sql;

import io.github.sparkthumbs.job.PartitionRunner;
import io.github.sparkthumbs.output.Destination;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Source;
import io.github.sparkthumbs.source.UrlNames;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.SerializableConfiguration;

/**
 * One partition of {@link ThumbnailFrames#thumbnails}: its rows' paths and URLs through the job's
 * per-partition runner ({@code job.PartitionRunner}: worker threads, time budgets, the fetch
 * windows, deadlines and network guard for URLs, the writes), each row given back with its
 * result's columns. The one place the DataFrame API meets the job's per-input code.
 */
final class PartitionThumbnails implements MapPartitionsFunction<Row, Row> {
  private final Settings settings;
  private final Destination destination;
  private final Broadcast<SerializableConfiguration> conf;
  private final int column;

  PartitionThumbnails(Settings settings, Destination destination,
      Broadcast<SerializableConfiguration> conf, int column) {
    this.settings = settings;
    this.destination = destination;
    this.conf = conf;
    this.column = column;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) throws Exception {
    List<Row> in = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      in.add(r);
      String name = r.isNullAt(column) ? "" : r.getString(column).trim();
      if (!name.isEmpty()) {
        sources.add(new Source(name, stem(name), -1, 0));
      }
    }
    List<ThumbResult> results = List.of();
    if (!sources.isEmpty()) {
      try (PartitionRunner runner = new PartitionRunner(settings, destination, conf.value().value())) {
        results = runner.run(sources);
      }
    }
    List<Row> out = new ArrayList<>(in.size());
    int next = 0;
    for (Row r : in) {
      String name = r.isNullAt(column) ? "" : r.getString(column).trim();
      ThumbResult t = name.isEmpty() ? ThumbResult.failed(null, -1, new ImageFailure(
          ErrorClass.NOT_FOUND, "no path or URL in this row")) : results.get(next++);
      out.add(withResult(r, t));
    }
    return out.iterator();
  }

  /**
   * A URL's output name as the command line gives it; a file's is its name with a hash of its
   * path: rows anywhere in the DataFrame may share a file name, and the hash keeps their outputs
   * apart without the job's shuffle by output name.
   */
  static String stem(String input) {
    if (Source.isUrl(input)) {
      return UrlNames.stem(input);
    }
    String name = input.substring(input.lastIndexOf('/') + 1);
    return UrlNames.withHash(name.isEmpty() || name.startsWith(".") ? "index" + name : name,
        input);
  }

  /** {@code r}'s values, then {@code t}'s in the order of {@link ThumbnailFrames#RESULT}. */
  private static Row withResult(Row r, ThumbResult t) {
    Object[] v = new Object[r.length() + ThumbnailFrames.RESULT.size()];
    for (int i = 0; i < r.length(); i++) {
      v[i] = r.get(i);
    }
    int i = r.length();
    v[i++] = t.source();
    v[i++] = label(t.status());
    v[i++] = label(t.failure().reason());
    v[i++] = t.written().outputs().toArray(new String[0]);
    v[i++] = t.image().width();
    v[i++] = t.image().height();
    v[i++] = t.input().bytes();
    v[i++] = t.timing().millis();
    v[i++] = t.image().format();
    v[i++] = label(t.failure().error());
    v[i++] = t.failure().message();
    v[i++] = t.image().warnings() == null ? null : t.image().warnings().toArray(new String[0]);
    v[i++] = t.image().decoded();
    v[i++] = t.http() == null ? null : t.http().httpStatus();
    v[i++] = t.http() == null ? null : t.http().attempts();
    v[i++] = t.http() == null ? null : t.http().finalUrl();
    v[i++] = t.image().dhash();
    v[i] = t.image().decodedFrom();
    return RowFactory.create(v);
  }

  private static String label(Object value) {
    return value == null ? null : value.toString();
  }
}
