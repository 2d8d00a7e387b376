package io.github.sparkthumbs.tools;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Draws speedup against workers as a PNG with Java2D: no plotting library, no Python. */
public final class SpeedupChart {
  private static final int W = 760;
  private static final int H = 560;
  private static final int LEFT = 70;
  private static final int RIGHT = 30;
  private static final int TOP = 50;
  private static final int BOTTOM = 110;

  /** A line of (workers, speedup) points. */
  public record Series(String name, Color color, boolean dashed, List<double[]> points) {}

  /** One labelled point drawn on its own (a diamond). */
  public record Mark(String label, Color color, double workers, double speedup) {}

  private final double maxX;
  private final double maxY;

  private SpeedupChart(double maxX, double maxY) {
    this.maxX = maxX;
    this.maxY = maxY;
  }

  /** A white, antialiased drawing surface on {@code img} (the CPU experiment's chart too). */
  static Graphics2D canvas(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    return g;
  }

  /** Writes the chart to {@code png}; axes run from 0 to {@code maxX} and {@code maxY}. */
  public static void write(Path png, String title, double maxX, double maxY, List<Series> lines,
      List<Mark> marks) throws IOException {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(img);
    new SpeedupChart(maxX, maxY).draw(g, title, lines, marks);
    g.dispose();
    Files.createDirectories(png.toAbsolutePath().getParent());
    ImageIO.write(img, "png", png.toFile());
  }

  private double x(double workers) {
    return LEFT + workers / maxX * (W - LEFT - RIGHT);
  }

  private double y(double speedup) {
    return H - BOTTOM - speedup / maxY * (H - TOP - BOTTOM);
  }

  private void draw(Graphics2D g, String title, List<Series> lines, List<Mark> marks) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i <= maxX; i += 2) { // grid and ticks, every 2
      g.setColor(new Color(230, 230, 230));
      g.draw(new Line2D.Double(x(i), y(0), x(i), y(maxY)));
      g.setColor(Color.DARK_GRAY);
      g.drawString(Integer.toString(i), (float) x(i) - 4, (float) y(0) + 16);
    }
    for (int i = 0; i <= maxY; i += 2) {
      g.setColor(new Color(230, 230, 230));
      g.draw(new Line2D.Double(x(0), y(i), x(maxX), y(i)));
      g.setColor(Color.DARK_GRAY);
      g.drawString(Integer.toString(i), LEFT - 24, (float) y(i) + 4);
    }
    g.setColor(Color.BLACK);
    g.draw(new Line2D.Double(x(0), y(0), x(maxX), y(0)));
    g.draw(new Line2D.Double(x(0), y(0), x(0), y(maxY)));
    g.drawString("workers (threads in the article, Spark cores here)", W / 2f - 150,
        H - BOTTOM + 36);
    Graphics2D v = (Graphics2D) g.create();
    v.rotate(-Math.PI / 2);
    v.drawString("speedup over serial", -(H / 2f) - 55, 22f);
    v.dispose();
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, LEFT, 30);

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int item = 0; // the legend sits below the plot, two columns, so it never hides a point
    for (Series s : lines) {
      g.setColor(s.color());
      g.setStroke(s.dashed()
          ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
              new float[] {6f, 5f}, 0f)
          : new BasicStroke(2.5f));
      Path2D path = new Path2D.Double();
      for (int i = 0; i < s.points().size(); i++) {
        double[] p = s.points().get(i);
        if (i == 0) {
          path.moveTo(x(p[0]), y(p[1]));
        } else {
          path.lineTo(x(p[0]), y(p[1]));
        }
      }
      g.draw(path);
      if (!s.dashed()) {
        for (double[] p : s.points()) {
          g.fill(new Ellipse2D.Double(x(p[0]) - 4, y(p[1]) - 4, 8, 8));
        }
      }
      int lx = legendX(item);
      int ly = legendY(item++);
      g.draw(new Line2D.Double(lx, ly - 4, lx + 30, ly - 4));
      g.setColor(Color.BLACK);
      g.drawString(s.name(), lx + 38, ly);
    }
    g.setStroke(new BasicStroke(1.5f));
    for (Mark m : marks) {
      double cx = x(m.workers());
      double cy = y(m.speedup());
      Path2D diamond = new Path2D.Double();
      diamond.moveTo(cx, cy - 8);
      diamond.lineTo(cx + 8, cy);
      diamond.lineTo(cx, cy + 8);
      diamond.lineTo(cx - 8, cy);
      diamond.closePath();
      g.setColor(m.color());
      g.fill(diamond);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.1fx", m.speedup()), (float) cx + 12,
          (float) cy + 4);
      int lx = legendX(item);
      int ly = legendY(item++);
      g.setColor(m.color());
      g.fill(new Rectangle2D.Double(lx + 10, ly - 9, 10, 10));
      g.setColor(Color.BLACK);
      g.drawString(m.label(), lx + 38, ly);
    }
  }

  private static int legendX(int item) {
    return LEFT + (item % 2) * 330;
  }

  private static int legendY(int item) {
    return H - BOTTOM + 64 + (item / 2) * 20;
  }
}
