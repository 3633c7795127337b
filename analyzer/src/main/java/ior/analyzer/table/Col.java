package ior.analyzer.table;

/** One column of an analyzer table: its SQL name, type and what it means (docs/tables.md is generated from these). */
public record Col(String name, Type type, String doc) {
    public enum Type { BIGINT, INT, SMALLINT, BOOLEAN, VARCHAR, TIMESTAMP, DOUBLE }

    public static Col bigint(String name, String doc) {
        return new Col(name, Type.BIGINT, doc);
    }

    public static Col integer(String name, String doc) {
        return new Col(name, Type.INT, doc);
    }

    public static Col bool(String name, String doc) {
        return new Col(name, Type.BOOLEAN, doc);
    }

    public static Col text(String name, String doc) {
        return new Col(name, Type.VARCHAR, doc);
    }

    public static Col time(String name, String doc) {
        return new Col(name, Type.TIMESTAMP, doc);
    }

    public static Col dbl(String name, String doc) {
        return new Col(name, Type.DOUBLE, doc);
    }
}
