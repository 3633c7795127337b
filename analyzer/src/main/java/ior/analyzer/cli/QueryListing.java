package ior.analyzer.cli;

import ior.analyzer.queries.CannedQuery;
import ior.analyzer.queries.QueryLibrary;
import ior.analyzer.queries.QueryParam;
import ior.recorder.ExitCodes;
import ior.recorder.UserException;

import java.io.PrintStream;
import java.sql.Connection;
import ior.analyzer.db.Duck;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** `ior query --list` and `--show`: the canned-query library as a table, one query in full. */
final class QueryListing {
    private QueryListing() {}

    /** Lists the queries whose name starts with group (all for ""), in any output format. */
    static int list(String group, ResultPrinter.Format format, PrintStream out) throws SQLException {
        String g = group.strip();
        List<CannedQuery> qs = QueryLibrary.all().stream()
                .filter(q -> g.isEmpty() || q.name().equals(g) || q.name().startsWith(g.endsWith("/") ? g : g + "/")).toList();
        if (qs.isEmpty()) {
            String groups = QueryLibrary.all().stream().map(CannedQuery::group).distinct().collect(Collectors.joining(", "));
            throw new UserException(ExitCodes.USAGE, "no canned query in group '" + group + "'; groups: " + groups);
        }
        // Through DuckDB so that --format table/csv/json/markdown prints it like any result.
        try (Connection c = Duck.connect("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE q(name VARCHAR, title VARCHAR, params VARCHAR, chart VARCHAR, description VARCHAR)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO q VALUES (?, ?, ?, ?, ?)")) {
                for (CannedQuery q : qs) {
                    ps.setString(1, q.name());
                    ps.setString(2, q.title());
                    ps.setString(3, q.params().stream().map(p -> p.name() + "=" + p.defaultText()).collect(Collectors.joining(" ")));
                    ps.setString(4, q.chart().toString());
                    ps.setString(5, q.description());
                    ps.execute();
                }
            }
            String cols = format == ResultPrinter.Format.table ? "name, title, params" : "*";
            try (ResultSet rs = st.executeQuery("SELECT " + cols + " FROM q ORDER BY name")) {
                ResultPrinter.print(rs, format, out);
            }
        }
        if (format == ResultPrinter.Format.table)
            out.println("Run one: ior query TRACE --run NAME [--param KEY=VALUE]...   Details and SQL: ior query --show NAME");
        out.flush();
        return ExitCodes.OK;
    }

    private static String value(QueryParam p, Map<String, String> params) {
        return params.containsKey(p.name()) ? params.get(p.name()) : p.defaultText();
    }

    /** One query: title, description, notes, parameters, chart and its SQL rendered with params. */
    static int show(CannedQuery q, Map<String, String> params, PrintStream out) {
        String sql = q.render(params);
        out.println(q.name() + ": " + q.title());
        out.println(q.description());
        if (!q.notes().isEmpty()) {
            out.println();
            q.notes().lines().forEach(l -> out.println("  " + l));
        }
        out.println();
        if (q.params().isEmpty()) out.println("Parameters: none");
        else {
            out.println("Parameters (--param KEY=VALUE):");
            int w = q.params().stream().mapToInt(p -> p.name().length() + value(p, params).length() + 1).max().orElse(0);
            for (QueryParam p : q.params()) {
                String kv = p.name() + "=" + value(p, params);
                String given = params.containsKey(p.name()) ? " (default " + p.defaultText() + ")" : "";
                out.printf("  %-" + w + "s  %s, %s%s%n", kv, p.type().headerName(), p.description(), given);
            }
        }
        out.println("Chart: " + q.chart());
        out.println();
        out.println(sql + ";");
        out.flush();
        return ExitCodes.OK;
    }
}
