package ior.analyzer.repl;

import ior.analyzer.cli.ResultPrinter;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The screen `ior sql` starts with: per trace its host, when and how long it was recorded, what
 * ran, how many processes and syscalls it holds, and lost events, loudly when there are any,
 * because every count after that is a lower bound. Then the tables there are.
 */
public final class TraceSummary {
    private static final String LOUD = "\033[1;31m", RESET = "\033[0m";

    private TraceSummary() {}

    /** Prints the summary; color adds emphasis on a terminal. Returns the events known lost (all traces). */
    public static long print(Connection c, PrintStream out, boolean color) throws SQLException {
        List<String> traces = traces(c);
        long lostTotal = 0;
        if (traces.size() > 1) out.println(traces.size() + " traces:");
        for (String t : traces) lostTotal += printTrace(c, t, traces.size() > 1, out, color);
        out.println("tables: " + String.join(", ", tableList(c)));
        out.println("Enter SQL ending with ';', or .help. Tab completes, Ctrl-C cancels a query, Ctrl-D quits.");
        return lostTotal;
    }

    /** The trace names of a multi-trace session ("trace" column), or one null for a single trace. */
    private static List<String> traces(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        if (!hasColumn(c, "trace_info", "trace")) {
            out.add(null);
            return out;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT DISTINCT trace FROM trace_info ORDER BY 1")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.columns WHERE " + Catalog.OWN_TABLES + " AND table_name = ? AND column_name = ?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long printTrace(Connection c, String trace, boolean several, PrintStream out, boolean color) throws SQLException {
        String where = trace == null ? "" : " WHERE trace = ?";
        String and = trace == null ? " WHERE " : " WHERE trace = ? AND ";
        String file = info(c, trace, "trace.file");
        String host = info(c, trace, "host.name");
        String kernel = info(c, trace, "kernel.release");
        String start = info(c, trace, "start.wall");
        String command = info(c, trace, "command");
        String first = info(c, trace, "trace.first_ts"), last = info(c, trace, "trace.last_ts");
        String stop = info(c, trace, "trace.stop_reason");
        long procs = count(c, "SELECT count(*) FROM processes" + where, trace);
        long calls = count(c, "SELECT count(*) FROM syscalls" + where, trace);
        long errors = count(c, "SELECT count(*) FROM syscalls" + and + "is_error", trace);
        String indent = several ? "  " : "";
        out.println(indent + "trace " + v(file) + ": host " + v(host) + (kernel == null ? "" : " (Linux " + v(kernel) + ")"));
        StringBuilder when = new StringBuilder(indent + "recorded ");
        when.append(start == null ? "at an unknown time" : v(start.replace('T', ' ').replaceFirst("\\.\\d+Z$", " UTC")));
        Double secs = duration(first, last);
        if (secs != null) when.append(String.format(Locale.ROOT, " for %.3f s", secs));
        if (stop != null && !stop.isEmpty()) when.append(" (").append(v(stop)).append(')');
        out.println(when);
        if (command != null && !command.isEmpty()) out.println(indent + "command: " + v(command));
        out.println(indent + procs + (procs == 1 ? " process, " : " processes, ") + calls + " syscalls, " + errors + " failed");
        long lost = 0;
        List<String> parts = new ArrayList<>();
        String sql = "SELECT name, sum(value) FROM stats" + and + "severity = 'data_loss' AND value > 0 GROUP BY name ORDER BY name";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (trace != null) ps.setString(1, trace);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parts.add(rs.getString(1).replace('_', ' ') + " " + rs.getLong(2));
                    lost += rs.getLong(2);
                }
            }
        }
        String truncated = info(c, trace, "trace.truncated_at");
        if (truncated != null) parts.add("trace cut short at byte " + v(truncated));
        if (parts.isEmpty()) out.println(indent + "lost events: none");
        else {
            String msg = "!!! LOST EVENTS: " + String.join(", ", parts) + ": counts below are lower bounds (see the losses and stats tables) !!!";
            out.println(indent + (color ? LOUD + msg + RESET : msg));
        }
        return lost;
    }

    private static Double duration(String first, String last) {
        try {
            return (Long.parseLong(last) - Long.parseLong(first)) / 1e9;
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    private static String v(String s) {
        return s == null ? "?" : ResultPrinter.visible(s);
    }

    private static String info(Connection c, String trace, String key) throws SQLException {
        String sql = "SELECT value FROM trace_info WHERE key = ?" + (trace == null ? "" : " AND trace = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            if (trace != null) ps.setString(2, trace);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long count(Connection c, String sql, String trace) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (trace != null) ps.setString(1, trace);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static List<String> tableList(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE " + Catalog.OWN_TABLES + " ORDER BY "
                        + "CASE table_name WHEN 'syscalls' THEN 0 WHEN 'fds' THEN 1 WHEN 'processes' THEN 2 WHEN 'losses' THEN 3 ELSE 4 END, table_name")) {
            while (rs.next()) out.add(ResultPrinter.visible(rs.getString(1)));
        }
        return out;
    }
}
