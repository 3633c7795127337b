package ior.analyzer.table;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table declared once: name, doc and columns; the Arrow schema, the DDL and the docs derive from
 * it. A table with computed columns ({@link Col#from}) is stored under {@link #storedName()} with
 * only its stored columns, and queried through a view of its own name that adds the rest: DuckDB
 * writes a narrower row (docs/benchmarks.md: each text column costs the load more than it costs a
 * query to compute).
 *
 * <p>A table can also be stored in parts ({@link #withParts}): rows that leave columns empty go to a
 * narrower table of their own, and the view is the UNION ALL of the parts, each padded with NULLs
 * (or a column's pad value).
 * DuckDB's append costs about as much for a NULL as for a value (docs/benchmarks.md "What a stored
 * column costs"), so a getppid row that fills 9 of the 24 stored columns is written as 9 values.
 */
public record TableDef(String name, String doc, List<Col> columns, List<TableDef> parts, Map<String, String> pads) {
    public TableDef(String name, String doc, List<Col> columns) {
        this(name, doc, columns, List.of(), Map.of());
    }

    /**
     * This table stored in parts: the first holds every stored column (under {@link #storedName()}),
     * then one per entry of omitted, named storedName_SUFFIX, without those columns (each part's
     * omissions are added to the ones before it: the parts get narrower). The view shows NULL for a
     * column a part lacks, or the SQL literal pads gives for it: a part can leave out a column its
     * rows all have the same value in (bytes is 0 for every call without arguments).
     */
    public TableDef withParts(List<String> suffixes, List<List<String>> omitted, Map<String, String> pads) {
        List<TableDef> ps = new ArrayList<>();
        List<Col> cols = storedColumns().stream().map(c -> new Col(c.name(), c.type(), c.doc(), null, false)).toList();
        ps.add(new TableDef(storedName(), doc, cols));
        Set<String> left = new HashSet<>();
        for (int i = 0; i < omitted.size(); i++) {
            for (String o : omitted.get(i)) {
                index(o); // an omitted column must be a stored one
                left.add(o);
            }
            ps.add(new TableDef(storedName() + "_" + suffixes.get(i), doc, cols.stream().filter(c -> !left.contains(c.name())).toList()));
        }
        for (String c : pads.keySet()) index(c); // likewise
        return new TableDef(name, doc, columns, List.copyOf(ps), Map.copyOf(pads));
    }

    /** Where the rows are stored: this table itself, or its parts (widest first). */
    public List<TableDef> storedParts() {
        return parts.isEmpty() ? List.of(this) : parts;
    }

    /** CREATE TABLE for every stored part. */
    public List<String> createStoredSql() {
        return storedParts().stream().map(TableDef::createTableSql).toList();
    }

    /** The columns the ingest fills, in the order of {@link #schema()}. */
    public List<Col> storedColumns() {
        return columns.stream().filter(Col::stored).toList();
    }

    /** Index of a stored column in {@link #schema()} (the one the batch setters take). */
    public int index(String column) {
        int i = find(column);
        if (i < 0) throw new IllegalArgumentException(name + " has no stored column " + column);
        return i;
    }

    /** Index of a stored column in {@link #schema()}, or -1 when this table does not store it (a part without it). */
    public int find(String column) {
        List<Col> stored = storedColumns();
        for (int i = 0; i < stored.size(); i++) if (stored.get(i).name().equals(column)) return i;
        return -1;
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
        return sb.append("\nFROM ").append(parts.isEmpty() ? storedName() : "(" + unionOfParts() + ")").toString();
    }

    /** The parts as one row set of every stored column: a column a part lacks is a typed NULL (or its pad). */
    private String unionOfParts() {
        StringBuilder sb = new StringBuilder();
        for (TableDef p : parts) {
            if (!sb.isEmpty()) sb.append("\n  UNION ALL ");
            sb.append("SELECT ");
            List<Col> all = storedColumns();
            for (int i = 0; i < all.size(); i++) {
                Col c = all.get(i);
                sb.append(i > 0 ? ", " : "").append(p.find(c.name()) >= 0 ? "\"" + c.name() + "\"" : "CAST(" + pads.getOrDefault(c.name(), "NULL") + " AS " + c.type().sql() + ") AS \"" + c.name() + "\"");
            }
            sb.append(" FROM ").append(p.storedName());
        }
        return sb.toString();
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
