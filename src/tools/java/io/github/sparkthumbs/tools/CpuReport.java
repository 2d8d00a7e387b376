package io.github.sparkthumbs.tools;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * {@code CpuReport RAW.csv SUMMARY.csv CHART.png CORES}: turns the raw runs of
 * scripts/experiment-cpu ({@code tool,workers,run,wall_s,startup_s,images}) into the table of
 * medians, printed and written as CSV, and a bar chart of wall seconds (XChart).
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

  /**
   * Bars of median wall seconds, one per configuration, coloured by tool; over our bars, in a
   * lighter shade, the part that is JVM + Spark start-up.
   */
  static void chart(List<Row> rows, Path png) throws IOException {
    int images = rows.isEmpty() ? 0 : rows.get(0).images();
    CategoryChart chart = new CategoryChartBuilder().width(900).height(560)
        .title("75x75 thumbnails of " + images + " JPEGs: median wall seconds (lower is better)")
        .yAxisTitle("wall seconds").build();
    var style = chart.getStyler();
    style.setChartBackgroundColor(Color.WHITE);
    style.setPlotBackgroundColor(Color.WHITE);
    style.setLegendPosition(Styler.LegendPosition.OutsideS);
    style.setLegendLayout(Styler.LegendLayout.Horizontal);
    style.setOverlapped(true); // one bar per configuration; start-up drawn over its own bar
    style.setLabelsVisible(true);
    style.setLabelsPosition(1.0);
    style.setYAxisDecimalPattern("0.0");
    style.setXAxisLabelRotation(20);
    List<String> names = rows.stream().map(r -> r.tool() + " x" + r.workers()).toList();
    bars(chart, "ours", new Color(0x2E7D32), names, rows,
        r -> r.tool().startsWith("ours") ? r.wall() : null);
    bars(chart, "PIL (the article's code)", new Color(0x1565C0), names, rows,
        r -> r.tool().startsWith("pil") ? r.wall() : null);
    bars(chart, "vipsthumbnail", new Color(0xEF6C00), names, rows,
        r -> r.tool().startsWith("vips") ? r.wall() : null);
    bars(chart, "ours: JVM + Spark start-up", new Color(0xA5D6A7), names, rows,
        r -> r.startup() > 0 ? r.startup() : null);
    try (OutputStream out = Files.newOutputStream(png)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }

  private static void bars(CategoryChart chart, String name, Color color, List<String> names,
      List<Row> rows, Function<Row, Double> seconds) {
    // null, not 0, where a series has no bar: a 0 would get a label
    chart.addSeries(name, names, rows.stream().map(seconds).toList()).setFillColor(color);
  }
}
