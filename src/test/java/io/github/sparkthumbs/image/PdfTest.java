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
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PDF: the first page drawn at the thumbnail's size in its colours (the documents are made here
 * with PDFBox's writer); nothing a document points to is fetched (a loopback server must see no
 * request); protected, broken and oversized documents are one failure each.
 */
class PdfTest {
  private static final Size BOX = new Size(64, 64);

  private static EncodedThumbnails make(byte[] pdf) throws ImageFailure {
    return new Thumbnailer(ImageSettings.builder().sizes(List.of(BOX)).build())
        .make(pdf, OutputFormat.PNG);
  }

  @Test
  void theFirstPageIsDrawnAtTheThumbnailSizeInItsColours() throws Exception {
    byte[] pdf = Documents.pdf(400, 300, 0, null);
    Decoded d = ImageDecoder.decode(pdf, DecodeRequest.of(List.of(BOX), Mode.FIT, 1_000_000));
    assertEquals("pdf", d.format());
    assertEquals(400, d.width());
    assertEquals(300, d.height());
    assertEquals(64, d.image().getWidth()); // not 400x300 shrunk afterwards
    assertEquals(48, d.image().getHeight());
    EncodedThumbnails t = make(pdf);
    assertEquals(List.of(), t.warnings());
    BufferedImage img = Images.read(t.encoded().get(0));
    assertEquals(new Size(64, 48), new Size(img.getWidth(), img.getHeight()));
    Images.assertQuadrants(img, 8);
  }

  @Test
  void aTurnedPageIsShownTurned() throws Exception {
    EncodedThumbnails t = make(Documents.pdf(400, 300, 90, null));
    assertEquals(300, t.width());
    assertEquals(400, t.height());
    BufferedImage img = Images.read(t.encoded().get(0));
    assertEquals(new Size(48, 64), new Size(img.getWidth(), img.getHeight()));
    // turned clockwise: the blue bottom-left quadrant is now top-left
    assertTrue(Images.near(img.getRGB(12, 16), Color.BLUE, 8), Images.rgb(img.getRGB(12, 16)));
    assertTrue(Images.near(img.getRGB(36, 48), Color.GREEN, 8), Images.rgb(img.getRGB(36, 48)));
  }

  @Test
  void aPasswordProtectedDocumentIsOneFailure() throws Exception {
    byte[] plain = Documents.pdf(400, 300, 0, null);
    byte[] locked = Documents.locked(plain);
    ImageFailure f = assertThrows(ImageFailure.class, () -> make(locked));
    assertEquals(ErrorClass.UNSUPPORTED, f.errorClass(), f.getMessage());
    assertTrue(f.getMessage().startsWith("pdf document is password-protected"), f.getMessage());
  }

  @Test
  void brokenDocumentsAreOneFailureEach() throws Exception {
    byte[] garbage = new byte[2000];
    new java.util.Random(3).nextBytes(garbage);
    System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, garbage, 0, 9);
    for (byte[] bad : List.of(garbage, "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))) {
      ImageFailure f = assertThrows(ImageFailure.class, () -> make(bad));
      assertEquals(ErrorClass.CORRUPT, f.errorClass(), f.getMessage());
      assertTrue(f.getMessage().startsWith("pdf document "), f.getMessage());
    }
    byte[] whole = Documents.pdf(400, 300, 0, null);
    for (int cut : new int[] {whole.length / 2, whole.length - 40, 20}) {
      try {
        make(Arrays.copyOf(whole, cut)); // PDFBox may rebuild a cut cross-reference table
      } catch (ImageFailure f) {
        assertEquals(ErrorClass.CORRUPT, f.errorClass(), "cut at " + cut + ": " + f.getMessage());
      }
    }
  }

  @Test
  void aHugePageIsTooLarge() throws Exception {
    ImageFailure f = assertThrows(ImageFailure.class,
        () -> make(Documents.pdf(14400, 14400, 0, null)));
    assertEquals(ErrorClass.TOO_LARGE, f.errorClass(), f.getMessage());
    assertTrue(f.getMessage().contains("pdf page 1 claims 14400x14400"), f.getMessage());
  }

  /**
   * A link, an open action, an external image stream and a remote go-to all name the server:
   * drawing the page fetches none of them.
   */
  @Test
  void nothingADocumentNamesIsFetched() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    try (TestHttpServer server = new TestHttpServer().route("/", x -> {
      requests.incrementAndGet();
      TestHttpServer.send(x, 200, "application/octet-stream", new byte[16]);
    })) {
      String url = server.url("/x");
      byte[] pdf = Documents.pdf(400, 300, 0, (doc, page, content) -> {
        PDActionURI uri = new PDActionURI();
        uri.setURI(url + "/link");
        PDAnnotationLink link = new PDAnnotationLink();
        link.setRectangle(new PDRectangle(0, 0, 400, 300));
        link.setAction(uri);
        page.getAnnotations().add(link);
        PDActionURI open = new PDActionURI();
        open.setURI(url + "/open");
        doc.getDocumentCatalog().setOpenAction(open);
        // an image whose data lives at a URL (an external stream, /F with /FS /URL)
        COSStream stream = doc.getDocument().createCOSStream();
        stream.setItem(COSName.TYPE, COSName.XOBJECT);
        stream.setItem(COSName.SUBTYPE, COSName.IMAGE);
        stream.setInt(COSName.WIDTH, 400);
        stream.setInt(COSName.HEIGHT, 300);
        stream.setInt(COSName.BITS_PER_COMPONENT, 8);
        stream.setItem(COSName.COLORSPACE, COSName.DEVICERGB);
        COSDictionary spec = new COSDictionary();
        spec.setItem(COSName.FS, COSName.URL);
        spec.setItem(COSName.F, new COSString(url + "/stream"));
        stream.setItem(COSName.F, spec);
        content.drawImage(new PDImageXObject(new org.apache.pdfbox.pdmodel.common.PDStream(
            stream), null), 0, 0, 400, 300);
        COSDictionary goToR = new COSDictionary();
        goToR.setItem(COSName.S, COSName.getPDFName("GoToR"));
        goToR.setItem(COSName.F, new COSString(url + "/remote.pdf"));
        goToR.setItem(COSName.D, new COSArray());
        doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("AA"), goToR);
      });
      try {
        make(pdf);
      } catch (ImageFailure f) { // the image without data may fail; the page must not fetch
        assertEquals(ErrorClass.CORRUPT, f.errorClass(), f.getMessage());
      }
      assertEquals(0, requests.get(), "requests the server saw");
    }
  }

  /**
   * Text in a font the document does not embed is drawn with PDFBox's bundled font, without
   * scanning the machine's fonts or writing PDFBox's font cache.
   */
  @Test
  void textWithoutEmbeddedFontsIsDrawnAndNoFontCacheWritten(@TempDir Path home)
      throws Exception {
    assertFalse(Pdf.isPdf(new byte[0])); // loads Pdf, which sets the font mapper
    String before = System.getProperty("pdfbox.fontcache");
    System.setProperty("pdfbox.fontcache", home.toString());
    try {
      byte[] pdf = Documents.pdf(400, 300, 0, (doc, page, c) -> {
        Documents.fill(c, Color.WHITE, 0, 0, 400, 300);
        c.beginText();
        c.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_BOLD), 200);
        c.setNonStrokingColor(Color.BLACK);
        c.newLineAtOffset(20, 80);
        c.showText("III");
        c.endText();
      });
      BufferedImage img = Images.read(make(pdf).encoded().get(0));
      int dark = 0;
      for (int y = 0; y < img.getHeight(); y++) {
        for (int x = 0; x < img.getWidth(); x++) {
          dark += (img.getRGB(x, y) & 0xFF) < 100 ? 1 : 0;
        }
      }
      assertTrue(dark > 50, "dark pixels of the text: " + dark);
      try (var files = Files.list(home)) {
        assertEquals(List.of(), files.toList());
      }
    } finally {
      if (before == null) {
        System.clearProperty("pdfbox.fontcache");
      } else {
        System.setProperty("pdfbox.fontcache", before);
      }
    }
  }

  @Test
  void sniffedByContentAndWrittenAsPngForSource() throws Exception {
    byte[] pdf = Documents.pdf(40, 30, 0, null);
    assertTrue(Pdf.isPdf(pdf));
    byte[] junkFirst = new byte[pdf.length + 500];
    System.arraycopy(pdf, 0, junkFirst, 500, pdf.length);
    assertTrue(Pdf.isPdf(junkFirst));
    assertFalse(Pdf.isPdf(Arrays.copyOf(new byte[1100], 1100)));
    assertEquals(OutputFormat.PNG, OutputNames.formatFor("report.pdf", OutputFormat.SOURCE));
  }

  /** A page turned by 180 or 360 degrees keeps its sides; by 270 it swaps them. */
  @Test
  void onlyQuarterTurnsSwapTheSides() throws Exception {
    for (int rotation : new int[] {180, 270, 360}) {
      Decoded d = ImageDecoder.decode(Documents.pdf(400, 300, rotation, null),
          DecodeRequest.of(List.of(BOX), Mode.FIT, 1_000_000));
      boolean swapped = rotation == 270;
      assertEquals(swapped ? List.of(300, 400, 48, 64) : List.of(400, 300, 64, 48),
          List.of(d.width(), d.height(), d.image().getWidth(), d.image().getHeight()),
          "rotation " + rotation);
    }
  }

  @Test
  void aDocumentWithoutPagesIsOneFailure() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PDDocument doc = new PDDocument()) {
      doc.save(out);
    }
    ImageFailure f = assertThrows(ImageFailure.class, () -> make(out.toByteArray()));
    assertEquals(ErrorClass.CORRUPT, f.errorClass());
    assertEquals("pdf document has no pages", f.getMessage());
  }

  /**
   * A page's images are subsampled while drawn (every n-th pixel read, not all averaged): a
   * one-pixel checkerboard drawn at 0.16 of its size comes out as one of its two colours, where
   * reading every pixel would average it to grey.
   */
  @Test
  void imagesOnThePageAreSubsampled() throws Exception {
    BufferedImage check = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 300; y++) {
      for (int x = 0; x < 400; x++) {
        check.setRGB(x, y, ((x + y) & 1) == 0 ? 0xFFFFFF : 0);
      }
    }
    byte[] pdf = Documents.pdf(400, 300, 0, (doc, page, c) ->
        c.drawImage(LosslessFactory.createFromImage(doc, check), 0, 0, 400, 300));
    BufferedImage img = ImageDecoder.decode(pdf,
        DecodeRequest.of(List.of(BOX), Mode.FIT, 1_000_000)).image();
    assertEquals(List.of(64, 48), List.of(img.getWidth(), img.getHeight()));
    assertTrue(Images.isFlat(img, 0), "one colour");
    int v = img.getRGB(0, 0) & 0xFF;
    assertTrue(v == 0 || v == 255, "black or white, not grey: " + v);
  }

  /** The header may end exactly at the 1024th byte, not one later. */
  @Test
  void theHeaderIsLookedForInTheFirst1024Bytes() {
    byte[] magic = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    assertTrue(Pdf.isPdf(magic));
    assertFalse(Pdf.isPdf(Arrays.copyOf(magic, 4)));
    byte[] last = new byte[1024];
    System.arraycopy(magic, 0, last, 1019, 5);
    assertTrue(Pdf.isPdf(last));
    assertTrue(Pdf.isPdf(Arrays.copyOf(last, 2000)));
    byte[] late = new byte[1025];
    System.arraycopy(magic, 0, late, 1020, 5);
    assertFalse(Pdf.isPdf(late));
  }
}
