package ior.analyzer.flame;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a flame graph from the syscalls table. DuckDB does the heavy part: one GROUP BY over
 * (comm, syscall, file, fd kind) with the weight summed, so a trace of 10M syscalls streams back
 * as one row per distinct stack; only those rows are split into path frames here.
 */
public final class FlameQuery {
    private FlameQuery() {}

    /** The SQL that sums the weight per stack; where is a condition on syscalls (null: all rows). */
    public static String sql(FlameWeight weight, String where, boolean perTrace) {
        String w = where == null || where.isBlank() ? "true" : "(" + where + ")";
        String agg = weight.sqlAggregate();
        return "SELECT " + (perTrace ? "trace, " : "") + "comm, syscall, file, fd_kind, " + agg + " AS weight\n"
                + "FROM syscalls WHERE " + w + "\n"
                + "GROUP BY ALL HAVING " + agg + " > 0";
    }

    /** The total the graph must add up to: the same weight over the same rows, straight from SQL. */
    public static String totalSql(FlameWeight weight, String where) {
        String w = where == null || where.isBlank() ? "true" : "(" + where + ")";
        return "SELECT coalesce(" + weight.sqlAggregate() + ", 0) FROM syscalls WHERE " + w;
    }

    /**
     * Runs the query and builds the graph. With perTrace (several traces in one connection) each
     * trace is a frame of its own below the root.
     */
    public static FlameGraph build(Connection c, FlameWeight weight, String where, boolean perTrace) throws SQLException {
        FlameGraph g = new FlameGraph();
        List<String> names = new ArrayList<>(16);
        List<FrameKind> kinds = new ArrayList<>(16);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql(weight, where, perTrace))) {
            int k = perTrace ? 1 : 0;
            while (rs.next()) {
                String trace = perTrace ? rs.getString(1) : null;
                FlameFrames.of(trace, rs.getString(k + 1), rs.getString(k + 2), rs.getString(k + 3), rs.getString(k + 4), names, kinds);
                g.add(names, kinds, rs.getLong(k + 5));
            }
        }
        return g;
    }
}
