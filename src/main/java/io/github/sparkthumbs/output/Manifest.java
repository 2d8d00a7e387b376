package io.github.sparkthumbs.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkthumbs.result.ThumbResult;

/** The JSON Lines form of a result: one object per line, fields as in {@link ThumbResult}. */
public final class Manifest {
  public static final String FILE_NAME = "manifest.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Manifest() {}

  public static String line(ThumbResult r) {
    try {
      return JSON.writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize result of " + r.source(), e);
    }
  }

  public static ThumbResult parse(String line) {
    try {
      return JSON.readValue(line, ThumbResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a manifest line: " + line, e);
    }
  }
}
