package io.github.sparkthumbs.tools;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The SQL benchmark's chart (docs/sql.md): for each corpus, each method's median time over that
 * of {@code thumbnail()} over binaryFile (above 1: ours faster), from SqlBench's result lines.
 *
 * <p>Arguments: {@code OUT.png LABEL=RESULTS.txt...}.
 */
public final class SqlChart {
  private static final Pattern LINE =
      Pattern.compile("^(\\S+) seconds=\\S+ runs=\\S+ ours-faster-by=([0-9.]+)");

  private SqlChart() {}

  public static void main(String[] args) throws IOException {
    List<String> corpora = new ArrayList<>();
    Map<String, List<Double>> byMethod = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      corpora.add(kv[0]);
      for (String line : Files.readAllLines(Path.of(kv[1]))) {
        Matcher m = LINE.matcher(line);
        if (m.find() && !m.group(1).equals("ours")) {
          List<Double> v = byMethod.computeIfAbsent(m.group(1), k -> new ArrayList<>());
          while (v.size() < corpora.size() - 1) {
            v.add(0.0); // a method a corpus's run did not have
          }
          v.add(Double.parseDouble(m.group(2)));
        }
      }
    }
    CategoryChart chart = new CategoryChartBuilder().width(760).height(480)
        .title("Time of each method over thumbnail() over binaryFile (above 1: ours faster)")
        .xAxisTitle("corpus").yAxisTitle("time / ours").build();
    var style = chart.getStyler();
    style.setChartBackgroundColor(Color.WHITE);
    style.setPlotBackgroundColor(Color.WHITE);
    style.setLegendPosition(Styler.LegendPosition.OutsideS);
    style.setLabelsVisible(true);
    style.setYAxisMin(0.0);
    style.setYAxisDecimalPattern("0.0");
    for (Map.Entry<String, List<Double>> e : byMethod.entrySet()) {
      List<Double> v = e.getValue();
      while (v.size() < corpora.size()) {
        v.add(0.0);
      }
      chart.addSeries(e.getKey(), corpora, v);
    }
    Path png = Path.of(args[0]);
    Files.createDirectories(png.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(png)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }
}
