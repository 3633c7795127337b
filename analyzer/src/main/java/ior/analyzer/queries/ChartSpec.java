package ior.analyzer.queries;

import java.util.List;

/**
 * How a query's result is best drawn, declared in its header as
 * {@code -- chart: TYPE x=COL y=COL[,COL...] [series=COL]} or {@code -- chart: table}.
 * Types: bar (categories on x), line and area (time or ordered x), scatter, table (no chart).
 * The columns named exist in the query's result (QueryLibraryTest checks it).
 */
public record ChartSpec(String type, String x, List<String> y, String series) {
    public static final List<String> TYPES = List.of("bar", "line", "area", "scatter", "table");

    public static final ChartSpec TABLE = new ChartSpec("table", null, List.of(), null);

    public ChartSpec {
        y = List.copyOf(y);
    }

    public boolean isChart() {
        return !type.equals("table");
    }

    /** The header form, for listings and docs. */
    @Override
    public String toString() {
        if (!isChart()) return "table";
        StringBuilder b = new StringBuilder(type).append(" x=").append(x).append(" y=").append(String.join(",", y));
        if (series != null) b.append(" series=").append(series);
        return b.toString();
    }
}
