package io.github.sparkthumbs.tools;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The I/O experiment's chart: speedup against workers, as a PNG drawn by XChart. */
public final class SpeedupChart {
  private SpeedupChart() {}

  /** A line of (workers, speedup) points; a dashed one is a reference, drawn without markers. */
  public record Series(String name, Color color, boolean dashed, List<double[]> points) {}

  /** One labelled point drawn on its own (a diamond with its speedup beside it). */
  public record Mark(String label, Color color, double workers, double speedup) {}

  /** Writes the chart to {@code png}; axes run from 0 to {@code maxX} and {@code maxY}. */
  public static void write(Path png, String title, double maxX, double maxY, List<Series> lines,
      List<Mark> marks) throws IOException {
    XYChart chart = new XYChartBuilder().width(760).height(560).title(title)
        .xAxisTitle("workers (threads in the article, Spark cores here)")
        .yAxisTitle("speedup over serial").build();
    var style = chart.getStyler();
    style.setChartBackgroundColor(Color.WHITE);
    style.setPlotBackgroundColor(Color.WHITE);
    // Below the plot, so that it never hides a point.
    style.setLegendPosition(Styler.LegendPosition.OutsideS);
    style.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    style.setXAxisMin(0.0);
    style.setXAxisMax(maxX);
    style.setYAxisMin(0.0);
    style.setYAxisMax(maxY);
    style.setXAxisDecimalPattern("#");
    style.setYAxisDecimalPattern("#");
    for (Series s : lines) {
      XYSeries line = chart.addSeries(s.name(), s.points().stream().mapToDouble(p -> p[0])
          .toArray(), s.points().stream().mapToDouble(p -> p[1]).toArray());
      line.setLineColor(s.color());
      line.setMarkerColor(s.color());
      line.setLineStyle(s.dashed() ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
      line.setMarker(s.dashed() ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
    for (Mark m : marks) {
      XYSeries point = chart.addSeries(m.label(), new double[] {m.workers()},
          new double[] {m.speedup()});
      point.setMarker(SeriesMarkers.DIAMOND);
      point.setMarkerColor(m.color());
      point.setLineStyle(SeriesLines.NONE);
      chart.addAnnotation(new AnnotationText(String.format(Locale.ROOT, "%.1fx", m.speedup()),
          m.workers() + maxX / 20, m.speedup(), false));
    }
    Files.createDirectories(png.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(png)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }
}
