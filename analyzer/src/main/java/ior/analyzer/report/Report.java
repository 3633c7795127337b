package ior.analyzer.report;

import ior.analyzer.chart.ChartException;
import ior.analyzer.chart.ChartPresets;
import ior.analyzer.chart.ChartSpec;
import ior.analyzer.chart.Charts;
import ior.analyzer.chart.TabularData;
import ior.analyzer.chart.TraceCaveats;
import ior.analyzer.flame.FlameGraph;
import ior.analyzer.flame.FlameQuery;
import ior.analyzer.flame.FlameSvg;
import ior.analyzer.flame.FlameWeight;
import ior.analyzer.queries.CannedQuery;
import ior.analyzer.queries.QueryLibrary;
import ior.analyzer.queries.QueryRunner;
import ior.recorder.Recorder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The HTML incident report of one or more traces: header, caveats, key numbers, findings,
 * charts, top tables, flame graph, per-process sections and an appendix of every SQL used.
 * One self-contained page: inline CSS, inline SVG, one small script of ior's own that reads no
 * trace data. Every value from a trace goes through {@link Html#text}.
 */
public final class Report {
    private final Connection c;
    private final List<String> traceNames;
    private final Consumer<String> status;
    private final Map<String, String> appendix = new LinkedHashMap<>();
    private final List<String[]> toc = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();
    private int ids;

    /** Charts drawn, in order; names are presets of {@link ChartPresets}. */
    static final List<String> CHARTS = List.of("latency-heatmap", "latency-histogram", "throughput-by-process", "syscall-rate",
            "top-syscalls", "top-files", "top-errors", "process-lifetimes", "open-fds");

    /** Canned queries shown as top tables (name, rows). */
    static final List<String> TOP_TABLES = List.of("overview/syscalls", "latency/percentiles_by_syscall", "io/top_files_by_bytes",
            "io/top_files_by_time", "latency/slowest_calls", "errors/by_errno_syscall_file", "net/socket_traffic_by_peer");

    public Report(Connection c, List<String> traceNames, Consumer<String> status) {
        this.c = c;
        this.traceNames = traceNames;
        this.status = status;
    }

    public String render() throws SQLException {
        Map<String, String> info = keyValues("SELECT key, value FROM trace_info");
        section("summary", "Recording");
        header(info);
        caveats();
        keyNumbers();
        status.accept("findings");
        findings();
        charts();
        status.accept("top tables");
        topTables();
        status.accept("flame graph");
        flame();
        status.accept("processes");
        processes();
        appendixSection();
        return page(info);
    }

    // ---- sections

    private void header(Map<String, String> info) throws SQLException {
        List<List<String>> hosts = rows("SELECT DISTINCT value FROM trace_info WHERE key = 'host.name' ORDER BY 1");
        body.append("<dl class=\"facts\">\n");
        fact("traces", String.join(", ", traceNames));
        fact("host", String.join(", ", hosts.stream().map(r -> r.getFirst()).toList()));
        fact("kernel", info.getOrDefault("kernel.release", "?") + " " + info.getOrDefault("arch", ""));
        fact("CPUs", info.getOrDefault("cpus.online", "?"));
        fact("recording started", info.getOrDefault("start.wall", "?"));
        String window = scalar("SELECT fmt_ns(max(time_ns) - min(time_ns)) FROM syscalls");
        fact("window (first to last syscall)", window == null ? "no syscalls" : window);
        fact("command", info.getOrDefault("command.line", "?"));
        String filters = "pids: " + blank(info.get("filter.pids")) + "; comm: " + blank(info.get("filter.comm")) + "; syscalls: " + blank(info.get("filter.syscalls"))
                + "; traced command: " + blank(info.get("command"));
        fact("filters", filters);
        fact("stopped because", info.getOrDefault("trace.stop_reason", "?"));
        fact("recorder", "ior " + info.getOrDefault("recorder.version", "?") + ", trace format " + info.getOrDefault("trace.format", "?"));
        body.append("</dl>\n");
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? "none" : s;
    }

    private void fact(String k, String v) {
        body.append("<dt>").append(Html.text(k)).append("</dt><dd>").append(Html.text(v)).append("</dd>\n");
    }

    private void caveats() throws SQLException {
        String sql = "SELECT name, sum(value) AS value, any_value(severity) AS severity, any_value(description) AS description FROM stats\n"
                + "WHERE severity IN ('data_loss', 'error') AND value > 0 AND name <> 'truncated_at' GROUP BY name ORDER BY name";
        appendix.put("Lost events and other caveats", sql);
        Table t = table(sql, 50);
        String truncated = scalar("SELECT value FROM trace_info WHERE key = 'trace.truncated_at'");
        String lossWindows = "SELECT window_start, window_end, cpu, dropped_call, dropped_enter, dropped_exit, dropped_lifecycle, failed_user_reads FROM losses\n"
                + "WHERE dropped_call + dropped_enter + dropped_exit + dropped_lifecycle + failed_user_reads > 0 ORDER BY window_start, cpu";
        if (t.isEmpty() && truncated == null) {
            body.append("<p class=\"ok\" id=\"caveats\">No events were lost: the recorder's kernel counters and the analyzer's pairing counters are all zero.</p>\n");
            return;
        }
        body.append("<div class=\"caveat\" id=\"caveats\"><h3>This trace is incomplete</h3>\n<p>Counts, bytes and latencies below are lower bounds. What was lost:</p>\n");
        body.append(t.html());
        if (truncated != null) body.append("<p>The trace file was cut short at byte ").append(Html.text(truncated)).append("; everything before it was read.</p>\n");
        Table w = table(lossWindows, 20);
        if (!w.isEmpty()) {
            appendix.put("Where in time events were lost", lossWindows);
            body.append("<p>Where in time:</p>\n").append(w.html());
        }
        body.append("</div>\n");
    }

    private void keyNumbers() throws SQLException {
        String sql = """
                SELECT count(*) AS syscalls,
                       count(DISTINCT pid) AS processes,
                       count(DISTINCT tid) AS threads,
                       count(DISTINCT file) AS files,
                       fmt_bytes(coalesce(sum(bytes) FILTER (WHERE io_direction(syscall) = 'read'), 0)) AS read,
                       fmt_bytes(coalesce(sum(bytes) FILTER (WHERE io_direction(syscall) IN ('write', 'transfer')), 0)) AS written,
                       count(*) FILTER (WHERE is_error) AS errors,
                       fmt_ns(coalesce(sum(latency_ns) FILTER (WHERE NOT is_wait(syscall)), 0)) AS time_in_syscalls,
                       fmt_ns(coalesce(sum(latency_ns) FILTER (WHERE is_wait(syscall)), 0)) AS time_waiting
                FROM syscalls""";
        appendix.put("Key numbers", sql);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            body.append("<div class=\"kpis\">\n");
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                String label = rs.getMetaData().getColumnLabel(i).replace('_', ' ');
                body.append("<div class=\"kpi\"><div class=\"v\">").append(Html.text(rs.getString(i))).append("</div><div class=\"k\">")
                        .append(Html.text(label)).append("</div></div>\n");
            }
            body.append("</div>\n");
        }
    }

    private void findings() throws SQLException {
        section("findings", "Findings");
        body.append("<p class=\"lead\">Each rule asks one question of the trace, with its threshold stated; the SQL reproduces it in <code>ior sql</code>.</p>\n");
        List<String> quiet = new ArrayList<>();
        int found = 0;
        for (Rule r : Rules.ALL) {
            appendix.put("Finding: " + r.title(), r.sql());
            Table t;
            try {
                t = table(r.sql(), 15);
            } catch (SQLException e) {
                body.append("<div class=\"finding\"><h3>").append(Html.text(r.title())).append("</h3><p class=\"note\">Could not run: ")
                        .append(Html.text(firstLine(e.getMessage()))).append("</p></div>\n");
                continue;
            }
            if (t.isEmpty()) {
                quiet.add(r.title() + " (" + r.threshold() + ")");
                continue;
            }
            found++;
            String sev = worst(t);
            body.append("<div class=\"finding sev-").append(sev).append("\" id=\"finding-").append(Html.id(r.id())).append("\">\n<h3><span class=\"badge ")
                    .append(sev).append("\">").append(sev).append("</span> ").append(Html.text(r.title())).append("</h3>\n")
                    .append("<p>").append(Html.text(r.what())).append("</p>\n<p class=\"threshold\">Threshold: ").append(Html.text(r.threshold()))
                    .append(". Found ").append(t.rows().size()).append(t.truncated() ? "+" : "").append(t.rows().size() == 1 ? " case" : " cases").append(".</p>\n")
                    .append(t.html())
                    .append("<details><summary>SQL</summary><pre>").append(Html.text(r.sql())).append("</pre></details>\n</div>\n");
        }
        if (found == 0) body.append("<p class=\"ok\">No rule found anything over its threshold.</p>\n");
        if (!quiet.isEmpty()) {
            body.append("<p class=\"quiet\">Nothing found by: ");
            for (int i = 0; i < quiet.size(); i++) body.append(i > 0 ? "; " : "").append(Html.text(quiet.get(i)));
            body.append(".</p>\n");
        }
    }

    private static String worst(Table t) {
        int col = t.columns().indexOf("severity");
        String w = "low";
        for (List<String> r : t.rows()) {
            String s = col < 0 ? "medium" : r.get(col);
            if ("high".equals(s)) return "high";
            if ("medium".equals(s)) w = "medium";
        }
        return w;
    }

    private void charts() throws SQLException {
        section("charts", "Charts");
        String caveat = TraceCaveats.of(c);
        body.append("<div class=\"charts\">\n");
        for (String name : CHARTS) {
            status.accept("chart " + name);
            ChartPresets.Preset p = ChartPresets.get(name);
            String sql = p.sql(null);
            appendix.put("Chart: " + name, sql);
            body.append("<figure id=\"chart-").append(Html.id(name)).append("\">");
            try {
                TabularData data = Charts.query(c, sql);
                if (data.rowCount() == 0) {
                    body.append("<figcaption>").append(Html.text(p.spec().title())).append(": nothing to draw in this trace.</figcaption></figure>\n");
                    continue;
                }
                ChartSpec s = p.spec();
                if (caveat != null) s = s.toBuilder().caveat(caveat).build();
                body.append(Charts.svgElement(s, data, "c" + (++ids)));
                body.append("<figcaption>").append(Html.text(p.description())).append("</figcaption>");
            } catch (ChartException | SQLException e) {
                body.append("<figcaption class=\"note\">").append(Html.text(name)).append(": could not draw: ").append(Html.text(firstLine(e.getMessage()))).append("</figcaption>");
            }
            body.append("</figure>\n");
        }
        body.append("</div>\n");
    }

    private void topTables() throws SQLException {
        section("tables", "Top tables");
        for (String name : TOP_TABLES) {
            CannedQuery q = QueryLibrary.find(name).orElse(null);
            if (q == null) continue;
            appendix.put("Table: " + q.title(), q.render(Map.of()));
            body.append("<h3 id=\"t-").append(Html.id(name)).append("\">").append(Html.text(q.title())).append("</h3>\n<p class=\"lead\">")
                    .append(Html.text(q.description())).append(" <code>ior query TRACE --run ").append(Html.text(name)).append("</code></p>\n");
            try (ResultSet rs = QueryRunner.run(c, q, Map.of())) {
                Table t = Table.from(rs, 15);
                body.append(t.isEmpty() ? "<p class=\"quiet\">No rows.</p>\n" : t.html());
            } catch (SQLException e) {
                body.append("<p class=\"note\">Could not run: ").append(Html.text(firstLine(e.getMessage()))).append("</p>\n");
            }
        }
    }

    private void flame() throws SQLException {
        section("flame", "Flame graph");
        body.append("<p class=\"lead\">Time in syscalls by process, syscall and path (directories, then the file): wide frames are where the time went. "
                + "Hover for details, click to zoom, search with the button or Ctrl-F. Waiting calls (poll, futex, sleeps) are left out.</p>\n");
        String where = "NOT is_wait(syscall)";
        appendix.put("Flame graph (latency)", FlameQuery.sql(FlameWeight.LATENCY, where, traceNames.size() > 1));
        FlameGraph g = FlameQuery.build(c, FlameWeight.LATENCY, where, traceNames.size() > 1);
        if (g.total() == 0) {
            body.append("<p class=\"quiet\">No syscall time to draw.</p>\n");
            return;
        }
        FlameSvg.Options o = FlameSvg.Options.of(FlameWeight.LATENCY).withTitle("Time in syscalls (excluding waits)");
        String caveat = TraceCaveats.of(c);
        if (caveat != null) o = o.withCaveat(caveat);
        body.append("<div class=\"flame\">").append(FlameSvg.element(g, o, "flame" + (++ids))).append("</div>\n");
    }

    private void processes() throws SQLException {
        section("processes", "Processes");
        String top = """
                SELECT s.pid, any_value(p.comm) AS comm, any_value(p.cmdline) AS cmdline, count(*) AS syscalls,
                       fmt_ns(sum(s.latency_ns) FILTER (WHERE NOT is_wait(s.syscall))) AS busy, fmt_bytes(sum(s.bytes)) AS bytes,
                       count(*) FILTER (WHERE s.is_error) AS errors, any_value(p.exit_code) AS exit_code
                FROM syscalls s LEFT JOIN processes p USING (pid)
                GROUP BY s.pid ORDER BY sum(s.latency_ns) FILTER (WHERE NOT is_wait(s.syscall)) DESC NULLS LAST, count(*) DESC LIMIT 8""";
        appendix.put("Processes: the busiest", top);
        List<List<String>> procs = rows(top);
        body.append(table(top, 8).html());
        for (List<String> p : procs) {
            String pid = p.get(0);
            if (!pid.matches("-?\\d+")) continue;
            body.append("<h3 id=\"p-").append(pid).append("\">").append(Html.text(p.get(1))).append(" [").append(pid).append("]</h3>\n");
            body.append("<p class=\"lead\">").append(Html.text(p.get(2) == null ? "" : p.get(2))).append("</p>\n");
            String bySyscall = "SELECT syscall, count(*) AS calls, fmt_ns(sum(latency_ns)) AS total, fmt_ns(quantile_cont(latency_ns, 0.99)) AS p99,\n"
                    + "       fmt_bytes(sum(bytes)) AS bytes, count(*) FILTER (WHERE is_error) AS errors\n"
                    + "FROM syscalls WHERE pid = " + pid + " GROUP BY 1 ORDER BY sum(latency_ns) DESC NULLS LAST, 2 DESC LIMIT 8";
            String byFile = "SELECT file, count(*) AS calls, fmt_ns(sum(latency_ns)) AS total, fmt_bytes(sum(bytes)) AS bytes\n"
                    + "FROM syscalls WHERE pid = " + pid + " AND file IS NOT NULL GROUP BY 1 ORDER BY sum(latency_ns) DESC NULLS LAST, 2 DESC LIMIT 8";
            appendix.put("Process " + pid + ": syscalls", bySyscall);
            appendix.put("Process " + pid + ": files", byFile);
            body.append("<div class=\"two\"><div>").append(table(bySyscall, 8).html()).append("</div><div>").append(table(byFile, 8).html()).append("</div></div>\n");
        }
    }

    private void appendixSection() {
        section("appendix", "Appendix: every SQL used");
        body.append("<p class=\"lead\">Run any of these with <code>ior query TRACE -e \"...\"</code> or paste into <code>ior sql TRACE</code>. "
                + "Helpers such as fmt_ns and is_wait are the macros of queries/macros.sql.</p>\n");
        for (var e : appendix.entrySet())
            body.append("<h4>").append(Html.text(e.getKey())).append("</h4>\n<pre>").append(Html.text(e.getValue())).append("</pre>\n");
    }

    // ---- page

    private void section(String id, String title) {
        if (!toc.isEmpty() || body.length() > 0) body.append("</section>\n");
        toc.add(new String[] {id, title});
        body.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.text(title)).append("</h2>\n");
    }

    private String page(Map<String, String> info) {
        body.append("</section>\n");
        StringBuilder sb = new StringBuilder(body.length() + 8192);
        String title = "ior report: " + String.join(", ", traceNames);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").append(Html.text(title)).append("</title>\n<style>\n")
                .append(ReportStyle.CSS).append("</style>\n</head>\n<body>\n")
                .append("<script>window.addEventListener('error',function(e){document.documentElement.setAttribute('data-ior-error',String(e.message));});</script>\n")
                .append("<header><h1>").append(Html.text(title)).append("</h1>\n<p class=\"sub\">Made by ior ").append(Html.text(Recorder.version()))
                .append(" at ").append(Instant.now().toString()).append(" from ").append(Html.text(info.getOrDefault("host.name", "?")))
                .append("'s recording. Self-contained: opens offline in any browser.</p>\n<nav><ol>\n");
        for (String[] t : toc) sb.append("<li><a href=\"#").append(t[0]).append("\">").append(Html.text(t[1])).append("</a></li>\n");
        sb.append("</ol></nav></header>\n<main>\n").append(body).append("</main>\n")
                .append("<script>document.documentElement.setAttribute('data-ior-ready','1');</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    // ---- SQL helpers

    private Table table(String sql, int max) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return Table.from(rs, max);
        }
    }

    private List<List<String>> rows(String sql) throws SQLException {
        return table(sql, 1000).rows();
    }

    private String scalar(String sql) throws SQLException {
        List<List<String>> r = rows(sql);
        return r.isEmpty() ? null : r.getFirst().getFirst();
    }

    private Map<String, String> keyValues(String sql) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        for (List<String> r : rows(sql)) m.putIfAbsent(r.get(0), r.get(1));
        return m;
    }

    static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
