package io.github.sparkthumbs.image;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * The first page of a PDF through Apache PDFBox, drawn straight at the thumbnail's size (the page
 * is vector data; its images are subsampled as they are drawn). The document is parsed in memory
 * only (no scratch file), and PDFBox opens no URL and no file named inside a document. A
 * password-protected document, one without pages, or one PDFBox cannot parse is one failure.
 */
final class Pdf {
  static final String FORMAT = "pdf";

  /** Readers accept the header anywhere in the first 1024 bytes (PDF 32000-1, annex H). */
  private static final int HEADER_WINDOW = 1024;

  private static final byte[] MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

  static {
    FontMappers.set(PdfFonts.bundled());
  }

  private Pdf() {}

  static boolean isPdf(byte[] b) {
    int end = Math.min(b.length, HEADER_WINDOW) - MAGIC.length;
    for (int i = 0; i <= end; i++) {
      int k = 0;
      while (k < MAGIC.length && b[i + k] == MAGIC[k]) {
        k++;
      }
      if (k == MAGIC.length) {
        return true;
      }
    }
    return false;
  }

  static Decoded decode(byte[] bytes, DecodeRequest request) throws ImageFailure {
    try (PDDocument doc = Loader.loadPDF(bytes, "", null, null,
        IOUtils.createMemoryOnlyStreamCache())) {
      if (doc.getNumberOfPages() < 1) {
        throw new ImageFailure(ErrorClass.CORRUPT, "pdf document has no pages");
      }
      PDPage page = doc.getPage(0);
      PDRectangle box = page.getCropBox();
      boolean turned = page.getRotation() % 180 != 0;
      double w = turned ? box.getHeight() : box.getWidth();
      double h = turned ? box.getWidth() : box.getHeight();
      int[] s = DecodeSteps.vectorSize("pdf page 1", w, h, request);
      PDFRenderer renderer = new PDFRenderer(doc);
      renderer.setSubsamplingAllowed(true);
      float scale = (float) Math.max((double) s[2] / w, (double) s[3] / h);
      // RGB: a page is drawn on white paper, whether the output keeps transparency or not
      BufferedImage img = renderer.renderImage(0, scale, ImageType.RGB);
      return Decoded.of(ImageDecoder.normalize(img, request.keepAlpha()), s[0], s[1], 1, FORMAT,
          List.of());
    } catch (InvalidPasswordException e) {
      throw new ImageFailure(ErrorClass.UNSUPPORTED,
          "pdf document is password-protected: " + ImageDecoder.message(e), e);
    } catch (IOException | RuntimeException e) {
      throw new ImageFailure(ErrorClass.CORRUPT,
          "pdf document cannot be read: " + ImageDecoder.message(e), e);
    }
  }
}
