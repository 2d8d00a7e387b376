package io.github.sparkthumbs.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkthumbs.result.Failure;
import io.github.sparkthumbs.result.Http;
import io.github.sparkthumbs.result.Image;
import io.github.sparkthumbs.result.Input;
import io.github.sparkthumbs.result.Status;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.result.Timing;
import io.github.sparkthumbs.result.Written;
import java.util.List;
import java.util.Set;

/**
 * The JSON Lines form of a result: one flat object per line, the fields of {@link ThumbResult}'s
 * parts (a URL input's {@link Http} fields {@code httpStatus}, {@code attempts},
 * {@code finalUrl} among them) and the list row's kept columns at the top level, as the README's
 * manifest table documents them. Written by hand, each part through Jackson: Jackson's
 * {@code @JsonUnwrapped} would keep each part's fields together, and a line's order interleaves
 * them ({@code width} and {@code height} before {@code bytes}, {@code format} after). The
 * manifest is the folder {@link #DIR} of JSON-lines part files, one per Spark partition, written
 * by the tasks through Spark's output commit protocol.
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

  private static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private static final Set<String> FIELDS = ThumbResult.FIELD_NAMES;

  private Manifest() {}

  /**
   * The line of {@code r}: the fields of its parts, each written by Jackson (nulls left out),
   * in the order of {@link ThumbResult#FIELD_NAMES}, then the kept columns.
   */
  public static String line(ThumbResult r) {
    ObjectNode parts = JSON.createObjectNode();
    for (Object part : List.of(r.input(), r.image(), r.written(), r.failure(), r.timing())) {
      parts.setAll((ObjectNode) JSON.valueToTree(part));
    }
    parts.put("status", r.status().label());
    if (r.http() != null) {
      parts.setAll((ObjectNode) JSON.valueToTree(r.http()));
    }
    ObjectNode o = JSON.createObjectNode();
    for (String name : FIELDS) {
      JsonNode v = parts.remove(name);
      if (v != null) {
        o.set(name, v);
      }
    }
    if (!parts.isEmpty()) {
      throw new IllegalStateException("fields missing from ThumbResult.FIELD_NAMES: "
          + parts.properties());
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

  /**
   * The result of a line, of this version or an earlier one: each part reads its own fields from
   * the flat object (a field an earlier version did not write is null, or 0), and whatever is not
   * a field is a kept column of the list row.
   */
  public static ThumbResult parse(String line) {
    try {
      ObjectNode o = (ObjectNode) JSON.readTree(line);
      if (!o.hasNonNull("source") || !o.hasNonNull("status")) {
        throw new IllegalArgumentException("not a manifest line (no source or status): " + line);
      }
      Http http = o.has("httpStatus") || o.has("attempts") || o.has("finalUrl")
          ? JSON.treeToValue(o, Http.class) : null;
      // Whatever is not ours is a kept column of the list row: carried, never dropped.
      ObjectNode kept = o.deepCopy();
      kept.remove(FIELDS);
      return new ThumbResult(JSON.treeToValue(o.get("status"), Status.class),
          JSON.treeToValue(o, Input.class), JSON.treeToValue(o, Image.class),
          JSON.treeToValue(o, Written.class), JSON.treeToValue(o, Failure.class),
          JSON.treeToValue(o, Timing.class), http, kept.isEmpty() ? null : kept.toString());
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalArgumentException("not a manifest line: " + line, e);
    }
  }
}
