package io.ecledger.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The soak run as a PNG (JFreeChart, styled as {@link RoundTripPlot}): three panels over the same minutes, the round
 * trip's p50 and p99 per minute, the manager's RSS and the projection's lag as sampled.
 */
final class SoakPlot {

    /** One minute's round trip; {@code minute} counts from 0 after the warm-up. */
    record MinuteRoundTrip(int minute, double p50Ms, double p99Ms) {}

    /** The manager as sampled {@code minutes} after the warm-up; a negative lag was not known. */
    record Sample(double minutes, double rssMb, long projectionLag) {}

    private static final Color BLUE = new Color(0x1f77b4);
    private static final Color RED = new Color(0xd62728);
    private static final Color GREEN = new Color(0x2ca02c);

    private SoakPlot() {}

    static void write(String title, List<MinuteRoundTrip> roundTrips, List<Sample> samples, Path png) throws IOException {
        XYSeries p50 = new XYSeries("round trip p50");
        XYSeries p99 = new XYSeries("round trip p99");
        // a minute's percentiles stand at its middle
        roundTrips.stream().filter(m -> !Double.isNaN(m.p50Ms())).forEach(m -> {
            p50.add(m.minute() + 0.5, m.p50Ms());
            p99.add(m.minute() + 0.5, m.p99Ms());
        });
        XYSeries rss = new XYSeries("manager RSS");
        XYSeries lag = new XYSeries("projection lag");
        samples.forEach(s -> {
            rss.add(s.minutes(), s.rssMb());
            if (s.projectionLag() >= 0) {
                lag.add(s.minutes(), s.projectionLag());
            }
        });
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("minutes after the warm-up"));
        plot.setGap(12);
        plot.add(panel("ms", true, new Series(p50, BLUE), new Series(p99, RED)), 2);
        plot.add(panel("RSS, MB", false, new Series(rss, GREEN)), 1);
        plot.add(panel("lag, ledger records", false, new Series(lag, Color.DARK_GRAY)), 1);
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 720);
    }

    private record Series(XYSeries data, Color color) {}

    private static XYPlot panel(String axis, boolean shapes, Series... series) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
        for (int i = 0; i < series.length; i++) {
            data.addSeries(series[i].data());
            renderer.setSeriesPaint(i, series[i].color());
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        NumberAxis range = new NumberAxis(axis);
        // RSS and lag read against zero: a flat line near the top of a zoomed axis would look like growth
        range.setAutoRangeIncludesZero(true);
        // a lag of 0 throughout would otherwise get an axis of ±4E-9
        range.setAutoRangeMinimumSize(10);
        XYPlot plot = new XYPlot(data, null, range, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}
