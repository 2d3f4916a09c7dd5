package io.churnwatch.backtest.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Bar charts as PNG files, drawn off-screen. Needs no display: the JVM is put in headless mode
 * before the first chart (set {@code -Djava.awt.headless=true} to be explicit).
 */
public final class Charts {

    private Charts() {}

    /**
     * One bar chart with a group of bars per category and one colour per series.
     *
     * @param series name to values, each value list as long as {@code categories}
     */
    public static Path bars(
            Path file, String title, String yTitle, List<String> categories, Map<String, List<? extends Number>> series)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder()
                .width(800)
                .height(420)
                .title(title)
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 4 ? 30 : 0);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLabelsVisible(false);
        chart.getStyler().setLegendVisible(series.size() > 1);
        new LinkedHashMap<>(series).forEach((name, values) -> chart.addSeries(name, categories, values));
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        String name = file.getFileName().toString();
        return name.endsWith(".png") ? file : file.resolveSibling(name + ".png");
    }

    /**
     * Lines through (x, y) points, one per series (a precision-recall curve each), and single marked points
     * (a yes/no rule is one point on such a chart).
     */
    public static Path curves(
            Path file,
            String title,
            String xTitle,
            String yTitle,
            Map<String, List<double[]>> lines,
            Map<String, double[]> points)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder()
                .width(800)
                .height(520)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        new LinkedHashMap<>(lines).forEach((name, xy) -> {
            if (xy.isEmpty()) {
                return;
            }
            double[] x = xy.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = xy.stream().mapToDouble(p -> p[1]).toArray();
            XYSeries series = chart.addSeries(name, x, y);
            series.setMarker(SeriesMarkers.NONE);
        });
        new LinkedHashMap<>(points).forEach((name, xy) -> {
            XYSeries series = chart.addSeries(name, new double[] {xy[0]}, new double[] {xy[1]});
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        });
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        String name = file.getFileName().toString();
        return name.endsWith(".png") ? file : file.resolveSibling(name + ".png");
    }
}
