package io.ecledger.bench;

import java.io.IOException;
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
        plot.setDomainAxis(new LogAxis("simulated nodes (N)"));
        plot.setRangeAxis(new LogAxis("ms"));
        plot.setRenderer(new XYLineAndShapeRenderer(true, true));
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 540);
    }
}
