package io.github.sparkthumbs.testing;

import io.github.sparkthumbs.tools.PhotoSynth;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * The copies a photo collection gathers of one picture: resized, recompressed, lightly cropped.
 * For near-duplicate tests, from {@link PhotoSynth}'s structured photos.
 */
public final class Copies {
  private Copies() {}

  public static BufferedImage photo(long seed) {
    return PhotoSynth.render(1200, 800, seed);
  }

  public static BufferedImage resized(BufferedImage img, double factor) {
    int w = (int) Math.round(img.getWidth() * factor);
    int h = (int) Math.round(img.getHeight() * factor);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(img, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  /** {@code percent} of each side cut away. */
  public static BufferedImage cropped(BufferedImage img, double percent) {
    int dx = (int) Math.round(img.getWidth() * percent / 100);
    int dy = (int) Math.round(img.getHeight() * percent / 100);
    BufferedImage out = new BufferedImage(img.getWidth() - 2 * dx, img.getHeight() - 2 * dy,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(img.getSubimage(dx, dy, out.getWidth(), out.getHeight()), 0, 0, null);
    g.dispose();
    return out;
  }

  public static byte[] jpeg(BufferedImage img, float quality) throws IOException {
    return PhotoSynth.jpeg(img, quality, false);
  }
}
