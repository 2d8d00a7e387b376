package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.junit.jupiter.api.Test;

/** Every font a document does not embed is drawn with PDFBox's bundled Liberation Sans. */
class PdfFontsTest {
  @Test
  void everyFontIsTheBundledFallback() throws Exception {
    PdfFonts fonts = PdfFonts.bundled();
    FontMapping<TrueTypeFont> tt = fonts.getTrueTypeFont("Arial", null);
    assertEquals("LiberationSans", tt.getFont().getName());
    assertTrue(tt.isFallback());
    assertSame(tt.getFont(), fonts.getFontBoxFont("Times-Roman", null).getFont());
    assertTrue(fonts.getFontBoxFont("Times-Roman", null).isFallback());
    CIDFontMapping cid = fonts.getCIDFont("MS-Mincho", null, null);
    assertNull(cid.getFont());
    assertSame(tt.getFont(), cid.getTrueTypeFont());
    assertTrue(cid.isFallback());
  }
}
