package ior.analyzer.queries;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a canned-query parameter. Each type validates the text a user typed and turns it
 * into one SQL literal, so a parameter can never change the shape of the query: numbers are
 * parsed and printed back, strings become a quoted literal with quotes doubled (DuckDB's only
 * escape in '...' literals; backslashes are plain characters there).
 */
public enum ParamType {
    /** A whole number (BIGINT). */
    INT("integer", "BIGINT"),
    /** A decimal number (DOUBLE). */
    DOUBLE("number", "DOUBLE"),
    /** Text (VARCHAR). */
    STRING("text", "VARCHAR"),
    /** A duration, rendered in nanoseconds: 250us, 10ms, 1.5s, 2m, 1h; a bare number is nanoseconds. */
    DURATION("duration such as 10ms or 1.5s", "BIGINT"),
    /** A size, rendered in bytes: 4096, 4k, 64KiB, 1M, 2GiB (k/M/G are powers of 1024). */
    BYTES("size such as 4096, 4k or 1M", "BIGINT"),
    /** true/false (also yes/no, on/off, 1/0). */
    BOOL("true or false", "BOOLEAN");

    private final String what;
    private final String sqlType;

    ParamType(String what, String sqlType) {
        this.what = what;
        this.sqlType = sqlType;
    }

    /** What a value of this type looks like, for error messages. */
    public String what() {
        return what;
    }

    /** The DuckDB type of the rendered literal. */
    public String sqlType() {
        return sqlType;
    }

    /** The name used in query headers (int, double, string, duration, bytes, bool). */
    public String headerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ParamType fromHeader(String s) {
        for (ParamType t : values()) if (t.headerName().equals(s.strip().toLowerCase(Locale.ROOT))) return t;
        return null;
    }

    private static final Pattern NUMBER_UNIT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)");

    /**
     * The SQL literal for raw, or throws IllegalArgumentException saying why it is not a value
     * of this type. "null" (any case) gives a typed NULL: parameters whose default is null mean
     * "no filter".
     */
    public String literal(String raw) {
        if (raw == null || raw.strip().equalsIgnoreCase("null")) return "CAST(NULL AS " + sqlType + ")";
        String s = raw.strip();
        switch (this) {
            case INT -> {
                try {
                    return Long.toString(Long.parseLong(s));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + raw + "' is not an " + what);
                }
            }
            case DOUBLE -> {
                try {
                    double d = Double.parseDouble(s);
                    if (!Double.isFinite(d) || s.matches(".*[a-zA-Z].*")) throw new NumberFormatException();
                    return "CAST(" + Double.toString(d) + " AS DOUBLE)";
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + raw + "' is not a " + what);
                }
            }
            case STRING -> {
                if (raw.indexOf('\0') >= 0) throw new IllegalArgumentException("text must not contain NUL characters");
                return "'" + raw.replace("'", "''") + "'";
            }
            case DURATION -> {
                return Long.toString(scaled(s, true));
            }
            case BYTES -> {
                return Long.toString(scaled(s, false));
            }
            case BOOL -> {
                return switch (s.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "1" -> "true";
                    case "false", "no", "off", "0" -> "false";
                    default -> throw new IllegalArgumentException("'" + raw + "' is not " + what);
                };
            }
        }
        throw new AssertionError(this);
    }

    private long scaled(String s, boolean duration) {
        Matcher m = NUMBER_UNIT.matcher(s);
        if (!m.matches()) throw new IllegalArgumentException("'" + s + "' is not a " + what);
        String unit = m.group(2);
        double mult = duration ? durationUnit(unit) : sizeUnit(unit);
        if (mult < 0) throw new IllegalArgumentException("'" + s + "': unknown unit '" + unit + "' (" + (duration
                ? "ns, us, ms, s, m, h" : "b, k, KiB, M, MiB, G, GiB, T, TiB") + ")");
        double v = Double.parseDouble(m.group(1)) * mult;
        if (v > Long.MAX_VALUE) throw new IllegalArgumentException("'" + s + "' is too large");
        return Math.round(v);
    }

    private static double durationUnit(String u) {
        return switch (u) {
            case "", "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m", "min" -> 60e9;
            case "h" -> 3600e9;
            default -> -1;
        };
    }

    private static double sizeUnit(String u) {
        return switch (u.toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "k", "kb", "kib" -> 1024.0;
            case "m", "mb", "mib" -> 1024.0 * 1024;
            case "g", "gb", "gib" -> 1024.0 * 1024 * 1024;
            case "t", "tb", "tib" -> 1024.0 * 1024 * 1024 * 1024;
            default -> -1;
        };
    }
}
