package ior.analyzer.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Counts per bucket, buckets in order along x. Power-of-two buckets (latency, sizes) are labelled
 * as ranges ("4–8 µs") and every bucket between the smallest and largest is drawn, empty ones too,
 * so the shape is honest. Raw values (no count column) are bucketed by powers of two here.
 */
final class HistogramChart {
    private HistogramChart() {}

    static final int MAX_BUCKETS = 80;

    static Drawn build(ChartSpec spec, TabularData d, UnaryOperator<String> text) {
        int x = Columns.optional(d, spec.x());
        int y = Columns.optional(d, spec.y());
        if (x < 0) x = Columns.first(d, y);
        Columns.numeric(d, x, "bucket (x)");
        if (y < 0 && spec.y() == null) y = Columns.lastNumeric(d, x);
        if (y >= 0) Columns.numeric(d, y, "count (y)");
        int sc = Columns.optional(d, spec.series());
        if (sc < 0 && spec.series() == null && spec.x() == null) sc = Columns.leftoverText(d, x, y);
        final int s = sc;
        boolean raw = y < 0;
        Unit xUnit = spec.xUnit() != null ? spec.xUnit() : Unit.infer(d.name(x));
        Unit yUnit = raw ? Unit.COUNT : spec.yUnit() != null ? spec.yUnit() : Unit.infer(d.name(y));
        if (yUnit == Unit.NONE) yUnit = Unit.COUNT;

        // bucket lower bound -> series -> count
        TreeMap<Double, LinkedHashMap<String, Double>> buckets = new TreeMap<>();
        LinkedHashMap<String, String> series = Columns.rankSeries(d, s, y, spec.maxSeries(), text);
        boolean pow2 = true;
        for (int r = 0; r < d.rowCount(); r++) {
            double v = d.number(r, x);
            if (Double.isNaN(v)) continue;
            double b = raw ? pow2Floor(v) : v;
            double c = raw ? 1 : d.number(r, y);
            if (Double.isNaN(c)) continue;
            if (!raw && !isPow2(b)) pow2 = false;
            buckets.computeIfAbsent(b, k -> new LinkedHashMap<>()).merge(series.get(Columns.seriesKey(d, r, s, text)), c, Double::sum);
        }
        if (!buckets.isEmpty() && pow2) {
            double lo = buckets.firstKey(), hi = buckets.lastKey();
            for (double b = Math.max(lo, 1); b < hi && buckets.size() < MAX_BUCKETS * 4; b *= 2) buckets.computeIfAbsent(b, k -> new LinkedHashMap<>());
        }
        List<String> notes = new ArrayList<>();
        List<Double> keys = new ArrayList<>(buckets.keySet());
        if (keys.size() > MAX_BUCKETS) {
            notes.add("largest " + MAX_BUCKETS + " of " + keys.size() + " buckets shown");
            keys = keys.subList(keys.size() - MAX_BUCKETS, keys.size());
        }
        List<String> seriesShown = new ArrayList<>(new java.util.LinkedHashSet<>(series.values()));
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (int i = 0; i < keys.size(); i++) {
            double b = keys.get(i);
            String label = pow2 ? range(b, xUnit) : xUnit.format(b);
            BarChart.Category cat = new BarChart.Category(label, label, i);
            for (String ser : seriesShown) {
                Double c = buckets.get(b).get(ser);
                ds.addValue(c == null ? 0 : c, ser.isEmpty() ? (raw ? "count" : d.name(y)) : ser, cat);
            }
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(0.02);
        final Unit countUnit = yUnit;
        renderer.setDefaultToolTipGenerator((dataset, row, column) -> {
            BarChart.Category c = (BarChart.Category) dataset.getColumnKey(column);
            String ser = s >= 0 ? dataset.getRowKey(row) + " " : "";
            Number v = dataset.getValue(row, column);
            if (v == null || v.doubleValue() == 0) return null;
            return ser + c.full() + ": " + countUnit.formatExact(v.doubleValue());
        });
        renderer.setAutoPopulateSeriesPaint(false); // explicit colours survive the theme
        for (int c = 0; c < seriesShown.size(); c++)
            renderer.setSeriesPaint(c, Columns.OTHER.equals(seriesShown.get(c)) ? ChartStyle.OTHER : ChartStyle.color(c));

        String xLabel = spec.xLabel() != null ? spec.xLabel() : d.name(x) + (pow2 ? " (power-of-two buckets)" : "");
        CategoryAxis cat = new CategoryAxis(text.apply(xLabel));
        cat.setCategoryMargin(0.12);
        cat.setLowerMargin(0.01);
        cat.setUpperMargin(0.01);
        cat.setTickLabelFont(ChartStyle.TICK);
        cat.setTickLabelPaint(ChartStyle.MUTED);
        cat.setLabelFont(ChartStyle.LABEL);
        cat.setAxisLinePaint(ChartStyle.AXIS);
        if (keys.size() > 10) cat.setCategoryLabelPositions(UP_45_WIDE);
        else cat.setMaximumCategoryLabelWidthRatio(1.5f);
        String yLabel = spec.yLabel() != null ? spec.yLabel() : raw ? "count" : d.name(y);
        ValueAxis va;
        if (spec.logY()) {
            va = ChartStyle.logAxis(text.apply(yLabel), yUnit, 0.5);
        } else {
            NumberAxis na = ChartStyle.numberAxis(text.apply(yLabel), yUnit);
            va = na;
        }
        CategoryPlot plot = new CategoryPlot(ds, cat, va, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setDomainGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(null, ChartStyle.TITLE, plot, s >= 0);
        ChartStyle.apply(chart);
        plot.setOutlineVisible(false);
        return new Drawn(chart, 0, notes);
    }

    /** Labels at 45° that may use the whole height of the plot before JFreeChart cuts them. */
    static final CategoryLabelPositions UP_45_WIDE = new CategoryLabelPositions(
            new org.jfree.chart.axis.CategoryLabelPosition(org.jfree.chart.ui.RectangleAnchor.BOTTOM, org.jfree.chart.text.TextBlockAnchor.BOTTOM_LEFT,
                    org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT, -Math.PI / 4, org.jfree.chart.axis.CategoryLabelWidthType.RANGE, 1.0f),
            new org.jfree.chart.axis.CategoryLabelPosition(org.jfree.chart.ui.RectangleAnchor.TOP, org.jfree.chart.text.TextBlockAnchor.TOP_RIGHT,
                    org.jfree.chart.ui.TextAnchor.TOP_RIGHT, -Math.PI / 4, org.jfree.chart.axis.CategoryLabelWidthType.RANGE, 1.0f),
            new org.jfree.chart.axis.CategoryLabelPosition(org.jfree.chart.ui.RectangleAnchor.RIGHT, org.jfree.chart.text.TextBlockAnchor.BOTTOM_RIGHT,
                    org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT, -Math.PI / 4, org.jfree.chart.axis.CategoryLabelWidthType.RANGE, 1.0f),
            new org.jfree.chart.axis.CategoryLabelPosition(org.jfree.chart.ui.RectangleAnchor.LEFT, org.jfree.chart.text.TextBlockAnchor.TOP_LEFT,
                    org.jfree.chart.ui.TextAnchor.TOP_LEFT, -Math.PI / 4, org.jfree.chart.axis.CategoryLabelWidthType.RANGE, 1.0f));

    static boolean isPow2(double b) {
        if (b == 0) return true;
        if (b < 0 || Double.isInfinite(b)) return false;
        double e = Math.log(b) / Math.log(2);
        return Math.abs(e - Math.rint(e)) < 1e-9;
    }

    /** The power-of-two bucket holding v: 0 for v < 1. */
    static double pow2Floor(double v) {
        if (v < 1) return 0;
        return Math.pow(2, Math.floor(Math.log(v) / Math.log(2) + 1e-12));
    }

    /** "4–8 µs", "1–2 KiB", "0–1 ns". */
    static String range(double lo, Unit u) {
        double hi = lo == 0 ? 1 : lo * 2;
        String a = u.format(lo), b = u.format(hi);
        int sp = a.lastIndexOf(' '), sp2 = b.lastIndexOf(' ');
        // no-break spaces: JFreeChart wraps category labels at spaces and then cuts them to "..."
        String r;
        if (sp > 0 && sp2 > 0 && a.substring(sp).equals(b.substring(sp2))) r = a.substring(0, sp) + "–" + b;
        else if (lo == 0 && sp2 > 0) r = "0–" + b;
        else r = a + "–" + b;
        return r.replace(' ', '\u00a0');
    }
}
