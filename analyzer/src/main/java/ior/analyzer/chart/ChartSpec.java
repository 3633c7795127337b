package ior.analyzer.chart;

import java.util.Objects;

/**
 * What to draw: the chart type, which columns play which role, labels, units and size. Immutable;
 * build one with {@link #of(ChartType)}:
 *
 * <pre>{@code
 * ChartSpec spec = ChartSpec.of(ChartType.BAR).title("Files by bytes").x("file").y("bytes").build();
 * }</pre>
 *
 * Columns: x, y, z, series, facet; for GANTT x is the row label, y the start and z the end; for
 * HEATMAP z is the count that sets the colour. Null columns are taken by position (see {@link ChartType}); null units are inferred from column
 * names ({@link Unit#infer}); null axis labels are the column names; width/height 0 mean the
 * type's default (bars and Gantt rows grow with the number of rows).
 *
 * @param caveat shown under the title in red, e.g. "12 events lost: counts are lower bounds"
 * @param logY   logarithmic value axis (counts that span orders of magnitude)
 * @param step   LINE: draw as steps (levels that hold until the next point, such as open fds)
 * @param maxSeries    series beyond this many (by total) are merged into "other"
 * @param maxCategories BAR/GANTT rows, HISTOGRAM buckets beyond this many are left out (and the
 *                      subtitle says so)
 */
public record ChartSpec(ChartType type, String title, String subtitle, String caveat,
                        String x, String y, String z, String series, String facet,
                        String xLabel, String yLabel, Unit xUnit, Unit yUnit,
                        int width, int height, boolean logY, boolean step,
                        int maxSeries, int maxCategories) {
    public static final int DEFAULT_WIDTH = 1000;
    public static final int DEFAULT_HEIGHT = 560;
    public static final int MAX_PIXELS = 8000;

    public ChartSpec {
        Objects.requireNonNull(type, "type");
        if (width < 0 || width > MAX_PIXELS || height < 0 || height > MAX_PIXELS)
            throw new ChartException("chart size " + width + "x" + height + " out of range (1.." + MAX_PIXELS + " pixels a side)");
        if (maxSeries < 1) maxSeries = 8;
        if (maxCategories < 1) maxCategories = 30;
    }

    public static Builder of(ChartType type) {
        return new Builder(type);
    }

    public Builder toBuilder() {
        Builder b = new Builder(type);
        b.title = title; b.subtitle = subtitle; b.caveat = caveat;
        b.x = x; b.y = y; b.z = z; b.series = series; b.facet = facet;
        b.xLabel = xLabel; b.yLabel = yLabel; b.xUnit = xUnit; b.yUnit = yUnit;
        b.width = width; b.height = height; b.logY = logY; b.step = step;
        b.maxSeries = maxSeries; b.maxCategories = maxCategories;
        return b;
    }

    /** The width to draw at. */
    public int widthOr() {
        return width > 0 ? width : DEFAULT_WIDTH;
    }

    public static final class Builder {
        private ChartType type;
        private String title, subtitle, caveat, x, y, z, series, facet, xLabel, yLabel;
        private Unit xUnit, yUnit;
        private int width, height, maxSeries = 8, maxCategories = 30;
        private boolean logY, step;

        private Builder(ChartType type) {
            this.type = type;
        }

        public Builder type(ChartType v) { type = v; return this; }
        public Builder title(String v) { title = v; return this; }
        public Builder subtitle(String v) { subtitle = v; return this; }
        public Builder caveat(String v) { caveat = v; return this; }
        public Builder x(String column) { x = column; return this; }
        public Builder y(String column) { y = column; return this; }
        /** HEATMAP: the count (colour) column; GANTT: the end column. */
        public Builder z(String column) { z = column; return this; }
        public Builder series(String column) { series = column; return this; }
        public Builder facet(String column) { facet = column; return this; }
        public Builder xLabel(String v) { xLabel = v; return this; }
        public Builder yLabel(String v) { yLabel = v; return this; }
        public Builder xUnit(Unit v) { xUnit = v; return this; }
        public Builder yUnit(Unit v) { yUnit = v; return this; }
        public Builder size(int w, int h) { width = w; height = h; return this; }
        public Builder width(int v) { width = v; return this; }
        public Builder height(int v) { height = v; return this; }
        public Builder logY(boolean v) { logY = v; return this; }
        public Builder step(boolean v) { step = v; return this; }
        public Builder maxSeries(int v) { maxSeries = v; return this; }
        public Builder maxCategories(int v) { maxCategories = v; return this; }

        public ChartSpec build() {
            return new ChartSpec(type, title, subtitle, caveat, x, y, z, series, facet, xLabel, yLabel, xUnit, yUnit,
                    width, height, logY, step, maxSeries, maxCategories);
        }
    }
}
