package io.github.sparkthumbs.image;

import java.io.IOException;
import java.io.InputStream;
import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;

/**
 * The font PDFBox draws a font the document does not embed with: always the Liberation Sans it
 * ships. PDFBox's own mapper would, at the first such font, scan every font file of the machine
 * (seconds) and write a cache of them to the user's home ({@code .pdfbox.cache}): a file
 * written from an executor, and pages that look different on each machine. A thumbnail does not
 * need the right typeface, only the text where it is.
 */
final class PdfFonts implements FontMapper {
  private static final String FALLBACK =
      "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

  private final TrueTypeFont fallback;

  private PdfFonts(TrueTypeFont fallback) {
    this.fallback = fallback;
  }

  /** The mapper over PDFBox's bundled font; the jar without it is our bug. */
  static PdfFonts bundled() {
    try (InputStream in = FontMapper.class.getResourceAsStream(FALLBACK)) {
      if (in == null) {
        throw new IllegalStateException("PDFBox's jar lacks " + FALLBACK);
      }
      return new PdfFonts(new TTFParser().parse(new RandomAccessReadBuffer(in)));
    } catch (IOException e) {
      throw new IllegalStateException("reading " + FALLBACK, e);
    }
  }

  @Override
  public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor d) {
    return new FontMapping<>(fallback, true);
  }

  @Override
  public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor d) {
    return new FontMapping<>(fallback, true);
  }

  @Override
  public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor d, PDCIDSystemInfo info) {
    return new CIDFontMapping(null, fallback, true);
  }
}
