package ior.analyzer.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.data.xy.CategoryTableXYDataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Stacked bars over time bins (throughput per second by process, say). Each bin spans from its x
 * to the next bin; with a facet column (read / write) each facet gets its own panel over the same
 * time axis, and a series keeps its colour in every panel.
 */
final class TimelineChart {
    private TimelineChart() {}

    static final int MAX_BINS = 2000;

    static Drawn build(ChartSpec spec, TabularData d, UnaryOperator<String> text) {
        int x = Columns.optional(d, spec.x());
        int y = Columns.optional(d, spec.y());
        if (x < 0) x = Columns.first(d, y);
        if (y < 0) y = Columns.lastNumeric(d, x);
        Columns.numeric(d, y, "value (y)");
        int f = Columns.optional(d, spec.facet());
        int sc = Columns.optional(d, spec.series());
        if (sc < 0 && spec.series() == null && spec.x() == null) sc = Columns.leftoverText(d, x, y, f);
        final int s = sc;
        Columns.XValues xs = Columns.XValues.of(d, x, "time (x)", spec.xUnit(), spec.xLabel());
        Unit yUnit = spec.yUnit() != null ? spec.yUnit() : Unit.infer(d.name(y));
        double width = xs.step();

        LinkedHashMap<String, String> series = Columns.rankSeries(d, s, y, spec.maxSeries(), text);
        List<String> shown = new ArrayList<>(new LinkedHashSet<>(series.values()));
        LinkedHashMap<String, Columns.Grid> facets = new LinkedHashMap<>();
        TreeSet<Double> bins = new TreeSet<>();
        for (int r = 0; r < d.rowCount(); r++) {
            double xv = xs.values[r], yv = d.number(r, y);
            if (Double.isNaN(xv) || Double.isNaN(yv)) continue;
            String facet = f < 0 ? "" : Columns.seriesKey(d, r, f, text);
            facets.computeIfAbsent(facet, k -> new Columns.Grid()).add(Double.toString(xv), series.get(Columns.seriesKey(d, r, s, text)), yv);
            bins.add(xv);
        }
        if (bins.size() > MAX_BINS)
            throw new ChartException("a timeline of " + bins.size() + " time bins is more than " + MAX_BINS + ": use wider bins in SQL");
        if (facets.isEmpty()) facets.put("", new Columns.Grid());

        NumberAxis timeAxis = LineChart.xAxis(xs, text);
        timeAxis.setAutoRangeIncludesZero(false);
        if (!bins.isEmpty()) timeAxis.setRange(bins.first(), bins.last() + width);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(timeAxis);
        combined.setGap(12);
        String yLabel = spec.yLabel() != null ? spec.yLabel() : d.name(y);
        for (var e : facets.entrySet()) {
            CategoryTableXYDataset ds = new CategoryTableXYDataset();
            Columns.Grid g = e.getValue();
            for (String ser : shown) {
                Integer c = g.cols.get(ser);
                String name = ser.isEmpty() ? d.name(y) : ser;
                for (double b : bins) {
                    Integer row = g.rows.get(Double.toString(b));
                    ds.add(b, row == null || c == null ? 0 : g.get(row, c), name, false);
                }
            }
            ds.setIntervalWidth(width);
            ds.setIntervalPositionFactor(0.0);
            StackedXYBarRenderer renderer = new StackedXYBarRenderer(0.06);
            renderer.setBarPainter(new StandardXYBarPainter());
            renderer.setShadowVisible(false);
            renderer.setDrawBarOutline(false);
            renderer.setAutoPopulateSeriesPaint(false); // explicit colours survive the theme
            for (int i = 0; i < shown.size(); i++)
                renderer.setSeriesPaint(i, Columns.OTHER.equals(shown.get(i)) && s >= 0 ? ChartStyle.OTHER : ChartStyle.color(i));
            String facetName = e.getKey();
            Unit xUnit = xs.unit;
            renderer.setDefaultToolTipGenerator((dataset, ser, item) -> {
                String name = s >= 0 ? dataset.getSeriesKey(ser) + " " : "";
                if (dataset.getYValue(ser, item) == 0) return null;
                String fn = facetName.isEmpty() ? "" : facetName + " ";
                return fn + name + "at " + xUnit.format(dataset.getXValue(ser, item)) + ": " + yUnit.formatExact(dataset.getYValue(ser, item));
            });
            String label = facetName.isEmpty() ? yLabel : facetName + ": " + yLabel;
            ValueAxis va = LineChart.yAxis(spec, text.apply(label), yUnit);
            XYPlot sub = new XYPlot(ds, null, va, renderer);
            sub.setOutlineVisible(false);
            combined.add(sub, 1);
        }
        JFreeChart chart = new JFreeChart(null, ChartStyle.TITLE, combined, s >= 0);
        // every panel has every series: the legend lists them once, from the first
        if (chart.getLegend() != null) chart.getLegend().setSources(new org.jfree.chart.LegendItemSource[] {combined.getSubplots().get(0)});
        ChartStyle.apply(chart);
        for (XYPlot sub : combined.getSubplots()) {
            sub.setBackgroundPaint(java.awt.Color.WHITE);
            sub.setDomainGridlinesVisible(false);
            sub.setRangeGridlinePaint(ChartStyle.GRID);
            sub.setOutlineVisible(false);
        }
        int h = facets.size() > 2 ? Math.min(ChartSpec.MAX_PIXELS, 200 + 220 * facets.size()) : 0;
        return new Drawn(chart, h, List.of());
    }
}
