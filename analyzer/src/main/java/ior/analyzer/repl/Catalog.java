package ior.analyzer.repl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The names Tab completes, read from DuckDB's own catalog (so views made in the session, attached
 * databases and DuckDB's functions are included) once and again after statements that may change
 * them.
 */
public final class Catalog {
    /**
     * The user's tables: those of the session's own database (with several traces the attached
     * per-trace caches hold the same names again) without ior's bookkeeping table.
     */
    static final String OWN_TABLES = ownTables("");

    /** OWN_TABLES for information_schema columns prefixed with alias ("t." or ""). */
    static String ownTables(String alias) {
        return alias + "table_catalog = current_database() AND " + alias + "table_schema = current_schema() AND "
                + alias + "table_name NOT LIKE '\\_ior%' ESCAPE '\\'";
    }

    private final Connection conn;
    private List<String> tables, columns, keywords, functions;

    Catalog(Connection conn) {
        this.conn = conn;
    }

    void invalidate() {
        tables = columns = null;
    }

    /** Tables and views the user can query (ior's own bookkeeping table left out). */
    public List<String> tables() {
        if (tables == null) tables = names("SELECT DISTINCT table_name FROM information_schema.tables WHERE " + OWN_TABLES + " ORDER BY 1");
        return tables;
    }

    public List<String> columns() {
        if (columns == null) columns = names("SELECT DISTINCT column_name FROM information_schema.columns WHERE " + OWN_TABLES + " ORDER BY 1");
        return columns;
    }

    public List<String> keywords() {
        if (keywords == null) keywords = names("SELECT DISTINCT upper(keyword_name) FROM duckdb_keywords() ORDER BY 1");
        return keywords;
    }

    public List<String> functions() {
        if (functions == null) functions = names("SELECT DISTINCT function_name FROM duckdb_functions() "
                + "WHERE function_type IN ('scalar', 'aggregate', 'table', 'macro', 'table_macro') AND function_name ~ '^[a-z_][a-z0-9_]*$' ORDER BY 1");
        return functions;
    }

    private List<String> names(String sql) {
        List<String> out = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        } catch (SQLException e) {
            // completion is a help, never an error: offer nothing of this kind
        }
        return out;
    }
}
