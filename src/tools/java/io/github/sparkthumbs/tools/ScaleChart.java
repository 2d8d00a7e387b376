package io.github.sparkthumbs.tools;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The scale experiment's chart: three panels side by side against N on a log axis (inputs/s,
 * driver peak heap, wall time); one colour per input kind, "after" solid, "before" dashed.
 */
final class ScaleChart {
  private ScaleChart() {}

  /** One line: (N, value) points. */
  record Line(String name, Color color, boolean dashed, double[] n, double[] value) {}

  /** One panel: its lines, an optional reference level (e.g. the -Xmx), linear or log y. */
  record Panel(String title, String yAxis, List<Line> lines, String levelName, double level,
      boolean logY) {}

  static void write(Path png, String title, List<Panel> panels) throws IOException {
    int w = 620;
    int h = 560;
    BufferedImage all = new BufferedImage(w * panels.size(), h + 30, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = all.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, all.getWidth(), all.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(g.getFont().deriveFont(16f));
    g.drawString(title, 12, 21);
    for (int i = 0; i < panels.size(); i++) {
      g.drawImage(BitmapEncoder.getBufferedImage(chart(panels.get(i), w, h)), w * i, 30, null);
    }
    g.dispose();
    Files.createDirectories(png.toAbsolutePath().getParent());
    ImageIO.write(all, "png", png.toFile());
  }

  private static XYChart chart(Panel p, int w, int h) {
    XYChart chart = new XYChartBuilder().width(w).height(h).title(p.title())
        .xAxisTitle("N inputs (log scale)").yAxisTitle(p.yAxis()).build();
    var style = chart.getStyler();
    style.setChartBackgroundColor(Color.WHITE);
    style.setPlotBackgroundColor(Color.WHITE);
    style.setLegendPosition(Styler.LegendPosition.OutsideS);
    style.setXAxisLogarithmic(true);
    if (p.logY()) {
      style.setYAxisLogarithmic(true);
    } else {
      style.setYAxisMin(0.0);
    }
    style.setXAxisDecimalPattern("0.#E0");
    double minN = Double.MAX_VALUE;
    double maxN = 0;
    boolean any = false;
    for (Line l : p.lines()) {
      if (l.n().length == 0) {
        continue;
      }
      any = true;
      XYSeries s = chart.addSeries(l.name(), l.n(), l.value());
      s.setLineColor(l.color());
      s.setMarkerColor(l.color());
      s.setLineStyle(l.dashed() ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
      s.setMarker(l.dashed() ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
      for (double n : l.n()) {
        minN = Math.min(minN, n);
        maxN = Math.max(maxN, n);
      }
    }
    if (!any) {
      chart.addSeries("no completed point", new double[] {1}, new double[] {1});
      minN = 1;
      maxN = 10;
    }
    if (p.levelName() != null) {
      XYSeries s = chart.addSeries(p.levelName(), new double[] {minN, Math.max(maxN, minN * 10)},
          new double[] {p.level(), p.level()});
      s.setLineColor(Color.GRAY);
      s.setLineStyle(SeriesLines.DOT_DOT);
      s.setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }
}
