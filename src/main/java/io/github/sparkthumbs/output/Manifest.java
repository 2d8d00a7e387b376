package io.github.sparkthumbs.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkthumbs.result.Http;
import io.github.sparkthumbs.result.ThumbResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The JSON Lines form of a result: one flat object per line, the fields of {@link ThumbResult}
 * with a URL input's {@link Http} fields ({@code httpStatus}, {@code attempts},
 * {@code finalUrl}) and the list row's kept columns at the top level, as the README's manifest
 * table documents them. The manifest is the folder {@link #DIR} of JSON-lines part files, one
 * per Spark partition, written by the tasks through Spark's output commit protocol.
 */
public final class Manifest {
  /** The manifest folder under the output: {@code spark.read.json(OUTPUT/manifest)}. */
  public static final String DIR = "manifest";

  /** The single-file manifest of earlier versions, still read as a rerun's earlier records. */
  public static final String LEGACY_FILE_NAME = "manifest.jsonl";

  /** The old manifest folder between the two renames that swap a new one in. */
  public static final String PREVIOUS_DIR = ".manifest-previous";

  /** A new manifest folder is written under this prefix and a random suffix, then swapped in. */
  public static final String NEW_DIR_PREFIX = ".manifest-new-";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HTTP = "http";

  private static final Set<String> FIELDS = ThumbResult.FIELD_NAMES;

  private Manifest() {}

  public static String line(ThumbResult r) {
    ObjectNode o = JSON.valueToTree(r);
    JsonNode http = o.remove(HTTP);
    if (http instanceof ObjectNode h) {
      o.setAll(h);
    }
    if (r.columns() != null) {
      try {
        JsonNode kept = JSON.readTree(r.columns());
        if (kept instanceof ObjectNode k) {
          k.fields().forEachRemaining(e -> o.putIfAbsent(e.getKey(), e.getValue()));
        }
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("kept columns are not a JSON object: " + r.columns(), e);
      }
    }
    return o.toString();
  }

  public static ThumbResult parse(String line) {
    try {
      ObjectNode o = (ObjectNode) JSON.readTree(line);
      Http http = null;
      if (o.has("httpStatus") || o.has("attempts") || o.has("finalUrl")) {
        http = new Http(
            o.has("httpStatus") ? o.remove("httpStatus").asInt() : null,
            o.has("attempts") ? o.remove("attempts").asInt() : null,
            o.has("finalUrl") ? o.remove("finalUrl").asText() : null);
      }
      // Whatever is not ours is a kept column of the list row: carried, never dropped.
      ObjectNode kept = JSON.createObjectNode();
      List<String> others = new ArrayList<>();
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!FIELDS.contains(name)) {
          others.add(name);
        }
      }
      for (String name : others) {
        kept.set(name, o.remove(name));
      }
      ThumbResult r = JSON.treeToValue(o, ThumbResult.class);
      if (r.source() == null || r.status() == null) {
        throw new IllegalArgumentException("not a manifest line (no source or status): " + line);
      }
      r = http == null ? r : r.withHttp(http);
      return kept.isEmpty() ? r : r.withListing(r.modified(), kept.toString());
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalArgumentException("not a manifest line: " + line, e);
    }
  }
}
