package ior.analyzer.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One bar per row from start to end (process lifetimes), rows top to bottom in the order given.
 * A missing start is the earliest start shown, a missing end the latest end (still running).
 * Times are drawn to the nanosecond, not rounded to JFreeChart's millisecond dates.
 */
final class GanttChart {
    private GanttChart() {}

    static Drawn build(ChartSpec spec, TabularData d, UnaryOperator<String> text) {
        if (d.columnCount() < 3 && (spec.x() == null || spec.y() == null || spec.z() == null))
            throw new ChartException("a Gantt chart needs three columns: label, start, end");
        int label = Columns.optional(d, spec.x());
        int start = Columns.optional(d, spec.y());
        int end = Columns.optional(d, spec.z());
        if (label < 0) label = Columns.first(d, start, end);
        if (start < 0) start = Columns.first(d, label, end);
        if (end < 0) end = Columns.first(d, label, start);
        int sc = Columns.optional(d, spec.series());
        if (sc < 0 && spec.series() == null && spec.x() == null && d.columnCount() >= 4) sc = Columns.first(d, label, start, end);
        final int s = sc;
        if (d.kind(start) != d.kind(end) || d.kind(start) == TabularData.Kind.TEXT)
            throw new ChartException("Gantt start and end ('" + SafeText.of(d.name(start)) + "', '" + SafeText.of(d.name(end)) + "') must both be times or both numbers");

        // start and end on one scale: times as seconds since the earliest of either
        boolean time = d.kind(start) == TabularData.Kind.TIME;
        long t0 = Long.MAX_VALUE;
        if (time) for (int r = 0; r < d.rowCount(); r++) for (int c : new int[] {start, end}) {
            long t = d.time(r, c);
            if (t != Long.MIN_VALUE) t0 = Math.min(t0, t);
        }
        double[] st = new double[d.rowCount()], en = new double[d.rowCount()];
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (int r = 0; r < d.rowCount(); r++) {
            st[r] = time ? rel(d.time(r, start), t0) : d.number(r, start);
            en[r] = time ? rel(d.time(r, end), t0) : d.number(r, end);
            for (double v : new double[] {st[r], en[r]}) if (!Double.isNaN(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        }
        if (lo == Double.MAX_VALUE) { lo = 0; hi = 1; }

        List<String> notes = new ArrayList<>();
        int rows = Math.min(d.rowCount(), spec.maxCategories());
        if (d.rowCount() > rows) notes.add("first " + rows + " of " + d.rowCount() + " rows shown");
        LinkedHashMap<String, String> series = Columns.rankSeries(d, s, -1, spec.maxSeries(), text);
        List<String> shown = new ArrayList<>(new LinkedHashSet<>(series.values()));
        XYIntervalSeriesCollection ds = new XYIntervalSeriesCollection();
        List<XYIntervalSeries> list = new ArrayList<>();
        for (String k : shown) {
            XYIntervalSeries xy = new XYIntervalSeries(k.isEmpty() ? "lifetime" : k);
            list.add(xy);
            ds.addSeries(xy);
        }
        String[] labels = new String[rows];
        for (int r = 0; r < rows; r++) {
            String l = d.text(r, label);
            labels[r] = Columns.shorten(l == null ? "NULL" : text.apply(l), BarChart.LABEL_CHARS);
            double a = Double.isNaN(st[r]) ? lo : st[r], b = Double.isNaN(en[r]) ? hi : en[r];
            if (b < a) b = a;
            int idx = shown.indexOf(series.get(Columns.seriesKey(d, r, s, text)));
            list.get(idx).add(r, r - 0.36, r + 0.36, a, a, b);
        }
        Unit unit = time ? Unit.SECONDS : spec.yUnit() != null ? spec.yUnit() : Unit.infer(d.name(start));
        String[] full = labels;
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setUseYInterval(true);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setAutoPopulateSeriesPaint(false); // explicit colours survive the theme
        for (int i = 0; i < shown.size(); i++)
            renderer.setSeriesPaint(i, Columns.OTHER.equals(shown.get(i)) && s >= 0 ? ChartStyle.OTHER : ChartStyle.color(i));
        renderer.setDefaultToolTipGenerator((dataset, ser, item) -> {
            XYIntervalSeriesCollection c = (XYIntervalSeriesCollection) dataset;
            int row = (int) Math.rint(c.getXValue(ser, item));
            double a = c.getStartYValue(ser, item), b = c.getEndYValue(ser, item);
            return full[row] + ": " + unit.format(a) + " → " + unit.format(b) + " (" + unit.format(b - a) + ")";
        });
        SymbolAxis rowAxis = new SymbolAxis(null, labels);
        rowAxis.setInverted(true);
        rowAxis.setGridBandsVisible(false);
        rowAxis.setTickLabelFont(ChartStyle.TICK);
        rowAxis.setTickLabelPaint(ChartStyle.TEXT);
        rowAxis.setAxisLinePaint(ChartStyle.AXIS);
        rowAxis.setTickMarksVisible(false);
        rowAxis.setLowerMargin(0);
        rowAxis.setUpperMargin(0);
        rowAxis.setRange(-0.6, rows - 0.4);
        String timeLabel = spec.yLabel() != null ? spec.yLabel()
                : time ? "time since " + Columns.STAMP.format(java.time.Instant.ofEpochSecond(0, t0 == Long.MAX_VALUE ? 0 : t0)) + " UTC" : d.name(start);
        NumberAxis timeAxis = ChartStyle.numberAxis(text.apply(timeLabel), unit);
        timeAxis.setAutoRangeIncludesZero(false);
        double pad = (hi - lo) * 0.02;
        timeAxis.setRange(lo - pad, hi + Math.max(pad, 1e-9));
        XYPlot plot = new XYPlot(ds, rowAxis, timeAxis, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        JFreeChart chart = new JFreeChart(null, ChartStyle.TITLE, plot, s >= 0);
        ChartStyle.apply(chart);
        plot.setDomainGridlinesVisible(false);
        plot.setOutlineVisible(false);
        rowAxis.setTickLabelPaint(ChartStyle.TEXT);
        int h = Math.min(ChartSpec.MAX_PIXELS, Math.max(240, 130 + (s >= 0 ? 30 : 0) + 24 * rows));
        return new Drawn(chart, h, notes);
    }

    private static double rel(long t, long t0) {
        return t == Long.MIN_VALUE ? Double.NaN : (t - t0) / 1e9;
    }
}
