package ior.analyzer.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * The look of every ior chart: white background, light grid, a colour-blind-friendly palette
 * (Tableau 10), no gradients or shadows, sans-serif text, the legend below. JFreeChart's default
 * grey look is replaced through a theme applied to each chart (never globally).
 */
final class ChartStyle {
    private ChartStyle() {}

    static final Color TEXT = new Color(0x22, 0x22, 0x22);
    static final Color MUTED = new Color(0x55, 0x55, 0x55);
    static final Color GRID = new Color(0xe3, 0xe3, 0xe3);
    static final Color AXIS = new Color(0x99, 0x99, 0x99);
    static final Color WARNING = new Color(0xb0, 0x1c, 0x1c);
    static final Color OTHER = new Color(0xba, 0xb0, 0xac);

    static final Paint[] PALETTE = {
            new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759), new Color(0x76b7b2), new Color(0x59a14f),
            new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f), new Color(0x86bcb6),
            new Color(0x8cd17d), new Color(0xd4a6c8)};

    static final String FAMILY = Font.SANS_SERIF;
    static final Font TITLE = new Font(FAMILY, Font.BOLD, 17);
    static final Font SUBTITLE = new Font(FAMILY, Font.PLAIN, 12);
    static final Font LABEL = new Font(FAMILY, Font.PLAIN, 13);
    static final Font TICK = new Font(FAMILY, Font.PLAIN, 11);

    static Paint color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    private static StandardChartTheme theme() {
        StandardChartTheme t = new StandardChartTheme("ior");
        t.setExtraLargeFont(TITLE);
        t.setLargeFont(LABEL);
        t.setRegularFont(TICK);
        t.setSmallFont(TICK);
        t.setTitlePaint(TEXT);
        t.setSubtitlePaint(MUTED);
        t.setChartBackgroundPaint(Color.WHITE);
        t.setPlotBackgroundPaint(Color.WHITE);
        t.setPlotOutlinePaint(Color.WHITE);
        t.setLegendBackgroundPaint(Color.WHITE);
        t.setLegendItemPaint(TEXT);
        t.setDomainGridlinePaint(GRID);
        t.setRangeGridlinePaint(GRID);
        t.setAxisLabelPaint(TEXT);
        t.setTickLabelPaint(MUTED);
        t.setAxisOffset(RectangleInsets.ZERO_INSETS);
        t.setBarPainter(new StandardBarPainter());
        t.setXYBarPainter(new StandardXYBarPainter());
        t.setShadowVisible(false);
        t.setItemLabelPaint(MUTED);
        t.setDrawingSupplier(new DefaultDrawingSupplier(PALETTE, DefaultDrawingSupplier.DEFAULT_FILL_PAINT_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE, DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE, DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
        return t;
    }

    /** Applies the theme, then the layout details a theme does not cover. */
    static void apply(JFreeChart chart) {
        theme().apply(chart);
        chart.setPadding(new RectangleInsets(10, 12, 8, 16));
        chart.setTextAntiAlias(true);
        chart.setAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setHorizontalAlignment(HorizontalAlignment.LEFT);
            chart.getTitle().setMargin(0, 4, 6, 0);
        }
        solidGrid(chart.getPlot());
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setFrame(BlockBorder.NONE);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setItemFont(TICK);
            legend.setMargin(6, 0, 0, 0);
        }
    }

    /** Thin solid grid lines instead of JFreeChart's dashes. */
    private static void solidGrid(org.jfree.chart.plot.Plot p) {
        BasicStroke grid = new BasicStroke(0.7f);
        if (p instanceof org.jfree.chart.plot.CombinedDomainXYPlot c) for (Object sub : c.getSubplots()) solidGrid((org.jfree.chart.plot.Plot) sub);
        if (p instanceof org.jfree.chart.plot.XYPlot x) {
            x.setDomainGridlineStroke(grid);
            x.setRangeGridlineStroke(grid);
        } else if (p instanceof org.jfree.chart.plot.CategoryPlot c) {
            c.setDomainGridlineStroke(grid);
            c.setRangeGridlineStroke(grid);
        }
    }

    /** A subtitle line under the title: muted, or red for a caveat such as lost events. */
    static TextTitle subtitle(String text, boolean warning) {
        TextTitle t = new TextTitle(text, warning ? SUBTITLE.deriveFont(Font.BOLD) : SUBTITLE);
        t.setPaint(warning ? WARNING : MUTED);
        t.setHorizontalAlignment(HorizontalAlignment.LEFT);
        t.setMargin(0, 4, 4, 0);
        return t;
    }

    /** Axis look: a thin axis line, muted ticks. */
    static void axis(ValueAxis a) {
        a.setAxisLinePaint(AXIS);
        a.setAxisLineStroke(new BasicStroke(0.8f));
        a.setTickMarkPaint(AXIS);
        a.setLabelFont(LABEL);
        a.setLabelPaint(TEXT);
        a.setTickLabelFont(TICK);
        a.setTickLabelPaint(MUTED);
    }

    /** A number axis whose ticks are in the unit (1 MiB steps for bytes, 1/2/5 steps elsewhere). */
    static NumberAxis numberAxis(String label, Unit unit) {
        NumberAxis a = new UnitAxis(label);
        unitTicks(a, unit);
        axis(a);
        return a;
    }

    /** A log axis with ticks at powers of ten, labelled in the unit. */
    static org.jfree.chart.axis.LogAxis logAxis(String label, Unit unit, double smallest) {
        org.jfree.chart.axis.LogAxis a = new org.jfree.chart.axis.LogAxis(label);
        a.setNumberFormatOverride(new UnitFormat(unit));
        a.setSmallestValue(smallest);
        a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis(a);
        return a;
    }

    static void unitTicks(NumberAxis a, Unit unit) {
        NumberFormat f = new UnitFormat(unit);
        TickUnits units = new TickUnits();
        if (unit.isBytes()) {
            for (int p = 0; p <= 60; p += 10) {
                double base = Math.pow(2, p);
                for (int m : new int[] {1, 2, 4, 8, 16, 32, 64, 128, 256, 512})
                    if (p + Integer.numberOfTrailingZeros(m) <= 62) units.add(new NumberTickUnit(base * m, f));
            }
        } else {
            boolean integers = unit == Unit.COUNT;
            for (int e = integers ? 0 : -9; e <= 18; e++) {
                double base = Math.pow(10, e);
                for (double m : new double[] {1, 2, 2.5, 5}) {
                    if (integers && base * m != Math.rint(base * m)) continue;
                    units.add(new NumberTickUnit(base * m, f));
                }
            }
        }
        a.setStandardTickUnits(units);
        a.setNumberFormatOverride(null);
    }

    /**
     * A number axis that sizes its ticks by the widest label it would draw. JFreeChart measures
     * only the labels at the ends of the range, which for "0" .. "1 s" leaves no room for "950 ms".
     */
    static final class UnitAxis extends NumberAxis {
        UnitAxis(String label) {
            super(label);
        }

        @Override
        protected double estimateMaximumTickLabelWidth(java.awt.Graphics2D g2, org.jfree.chart.axis.TickUnit unit) {
            double base = super.estimateMaximumTickLabelWidth(g2, unit);
            if (isVerticalTickLabels()) return base;
            java.awt.FontMetrics fm = g2.getFontMetrics(getTickLabelFont());
            double lo = getRange().getLowerBound(), hi = getRange().getUpperBound(), step = unit.getSize();
            if (step <= 0 || (hi - lo) / step > 200) return base;
            double widest = base;
            for (double v = Math.ceil(lo / step) * step; v <= hi; v += step) widest = Math.max(widest, fm.stringWidth(unit.valueToString(v)));
            return widest * 1.4 + 6; // and some air between labels
        }

        /** Room for two labels' height per tick on vertical axes: fewer, calmer grid lines. */
        @Override
        protected double estimateMaximumTickLabelHeight(java.awt.Graphics2D g2) {
            return super.estimateMaximumTickLabelHeight(g2) * 2.2;
        }
    }

    /** {@link Unit#format} as a NumberFormat for JFreeChart's axes and labels. */
    static final class UnitFormat extends NumberFormat {
        private final Unit unit;

        UnitFormat(Unit unit) {
            this.unit = unit;
        }

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(unit.format(number));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(unit.format(number));
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            return null;
        }
    }
}
