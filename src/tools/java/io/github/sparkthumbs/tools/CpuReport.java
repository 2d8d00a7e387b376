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
 * {@code CpuReport RAW.csv SUMMARY.csv CHART_DIR CORES}: turns the raw runs of
 * scripts/experiment-cpu ({@code corpus,tool,workers,run,wall_s,startup_s,images,cpu_s,spark_s}) into one
 * table of medians per corpus, printed and written as CSV, with each configuration's ratio to
 * PIL's {@code Pool(CORES)} (or, for URLs, its ThreadPool) and to vipsthumbnail x CORES (above 1:
 * that tool took longer), and a bar chart of wall seconds per corpus ({@code cpu-CORPUS.png}).
 */
public final class CpuReport {
  /** The article's figures for 6000 thumbnails: serial map and multiprocessing.Pool. */
  private static final Map<String, String> ARTICLE = Map.of("pil serial", "27.9",
      "pil pool", "5.6");

  private CpuReport() {}

  record Row(String corpus, String tool, int workers, double wall, double startup, int images,
      double cpu, double spark) {
    String key() {
      return corpus + "|" + tool + "|" + workers;
    }
  }

  public static void main(String[] args) throws IOException {
    List<Row> raw = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (line.isBlank() || line.startsWith("corpus,")) {
        continue;
      }
      String[] f = line.split(",", -1);
      raw.add(new Row(f[0], f[1], Integer.parseInt(f[2]), Double.parseDouble(f[4]),
          f[5].isEmpty() ? 0 : Double.parseDouble(f[5]), Integer.parseInt(f[6]),
          f[7].isEmpty() ? Double.NaN : Double.parseDouble(f[7]),
          f.length < 9 || f[8].isEmpty() ? 0 : Double.parseDouble(f[8])));
    }
    int cores = Integer.parseInt(args[3]);
    Map<String, List<Row>> byConfig = new LinkedHashMap<>();
    for (Row r : raw) {
      byConfig.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
    }
    Map<String, List<Row>> byCorpus = new LinkedHashMap<>();
    for (List<Row> runs : byConfig.values()) {
      Row first = runs.get(0);
      byCorpus.computeIfAbsent(first.corpus(), k -> new ArrayList<>()).add(new Row(
          first.corpus(), first.tool(), first.workers(),
          median(runs.stream().mapToDouble(Row::wall).toArray()),
          median(runs.stream().mapToDouble(Row::startup).toArray()), first.images(),
          median(runs.stream().mapToDouble(Row::cpu).toArray()),
          median(runs.stream().mapToDouble(Row::spark).toArray())));
    }
    StringBuilder csv = new StringBuilder("corpus,tool,workers,wall_s,startup_s,spark_s,work_s,"
        + "images_per_s,images_per_s_per_core,cpu_ms_per_image,vs_pil,vs_vips,article_s,runs\n");
    for (Map.Entry<String, List<Row>> e : byCorpus.entrySet()) {
      List<Row> medians = e.getValue();
      double pil = wallOf(medians, r -> r.tool().startsWith("pil")
          && !r.tool().equals("pil serial") && r.workers() >= Math.min(cores, 16));
      double vips = wallOf(medians, r -> r.tool().equals("vipsthumbnail")
          && r.workers() == cores);
      System.out.printf(Locale.ROOT, "%n%s (%d images)%n%-26s %7s %8s %9s %7s %8s %9s %10s %9s"
          + " %7s %7s %9s%n", e.getKey(), medians.get(0).images(), "tool", "workers", "wall s",
          "startup s", "spark s", "work s", "images/s", "img/s/core", "cpu ms/im", "vs PIL", "vs vips",
          "article s");
      for (Row r : medians) {
        double work = r.wall() - r.startup();
        double ips = r.images() / r.wall();
        double perCore = ips / Math.min(r.workers(), cores);
        double cpuMs = 1000 * r.cpu() / r.images();
        String article = e.getKey().equals("synthetic") ? ARTICLE.getOrDefault(r.tool(), "") : "";
        int runs = byConfig.get(r.key()).size();
        System.out.printf(Locale.ROOT, "%-26s %7d %8.2f %9s %7s %8.2f %9.1f %10.1f %9.2f %7s"
            + " %7s %9s%n", r.tool(), r.workers(), r.wall(),
            r.startup() > 0 ? fmt(r.startup()) : "-", r.spark() > 0 ? fmt(r.spark()) : "-", work, ips, perCore, cpuMs, ratio(pil, r.wall()), ratio(vips, r.wall()), article);
        csv.append(String.format(Locale.ROOT,
            "%s,%s,%d,%.3f,%.3f,%.3f,%.3f,%.2f,%.2f,%.2f,%s,%s,%s,%d%n",
            e.getKey(), r.tool(), r.workers(), r.wall(), r.startup(), r.spark(), work, ips, perCore, cpuMs,
            ratio(pil, r.wall()), ratio(vips, r.wall()), article, runs));
      }
      chart(e.getKey(), medians, Path.of(args[2]).resolve("cpu-" + e.getKey() + ".png"));
    }
    Files.writeString(Path.of(args[1]), csv);
  }

  private static double wallOf(List<Row> rows, java.util.function.Predicate<Row> which) {
    return rows.stream().filter(which).mapToDouble(Row::wall).findFirst().orElse(Double.NaN);
  }

  /** How many times longer {@code other} took than {@code wall}; "-" without that tool. */
  private static String ratio(double other, double wall) {
    return Double.isNaN(other) ? "-" : String.format(Locale.ROOT, "%.2f", other / wall);
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
  static void chart(String corpus, List<Row> rows, Path png) throws IOException {
    int images = rows.isEmpty() ? 0 : rows.get(0).images();
    CategoryChart chart = new CategoryChartBuilder().width(900).height(560)
        .title(corpus + ": thumbnails of " + images + " JPEGs, median wall seconds (lower is"
            + " better)")
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
