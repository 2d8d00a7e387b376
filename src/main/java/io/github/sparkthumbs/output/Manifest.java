package io.github.sparkthumbs.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkthumbs.result.Http;
import io.github.sparkthumbs.result.ThumbResult;

/**
 * The JSON Lines form of a result: one flat object per line, the fields of {@link ThumbResult}
 * with a URL input's {@link Http} fields at the top level ({@code httpStatus}, {@code attempts},
 * {@code finalUrl}), as the README's manifest table documents them.
 */
public final class Manifest {
  public static final String FILE_NAME = "manifest.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HTTP = "http";

  private Manifest() {}

  public static String line(ThumbResult r) {
    ObjectNode o = JSON.valueToTree(r);
    JsonNode http = o.remove(HTTP);
    if (http instanceof ObjectNode h) {
      o.setAll(h);
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
      ThumbResult r = JSON.treeToValue(o, ThumbResult.class);
      return http == null ? r : r.withHttp(http);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalArgumentException("not a manifest line: " + line, e);
    }
  }
}
