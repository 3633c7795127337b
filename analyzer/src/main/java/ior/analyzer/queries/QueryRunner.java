package ior.analyzer.queries;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a canned query on a connection from TraceCache.connect. On one trace it runs the
 * rendered SQL as it is. On several traces (attached as t0, t1, ...) it runs the query once per
 * trace, each inside its own catalog, and returns the results one after the other with a
 * leading `trace` column: a query's pids, fds and times mean nothing across traces, so the
 * library never mixes them.
 */
public final class QueryRunner {
    private QueryRunner() {}

    /**
     * The result of q with params on c. The caller closes the ResultSet, which closes its
     * statement. Bad parameters throw UserException(USAGE) before anything runs.
     */
    public static ResultSet run(Connection c, CannedQuery q, Map<String, String> params) throws SQLException {
        String sql = q.render(params);
        List<String[]> traces = attachedTraces(c);
        if (!traces.isEmpty()) {
            try (Statement st = c.createStatement()) {
                String home = currentDatabase(c);
                st.execute("DROP TABLE IF EXISTS temp._ior_run");
                try {
                    for (int i = 0; i < traces.size(); i++) {
                        String[] t = traces.get(i);
                        st.execute("USE " + t[0]);
                        String lit = "'" + t[1].replace("'", "''") + "'";
                        st.execute((i == 0 ? "CREATE TEMP TABLE _ior_run AS " : "INSERT INTO temp._ior_run ")
                                + "SELECT " + lit + " AS trace, * FROM (" + sql + "\n)");
                    }
                } finally {
                    st.execute("USE " + home);
                }
            }
            sql = "SELECT * FROM temp._ior_run ORDER BY rowid";
        }
        Statement st = c.createStatement();
        try {
            ResultSet rs = st.executeQuery(sql);
            st.closeOnCompletion();
            return rs;
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    /** (catalog, trace file name) of each attached trace, in attach order; empty for one trace. */
    static List<String[]> attachedTraces(Connection c) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT database_name FROM duckdb_databases() WHERE regexp_full_match(database_name, 't[0-9]+') "
                     + "ORDER BY CAST(substr(database_name, 2) AS INT)")) {
            while (rs.next()) out.add(new String[]{rs.getString(1), null});
        }
        for (String[] t : out) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT value FROM " + t[0] + "._ior_cache WHERE key = 'trace'")) {
                t[1] = rs.next() ? Path.of(rs.getString(1)).getFileName().toString() : t[0];
            }
        }
        return out;
    }

    private static String currentDatabase(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
