package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.ExifThumbnails;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.JobRun;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EXIF thumbnails through the real job on local Spark: {@code --embedded-thumbnails} makes a red
 * photo's thumbnail from its blue EXIF thumbnail, says so in the manifest line
 * ({@code decodedFrom}) with the photo's own dimensions, and a rerun's up-to-date line still says
 * it.
 */
class EmbeddedThumbnailsJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Map<String, JsonNode> run(Settings s) throws IOException {
    Map<String, JsonNode> byName = new TreeMap<>();
    for (String line : JobRun.of(List.of(dir.resolve("in").toString()), s).lines()) {
      JsonNode o = JSON.readTree(line);
      String src = o.get("source").asText();
      byName.put(src.substring(src.lastIndexOf('/') + 1), o);
    }
    return byName;
  }

  private BufferedImage output(String name) throws IOException {
    return Images.read(dir.resolve("out").resolve(name));
  }

  @Test
  void theManifestSaysWhichSourceWasDecoded() throws IOException {
    Path in = dir.resolve("in");
    Images.write(in.resolve("camera.jpg"),
        ExifThumbnails.jpeg(1200, 800, Color.RED, 240, 160, Color.BLUE, 1));
    Images.write(in.resolve("letterboxed.jpg"),
        ExifThumbnails.jpeg(1200, 800, Color.RED, 160, 120, Color.BLUE, 1));
    Images.write(in.resolve("plain.jpg"), ExifThumbnails.flat(900, 600, Color.RED));
    Settings s = Settings.builder().output(dir.resolve("out").toString())
        .embeddedThumbnails(true).build();

    Map<String, JsonNode> lines = run(s);
    JsonNode camera = lines.get("camera.jpg");
    assertEquals("ok", camera.get("status").asText());
    assertEquals("exif-thumbnail", camera.get("decodedFrom").asText());
    assertEquals(List.of(1200, 800),
        List.of(camera.get("width").asInt(), camera.get("height").asInt()));
    assertTrue(Images.near(output("camera.jpg").getRGB(37, 25), Color.BLUE, 8));
    for (String photo : List.of("letterboxed.jpg", "plain.jpg")) {
      assertEquals("ok", lines.get(photo).get("status").asText());
      assertFalse(lines.get(photo).has("decodedFrom"), lines.get(photo).toString());
      assertTrue(Images.near(output(photo).getRGB(37, 25), Color.RED, 8), photo);
    }

    // a rerun skips it as up to date and keeps what the record said of its thumbnail
    JsonNode again = run(s).get("camera.jpg");
    assertEquals("up-to-date", again.get("reason").asText());
    assertEquals("exif-thumbnail", again.get("decodedFrom").asText());
  }
}
