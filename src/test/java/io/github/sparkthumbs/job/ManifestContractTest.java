package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.settings.FetchSettings;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.JobRun;
import io.github.sparkthumbs.testing.TestHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest as users read it: plain JSON, compared with the README's field table (names and
 * JSON types), never through the code's own parser. A renamed or retyped field breaks the build.
 */
class ManifestContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The README's manifest table: field name -> type as written there. */
  static Map<String, String> readmeFields() throws IOException {
    String readme = Files.readString(
        Path.of(System.getProperty("project.dir", ".")).resolve("README.md"),
        StandardCharsets.UTF_8);
    int start = readme.indexOf("<!-- manifest-fields");
    assertTrue(start >= 0, "README lacks the manifest-fields marker");
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m = Pattern.compile("^\\| `(\\w+)` \\| ([a-z ]+) \\|", Pattern.MULTILINE)
        .matcher(readme.substring(start, readme.indexOf("\n\n", readme.indexOf("| `", start))));
    while (m.find()) {
      fields.put(m.group(1), m.group(2));
    }
    return fields;
  }

  private static String typeOf(JsonNode v) {
    if (v.isTextual()) {
      return "string";
    }
    if (v.isIntegralNumber()) {
      return "integer";
    }
    if (v.isNumber()) {
      return "number";
    }
    if (v.isArray()) {
      for (JsonNode e : v) {
        if (!e.isTextual()) {
          return "array of " + e.getNodeType();
        }
      }
      return "array of strings";
    }
    return v.getNodeType().toString();
  }

  @Test
  void manifestLinesMatchTheReadmeTable() throws IOException {
    Map<String, String> documented = readmeFields();
    assertEquals(22, documented.size(), documented.toString());

    Path in = dir.resolve("in");
    byte[] jpeg = Images.jpeg(400, 300, 1);
    Images.write(in.resolve("ok.jpg"), jpeg);
    Images.write(in.resolve("camera.jpg"), io.github.sparkthumbs.testing.ExifThumbnails.jpeg(
        1200, 800, java.awt.Color.RED, 240, 160, java.awt.Color.BLUE, 1)); // decodedFrom
    Images.write(in.resolve("damaged.jpg"), Arrays.copyOf(jpeg, jpeg.length * 7 / 10));
    Images.write(in.resolve("page.jpg"), "<html>not an image</html>".getBytes());
    Images.write(in.resolve("notes.txt"), "a text file".getBytes());
    List<String> lines;
    try (TestHttpServer http = new TestHttpServer()
        .route("/a.jpg", x -> TestHttpServer.send(x, 200, "image/jpeg", jpeg))
        .route("/gone.jpg", x -> TestHttpServer.send(x, 404, "text/plain", "no".getBytes()))) {
      Settings.Builder b = Settings.builder().output(dir.resolve("out").toString())
          .fetch(new FetchSettings(1_000, 5_000, 1, 20, 200, 3, true, 4, 4))
          .hash(io.github.sparkthumbs.settings.Hash.DHASH).embeddedThumbnails(true);
      Settings s = b.build();
      List<String> inputs = List.of(in.toString(), http.url("/a.jpg"), http.url("/gone.jpg"));
      lines = new ArrayList<>(JobRun.of(inputs, s).lines());
      // the shard layouts' fields (shard, key)
      lines.addAll(JobRun.of(List.of(in.resolve("ok.jpg").toString()),
          b.output(dir.resolve("out-tar").toString())
              .layout(io.github.sparkthumbs.settings.Layout.TAR).build()).lines());
    }

    Set<String> seen = new TreeSet<>();
    List<String> wrong = new ArrayList<>();
    Set<String> errors = new TreeSet<>();
    for (String line : lines) {
      JsonNode o = JSON.readTree(line);
      for (Map.Entry<String, JsonNode> f : o.properties()) {
        seen.add(f.getKey());
        String type = documented.get(f.getKey());
        if (type == null || !type.equals(typeOf(f.getValue()))) {
          wrong.add(f.getKey() + " is " + typeOf(f.getValue()) + ", README says " + type);
        }
      }
      assertTrue(Set.of("ok", "failed", "skipped").contains(o.get("status").asText()), line);
      if (o.has("error")) {
        errors.add(o.get("error").asText());
      }
    }
    assertEquals(List.of(), wrong);
    assertEquals(new TreeSet<>(documented.keySet()), seen, "fields the run never wrote");
    Set<String> labels = Arrays.stream(ErrorClass.values()).map(ErrorClass::label)
        .collect(Collectors.toSet());
    assertTrue(labels.containsAll(errors), errors.toString());
  }

  @Test
  void readmeListsEveryErrorClass() throws IOException {
    String readme = Files.readString(
        Path.of(System.getProperty("project.dir", ".")).resolve("README.md"),
        StandardCharsets.UTF_8);
    String row = readme.lines().filter(l -> l.startsWith("| `error` |")).findFirst().orElseThrow();
    for (ErrorClass c : ErrorClass.values()) {
      assertTrue(row.contains("`" + c.label() + "`"), c.label() + " missing from " + row);
    }
  }
}
