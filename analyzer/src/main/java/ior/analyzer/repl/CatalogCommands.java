package ior.analyzer.repl;

import ior.analyzer.cli.ResultPrinter;
import ior.analyzer.repl.DotCommand.UsageError;
import ior.analyzer.table.Col;
import ior.analyzer.table.TableDef;
import ior.analyzer.table.Tables;

import java.util.List;

/** .tables and .schema: what there is to query, with ior's own description of each table and column. */
final class CatalogCommands {
    private CatalogCommands() {}

    static void addTo(DotCommands d) {
        d.add(new DotCommand(".tables", "", "List the tables and views with their row counts", CatalogCommands::tables, DotCommand.ArgCompletion.NONE));
        d.add(new DotCommand(".schema", "[TABLE]", "Columns of TABLE (or of every table) with their types and meaning", CatalogCommands::schema,
                (s, i) -> i == 0 ? s.catalog().tables() : List.of()));
    }

    /** ior's table and column descriptions as a VALUES list, for joining with DuckDB's catalog. */
    private static String docs() {
        StringBuilder sb = new StringBuilder("(VALUES ");
        boolean first = true;
        for (TableDef t : Tables.ALL) {
            sb.append(first ? "" : ", ").append('(').append(lit(t.name())).append(", NULL, ").append(lit(t.doc())).append(')');
            first = false;
            for (Col c : t.publicColumns()) sb.append(", (").append(lit(t.name())).append(", ").append(lit(c.name())).append(", ").append(lit(c.doc())).append(')');
        }
        // several traces add these two to every table
        for (TableDef t : Tables.ALL) {
            sb.append(", (").append(lit(t.name())).append(", 'trace', 'Trace file the row comes from.')");
            sb.append(", (").append(lit(t.name())).append(", 'host', 'Host the trace was recorded on.')");
        }
        return sb.append(") AS d(tbl, col, doc)").toString();
    }

    private static String lit(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static void tables(Session s, List<String> args) throws Exception {
        DotCommands.expectAtMost(args, 0);
        StringBuilder sql = new StringBuilder("SELECT t.table_name AS name, t.table_type AS type, CASE t.table_name");
        List<String> names = s.catalog().tables();
        // exact counts: cheap in DuckDB (row-group metadata for tables, a scan for union views)
        for (String n : names) sql.append(" WHEN ").append(lit(n)).append(" THEN (SELECT count(*) FROM \"").append(n.replace("\"", "\"\"")).append("\")");
        sql.append(" END AS \"rows\", d.doc AS description FROM information_schema.tables t LEFT JOIN ").append(docs())
                .append(" ON d.tbl = t.table_name AND d.col IS NULL WHERE " + Catalog.ownTables("t.") + " ORDER BY t.table_schema, t.table_name");
        if (names.isEmpty()) {
            s.terminal().println("(no tables)");
            return;
        }
        s.printQuery(sql.toString());
    }

    private static void schema(Session s, List<String> args) throws Exception {
        DotCommands.expectAtMost(args, 1);
        String sql = "SELECT c.table_name AS \"table\", c.column_name AS \"column\", c.data_type AS type, d.doc AS meaning "
                + "FROM information_schema.columns c LEFT JOIN " + docs() + " ON d.tbl = c.table_name AND d.col = c.column_name "
                + "WHERE " + Catalog.ownTables("c.") + " AND (? IS NULL OR c.table_name = ?) "
                + "ORDER BY c.table_schema, c.table_name, c.ordinal_position";
        String t = args.isEmpty() ? null : args.getFirst();
        if (t != null && !s.catalog().tables().contains(t)) throw new UsageError("no table named " + ResultPrinter.visible(t) + ": .tables lists them");
        s.printQuery(sql, t, t);
    }
}
