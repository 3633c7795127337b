package ior.analyzer.report;

import ior.analyzer.chart.ChartException;
import ior.analyzer.chart.ChartSpec;
import ior.analyzer.chart.ChartType;
import ior.analyzer.chart.Charts;
import ior.analyzer.chart.TabularData;
import ior.recorder.Recorder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Baseline against incident: per syscall, file and process (by command name, as pids differ
 * between runs) and per error, the change in calls, bytes, total time, p50/p99 and errors, ranked
 * by impact: the absolute change in total time spent, then in calls. The connection has the two
 * traces' tables attached as {@code base} and {@code other}.
 */
public final class TraceDiff {
    /** One comparison: its title, the key column and the SQL that ranks it. */
    public record Section(String id, String title, String rankedBy, String sql) {}

    private final Connection c;
    private final String baseName, otherName;
    private final int limit;

    public TraceDiff(Connection c, String baseName, String otherName, int limit) {
        this.c = c;
        this.baseName = baseName;
        this.otherName = otherName;
        this.limit = limit;
    }

    static String keyed(String key, String keyExpr, String where, int limit) {
        String agg = "SELECT " + keyExpr + " AS " + key + ", count(*) AS calls, coalesce(sum(bytes), 0) AS bytes, coalesce(sum(latency_ns), 0) AS time_ns,\n"
                + "       quantile_cont(latency_ns, 0.5) AS p50, quantile_cont(latency_ns, 0.99) AS p99, count(*) FILTER (WHERE is_error) AS errors\n"
                + "  FROM %s.syscalls WHERE " + where + " GROUP BY 1";
        return "WITH b AS (" + String.format(agg, "base") + "),\n     o AS (" + String.format(agg, "other") + ")\n"
                + "SELECT coalesce(b." + key + ", o." + key + ") AS " + key + ",\n"
                + "       coalesce(b.calls, 0) AS calls_base, coalesce(o.calls, 0) AS calls_other, coalesce(o.calls, 0) - coalesce(b.calls, 0) AS calls_delta,\n"
                + "       fmt_ns(coalesce(b.time_ns, 0)) AS time_base, fmt_ns(coalesce(o.time_ns, 0)) AS time_other,\n"
                + "       CASE WHEN coalesce(o.time_ns, 0) >= coalesce(b.time_ns, 0) THEN '+' ELSE '-' END || fmt_ns(abs(coalesce(o.time_ns, 0) - coalesce(b.time_ns, 0))) AS time_delta,\n"
                + "       fmt_ns(b.p50) AS p50_base, fmt_ns(o.p50) AS p50_other, fmt_ns(b.p99) AS p99_base, fmt_ns(o.p99) AS p99_other,\n"
                + "       fmt_bytes(coalesce(b.bytes, 0)) AS bytes_base, fmt_bytes(coalesce(o.bytes, 0)) AS bytes_other,\n"
                + "       coalesce(b.errors, 0) AS errors_base, coalesce(o.errors, 0) AS errors_other\n"
                + "FROM b FULL OUTER JOIN o ON b." + key + " IS NOT DISTINCT FROM o." + key + "\n"
                + "WHERE coalesce(b.calls, 0) <> coalesce(o.calls, 0) OR coalesce(b.time_ns, 0) <> coalesce(o.time_ns, 0) OR coalesce(b.errors, 0) <> coalesce(o.errors, 0)\n"
                + "ORDER BY abs(coalesce(o.time_ns, 0) - coalesce(b.time_ns, 0)) DESC, abs(coalesce(o.calls, 0) - coalesce(b.calls, 0)) DESC, 1\n"
                + "LIMIT " + limit;
    }

    static final String TIME = "change in total time, then in calls";

    public List<Section> sections() {
        String errors = "WITH b AS (SELECT errno, syscall, count(*) AS n FROM base.syscalls WHERE is_error GROUP BY ALL),\n"
                + "     o AS (SELECT errno, syscall, count(*) AS n FROM other.syscalls WHERE is_error GROUP BY ALL)\n"
                + "SELECT coalesce(b.errno, o.errno) AS errno, coalesce(b.syscall, o.syscall) AS syscall, coalesce(b.n, 0) AS base, coalesce(o.n, 0) AS other,\n"
                + "       coalesce(o.n, 0) - coalesce(b.n, 0) AS delta\n"
                + "FROM b FULL OUTER JOIN o ON b.errno = o.errno AND b.syscall = o.syscall\n"
                + "WHERE coalesce(b.n, 0) <> coalesce(o.n, 0) ORDER BY abs(coalesce(o.n, 0) - coalesce(b.n, 0)) DESC, 1, 2 LIMIT " + limit;
        return List.of(
                new Section("syscalls", "By syscall", TIME, keyed("syscall", "syscall", "true", limit)),
                new Section("files", "By file", TIME, keyed("file", "file", "file IS NOT NULL", limit)),
                new Section("processes", "By process (command name)", TIME, keyed("comm", "comm", "true", limit)),
                new Section("errors", "Errors by errno and syscall", "change in count", errors));
    }

    static final String TOTALS = "SELECT '%s' AS trace, count(*) AS syscalls, count(DISTINCT pid) AS processes, fmt_ns(max(time_ns) - min(time_ns)) AS window,\n"
            + "       fmt_ns(coalesce(sum(latency_ns), 0)) AS time_in_syscalls, fmt_bytes(coalesce(sum(bytes), 0)) AS bytes, count(*) FILTER (WHERE is_error) AS errors,\n"
            + "       (SELECT coalesce(sum(value), 0) FROM %s.stats WHERE severity = 'data_loss') AS lost\n"
            + "FROM %s.syscalls";

    String totalsSql() {
        return String.format(TOTALS, "base", "base", "base") + "\nUNION ALL\n" + String.format(TOTALS, "other", "other", "other");
    }

    public String markdown() throws SQLException {
        StringBuilder sb = new StringBuilder("# ior diff: ").append(md(baseName)).append(" (base) vs ").append(md(otherName)).append(" (other)\n\n");
        sb.append(markdownTable(totalsSql())).append('\n');
        for (Section s : sections()) {
            sb.append("## ").append(s.title()).append(", ranked by ").append(s.rankedBy()).append("\n\n");
            String t = markdownTable(s.sql());
            sb.append(t.isEmpty() ? "No differences.\n" : t).append('\n');
        }
        return sb.toString();
    }

    public String html() throws SQLException {
        StringBuilder b = new StringBuilder();
        String title = "ior diff: " + baseName + " vs " + otherName;
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
                .append("<title>").append(Html.text(title)).append("</title>\n<style>\n").append(ReportStyle.CSS).append("</style>\n</head>\n<body>\n")
                .append("<header><h1>").append(Html.text(title)).append("</h1>\n<p class=\"sub\">Made by ior ").append(Html.text(Recorder.version()))
                .append(". Base is ").append(Html.text(baseName)).append(", other is ").append(Html.text(otherName))
                .append(". Rows are ranked by impact: the change in total time spent, then in calls.</p></header>\n<main>\n");
        b.append("<section id=\"totals\"><h2>Totals</h2>\n").append(table(totalsSql()).html()).append("</section>\n");
        b.append("<section id=\"charts\"><h2>Overlaid charts</h2><div class=\"charts\">\n");
        chart(b, "SELECT s AS trace, syscall, round(t / 1e6, 3) AS time_ms FROM (\n"
                        + "  SELECT 'base' AS s, syscall, sum(latency_ns) AS t FROM base.syscalls GROUP BY ALL UNION ALL\n"
                        + "  SELECT 'other', syscall, sum(latency_ns) FROM other.syscalls GROUP BY ALL)\n"
                        + "WHERE syscall IN (SELECT syscall FROM (SELECT syscall, sum(latency_ns) t FROM base.syscalls GROUP BY 1 UNION ALL SELECT syscall, sum(latency_ns) FROM other.syscalls GROUP BY 1) GROUP BY 1 ORDER BY sum(t) DESC LIMIT 12)\n"
                        + "ORDER BY 3 DESC",
                ChartSpec.of(ChartType.BAR).title("Total time by syscall").x("syscall").y("time_ms").series("trace").yLabel("ms").build());
        chart(b, "SELECT CASE WHEN latency_ns < 1 THEN 0 ELSE CAST(power(2, floor(log2(latency_ns))) AS BIGINT) END AS latency_ns, trace, count(*) AS calls FROM (\n"
                        + "  SELECT 'base' AS trace, latency_ns FROM base.syscalls UNION ALL SELECT 'other', latency_ns FROM other.syscalls)\n"
                        + "WHERE latency_ns IS NOT NULL GROUP BY ALL ORDER BY 1, 2",
                ChartSpec.of(ChartType.HISTOGRAM).title("Latency distribution, all syscalls").xLabel("latency (power-of-two buckets)").yLabel("calls").build());
        b.append("</div></section>\n");
        for (Section s : sections()) {
            b.append("<section id=\"").append(s.id()).append("\"><h2>").append(Html.text(s.title())).append("</h2>\n");
            Table t = table(s.sql());
            b.append(t.isEmpty() ? "<p class=\"quiet\">No differences.</p>\n" : t.html());
            b.append("<details><summary>SQL</summary><pre>").append(Html.text(s.sql())).append("</pre></details></section>\n");
        }
        b.append("</main>\n<script>document.documentElement.setAttribute('data-ior-ready','1');</script>\n</body>\n</html>\n");
        return b.toString();
    }

    private int charts;

    private void chart(StringBuilder b, String sql, ChartSpec spec) {
        b.append("<figure>");
        try {
            TabularData d = Charts.query(c, sql);
            if (d.rowCount() == 0) b.append("<figcaption>").append(Html.text(spec.title())).append(": nothing to draw.</figcaption>");
            else b.append(Charts.svgElement(spec, d, "d" + (++charts)));
        } catch (ChartException | SQLException e) {
            b.append("<figcaption class=\"note\">could not draw: ").append(Html.text(Report.firstLine(e.getMessage()))).append("</figcaption>");
        }
        b.append("</figure>\n");
    }

    private Table table(String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return Table.from(rs, 1000);
        }
    }

    private String markdownTable(String sql) throws SQLException {
        Table t = table(sql);
        if (t.isEmpty()) return "";
        StringBuilder sb = new StringBuilder("|");
        for (String col : t.columns()) sb.append(' ').append(md(col)).append(" |");
        sb.append("\n|");
        for (Boolean n : t.numeric()) sb.append(n ? "---:|" : "---|");
        sb.append('\n');
        for (List<String> r : t.rows()) {
            sb.append('|');
            for (String v : r) sb.append(' ').append(v == null ? "NULL" : md(v)).append(" |");
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Markdown cell text: visible control characters, no table breaks, no markup from a trace. */
    static String md(String s) {
        String v = ior.analyzer.chart.SafeText.of(s);
        StringBuilder sb = new StringBuilder();
        for (char ch : v.toCharArray()) {
            if ("|\\`*_[]<>#".indexOf(ch) >= 0) sb.append('\\');
            sb.append(ch);
        }
        return sb.toString();
    }

}
