package ior.analyzer.table;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.List;

/** A table declared once: name, doc and columns; the Arrow schema and the docs derive from it. */
public record TableDef(String name, String doc, List<Col> columns) {
    public int index(String column) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).name().equals(column)) return i;
        throw new IllegalArgumentException(name + " has no column " + column);
    }

    public Schema schema() {
        List<Field> fields = new ArrayList<>();
        for (Col c : columns) fields.add(new Field(c.name(), FieldType.nullable(arrow(c.type())), null));
        return new Schema(fields);
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
