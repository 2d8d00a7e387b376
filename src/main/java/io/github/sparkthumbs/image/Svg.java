package io.github.sparkthumbs.image;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.LoaderContext;
import com.github.weisj.jsvg.parser.impl.StaxSVGLoader;
import com.github.weisj.jsvg.parser.resources.ResourcePolicy;
import com.github.weisj.jsvg.renderer.NullPlatformSupport;
import com.github.weisj.jsvg.view.FloatSize;
import com.github.weisj.jsvg.view.ViewBox;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * SVG through JSVG, drawn straight at the thumbnail's size. Nothing outside the document is
 * read: the XML parser takes no DTD (so no external entity, and no entity expansion bomb) and
 * does no XInclude; JSVG's resource policy refuses every external reference ({@code <image
 * href>}, {@code <use href>} to another file, fonts), so a document can reach neither the
 * network nor the executor's files. Scripts and animation are not run: the first frame is drawn.
 * Compressed {@code .svgz} is not read (it is not sniffed as SVG).
 */
final class Svg {
  static final String FORMAT = "svg";

  /** How far into the file the root element may start (after an XML declaration, comments). */
  private static final int SNIFF_BYTES = 4096;

  private static final XMLInputFactory XML = hardenedFactory();

  private Svg() {}

  /**
   * The JDK's own StAX parser, not whichever the class path offers first ({@code newFactory}
   * finds Hadoop's shaded Woodstox on an executor), so that these settings mean the same
   * everywhere.
   */
  private static XMLInputFactory hardenedFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    return f;
  }

  /**
   * Whether the bytes are an SVG document: text starting with markup whose first
   * {@value #SNIFF_BYTES} bytes hold an {@code <svg} element before any {@code <html}.
   */
  static boolean isSvg(byte[] b) {
    int i = 0;
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB
        && (b[2] & 0xFF) == 0xBF) {
      i = 3; // UTF-8 byte order mark
    }
    while (i < b.length && Character.isWhitespace(b[i])) {
      i++;
    }
    if (i >= b.length || b[i] != '<') {
      return false;
    }
    String head = new String(b, i, Math.min(b.length - i, SNIFF_BYTES),
        StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    int svg = head.indexOf("<svg");
    int html = head.indexOf("<html");
    return svg >= 0 && (html < 0 || html > svg);
  }

  static Decoded decode(byte[] bytes, DecodeRequest request) throws ImageFailure {
    LoaderContext context = LoaderContext.builder()
        .externalResourcePolicy(ResourcePolicy.DENY_ALL)
        .build();
    SVGDocument doc;
    try {
      doc = new StaxSVGLoader().load(
          () -> XML.createXMLEventReader(new ByteArrayInputStream(bytes)), null, context);
    } catch (XMLStreamException | RuntimeException e) {
      throw new ImageFailure(ErrorClass.CORRUPT,
          "svg document cannot be parsed: " + ImageDecoder.message(e), e);
    }
    if (doc == null) {
      throw new ImageFailure(ErrorClass.CORRUPT, "svg document has no <svg> root element");
    }
    FloatSize size = doc.size();
    int[] s = DecodeSteps.vectorSize("svg document", size.width, size.height, request);
    BufferedImage img = new BufferedImage(s[2], s[3], BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      doc.renderWithPlatform(NullPlatformSupport.INSTANCE, g, new ViewBox(s[2], s[3]));
    } catch (RuntimeException e) {
      throw new ImageFailure(ErrorClass.CORRUPT,
          "svg document cannot be drawn: " + ImageDecoder.message(e), e);
    } finally {
      g.dispose();
    }
    return Decoded.of(ImageDecoder.normalize(img, request.keepAlpha()), s[0], s[1], 1, FORMAT,
        List.of());
  }
}
