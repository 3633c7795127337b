package ior.analyzer.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.UnaryOperator;

/** Lines (or steps) over a numeric or time x, one per series. */
final class LineChart {
    private LineChart() {}

    static Drawn build(ChartSpec spec, TabularData d, UnaryOperator<String> text) {
        int x = Columns.optional(d, spec.x());
        int y = Columns.optional(d, spec.y());
        if (x < 0) x = Columns.first(d, y);
        if (y < 0) y = Columns.lastNumeric(d, x);
        Columns.numeric(d, y, "value (y)");
        int sc = Columns.optional(d, spec.series());
        if (sc < 0 && spec.series() == null && spec.x() == null) sc = Columns.leftoverText(d, x, y);
        final int s = sc;
        Columns.XValues xs = Columns.XValues.of(d, x, "x", spec.xUnit(), spec.xLabel());
        Unit yUnit = spec.yUnit() != null ? spec.yUnit() : Unit.infer(d.name(y));

        LinkedHashMap<String, String> series = Columns.rankSeries(d, s, y, spec.maxSeries(), text);
        List<String> shown = new ArrayList<>(new LinkedHashSet<>(series.values()));
        XYSeriesCollection ds = new XYSeriesCollection();
        List<XYSeries> list = new ArrayList<>();
        for (String k : shown) {
            XYSeries xy = new XYSeries(k.isEmpty() ? d.name(y) : k, true, true);
            list.add(xy);
            ds.addSeries(xy);
        }
        // "other" sums the folded series per x, so its line is their total
        LinkedHashMap<Double, Double> other = new LinkedHashMap<>();
        int otherIndex = shown.indexOf(Columns.OTHER);
        int points = 0;
        for (int r = 0; r < d.rowCount(); r++) {
            double xv = xs.values[r], yv = d.number(r, y);
            if (Double.isNaN(xv) || Double.isNaN(yv)) continue;
            String key = series.get(Columns.seriesKey(d, r, s, text));
            int idx = shown.indexOf(key);
            if (idx == otherIndex && s >= 0) other.merge(xv, yv, Double::sum);
            else list.get(idx).add(xv, yv, false);
            points++;
        }
        if (otherIndex >= 0 && s >= 0) other.forEach((k, v) -> list.get(otherIndex).add(k, v, false));
        for (XYSeries xy : list) xy.fireSeriesChanged();

        XYLineAndShapeRenderer renderer = spec.step() ? new XYStepRenderer() : new XYLineAndShapeRenderer(true, false);
        boolean shapes = points / Math.max(1, shown.size()) <= 40;
        renderer.setDefaultShapesVisible(shapes && !spec.step());
        renderer.setAutoPopulateSeriesPaint(false); // explicit colours survive the theme
        renderer.setAutoPopulateSeriesStroke(false);
        renderer.setAutoPopulateSeriesShape(false);
        for (int i = 0; i < shown.size(); i++) {
            renderer.setSeriesPaint(i, Columns.OTHER.equals(shown.get(i)) && s >= 0 ? ChartStyle.OTHER : ChartStyle.color(i));
            renderer.setSeriesStroke(i, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        }
        Unit xUnit = xs.unit;
        renderer.setDefaultToolTipGenerator((dataset, ser, item) -> {
            String name = s >= 0 ? dataset.getSeriesKey(ser) + ": " : "";
            return name + xUnit.format(dataset.getXValue(ser, item)) + " → " + yUnit.formatExact(dataset.getYValue(ser, item));
        });
        XYPlot plot = new XYPlot(ds, xAxis(xs, text), yAxis(spec, text.apply(spec.yLabel() != null ? spec.yLabel() : d.name(y)), yUnit), (XYItemRenderer) renderer);
        JFreeChart chart = new JFreeChart(null, ChartStyle.TITLE, plot, s >= 0);
        ChartStyle.apply(chart);
        plot.setOutlineVisible(false);
        return new Drawn(chart, 0, List.of());
    }

    static NumberAxis xAxis(Columns.XValues xs, UnaryOperator<String> text) {
        NumberAxis a = ChartStyle.numberAxis(text.apply(xs.label), xs.unit);
        a.setAutoRangeIncludesZero(xs.time);
        a.setLowerMargin(0.01);
        a.setUpperMargin(0.01);
        return a;
    }

    static ValueAxis yAxis(ChartSpec spec, String label, Unit unit) {
        if (spec.logY()) {
            return ChartStyle.logAxis(label, unit, unit.isTime() ? 1 : 0.5);
        }
        NumberAxis a = ChartStyle.numberAxis(label, unit);
        a.setAutoRangeIncludesZero(true);
        return a;
    }
}
