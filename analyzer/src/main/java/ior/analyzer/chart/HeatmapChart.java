package ior.analyzer.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

import java.awt.Color;
import java.awt.Paint;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A latency heatmap as Brendan Gregg draws them: time along x, power-of-two latency buckets up y,
 * the colour of each cell the number of calls (white nothing, pale yellow few, dark red many, on
 * a log scale so rare slow calls still show).
 */
final class HeatmapChart {
    private HeatmapChart() {}

    static final int MAX_CELLS = 200_000;

    static Drawn build(ChartSpec spec, TabularData d, UnaryOperator<String> text) {
        int x = Columns.optional(d, spec.x());
        int y = Columns.optional(d, spec.y());
        int z = Columns.optional(d, spec.z());
        if (d.columnCount() < 3 && (x < 0 || y < 0 || z < 0))
            throw new ChartException("a heatmap needs three columns: x (time), y (bucket), count");
        if (x < 0) x = Columns.first(d, y, z);
        if (y < 0) y = Columns.first(d, x, z);
        if (z < 0) z = Columns.lastNumeric(d, x, y);
        Columns.numeric(d, y, "bucket (y)");
        Columns.numeric(d, z, "count");
        Columns.XValues xs = Columns.XValues.of(d, x, "x", spec.xUnit(), spec.xLabel());
        Unit yUnit = spec.yUnit() != null ? spec.yUnit() : Unit.infer(d.name(y));
        Unit zUnit = Unit.infer(d.name(z)) == Unit.NONE ? Unit.COUNT : Unit.infer(d.name(z));
        if (d.rowCount() > MAX_CELLS) throw new ChartException("a heatmap of more than " + MAX_CELLS + " cells: use wider buckets in SQL");

        boolean pow2 = true;
        for (int r = 0; r < d.rowCount(); r++) {
            double v = d.number(r, y);
            if (!Double.isNaN(v) && (v <= 0 || !HistogramChart.isPow2(v))) pow2 = v == 0 && pow2;
        }
        int n = 0;
        double[][] xyz = new double[3][d.rowCount()];
        double zmin = Double.MAX_VALUE, zmax = 0, ymin = Double.MAX_VALUE, ymax = -Double.MAX_VALUE;
        for (int r = 0; r < d.rowCount(); r++) {
            double xv = xs.values[r], yv = d.number(r, y), zv = d.number(r, z);
            if (Double.isNaN(xv) || Double.isNaN(yv) || Double.isNaN(zv) || zv <= 0) continue;
            double yy = pow2 ? (yv <= 0 ? -1 : Math.rint(Math.log(yv) / Math.log(2))) : yv;
            xyz[0][n] = xv;
            xyz[1][n] = yy;
            xyz[2][n] = zv;
            n++;
            zmin = Math.min(zmin, zv);
            zmax = Math.max(zmax, zv);
            ymin = Math.min(ymin, yy);
            ymax = Math.max(ymax, yy);
        }
        double[][] data = {java.util.Arrays.copyOf(xyz[0], n), java.util.Arrays.copyOf(xyz[1], n), java.util.Arrays.copyOf(xyz[2], n)};
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries(d.name(z), data);
        if (n == 0) {
            zmin = 1;
            zmax = 1;
            ymin = 0;
            ymax = 1;
        }

        if (zmax <= zmin) zmax = zmin + 1; // one colour: the legend still needs a range
        double width = xs.step();
        double height = pow2 ? 1 : stepOf(data[1]);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(width);
        renderer.setBlockHeight(height);
        renderer.setBlockAnchor(RectangleAnchor.BOTTOM_LEFT);
        LogScale scale = new LogScale(zmin, zmax);
        renderer.setPaintScale(scale);
        Unit xUnit = xs.unit;
        final boolean p2 = pow2;
        renderer.setDefaultToolTipGenerator((dataset, ser, item) -> {
            double yv = dataset.getYValue(ser, item);
            String bucket = p2 ? HistogramChart.range(yv < 0 ? 0 : Math.pow(2, yv), yUnit) : yUnit.format(yv);
            return xUnit.format(dataset.getXValue(ser, item)) + ", " + bucket + ": " + zUnit.formatExact(((DefaultXYZDataset) dataset).getZValue(ser, item));
        });

        NumberAxis xAxis = LineChart.xAxis(xs, text);
        xAxis.setAutoRangeIncludesZero(false);
        if (n > 0) {
            double lo = java.util.Arrays.stream(data[0]).min().orElse(0), hi = java.util.Arrays.stream(data[0]).max().orElse(1);
            xAxis.setRange(lo, hi + width);
        }
        String yLabel = spec.yLabel() != null ? spec.yLabel() : d.name(y) + (pow2 ? " (power-of-two buckets)" : "");
        NumberAxis yAxis;
        if (pow2) {
            yAxis = new NumberAxis(text.apply(yLabel));
            ChartStyle.axis(yAxis);
            yAxis.setNumberFormatOverride(new Pow2Format(yUnit));
            double span = ymax + 1 - ymin;
            yAxis.setTickUnit(new NumberTickUnit(span > 24 ? 4 : span > 12 ? 2 : 1));
            yAxis.setRange(ymin, ymax + 1);
        } else {
            yAxis = ChartStyle.numberAxis(text.apply(yLabel), yUnit);
            yAxis.setRange(ymin, ymax + height);
        }
        XYPlot plot = new XYPlot(ds, xAxis, yAxis, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(null, ChartStyle.TITLE, plot, false);
        ChartStyle.apply(chart);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(true);
        plot.setOutlinePaint(ChartStyle.GRID);

        ValueAxis legendAxis;
        if (zmax >= zmin * 10) {
            LogAxis la = new LogAxis(zUnit == Unit.COUNT ? "count" : d.name(z));
            la.setNumberFormatOverride(new ChartStyle.UnitFormat(zUnit));
            la.setSmallestValue(zmin);
            la.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // ticks at powers of ten
            legendAxis = la;
        } else {
            legendAxis = ChartStyle.numberAxis(zUnit == Unit.COUNT ? "count" : d.name(z), zUnit);
        }
        ChartStyle.axis(legendAxis);
        legendAxis.setRange(zmin, Math.max(zmax, zmin * 1.0001));
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
        legend.setMargin(new RectangleInsets(30, 12, 40, 0));
        legend.setStripWidth(14);
        legend.setStripOutlineVisible(false);
        legend.setSubdivisionCount(64);
        legend.setFrame(BlockBorder.NONE);
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        return new Drawn(chart, 0, List.of());
    }

    static double stepOf(double[] v) {
        double[] s = java.util.Arrays.stream(v).distinct().sorted().toArray();
        double best = Double.MAX_VALUE;
        for (int i = 1; i < s.length; i++) best = Math.min(best, s[i] - s[i - 1]);
        return best == Double.MAX_VALUE || best <= 0 ? 1 : best;
    }

    /** Colour by log(count): white-yellow through orange to dark red (ColorBrewer YlOrRd). */
    static final class LogScale implements PaintScale {
        static final Color[] RAMP = {new Color(0xffffb2), new Color(0xfed976), new Color(0xfeb24c), new Color(0xfd8d3c),
                new Color(0xfc4e2a), new Color(0xe31a1c), new Color(0xb10026), new Color(0x6e0018)};
        private final double lo, hi;

        LogScale(double lo, double hi) {
            this.lo = lo;
            this.hi = Math.max(hi, lo);
        }

        @Override
        public double getLowerBound() {
            return lo;
        }

        @Override
        public double getUpperBound() {
            return hi;
        }

        @Override
        public Paint getPaint(double value) {
            if (Double.isNaN(value) || value <= 0) return Color.WHITE;
            double t = hi <= lo ? 1 : (Math.log(Math.max(value, lo)) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
            t = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
            int i = (int) Math.floor(t);
            if (i >= RAMP.length - 1) return RAMP[RAMP.length - 1];
            double f = t - i;
            Color a = RAMP[i], b = RAMP[i + 1];
            return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                    (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                    (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
        }
    }

    /** Tick labels of a log2 bucket index axis: index i is shown as 2^i in the unit. */
    static final class Pow2Format extends NumberFormat {
        private final Unit unit;

        Pow2Format(Unit unit) {
            this.unit = unit;
        }

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(number < 0 ? "0" : unit.format(Math.pow(2, Math.rint(number))));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return format((double) number, toAppendTo, pos);
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            return null;
        }
    }
}
