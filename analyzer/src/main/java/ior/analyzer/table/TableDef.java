package ior.analyzer.table;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A table declared once: name, doc and columns; the Arrow schema, the DDL and the docs derive from
 * it. A table with computed columns ({@link Col#from}) is stored under {@link #storedName()} with
 * only its stored columns, and queried through a view of its own name that adds the rest: DuckDB
 * writes a narrower row (docs/benchmarks.md: each text column costs the load more than it costs a
 * query to compute).
 */
public record TableDef(String name, String doc, List<Col> columns) {
    /** The columns the ingest fills, in the order of {@link #schema()}. */
    public List<Col> storedColumns() {
        return columns.stream().filter(Col::stored).toList();
    }

    /** Index of a stored column in {@link #schema()} (the one the batch setters take). */
    public int index(String column) {
        List<Col> stored = storedColumns();
        for (int i = 0; i < stored.size(); i++) if (stored.get(i).name().equals(column)) return i;
        throw new IllegalArgumentException(name + " has no stored column " + column);
    }

    /** The columns a query sees (the view's, or the table's): all but the hidden ones. */
    public List<Col> publicColumns() {
        return columns.stream().filter(c -> !c.hidden()).toList();
    }

    public boolean hasView() {
        return columns.stream().anyMatch(c -> !c.stored() || c.hidden());
    }

    /** Where the rows are: the table's own name, or _ior_NAME behind the view NAME. */
    public String storedName() {
        return hasView() ? "_ior_" + name : name;
    }

    /** The Arrow schema of the stored columns. */
    public Schema schema() {
        List<Field> fields = new ArrayList<>();
        for (Col c : storedColumns()) fields.add(new Field(c.name(), FieldType.nullable(arrow(c.type())), null));
        return new Schema(fields);
    }

    /** CREATE TABLE for the stored columns. */
    public String createTableSql() {
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(storedName()).append(" (");
        List<Col> stored = storedColumns();
        for (int i = 0; i < stored.size(); i++)
            sb.append(i > 0 ? ", " : "").append('"').append(stored.get(i).name()).append("\" ").append(stored.get(i).type().sql());
        return sb.append(')').toString();
    }

    /** CREATE VIEW name: every column in declared order, the computed ones cast to their declared type. */
    public String createViewSql() {
        StringBuilder sb = new StringBuilder("CREATE VIEW ").append(name).append(" AS SELECT ");
        List<Col> shown = publicColumns();
        for (int i = 0; i < shown.size(); i++) {
            Col c = shown.get(i);
            sb.append(i > 0 ? ",\n  " : "\n  ");
            if (c.stored()) sb.append('"').append(c.name()).append('"');
            else sb.append("CAST(").append(c.expr()).append(" AS ").append(c.type().sql()).append(") AS \"").append(c.name()).append('"');
        }
        return sb.append("\nFROM ").append(storedName()).toString();
    }

    static ArrowType arrow(Col.Type t) {
        return switch (t) {
            case BIGINT -> new ArrowType.Int(64, true);
            case INT -> new ArrowType.Int(32, true);
            case SMALLINT -> new ArrowType.Int(16, true);
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case VARCHAR -> ArrowType.Utf8.INSTANCE;
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        };
    }
}
