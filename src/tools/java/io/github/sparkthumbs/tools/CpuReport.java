package io.github.sparkthumbs.tools;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@code CpuReport RAW.csv SUMMARY.csv CHART.png CORES}: turns the raw runs of
 * scripts/experiment-cpu ({@code tool,workers,run,wall_s,startup_s,images}) into the table of
 * medians, printed and written as CSV, and a bar chart of wall seconds.
 */
public final class CpuReport {
  /** The article's figures for 6000 thumbnails: serial map and multiprocessing.Pool. */
  private static final Map<String, String> ARTICLE = Map.of("pil serial", "27.9",
      "pil pool", "5.6");

  private CpuReport() {}

  record Row(String tool, int workers, double wall, double startup, int images) {
    String key() {
      return tool + "|" + workers;
    }
  }

  public static void main(String[] args) throws IOException {
    List<Row> raw = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (line.isBlank() || line.startsWith("tool,")) {
        continue;
      }
      String[] f = line.split(",");
      raw.add(new Row(f[0], Integer.parseInt(f[1]), Double.parseDouble(f[3]),
          f[4].isEmpty() ? 0 : Double.parseDouble(f[4]), Integer.parseInt(f[5])));
    }
    int cores = Integer.parseInt(args[3]);
    Map<String, List<Row>> byConfig = new LinkedHashMap<>();
    for (Row r : raw) {
      byConfig.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
    }
    List<Row> medians = new ArrayList<>();
    for (List<Row> runs : byConfig.values()) {
      medians.add(new Row(runs.get(0).tool(), runs.get(0).workers(),
          median(runs.stream().mapToDouble(Row::wall).toArray()),
          median(runs.stream().mapToDouble(Row::startup).toArray()), runs.get(0).images()));
    }
    double pilSerial = medians.stream().filter(r -> r.tool().equals("pil serial"))
        .mapToDouble(Row::wall).findFirst().orElse(Double.NaN);

    StringBuilder csv = new StringBuilder(
        "tool,workers,wall_s,startup_s,work_s,images_per_s,images_per_s_per_core,"
            + "speedup_vs_pil_serial,article_s,runs\n");
    System.out.printf(Locale.ROOT, "%-22s %7s %8s %9s %8s %9s %12s %8s %10s%n", "tool", "workers",
        "wall s", "startup s", "work s", "images/s", "img/s/core", "speedup", "article s");
    for (Row r : medians) {
      double work = r.wall() - r.startup();
      double ips = r.images() / r.wall();
      double perCore = ips / Math.min(r.workers(), cores);
      String article = ARTICLE.getOrDefault(r.tool(), "");
      int runs = byConfig.get(r.key()).size();
      System.out.printf(Locale.ROOT, "%-22s %7d %8.2f %9s %8.2f %9.1f %12.1f %8.2f %10s%n",
          r.tool(), r.workers(), r.wall(), r.startup() > 0 ? fmt(r.startup()) : "-", work, ips,
          perCore, pilSerial / r.wall(), article);
      csv.append(String.format(Locale.ROOT, "%s,%d,%.3f,%.3f,%.3f,%.2f,%.2f,%.3f,%s,%d%n",
          r.tool(), r.workers(), r.wall(), r.startup(), work, ips, perCore,
          pilSerial / r.wall(), article, runs));
    }
    Files.writeString(Path.of(args[1]), csv);
    chart(medians, Path.of(args[2]));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** Horizontal bars of median wall seconds, Spark start-up shaded, one bar per configuration. */
  static void chart(List<Row> rows, Path png) throws IOException {
    int barH = 26;
    int left = 230;
    int width = 900;
    int height = 70 + rows.size() * (barH + 8) + 40;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = SpeedupChart.canvas(img);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    int images = rows.isEmpty() ? 0 : rows.get(0).images();
    g.drawString("75x75 thumbnails of " + images + " JPEGs: median wall seconds (lower is better)",
        20, 30);
    double max = rows.stream().mapToDouble(Row::wall).max().orElse(1);
    double scale = (width - left - 90) / max;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int y = 55;
    for (Row r : rows) {
      Color c = r.tool().startsWith("ours") ? new Color(0x2E7D32)
          : r.tool().startsWith("pil") ? new Color(0x1565C0) : new Color(0xEF6C00);
      g.setColor(Color.BLACK);
      g.drawString(r.tool() + " x" + r.workers(), 20, y + barH - 8);
      g.setColor(c);
      g.fillRect(left, y, (int) Math.max(1, r.wall() * scale), barH);
      if (r.startup() > 0) {
        g.setColor(c.brighter().brighter());
        g.fillRect(left, y, (int) (r.startup() * scale), barH);
      }
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.1f s", r.wall()),
          left + (int) (r.wall() * scale) + 6, y + barH - 8);
      y += barH + 8;
    }
    g.setStroke(new BasicStroke(1));
    g.drawLine(left, 45, left, y);
    g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 12));
    g.drawString("green: ours (light part: JVM + Spark start-up), blue: PIL (the article's code),"
        + " orange: vipsthumbnail", 20, y + 22);
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }
}
