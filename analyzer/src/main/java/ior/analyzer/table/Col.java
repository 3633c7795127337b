package ior.analyzer.table;

/**
 * One column of an analyzer table: its SQL name, type and what it means (docs/tables.md is
 * generated from these). A column with an expression is not stored: the table's view computes it
 * from the stored columns (see {@link TableDef#storedName()}). A hidden column is stored for the
 * view's expressions (a code the view turns into text) and is not in the view.
 */
public record Col(String name, Type type, String doc, String expr, boolean hidden) {
    public enum Type { BIGINT, INT, SMALLINT, BOOLEAN, VARCHAR, TIMESTAMP, DOUBLE;

        /** The DuckDB type name. */
        public String sql() {
            return this == INT ? "INTEGER" : name();
        }
    }

    public static Col bigint(String name, String doc) {
        return new Col(name, Type.BIGINT, doc, null, false);
    }

    public static Col integer(String name, String doc) {
        return new Col(name, Type.INT, doc, null, false);
    }

    public static Col bool(String name, String doc) {
        return new Col(name, Type.BOOLEAN, doc, null, false);
    }

    public static Col text(String name, String doc) {
        return new Col(name, Type.VARCHAR, doc, null, false);
    }

    public static Col time(String name, String doc) {
        return new Col(name, Type.TIMESTAMP, doc, null, false);
    }

    public static Col smallint(String name, String doc) {
        return new Col(name, Type.SMALLINT, doc, null, false);
    }

    public static Col dbl(String name, String doc) {
        return new Col(name, Type.DOUBLE, doc, null, false);
    }

    /** This column computed by the SQL expression over the stored columns instead of stored. */
    public Col from(String sqlExpr) {
        return new Col(name, type, doc, sqlExpr, false);
    }

    /** This column stored but left out of the view (and the docs): the view's expressions read it. */
    public Col hide() {
        return new Col(name, type, doc, null, true);
    }

    public boolean stored() {
        return expr == null;
    }
}
