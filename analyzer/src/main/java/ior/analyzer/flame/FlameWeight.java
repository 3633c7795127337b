package ior.analyzer.flame;

import ior.analyzer.chart.ChartException;
import ior.analyzer.chart.Unit;

import java.util.Locale;

/** What the width of a frame measures. Each is an integer sum over the syscalls table. */
public enum FlameWeight {
    COUNT("count(*)", Unit.COUNT, "calls", "number of syscalls"),
    BYTES("sum(bytes)", Unit.BYTES, "bytes", "bytes read, written or transferred"),
    LATENCY("sum(latency_ns)", Unit.NANOS, "time in syscalls", "time spent inside syscalls (sum of latency)"),
    GAP("sum(gap_ns)", Unit.NANOS, "time between syscalls", "time between a thread's syscalls (sum of gap: user-space time and waits)");

    private final String sql;
    private final Unit unit;
    private final String label;
    private final String description;

    FlameWeight(String sql, Unit unit, String label, String description) {
        this.sql = sql;
        this.unit = unit;
        this.label = label;
        this.description = description;
    }

    /** The aggregate over syscalls rows, as an integer. */
    public String sqlAggregate() {
        return "CAST(" + sql + " AS BIGINT)";
    }

    public Unit unit() {
        return unit;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FlameWeight parse(String s) {
        for (FlameWeight w : values()) if (w.cliName().equalsIgnoreCase(s.trim())) return w;
        throw new ChartException("unknown weight '" + s + "' (count, bytes, latency, gap)");
    }
}
