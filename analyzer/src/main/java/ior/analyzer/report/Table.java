package ior.analyzer.report;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** A small, bounded result kept as text for an HTML table: evidence of a finding or a top-N list. */
public record Table(List<String> columns, List<Boolean> numeric, List<List<String>> rows, boolean truncated) {
    public static Table from(ResultSet rs, int maxRows) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> cols = new ArrayList<>();
        List<Boolean> num = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            cols.add(md.getColumnLabel(i));
            int t = md.getColumnType(i);
            num.add(switch (t) {
                case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.DOUBLE, Types.FLOAT, Types.DECIMAL, Types.NUMERIC, Types.REAL -> true;
                default -> false;
            });
        }
        List<List<String>> rows = new ArrayList<>();
        boolean more = false;
        while (rs.next()) {
            if (rows.size() == maxRows) {
                more = true;
                break;
            }
            List<String> r = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                Object o = rs.getObject(i);
                r.add(o == null ? null : o instanceof Double d ? String.format("%.3f", d) : o.toString());
            }
            rows.add(r);
        }
        return new Table(cols, num, rows, more);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String html() {
        StringBuilder sb = new StringBuilder("<div class=\"tw\"><table>\n<thead><tr>");
        for (int i = 0; i < columns.size(); i++)
            sb.append(numeric.get(i) ? "<th class=\"n\">" : "<th>").append(Html.text(columns.get(i))).append("</th>");
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            for (int i = 0; i < r.size(); i++) {
                String v = r.get(i);
                sb.append(numeric.get(i) ? "<td class=\"n\">" : "<td>");
                if (v == null) sb.append("<span class=\"null\">NULL</span>");
                else if (v.length() > 160) sb.append(Html.text(v.substring(0, 159))).append("<span class=\"more\">…</span>");
                else sb.append(Html.text(v));
                sb.append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table></div>\n");
        if (truncated) sb.append("<p class=\"note\">First ").append(rows.size()).append(" rows; the SQL in the appendix gives all.</p>\n");
        return sb.toString();
    }
}
