package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.output.OutputNames;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.testing.Documents;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.TestHttpServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SVG: drawn at the thumbnail's size in its colours; nothing outside the document is fetched or
 * read (a loopback server must see no request, a local file must not show); bad documents are
 * one failure each.
 */
class SvgTest {
  private static final Size BOX = new Size(64, 64);

  private static EncodedThumbnails make(byte[] svg) throws ImageFailure {
    return new Thumbnailer(ImageSettings.builder().sizes(List.of(BOX)).build())
        .make(svg, OutputFormat.PNG);
  }

  @Test
  void drawnStraightAtTheThumbnailSizeInItsColours() throws Exception {
    byte[] svg = Documents.svg("width=\"640\" height=\"480\"", "");
    Decoded d = ImageDecoder.decode(svg, DecodeRequest.of(List.of(BOX), Mode.FIT, 1_000_000));
    assertEquals("svg", d.format());
    assertEquals(640, d.width());
    assertEquals(480, d.height());
    // rendered at 64x48, not at 640x480 and then shrunk
    assertEquals(64, d.image().getWidth());
    assertEquals(48, d.image().getHeight());
    EncodedThumbnails t = make(svg);
    BufferedImage img = Images.read(t.encoded().get(0));
    assertEquals(new Size(64, 48), new Size(img.getWidth(), img.getHeight()));
    Images.assertQuadrants(img, 8);
    assertEquals(List.of(), t.warnings());
  }

  @Test
  void aViewBoxAloneGivesTheSize() throws Exception {
    EncodedThumbnails t = make(Documents.svg("viewBox=\"0 0 640 480\"", ""));
    assertEquals(640, t.width());
    assertEquals(480, t.height());
    Images.assertQuadrants(Images.read(t.encoded().get(0)), 8);
  }

  /** A transparent background becomes white, as for PNGs. */
  @Test
  void transparentBackgroundIsWhiteInJpeg() throws Exception {
    byte[] svg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">"
        + "<rect x=\"50\" y=\"0\" width=\"50\" height=\"100\" fill=\"#000000\"/></svg>")
        .getBytes(StandardCharsets.UTF_8);
    BufferedImage t = Images.read(new Thumbnailer(ImageSettings.builder()
        .sizes(List.of(BOX)).build()).make(svg, OutputFormat.JPG).encoded().get(0));
    assertTrue(Images.near(t.getRGB(10, 32), Color.WHITE, 8), Images.rgb(t.getRGB(10, 32)));
    assertTrue(Images.near(t.getRGB(54, 32), Color.BLACK, 8), Images.rgb(t.getRGB(54, 32)));
  }

  /**
   * Every way an SVG can point outside itself: an image, a use of another document, an external
   * entity, an XInclude, a CSS import and a font. The server sees no request, a local file does
   * not show: each document shows its own content only.
   */
  @Test
  void nothingOutsideTheDocumentIsFetchedOrRead(@TempDir Path dir) throws Exception {
    AtomicInteger requests = new AtomicInteger();
    Path red = dir.resolve("red.png");
    BufferedImage redImage = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = redImage.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, 640, 480);
    g.dispose();
    Files.write(red, Images.encode(redImage, "png"));
    try (TestHttpServer server = new TestHttpServer().route("/", x -> {
      requests.incrementAndGet();
      TestHttpServer.send(x, 200, "image/png", Files.readAllBytes(red));
    })) {
      String url = server.url("/x");
      String over = "<image x=\"0\" y=\"0\" width=\"640\" height=\"480\" ";
      List<String> covering = List.of(
          over + "href=\"" + url + ".png\"/>",
          over + "xlink:href=\"" + url + ".png\"/>",
          over + "href=\"" + red.toUri() + "\"/>",
          over + "href=\"red.png\"/>",
          "<use href=\"" + url + ".svg#all\"/>",
          "<style>@import url(\"" + url + ".css\"); @font-face { font-family: F; src: url(\""
              + url + ".ttf\"); }</style>",
          "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + url
              + ".xml\" parse=\"xml\"/>");
      List<String> shown = new ArrayList<>();
      // drawn after the quadrants: content that loaded would cover them
      for (String ref : covering) {
        byte[] svg = Documents.svg("width=\"640\" height=\"480\"", "");
        String text = new String(svg, StandardCharsets.UTF_8).replace("</svg>", ref + "</svg>");
        BufferedImage img = Images.read(make(text.getBytes(StandardCharsets.UTF_8))
            .encoded().get(0));
        try {
          Images.assertQuadrants(img, 8);
        } catch (AssertionError e) {
          shown.add(ref + ": " + e.getMessage());
        }
      }
      assertEquals(List.of(), shown, "external content was drawn");
      // the entity is neither fetched nor expanded: the document shows without it
      String entity = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY ext SYSTEM \"" + url
          + ".ent\">]><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
          + "<text>&ext;</text></svg>";
      assertEquals(10, make(entity.getBytes(StandardCharsets.UTF_8)).width());
      assertEquals(0, requests.get(), "requests the server saw");
    }
  }

  /** An entity expansion bomb: with no DTD read, nothing is expanded and it draws at once. */
  @Test
  void billionLaughsIsNotExpanded() throws Exception {
    StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE svg [");
    dtd.append("<!ENTITY l0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY l").append(i).append(" \"")
          .append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
        + "<text>&l9;</text></svg>");
    long start = System.nanoTime();
    assertEquals(10, make(dtd.toString().getBytes(StandardCharsets.UTF_8)).width());
    assertTrue(System.nanoTime() - start < 5_000_000_000L);
  }

  @Test
  void aHugeDeclaredSizeIsTooLarge() {
    ImageFailure f = assertThrows(ImageFailure.class,
        () -> make(Documents.svg("width=\"100000\" height=\"100000\"", "")));
    assertEquals(ErrorClass.TOO_LARGE, f.errorClass(), f.getMessage());
    assertTrue(f.getMessage().contains("svg document claims 100000x100000"), f.getMessage());
  }

  @Test
  void brokenDocumentsAreOneFailureEach() {
    byte[] whole = Documents.svg("width=\"640\" height=\"480\"", "");
    for (byte[] bad : List.of(java.util.Arrays.copyOf(whole, whole.length / 2),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\"><rect</svg>".getBytes(
            StandardCharsets.UTF_8),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"-5\" height=\"0\"/>".getBytes(
            StandardCharsets.UTF_8))) {
      ImageFailure f = assertThrows(ImageFailure.class, () -> make(bad),
          new String(bad, StandardCharsets.UTF_8));
      assertEquals(ErrorClass.CORRUPT, f.errorClass(), f.getMessage());
      assertTrue(f.getMessage().startsWith("svg "), f.getMessage());
    }
  }

  @Test
  void sniffedByContentAndWrittenAsPngForSource() {
    assertTrue(Svg.isSvg("\uFEFF  <?xml version=\"1.0\"?><!-- x --><svg/>".getBytes(
        StandardCharsets.UTF_8)));
    assertFalse(Svg.isSvg("<!DOCTYPE html><html><body><svg/></body></html>".getBytes(
        StandardCharsets.UTF_8)));
    assertFalse(Svg.isSvg("svg".getBytes(StandardCharsets.UTF_8)));
    assertEquals(OutputFormat.PNG, OutputNames.formatFor("logo.svg", OutputFormat.SOURCE));
  }

  @Test
  void sniffingNeedsMarkupFirstAndSvgBeforeHtml() {
    assertTrue(Svg.isSvg(ascii("<svg/>")), "the root at the very start");
    assertTrue(Svg.isSvg(ascii("<svg><foreignObject><html/></foreignObject></svg>")));
    assertFalse(Svg.isSvg(ascii("<html><svg/></html>")), "a page that starts with <html");
    assertFalse(Svg.isSvg(ascii("x<svg/>")), "text first");
    assertFalse(Svg.isSvg(ascii(" \n\t")), "white space only");
    assertFalse(Svg.isSvg(new byte[0]));
    assertFalse(Svg.isSvg(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}), "a BOM only");
  }

  /**
   * Drawn antialiased: a one-pixel black line a quarter pixel below a pixel row's top covers
   * three quarters of that row and a quarter of the one above, and both show grey on white.
   */
  @Test
  void edgesAreAntialiased() throws Exception {
    byte[] svg = ascii("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\">"
        + "<line x1=\"0\" y1=\"40.25\" x2=\"64\" y2=\"40.25\" stroke=\"black\"/></svg>");
    BufferedImage img = ImageDecoder.decode(svg,
        DecodeRequest.of(List.of(BOX), Mode.FIT, 1_000_000)).image();
    int above = img.getRGB(10, 39) & 0xFF;
    int row = img.getRGB(10, 40) & 0xFF;
    assertTrue(above > 150 && above < 230, "a quarter covered: " + above);
    assertTrue(row > 30 && row < 100, "three quarters covered: " + row);
    assertEquals(255, img.getRGB(10, 38) & 0xFF);
    assertEquals(255, img.getRGB(10, 41) & 0xFF);
  }

  /**
   * Drawn at render quality: a pattern tile scaled by a fraction is smoothed (bilinear) rather
   * than picked pixel by pixel, so a scaled checkerboard shows as steps of grey. Picked pixel by
   * pixel, all 1152 of these pixels are pure black or white.
   */
  @Test
  void scaledPatternsAreSmoothed() throws Exception {
    byte[] svg = ascii("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\">"
        + "<defs><pattern id=\"p\" width=\"2\" height=\"2\" patternUnits=\"userSpaceOnUse\""
        + " patternTransform=\"scale(3.3)\"><rect width=\"1\" height=\"1\"/>"
        + "<rect x=\"1\" y=\"1\" width=\"1\" height=\"1\"/></pattern></defs>"
        + "<rect x=\"0\" y=\"45\" width=\"64\" height=\"19\" fill=\"url(#p)\"/></svg>");
    BufferedImage img = ImageDecoder.decode(svg,
        DecodeRequest.of(List.of(BOX), Mode.FIT, 1_000_000)).image();
    int pure = 0;
    for (int y = 46; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        int v = img.getRGB(x, y) & 0xFF;
        pure += v == 0 || v == 255 ? 1 : 0;
      }
    }
    assertTrue(pure < 100, pure + " of 1152 pixels pure black or white");
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
