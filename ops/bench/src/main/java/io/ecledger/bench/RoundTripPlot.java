package io.ecledger.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The round trip against N as a PNG (JFreeChart): ecledger's p50 and p99 and the raw floor's, on log axes. */
final class RoundTripPlot {

    private RoundTripPlot() {}

    private static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        // plain numbers, not 10^2.3: the reader compares milliseconds, not exponents
        axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        axis.setSmallestValue(1);
        return axis;
    }

    static void write(List<RoundTripBench.Measured> measured, Path png) throws IOException {
        XYSeries ours50 = new XYSeries("ecledger p50");
        XYSeries ours99 = new XYSeries("ecledger p99");
        XYSeries floor50 = new XYSeries("raw exactly-once floor p50");
        XYSeries floor99 = new XYSeries("raw exactly-once floor p99");
        for (RoundTripBench.Measured m : measured) {
            ours50.add(m.n(), m.p(m.ecledger(), 0.5));
            ours99.add(m.n(), m.p(m.ecledger(), 0.99));
            floor50.add(m.n(), m.p(m.floor(), 0.5));
            floor99.add(m.n(), m.p(m.floor(), 0.99));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(ours50);
        data.addSeries(ours99);
        data.addSeries(floor50);
        data.addSeries(floor99);
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = ChartFactory.createXYLineChart("broadcast → every answer visible", "simulated nodes (N)",
                "ms", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        // N spans two decades, and so do the times
        plot.setDomainAxis(logAxis("simulated nodes (N)"));
        plot.setRangeAxis(logAxis("ms, log scale"));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        // ecledger solid, the floor dashed; p50 blue, p99 red
        Stroke solid = new BasicStroke(2f);
        Stroke dashed = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
        Color[] colors = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x1f77b4), new Color(0xd62728)};
        for (int i = 0; i < 4; i++) {
            renderer.setSeriesPaint(i, colors[i]);
            renderer.setSeriesStroke(i, i < 2 ? solid : dashed);
        }
        plot.setRenderer(renderer);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 540);
    }
}
