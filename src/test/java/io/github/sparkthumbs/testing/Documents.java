package io.github.sparkthumbs.testing;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;

/**
 * PDF and SVG documents showing {@link Images#quadrants} (red, green / blue, yellow), made with
 * PDFBox's writer and by hand, independently of the renderers under test.
 */
public final class Documents {
  private Documents() {}

  /** Adds to a document being made: more content on its page, links, actions. */
  public interface Extra {
    void add(PDDocument doc, PDPage page, PDPageContentStream content) throws IOException;
  }

  /** A one-page PDF of {@code w x h} points turned by {@code rotation}, then {@code extra}. */
  public static byte[] pdf(float w, float h, int rotation, Extra extra) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(new PDRectangle(w, h));
      page.setRotation(rotation);
      doc.addPage(page);
      try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
        // PDF's y axis points up: the top half is y >= h / 2
        fill(c, Color.RED, 0, h / 2, w / 2, h / 2);
        fill(c, Color.GREEN, w / 2, h / 2, w / 2, h / 2);
        fill(c, Color.BLUE, 0, 0, w / 2, h / 2);
        fill(c, Color.YELLOW, w / 2, 0, w / 2, h / 2);
        if (extra != null) {
          extra.add(doc, page, c);
        }
      }
      return save(doc);
    }
  }

  /** {@code pdf} encrypted (AES-128) with the user password "secret". */
  public static byte[] locked(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("owner", "secret", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      return save(doc);
    }
  }

  /**
   * A 640x480 SVG of four quadrants: {@code attrs} on the root element (its size), {@code extra}
   * drawn after the quadrants, so that content that loads covers them.
   */
  public static byte[] svg(String attrs, String extra) {
    return ("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""
        + " xmlns:xlink=\"http://www.w3.org/1999/xlink\" " + attrs + ">"
        + "<rect x=\"0\" y=\"0\" width=\"320\" height=\"240\" fill=\"#ff0000\"/>"
        + "<rect x=\"320\" y=\"0\" width=\"320\" height=\"240\" fill=\"#00ff00\"/>"
        + "<rect x=\"0\" y=\"240\" width=\"320\" height=\"240\" fill=\"#0000ff\"/>"
        + "<rect x=\"320\" y=\"240\" width=\"320\" height=\"240\" fill=\"#ffff00\"/>" + extra
        + "</svg>").getBytes(StandardCharsets.UTF_8);
  }

  /** A filled rectangle in PDF coordinates (y up). */
  public static void fill(PDPageContentStream c, Color color, float x, float y, float w,
      float h) throws IOException {
    c.setNonStrokingColor(color);
    c.addRect(x, y, w, h);
    c.fill();
  }

  private static byte[] save(PDDocument doc) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    doc.save(out);
    return out.toByteArray();
  }
}
