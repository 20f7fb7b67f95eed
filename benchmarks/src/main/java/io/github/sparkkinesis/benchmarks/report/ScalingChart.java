package io.github.sparkkinesis.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The drain rate by shard count, the connector's next to the server's read ceiling, as a PNG line chart. */
public final class ScalingChart {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 480;

    private ScalingChart() {
    }

    /**
     * @param seriesByName per line: shard count to records per second (median)
     */
    public static void write(Path png, String title, Map<String, Map<Integer, Double>> seriesByName)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        seriesByName.forEach((name, points) -> {
            XYSeries series = new XYSeries(name);
            points.forEach(series::add);
            data.addSeries(series);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, "shards", "records per second", data,
                PlotOrientation.VERTICAL, true, false, false);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }
}
