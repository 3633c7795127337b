package ior.analyzer.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;

/** Horizontal bars, one per category in row order (top-N tables); series are stacked. */
final class BarChart {
    private BarChart() {}

    static final int LABEL_CHARS = 60;

    static Drawn build(ChartSpec spec, TabularData d, UnaryOperator<String> text) {
        int y = Columns.optional(d, spec.y());
        int x = Columns.optional(d, spec.x());
        if (y < 0) y = Columns.lastNumeric(d, x);
        Columns.numeric(d, y, "value (y)");
        if (x < 0) x = Columns.first(d, y);
        if (x < 0) throw new ChartException("a bar chart needs a category column and a value column");
        int sc = Columns.optional(d, spec.series());
        if (sc < 0 && spec.series() == null && spec.x() == null) sc = Columns.leftoverText(d, x, y);
        final int s = sc;
        Unit unit = spec.yUnit() != null ? spec.yUnit() : Unit.infer(d.name(y));

        LinkedHashMap<String, String> series = Columns.rankSeries(d, s, y, spec.maxSeries(), text);
        LinkedHashMap<String, Integer> categories = new LinkedHashMap<>();
        Columns.Grid grid = new Columns.Grid();
        List<String> notes = new ArrayList<>();
        int dropped = 0;
        for (int r = 0; r < d.rowCount(); r++) {
            String raw = d.text(r, x);
            String cat = raw == null ? "NULL" : text.apply(raw);
            if (!categories.containsKey(cat)) {
                if (categories.size() >= spec.maxCategories()) {
                    dropped++;
                    continue;
                }
                categories.put(cat, categories.size());
            }
            double v = d.number(r, y);
            if (Double.isNaN(v)) continue;
            grid.add(cat, series.get(Columns.seriesKey(d, r, s, text)), v);
        }
        if (dropped > 0) notes.add("first " + categories.size() + " categories shown; " + dropped + " more rows left out");

        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        List<String> seriesShown = new ArrayList<>();
        for (String k : new java.util.LinkedHashSet<>(series.values())) if (grid.cols.containsKey(k)) seriesShown.add(k);
        int i = 0;
        for (String cat : grid.rows.keySet()) {
            Category key = new Category(Columns.shorten(cat, LABEL_CHARS), cat, i++);
            for (int c = 0; c < seriesShown.size(); c++)
                ds.addValue(grid.get(grid.rows.get(cat), grid.cols.get(seriesShown.get(c))), seriesShown.get(c).isEmpty() ? d.name(y) : seriesShown.get(c), key);
        }
        boolean stacked = s >= 0;
        BarRenderer renderer = stacked ? new StackedBarRenderer() : new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(0.0);
        renderer.setMaximumBarWidth(0.08);
        ChartStyle.UnitFormat fmt = new ChartStyle.UnitFormat(unit);
        renderer.setDefaultToolTipGenerator((dataset, row, column) -> {
            Category c = (Category) dataset.getColumnKey(column);
            String ser = s >= 0 ? " (" + dataset.getRowKey(row) + ")" : "";
            Number v = dataset.getValue(row, column);
            if (v == null || v.doubleValue() == 0) return null; // an empty stack segment: nothing to hover
            return c.full + ser + ": " + unit.formatExact(v.doubleValue());
        });
        if (!stacked) {
            renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", fmt));
            renderer.setDefaultItemLabelsVisible(true);
            renderer.setDefaultItemLabelFont(ChartStyle.TICK);
            renderer.setDefaultItemLabelPaint(ChartStyle.MUTED);
            renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
            renderer.setItemLabelInsets(new org.jfree.chart.ui.RectangleInsets(2, 4, 2, 4));
        }
        renderer.setAutoPopulateSeriesPaint(false); // explicit colours survive the theme
        for (int c = 0; c < seriesShown.size(); c++)
            renderer.setSeriesPaint(c, Columns.OTHER.equals(seriesShown.get(c)) && stacked ? ChartStyle.OTHER : ChartStyle.color(c));

        CategoryAxis catAxis = new CategoryAxis(spec.xLabel() != null ? text.apply(spec.xLabel()) : null);
        catAxis.setMaximumCategoryLabelWidthRatio(0.45f);
        catAxis.setCategoryMargin(0.25);
        catAxis.setLowerMargin(0.01);
        catAxis.setUpperMargin(0.01);
        catAxis.setTickLabelFont(ChartStyle.TICK);
        catAxis.setTickLabelPaint(ChartStyle.TEXT);
        catAxis.setAxisLinePaint(ChartStyle.AXIS);
        catAxis.setTickMarksVisible(false);
        String valueLabel = spec.yLabel() != null ? spec.yLabel() : d.name(y);
        ValueAxis valueAxis;
        if (spec.logY()) {
            valueAxis = ChartStyle.logAxis(text.apply(valueLabel), unit, 1);
        } else {
            NumberAxis na = ChartStyle.numberAxis(text.apply(valueLabel), unit);
            na.setUpperMargin(stacked ? 0.05 : 0.15); // room for the value labels
            valueAxis = na;
        }
        CategoryPlot plot = new CategoryPlot(ds, catAxis, valueAxis, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(true);
        JFreeChart chart = new JFreeChart(null, ChartStyle.TITLE, plot, stacked);
        ChartStyle.apply(chart);
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        plot.setOutlineVisible(false);
        int n = Math.max(1, grid.rows.size());
        int h = Math.min(ChartSpec.MAX_PIXELS, Math.max(260, 120 + (stacked ? 40 : 0) + 24 * n));
        return new Drawn(chart, h, notes);
    }

    /** A category: the label drawn (shortened) and the full text for the tooltip; unique by position. */
    record Category(String shown, String full, int index) implements Comparable<Category> {
        @Override
        public int compareTo(Category o) {
            return Integer.compare(index, o.index);
        }

        @Override
        public String toString() {
            return shown;
        }
    }
}
