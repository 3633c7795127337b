package ior.analyzer.chart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts worth drawing for any trace, each a SQL query over ior's tables plus a spec, so
 * {@code ior chart t.iortrace --preset latency-heatmap -o h.svg} needs no SQL. Reports draw the
 * same presets. Queries aggregate in DuckDB (time bins, power-of-two buckets, top N), so they
 * return a few thousand rows at most whatever the size of the trace.
 *
 * <p>An optional filter (a SQL condition) narrows the rows a preset reads: syscalls for most,
 * processes for process-lifetimes, fds for open-fds.
 */
public final class ChartPresets {
    private ChartPresets() {}

    /** A named chart: its SQL (with the filter slot) and how to draw the result. */
    public record Preset(String name, String description, String table, String sqlTemplate, ChartSpec spec) {
        /** The SQL, narrowed by a condition on the preset's table (null or blank: everything). */
        public String sql(String where) {
            String w = where == null || where.isBlank() ? "" : " AND (" + where + ")";
            return sqlTemplate.replace("/*where*/", w);
        }
    }

    /** Time bins of 1 µs .. 1 day, the smallest nice width that gives at most about 120 bins. */
    static final String BINS = """
            w AS (SELECT min(time_ns) AS t0, greatest(max(time_ns) - min(time_ns), 1) AS span FROM s),
            b AS (SELECT t0, coalesce((SELECT min(c) FROM (VALUES (1000), (2000), (5000), (10000), (20000), (50000), (100000), (200000),
                    (500000), (1000000), (2000000), (5000000), (10000000), (20000000), (50000000), (100000000), (200000000),
                    (500000000), (1000000000), (2000000000), (5000000000), (10000000000), (30000000000), (60000000000),
                    (120000000000), (300000000000), (600000000000), (1800000000000), (3600000000000), (86400000000000)) v(c)
                    WHERE c * 120 >= span), span / 120) AS bin FROM w)""";

    static final String SYSCALLS = "s AS (SELECT * FROM syscalls WHERE true /*where*/)";

    /** syscalls narrowed by the filter, with the direction of their bytes (read, write, transfer) from the syscall table. */
    static final String SYSCALLS_DIRECTION = SYSCALLS + """
            ,
            sd AS (SELECT s.*, CASE t.returns WHEN 'bytes_read' THEN 'read' WHEN 'bytes_written' THEN 'write' ELSE 'transfer' END AS direction
                   FROM s LEFT JOIN syscall_table t ON t.nr = s.nr)""";

    static final String POW2_LATENCY = "CASE WHEN latency_ns < 1 THEN 0 ELSE CAST(power(2, floor(log2(latency_ns))) AS BIGINT) END";

    static final String SINCE_FIRST = "time since the first syscall";

    private static final Map<String, Preset> ALL = new LinkedHashMap<>();

    private static void add(String name, String description, String table, String sql, ChartSpec spec) {
        ALL.put(name, new Preset(name, description, table, sql, spec));
    }

    static {
        add("latency-histogram", "Latency distribution of the 6 syscalls with the most total time (power-of-two buckets).", "syscalls",
                "WITH " + SYSCALLS + ",\n"
                        + "top AS (SELECT syscall FROM s WHERE latency_ns IS NOT NULL GROUP BY 1 ORDER BY sum(latency_ns) DESC, 1 LIMIT 6)\n"
                        + "SELECT " + POW2_LATENCY + " AS latency_ns, syscall, count(*) AS calls\n"
                        + "FROM s WHERE latency_ns IS NOT NULL AND syscall IN (SELECT syscall FROM top)\n"
                        + "GROUP BY ALL ORDER BY 1, 2",
                ChartSpec.of(ChartType.HISTOGRAM).title("Syscall latency distribution")
                        .subtitle("the 6 syscalls with the most total time").xLabel("latency (power-of-two buckets)").yLabel("calls").build());
        add("latency-heatmap", "Latency heatmap: time across, power-of-two latency buckets up, colour = calls.", "syscalls",
                "WITH " + SYSCALLS + ",\n" + BINS + "\n"
                        + "SELECT floor((s.time_ns - b.t0) / b.bin) * b.bin / 1e9 AS t_s, " + POW2_LATENCY + " AS latency_ns, count(*) AS calls\n"
                        + "FROM s, b WHERE latency_ns IS NOT NULL GROUP BY ALL ORDER BY 1, 2",
                ChartSpec.of(ChartType.HEATMAP).title("Syscall latency heatmap").xLabel(SINCE_FIRST).yLabel("latency").build());
        add("throughput-by-process", "Bytes read and written per second, stacked by process.", "syscalls",
                throughput("s.comm || ' [' || s.pid || ']'", "process"),
                ChartSpec.of(ChartType.TIMELINE).title("Throughput by process").x("t_s").y("bytes_per_s").series("process").facet("direction")
                        .xLabel(SINCE_FIRST).yLabel("bytes/s").build());
        add("throughput-by-file", "Bytes read and written per second, stacked by file (or fd kind when no path).", "syscalls",
                throughput("coalesce(s.file, '[' || coalesce(s.fd_kind, 'no fd') || ']')", "file"),
                ChartSpec.of(ChartType.TIMELINE).title("Throughput by file").x("t_s").y("bytes_per_s").series("file").facet("direction")
                        .xLabel(SINCE_FIRST).yLabel("bytes/s").build());
        add("syscall-rate", "Syscalls per second by family (FS, Network, Memory ...), stacked.", "syscalls",
                "WITH " + SYSCALLS + ",\n" + BINS + "\n"
                        + "SELECT floor((s.time_ns - b.t0) / b.bin) * b.bin / 1e9 AS t_s, coalesce(s.family, '?') AS family, count(*) / (any_value(b.bin) / 1e9) AS calls_per_s\n"
                        + "FROM s, b GROUP BY ALL ORDER BY 1, 2",
                ChartSpec.of(ChartType.TIMELINE).title("Syscall rate by family").x("t_s").y("calls_per_s").series("family")
                        .xLabel(SINCE_FIRST).yLabel("calls/s").build());
        add("top-files", "The 20 files with the most bytes read and written.", "syscalls",
                "WITH " + SYSCALLS_DIRECTION + ",\n"
                        + "f AS (SELECT file, direction, sum(bytes) AS bytes FROM sd WHERE file IS NOT NULL AND bytes > 0 GROUP BY ALL),\n"
                        + "top AS (SELECT file, sum(bytes) AS total FROM f GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20)\n"
                        + "SELECT f.file, f.direction, f.bytes FROM f JOIN top USING (file) ORDER BY top.total DESC, f.file, f.direction",
                ChartSpec.of(ChartType.BAR).title("Files by bytes").x("file").y("bytes").series("direction").yLabel("bytes").build());
        add("top-syscalls", "The 20 syscalls with the most total time (sum of latency).", "syscalls",
                "WITH " + SYSCALLS + "\n"
                        + "SELECT syscall, sum(latency_ns) AS total_latency_ns FROM s WHERE latency_ns IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20",
                ChartSpec.of(ChartType.BAR).title("Syscalls by total time").x("syscall").y("total_latency_ns").yLabel("total time in the call").build());
        add("top-errors", "Errors by errno, stacked by the syscall that returned them.", "syscalls",
                "WITH " + SYSCALLS + ",\n"
                        + "e AS (SELECT errno, syscall, count(*) AS errors FROM s WHERE is_error GROUP BY ALL),\n"
                        + "top AS (SELECT errno, sum(errors) AS total FROM e GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20)\n"
                        + "SELECT e.errno, e.syscall, e.errors FROM e JOIN top USING (errno) ORDER BY top.total DESC, e.errno, e.errors DESC",
                ChartSpec.of(ChartType.BAR).title("Errors by errno").x("errno").y("errors").series("syscall").yLabel("failed calls").build());
        add("process-lifetimes", "When each process ran (Gantt), coloured by how it ended; clipped to the recording.", "processes",
                "WITH w AS (SELECT min(time_ns) AS t0, max(time_ns + coalesce(latency_ns, 0)) AS t1 FROM syscalls),\n"
                        + "p AS (SELECT * FROM processes WHERE (NOT in_snapshot OR pid IN (SELECT DISTINCT pid FROM syscalls)) /*where*/)\n"
                        + "SELECT p.comm || ' [' || p.pid || ']' AS process,\n"
                        + "  (greatest(coalesce(epoch_us(p.start) * 1000, w.t0), w.t0) - w.t0) / 1e9 AS start_s,\n"
                        + "  (least(coalesce(epoch_us(p.exit) * 1000, w.t1), w.t1) - w.t0) / 1e9 AS end_s,\n"
                        + "  CASE WHEN p.exit IS NULL THEN 'running at the end' WHEN p.exit_signal IS NOT NULL THEN 'killed by a signal'\n"
                        + "       WHEN p.exit_code = 0 THEN 'exit 0' ELSE 'exit non-zero' END AS outcome\n"
                        + "FROM p, w ORDER BY start_s, p.pid LIMIT 5000",
                ChartSpec.of(ChartType.GANTT).title("Process lifetimes").x("process").y("start_s").z("end_s").series("outcome")
                        .yLabel(SINCE_FIRST).maxCategories(60).build());
        add("open-fds", "Open file descriptors over time for the 8 processes with the most: the peak in each time bin, and the count at the end.", "fds",
                "WITH s AS (SELECT * FROM syscalls),\n" + BINS + ",\n"
                        + "f AS (SELECT * FROM fds WHERE true /*where*/),\n"
                        + "born AS (SELECT pid, any_value(comm) AS comm, min(epoch_us(start) * 1000) AS start_ns FROM processes GROUP BY pid),\n"
                        // fds open before the recording (or inherited at fork) count from the start, or from the fork
                        + "ev AS (SELECT f.pid, coalesce(epoch_us(f.open_ts) * 1000, greatest(b.t0, coalesce(born.start_ns, b.t0))) AS t, 1 AS d\n"
                        + "       FROM f CROSS JOIN b LEFT JOIN born ON born.pid = f.pid\n"
                        + "       UNION ALL SELECT pid, epoch_us(close_ts) * 1000, -1 FROM f WHERE close_ts IS NOT NULL),\n"
                        + "n0 AS (SELECT pid, t, sum(d) OVER (PARTITION BY pid ORDER BY t, d DESC ROWS UNBOUNDED PRECEDING) AS open_fds FROM ev),\n"
                        + "top AS (SELECT pid FROM n0 GROUP BY pid ORDER BY max(open_fds) DESC, pid LIMIT 8),\n"
                        + "n AS (SELECT * FROM n0 WHERE pid IN (SELECT pid FROM top)),\n"
                        + "pts AS (SELECT pid, greatest(floor((n.t - b.t0) / b.bin), 0) * b.bin AS t, max(open_fds) AS open_fds FROM n, b GROUP BY ALL\n"
                        + "        UNION ALL SELECT pid, max(t) - any_value(b.t0), arg_max(open_fds, t) FROM n, b GROUP BY pid)\n"
                        + "SELECT pts.t / 1e9 AS t_s, coalesce(born.comm, '?') || ' [' || pts.pid || ']' AS process, max(pts.open_fds) AS open_fds\n"
                        + "FROM pts LEFT JOIN born ON born.pid = pts.pid GROUP BY ALL ORDER BY 2, 1",
                ChartSpec.of(ChartType.LINE).title("Open file descriptors").x("t_s").y("open_fds").series("process").step(true)
                        .xLabel(SINCE_FIRST).yLabel("open fds").yUnit(Unit.COUNT).build());
    }

    /**
     * Bytes per second per time bin, by direction, for the 7 series (processes or files) with the
     * most bytes and "other" for the rest: a build touching 100k files still returns a few
     * thousand rows.
     */
    private static String throughput(String seriesExpr, String seriesName) {
        return "WITH " + SYSCALLS_DIRECTION + ",\n" + BINS + ",\n"
                + "k AS (SELECT s.*, " + seriesExpr + " AS key FROM sd s WHERE s.bytes > 0),\n"
                + "top AS (SELECT key FROM k GROUP BY key ORDER BY sum(bytes) DESC, key LIMIT 7)\n"
                + "SELECT floor((k.time_ns - b.t0) / b.bin) * b.bin / 1e9 AS t_s,\n"
                + "  CASE WHEN k.key IN (SELECT key FROM top) THEN k.key ELSE 'other' END AS " + seriesName + ",\n"
                + "  k.direction, sum(k.bytes) / (any_value(b.bin) / 1e9) AS bytes_per_s\n"
                + "FROM k, b GROUP BY 1, 2, 3\n"
                + "ORDER BY CASE direction WHEN 'read' THEN 0 WHEN 'write' THEN 1 ELSE 2 END, 1";
    }

    public static List<Preset> all() {
        return List.copyOf(ALL.values());
    }

    public static Preset get(String name) {
        Preset p = ALL.get(name);
        if (p == null) throw new ChartException("unknown preset '" + SafeText.of(name) + "' (" + String.join(", ", ALL.keySet()) + ")");
        return p;
    }
}
