package ior.analyzer.chart;

import java.util.Locale;

/**
 * What the numbers on an axis measure, so ticks, labels and tooltips read "1.5 MiB" or "12 ms"
 * rather than 1572864 or 12000000. {@link #infer} guesses from a column name (latency_ns, bytes).
 */
public enum Unit {
    NONE(""),
    COUNT(""),
    BYTES("B"),
    BYTES_PER_SECOND("B/s"),
    PER_SECOND("/s"),
    NANOS("ns"),
    MICROS("µs"),
    MILLIS("ms"),
    SECONDS("s");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isTime() {
        return this == NANOS || this == MICROS || this == MILLIS || this == SECONDS;
    }

    public boolean isBytes() {
        return this == BYTES || this == BYTES_PER_SECOND;
    }

    /** Nanoseconds in one of this unit (time units only). */
    double nanos() {
        return switch (this) {
            case NANOS -> 1;
            case MICROS -> 1e3;
            case MILLIS -> 1e6;
            case SECONDS -> 1e9;
            default -> throw new IllegalStateException(name());
        };
    }

    /** A value in this unit as a person reads it: 1.5 MiB, 12 ms, 3.4k/s, 1,234. */
    public String format(double v) {
        if (Double.isNaN(v)) return "";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "-∞";
        return switch (this) {
            case NONE -> plain(v);
            case COUNT -> count(v);
            case BYTES -> bytes(v);
            case BYTES_PER_SECOND -> bytes(v) + "/s";
            case PER_SECOND -> compact(v) + "/s";
            case NANOS, MICROS, MILLIS, SECONDS -> duration(v * nanos());
        };
    }

    /** Like {@link #format} but exact for counts (1,234,567 rather than 1.2M), for tooltips. */
    public String formatExact(double v) {
        if (this == COUNT || this == NONE) return plain(v);
        if (this == BYTES && Math.abs(v) >= 1024) return format(v) + " (" + plain(v) + " B)";
        return format(v);
    }

    /**
     * Guesses the unit of a column from its name: *_ns nanoseconds, *_us, *_ms, *_s / seconds,
     * bytes (per second when the name says so), count / calls / n counts, rates.
     */
    public static Unit infer(String column) {
        if (column == null) return NONE;
        String c = column.toLowerCase(Locale.ROOT);
        boolean perSecond = c.endsWith("_per_s") || c.endsWith("_per_sec") || c.endsWith("_per_second") || c.endsWith("/s") || c.endsWith("_ps");
        if (c.contains("bytes") || c.equals("size") || c.endsWith("_size")) return perSecond ? BYTES_PER_SECOND : BYTES;
        if (perSecond || c.equals("rate") || c.endsWith("_rate")) return PER_SECOND;
        if (c.endsWith("_ns") || c.equals("ns") || c.equals("latency") || c.equals("gap")) return NANOS;
        if (c.endsWith("_us") || c.equals("us")) return MICROS;
        if (c.endsWith("_ms") || c.equals("ms")) return MILLIS;
        if (c.endsWith("_s") || c.equals("s") || c.equals("seconds") || c.endsWith("_seconds") || c.equals("t")) return SECONDS;
        if (c.equals("n") || c.equals("count") || c.startsWith("count_") || c.endsWith("_count") || c.equals("calls") || c.endsWith("_calls")
                || c.startsWith("count(") || c.equals("count_star()") || c.equals("errors") || c.equals("fds") || c.endsWith("_fds")) return COUNT;
        return NONE;
    }

    public static Unit parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "none", "" -> NONE;
            case "count", "n" -> COUNT;
            case "bytes", "b" -> BYTES;
            case "bytes/s", "bytes_per_second", "b/s" -> BYTES_PER_SECOND;
            case "/s", "per_second", "rate" -> PER_SECOND;
            case "ns", "nanos" -> NANOS;
            case "us", "µs", "micros" -> MICROS;
            case "ms", "millis" -> MILLIS;
            case "s", "seconds" -> SECONDS;
            default -> throw new ChartException("unknown unit '" + s + "' (none, count, bytes, bytes/s, /s, ns, us, ms, s)");
        };
    }

    static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        double a = Math.abs(v);
        if (a >= 100) return String.format(Locale.ROOT, "%,.1f", v);
        if (a >= 1) return trim(String.format(Locale.ROOT, "%.2f", v));
        return trim(String.format(Locale.ROOT, "%.3g", v));
    }

    static String count(double v) {
        return Math.abs(v) < 10_000 ? plain(v) : compact(v);
    }

    /** 950, 1.2k, 34k, 5.6M, 7.8G. */
    static String compact(double v) {
        double a = Math.abs(v);
        if (a < 1000) return plain(v);
        String[] suffix = {"k", "M", "G", "T", "P"};
        int i = -1;
        while (a >= 1000 && i < suffix.length - 1) {
            a /= 1000;
            i++;
        }
        return (v < 0 ? "-" : "") + significant(a) + suffix[i];
    }

    static String bytes(double v) {
        double a = Math.abs(v);
        if (a < 1024) return plain(v) + " B";
        String[] u = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int i = -1;
        while (a >= 1024 && i < u.length - 1) {
            a /= 1024;
            i++;
        }
        return (v < 0 ? "-" : "") + significant(a) + " " + u[i];
    }

    static String duration(double ns) {
        double a = Math.abs(ns);
        String sign = ns < 0 ? "-" : "";
        if (a == 0) return "0";
        if (a < 1e3) return sign + significant(a) + " ns";
        if (a < 1e6) return sign + significant(a / 1e3) + " µs";
        if (a < 1e9) return sign + significant(a / 1e6) + " ms";
        if (a < 600e9) return sign + significant(a / 1e9) + " s";
        if (a < 36_000e9) return sign + significant(a / 60e9) + " min";
        return sign + significant(a / 3600e9) + " h";
    }

    /** Three significant digits at most, no trailing zeros: 1.5, 12.3, 512. */
    static String significant(double a) {
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", a);
        if (a >= 10) return trim(String.format(Locale.ROOT, "%.1f", a));
        return trim(String.format(Locale.ROOT, "%.2f", a));
    }

    private static String trim(String s) {
        if (s.indexOf('.') < 0 || s.indexOf('e') >= 0) return s;
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        return s.substring(0, end);
    }
}
