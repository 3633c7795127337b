package ior.analyzer.chart;

import java.util.Locale;

/**
 * The kinds of chart ior draws. Each reads its columns by name (from {@link ChartSpec}) or, when
 * none are named, by position, as listed here.
 */
public enum ChartType {
    /** Horizontal bars: (category, value[, series]); series are stacked. Top-N tables. */
    BAR,
    /** Lines over x: (x, y[, series]); x numeric or time. */
    LINE,
    /**
     * Bucketed counts: (bucket, count[, series]) where bucket is the lower bound of a bucket
     * (power-of-two buckets are labelled as ranges and gaps filled with zero), or (value[, series])
     * raw values, bucketed here by powers of two.
     */
    HISTOGRAM,
    /** Colour-coded counts over two axes: (x, y bucket, count); y power-of-two buckets use a log scale. */
    HEATMAP,
    /** Stacked bars over time bins: (time, value[, series[, facet]]); each facet is its own panel. */
    TIMELINE,
    /** One horizontal bar per row from start to end: (label, start, end[, series]). */
    GANTT;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChartType parse(String s) {
        for (ChartType t : values()) if (t.cliName().equalsIgnoreCase(s.trim())) return t;
        throw new ChartException("unknown chart type '" + s + "' (bar, line, histogram, heatmap, timeline, gantt)");
    }
}
