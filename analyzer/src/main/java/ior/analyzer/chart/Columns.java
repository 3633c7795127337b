package ior.analyzer.chart;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Finds which columns play which role in a chart, and turns x values into numbers. */
final class Columns {
    private Columns() {}

    static final String OTHER = "other";

    /** A named column, or none (-1). */
    static int optional(TabularData d, String name) {
        return name == null || name.isBlank() ? -1 : d.column(name);
    }

    static int numeric(TabularData d, int col, String role) {
        if (col < 0) throw new ChartException("the chart needs a numeric " + role + " column");
        if (d.kind(col) == TabularData.Kind.TEXT)
            throw new ChartException("column '" + SafeText.of(d.name(col)) + "' (" + role + ") holds text, not numbers");
        return col;
    }

    /** The last numeric column not in used, or -1. */
    static int lastNumeric(TabularData d, int... used) {
        for (int i = d.columnCount() - 1; i >= 0; i--)
            if (d.kind(i) == TabularData.Kind.NUMBER && !in(i, used)) return i;
        return -1;
    }

    /** The first column not in used, or -1. */
    static int first(TabularData d, int... used) {
        for (int i = 0; i < d.columnCount(); i++) if (!in(i, used)) return i;
        return -1;
    }

    /** A remaining text column when exactly one is left over, or -1. */
    static int leftoverText(TabularData d, int... used) {
        int found = -1;
        for (int i = 0; i < d.columnCount(); i++) {
            if (in(i, used)) continue;
            if (d.kind(i) != TabularData.Kind.TEXT || found >= 0) return -1;
            found = i;
        }
        return found;
    }

    static boolean in(int i, int... used) {
        for (int u : used) if (u == i) return true;
        return false;
    }

    /** A series key as shown: the value (safe), "NULL" for null, or "" when there is no series column. */
    static String seriesKey(TabularData d, int row, int col, UnaryOperator<String> text) {
        if (col < 0) return "";
        String s = d.text(row, col);
        return s == null ? "NULL" : text.apply(s);
    }

    /**
     * Series in order of their total |value|, largest first; beyond max they are folded into
     * "other". Returns raw key -> shown key, in the order to draw.
     */
    static LinkedHashMap<String, String> rankSeries(TabularData d, int seriesCol, int valueCol, int max, UnaryOperator<String> text) {
        Map<String, Double> totals = new LinkedHashMap<>();
        for (int r = 0; r < d.rowCount(); r++) {
            double v = valueCol < 0 ? 1 : d.number(r, valueCol);
            totals.merge(seriesKey(d, r, seriesCol, text), Double.isNaN(v) ? 0 : Math.abs(v), Double::sum);
        }
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(totals.entrySet());
        if (seriesCol >= 0) sorted.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        boolean fold = sorted.size() > max;
        for (int i = 0; i < sorted.size(); i++) {
            String k = sorted.get(i).getKey();
            out.put(k, fold && i >= max - 1 ? OTHER : k);
        }
        return out;
    }

    /** Keeps the middle of a long label out: "/very/long/pa…/file.txt". */
    static String shorten(String s, int max) {
        if (s == null || s.length() <= max) return s;
        int keepEnd = max * 2 / 3, keepStart = max - keepEnd - 1;
        return s.substring(0, keepStart) + "…" + s.substring(s.length() - keepEnd);
    }

    /**
     * X values as plotted: numbers as they are, times as seconds since the first one (the axis
     * label says since when). Text cannot be an x axis here.
     */
    static final class XValues {
        final double[] values;
        final Unit unit;
        final String label;
        final boolean time;

        private XValues(double[] values, Unit unit, String label, boolean time) {
            this.values = values;
            this.unit = unit;
            this.label = label;
            this.time = time;
        }

        static XValues of(TabularData d, int col, String role, Unit unitOverride, String labelOverride) {
            if (d.kind(col) == TabularData.Kind.TEXT)
                throw new ChartException("column '" + SafeText.of(d.name(col)) + "' (" + role + ") holds text: this chart needs numbers or times there (a bar chart takes text)");
            double[] v = new double[d.rowCount()];
            if (d.kind(col) == TabularData.Kind.TIME) {
                long t0 = Long.MAX_VALUE;
                for (int r = 0; r < d.rowCount(); r++) {
                    long t = d.time(r, col);
                    if (t != Long.MIN_VALUE) t0 = Math.min(t0, t);
                }
                for (int r = 0; r < d.rowCount(); r++) {
                    long t = d.time(r, col);
                    v[r] = t == Long.MIN_VALUE ? Double.NaN : (t - t0) / 1e9;
                }
                String since = t0 == Long.MAX_VALUE ? "" : " since " + STAMP.format(Instant.ofEpochSecond(0, t0)) + " UTC";
                return new XValues(v, Unit.SECONDS, labelOverride != null ? labelOverride : "time" + since, true);
            }
            for (int r = 0; r < d.rowCount(); r++) v[r] = d.number(r, col);
            Unit u = unitOverride != null ? unitOverride : Unit.infer(d.name(col));
            return new XValues(v, u, labelOverride != null ? labelOverride : d.name(col), false);
        }

        /**
         * The width of a bin: the smallest positive step between distinct values (the bins SQL
         * made), but at least 1/400 of the whole span, so unbinned x values (raw timestamps) still
         * draw visible cells rather than hairlines.
         */
        double step() {
            double[] s = java.util.Arrays.stream(values).filter(x -> !Double.isNaN(x)).distinct().sorted().toArray();
            if (s.length < 2) return 1;
            double best = Double.MAX_VALUE;
            for (int i = 1; i < s.length; i++) best = Math.min(best, s[i] - s[i - 1]);
            return Math.max(best, (s[s.length - 1] - s[0]) / 400);
        }
    }

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** Sums values into cells keyed by two strings, keeping first-seen order of both. */
    static final class Grid {
        final LinkedHashMap<String, Integer> rows = new LinkedHashMap<>();
        final LinkedHashMap<String, Integer> cols = new LinkedHashMap<>();
        final Map<Long, Double> cells = new HashMap<>();

        void add(String row, String col, double v) {
            int r = rows.computeIfAbsent(row, k -> rows.size());
            int c = cols.computeIfAbsent(col, k -> cols.size());
            cells.merge(((long) r << 32) | c, v, Double::sum);
        }

        double get(int r, int c) {
            return cells.getOrDefault(((long) r << 32) | c, 0.0);
        }
    }
}
