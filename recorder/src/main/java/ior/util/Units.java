package ior.util;

import java.util.Locale;

/** Parses and prints sizes (64M, 2G) and durations (500ms, 60s, 5m, 1h). */
public final class Units {
    private Units() {}

    public static long parseSize(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        if (t.endsWith("IB")) t = t.substring(0, t.length() - 2);
        else if (t.endsWith("B")) t = t.substring(0, t.length() - 1);
        long mult = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> mult = 1L << 10;
                case 'M' -> mult = 1L << 20;
                case 'G' -> mult = 1L << 30;
                case 'T' -> mult = 1L << 40;
                default -> mult = 1;
            }
            if (mult != 1) t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t);
            if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) throw new NumberFormatException();
            return (long) (v * mult);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size '" + s + "' (examples: 4096, 64M, 2G)");
        }
    }

    /** Returns nanoseconds. A bare number is seconds. */
    public static long parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long mult;
        String num;
        if (t.endsWith("ms")) { mult = 1_000_000L; num = t.substring(0, t.length() - 2); }
        else if (t.endsWith("us")) { mult = 1_000L; num = t.substring(0, t.length() - 2); }
        else if (t.endsWith("s")) { mult = 1_000_000_000L; num = t.substring(0, t.length() - 1); }
        else if (t.endsWith("m")) { mult = 60_000_000_000L; num = t.substring(0, t.length() - 1); }
        else if (t.endsWith("h")) { mult = 3_600_000_000_000L; num = t.substring(0, t.length() - 1); }
        else { mult = 1_000_000_000L; num = t; }
        try {
            double v = Double.parseDouble(num);
            if (v <= 0 || Double.isNaN(v) || Double.isInfinite(v)) throw new NumberFormatException();
            return (long) (v * mult);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid duration '" + s + "' (examples: 500ms, 60s, 5m, 1h)");
        }
    }

    public static String bytes(long n) {
        if (n < 1024) return n + " B";
        String[] u = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < u.length - 1) { v /= 1024; i++; }
        return String.format(Locale.ROOT, "%.1f %s", v, u[i]);
    }

    public static String duration(long ns) {
        if (ns < 1_000) return ns + " ns";
        if (ns < 1_000_000) return String.format(Locale.ROOT, "%.1f us", ns / 1e3);
        if (ns < 1_000_000_000) return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
        return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
    }

    public static String count(long n) {
        if (n < 10_000) return Long.toString(n);
        if (n < 10_000_000) return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }
}
