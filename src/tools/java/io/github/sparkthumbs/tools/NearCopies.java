package io.github.sparkthumbs.tools;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code scripts/sample-duplicates DIR [N]}: N distinct photos ({@link PhotoSynth}, 1200x800) in
 * {@code DIR/photos/}, and for every fifth one the copies a collection gathers of a picture, in
 * {@code DIR/copies/}: resized to 40%, recompressed at quality 30, cropped by 2% per side, and
 * the same bytes under another name. Deterministic; for the duplicate finder's README example.
 */
public final class NearCopies {
  private NearCopies() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: sample-duplicates DIR [N]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Files.createDirectories(dir.resolve("photos"));
    Files.createDirectories(dir.resolve("copies"));
    int copies = 0;
    for (int i = 0; i < n; i++) {
      BufferedImage p = photo(i);
      byte[] original = jpeg(p, 0.9f);
      String name = String.format(Locale.ROOT, "photo-%03d", i);
      Files.write(dir.resolve("photos/" + name + ".jpg"), original);
      if (i % 5 == 0) {
        Files.write(dir.resolve("copies/" + name + "-small.jpg"), jpeg(resized(p, 0.4), 0.9f));
        Files.write(dir.resolve("copies/" + name + "-q30.jpg"), jpeg(p, 0.3f));
        Files.write(dir.resolve("copies/" + name + "-crop.jpg"), jpeg(cropped(p, 2), 0.85f));
        Files.write(dir.resolve("copies/" + name + " (1).jpg"), original);
        copies += 4;
      }
    }
    System.out.printf(Locale.ROOT, "wrote %d photos and %d copies to %s%n", n, copies,
        dir.toAbsolutePath());
  }

  /** A structured photo: lit gradient, shapes, edges, noise. */
  public static BufferedImage photo(long seed) {
    return PhotoSynth.render(1200, 800, seed);
  }

  public static BufferedImage resized(BufferedImage img, double factor) {
    int w = (int) Math.round(img.getWidth() * factor);
    int h = (int) Math.round(img.getHeight() * factor);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
        RenderingHints.VALUE_INTERPOLATION_BILINEAR);
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
