package io.github.sparkthumbs.testing;

import io.github.sparkthumbs.tools.PhotoSynth;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Fixture makers for tests: generated, so each edge case is named by the code that makes it. */
public final class Images {
  private Images() {}

  public static byte[] jpeg(int w, int h, long seed) throws IOException {
    return PhotoSynth.jpeg(PhotoSynth.render(w, h, seed), 0.9f, false);
  }

  public static byte[] png(int w, int h, long seed) throws IOException {
    return PhotoSynth.png(PhotoSynth.render(w, h, seed));
  }

  public static Path write(Path file, byte[] data) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, data);
  }

  public static BufferedImage read(Path file) throws IOException {
    BufferedImage img = ImageIO.read(file.toFile());
    if (img == null) {
      throw new IOException("not an image: " + file);
    }
    return img;
  }

  /** A local file as the job names it (a Hadoop path string: spaces, newlines unescaped). */
  public static String hadoopPath(Path file) {
    return new org.apache.hadoop.fs.Path(file.toUri()).toString();
  }

  /** The local file behind a manifest's source or output string. */
  public static Path local(String hadoopPath) {
    return Path.of(new org.apache.hadoop.fs.Path(hadoopPath).toUri());
  }

  public static BufferedImage read(byte[] data) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(data));
  }

  public static byte[] encode(BufferedImage img, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(img, format, out)) {
      throw new IOException("no writer for " + format);
    }
    return out.toByteArray();
  }

  /** Four flat quadrants: top-left red, top-right green, bottom-left blue, bottom-right yellow. */
  public static BufferedImage quadrants(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, w / 2, h / 2);
    g.setColor(Color.GREEN);
    g.fillRect(w / 2, 0, w - w / 2, h / 2);
    g.setColor(Color.BLUE);
    g.fillRect(0, h / 2, w / 2, h - h / 2);
    g.setColor(Color.YELLOW);
    g.fillRect(w / 2, h / 2, w - w / 2, h - h / 2);
    g.dispose();
    return img;
  }

  /**
   * The stored image that a camera writes with EXIF {@code orientation} so that it displays as
   * {@code shown}. Built from the EXIF definition (where row 0 and column 0 of the stored image
   * appear), independently of the code under test.
   */
  public static BufferedImage storedFor(BufferedImage shown, int orientation) {
    int w = shown.getWidth();
    int h = shown.getHeight();
    boolean swap = orientation >= 5;
    BufferedImage s = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
    for (int sy = 0; sy < s.getHeight(); sy++) {
      for (int sx = 0; sx < s.getWidth(); sx++) {
        int dx;
        int dy;
        switch (orientation) {
          case 1 -> { dx = sx; dy = sy; }
          case 2 -> { dx = w - 1 - sx; dy = sy; }
          case 3 -> { dx = w - 1 - sx; dy = h - 1 - sy; }
          case 4 -> { dx = sx; dy = h - 1 - sy; }
          case 5 -> { dx = sy; dy = sx; }
          case 6 -> { dx = w - 1 - sy; dy = sx; }
          case 7 -> { dx = w - 1 - sy; dy = h - 1 - sx; }
          case 8 -> { dx = sy; dy = h - 1 - sx; }
          default -> throw new IllegalArgumentException("orientation " + orientation);
        }
        s.setRGB(sx, sy, shown.getRGB(dx, dy));
      }
    }
    return s;
  }

  /** Whether two colours are within {@code tol} per channel (JPEG is lossy). */
  public static boolean near(int rgb, Color c, int tol) {
    return Math.abs(((rgb >> 16) & 0xFF) - c.getRed()) <= tol
        && Math.abs(((rgb >> 8) & 0xFF) - c.getGreen()) <= tol
        && Math.abs((rgb & 0xFF) - c.getBlue()) <= tol;
  }

  /**
   * Asserts the four quadrants of {@link #quadrants} (red, green, blue, yellow) at their centres,
   * within {@code tol} per channel: the image is upright, unmirrored and in its colours.
   */
  public static void assertQuadrants(BufferedImage t, int tol) {
    int w = t.getWidth();
    int h = t.getHeight();
    int[][] at = {{w / 4, h / 4}, {3 * w / 4, h / 4}, {w / 4, 3 * h / 4}, {3 * w / 4, 3 * h / 4}};
    Color[] want = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW};
    for (int i = 0; i < 4; i++) {
      int p = t.getRGB(at[i][0], at[i][1]);
      org.junit.jupiter.api.Assertions.assertTrue(near(p, want[i], tol),
          "quadrant " + i + " at " + java.util.Arrays.toString(at[i]) + ": " + rgb(p));
    }
  }

  public static String rgb(int rgb) {
    return String.format("#%06x", rgb & 0xFFFFFF);
  }

  /**
   * Whether every pixel is within {@code tolerance} (per channel) of the first one: a thumbnail
   * of nothing but fill.
   */
  public static boolean isFlat(BufferedImage img, int tolerance) {
    int first = img.getRGB(0, 0);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        for (int shift = 0; shift < 32; shift += 8) {
          if (Math.abs(((p >>> shift) & 0xFF) - ((first >>> shift) & 0xFF)) > tolerance) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
