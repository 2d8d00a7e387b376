package io.github.sparkthumbs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.ManifestFiles;
import io.github.sparkthumbs.testing.NativeEncoders;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phone formats end to end: the real command line on {@code local[2]} over a folder of a HEIC, a
 * rotated AVIF (irot) and a JPEG, made by Debian's encoders; upright thumbnails in PNG and WebP,
 * decoded back from the output folder and checked pixel by pixel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhoneFormatsJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private Path photos;

  @BeforeAll
  void makePhotos() throws Exception {
    assumeTrue(NativeEncoders.library("libheif.so.1"), "libheif1 not installed");
    assumeTrue(NativeEncoders.installed("heif-enc"), "heif-enc not installed (libheif-examples)");
    assumeTrue(NativeEncoders.installed("avifenc"), "avifenc not installed (libavif-bin)");
    photos = dir.resolve("photos");
    Path work = dir.resolve("work");
    BufferedImage shown = Images.quadrants(400, 200);
    Images.write(photos.resolve("phone.heic"), NativeEncoders.heic(work,
        Images.encode(shown, "png"), "phone.png", 85, "-t", "128"));
    // stored sideways, as a camera held on its side stores it; irot 1 turns it upright
    Images.write(photos.resolve("sideways.avif"), NativeEncoders.encode(work,
        Images.encode(Images.storedFor(shown, 8), "png"), "s.png", "s.avif",
        "avifenc", "-s", "8", "--min", "0", "--max", "10", "--irot", "1", "IN", "OUT"));
    Images.write(photos.resolve("camera.jpg"), Images.encode(shown, "jpeg"));
  }

  private Map<String, JsonNode> run(String name, String... extra) throws Exception {
    Path out = dir.resolve(name);
    List<String> args = new java.util.ArrayList<>(List.of(photos.toString(), "--output",
        out.toString(), "--master", "local[2]", "--size", "100x100"));
    args.addAll(List.of(extra));
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int exit = Main.run(args.toArray(new String[0]), new PrintStream(o, true),
        new PrintStream(e, true));
    assertEquals(0, exit, o + "\n" + e);
    Map<String, JsonNode> bySource = new TreeMap<>();
    for (String line : ManifestFiles.lines(out)) {
      JsonNode j = JSON.readTree(line);
      String src = j.get("source").asText();
      bySource.put(src.substring(src.lastIndexOf('/') + 1), j);
    }
    return bySource;
  }

  private static BufferedImage upright(JsonNode line, String ext) throws Exception {
    assertEquals("ok", line.get("status").asText(), line.toString());
    String out = line.get("outputs").get(0).asText();
    assertTrue(out.endsWith("." + ext), out);
    BufferedImage t = Images.read(Files.readAllBytes(Images.local(out)));
    assertEquals(List.of(100, 50), List.of(t.getWidth(), t.getHeight()), out);
    Images.assertQuadrants(t, 32);
    return t;
  }

  @Test
  void heicAndAvifGiveUprightThumbnails() throws Exception {
    Map<String, JsonNode> m = run("png", "--format", "png");
    assertEquals(List.of("camera.jpg", "phone.heic", "sideways.avif"), List.copyOf(m.keySet()));
    upright(m.get("phone.heic"), "png");
    upright(m.get("sideways.avif"), "png");
    upright(m.get("camera.jpg"), "png");
    assertEquals("heif", m.get("phone.heic").get("format").asText());
    // its 128x64 thumbnail item is under twice the 100x50 output: the photo itself was decoded
    assertNull(m.get("phone.heic").get("decodedFrom"), m.get("phone.heic").toString());
    assertEquals("avif", m.get("sideways.avif").get("format").asText());
    assertEquals(List.of(400, 200), List.of(m.get("sideways.avif").get("width").asInt(),
        m.get("sideways.avif").get("height").asInt()));
  }

  @Test
  void webpOutputEndToEnd() throws Exception {
    assumeTrue(NativeEncoders.library("libwebp.so.7"), "libwebp7 not installed");
    Map<String, JsonNode> m = run("webp", "--format", "webp", "--quality", "80");
    for (String src : List.of("camera.jpg", "phone.heic", "sideways.avif")) {
      upright(m.get(src), "webp");
    }
  }
}
