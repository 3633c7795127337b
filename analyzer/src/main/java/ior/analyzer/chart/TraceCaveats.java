package ior.analyzer.chart;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a chart of a trace must admit: events lost in the kernel or in pairing, and a trace cut
 * short. One line for the caveat under the title, or null when the trace is whole.
 */
public final class TraceCaveats {
    private TraceCaveats() {}

    public static String of(Connection c) {
        List<String> parts = new ArrayList<>();
        String sql = "SELECT name, sum(value) FROM stats WHERE severity IN ('data_loss', 'error') AND value > 0 AND name <> 'truncated_at' "
                + "GROUP BY name ORDER BY name";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) parts.add(String.format("%,d %s", rs.getLong(2), rs.getString(1).replace('_', ' ')));
        } catch (SQLException e) {
            return null; // not an ior database (a chart of other data): nothing to admit
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT value FROM trace_info WHERE key = 'trace.truncated_at'")) {
            while (rs.next()) parts.add("trace cut short at byte " + rs.getString(1));
        } catch (SQLException e) {
            // older tables: no such key
        }
        if (parts.isEmpty()) return null;
        return "Incomplete trace: " + String.join(", ", parts) + " (counts are lower bounds; see the stats table)";
    }
}
