package ior.analyzer.chart;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A small table held in memory, the input of every chart: named columns, each a number, a time or
 * text, and at most {@link #DEFAULT_MAX_ROWS} rows (a chart of more points is aggregated in SQL
 * first). Made from any JDBC result ({@link #from(ResultSet)}) or row by row ({@link #builder}).
 *
 * <p>Values: numbers are {@link Number}, times are {@link Long} nanoseconds since the Unix epoch
 * (TIMESTAMP without a zone is read as UTC), text is {@link String}, missing values are null.
 */
public final class TabularData {
    public enum Kind { NUMBER, TIME, TEXT }

    /** Rows a chart takes by default: more points than pixels helps nobody. */
    public static final int DEFAULT_MAX_ROWS = 100_000;

    private final List<String> names;
    private final List<Kind> kinds;
    private final List<Object[]> rows;

    private TabularData(List<String> names, List<Kind> kinds, List<Object[]> rows) {
        this.names = List.copyOf(names);
        this.kinds = List.copyOf(kinds);
        this.rows = Collections.unmodifiableList(rows);
    }

    public static TabularData from(ResultSet rs) throws SQLException {
        return from(rs, DEFAULT_MAX_ROWS);
    }

    /** Reads the whole result; more than maxRows rows is a {@link ChartException} saying to aggregate. */
    public static TabularData from(ResultSet rs, int maxRows) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> names = new ArrayList<>(n);
        Kind[] kinds = new Kind[n];
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            names.add(md.getColumnLabel(i + 1));
            types[i] = md.getColumnType(i + 1);
            kinds[i] = kindOf(types[i]);
        }
        List<Object[]> rows = new ArrayList<>();
        while (rs.next()) {
            if (rows.size() >= maxRows)
                throw new ChartException("the result has more than " + maxRows + " rows: aggregate it in SQL (GROUP BY a time bucket or category) or add LIMIT");
            Object[] r = new Object[n];
            for (int i = 0; i < n; i++) r[i] = read(rs, i + 1, types[i], kinds[i]);
            rows.add(r);
        }
        // Columns of a type JDBC does not name (DuckDB HUGEINT, UUID, ...) take the kind of their values.
        for (int i = 0; i < n; i++) {
            if (types[i] != Types.OTHER && types[i] != Types.JAVA_OBJECT) continue;
            boolean allNumbers = true;
            for (Object[] r : rows) if (r[i] != null && !(r[i] instanceof Number)) allNumbers = false;
            if (allNumbers && !rows.isEmpty()) kinds[i] = Kind.NUMBER;
            else for (Object[] r : rows) if (r[i] != null && !(r[i] instanceof String)) r[i] = r[i].toString();
        }
        return new TabularData(names, Arrays.asList(kinds), rows);
    }

    private static Kind kindOf(int t) {
        return switch (t) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.REAL, Types.DOUBLE,
                 Types.NUMERIC, Types.DECIMAL -> Kind.NUMBER;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE -> Kind.TIME;
            case Types.OTHER, Types.JAVA_OBJECT -> Kind.TEXT; // settled from the values
            default -> Kind.TEXT;
        };
    }

    private static Object read(ResultSet rs, int col, int type, Kind kind) throws SQLException {
        Object o = rs.getObject(col);
        if (o == null) return null;
        return switch (kind) {
            case NUMBER -> o instanceof Number num ? num : parseNumber(o.toString());
            case TIME -> epochNanos(o);
            case TEXT -> type == Types.OTHER || type == Types.JAVA_OBJECT ? o : o.toString();
        };
    }

    private static Number parseNumber(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Nanoseconds since the epoch of a JDBC time value; zone-less values are UTC. */
    static Long epochNanos(Object o) {
        Instant i;
        if (o instanceof Timestamp ts) i = ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
        else if (o instanceof LocalDateTime ldt) i = ldt.toInstant(ZoneOffset.UTC);
        else if (o instanceof OffsetDateTime odt) i = odt.toInstant();
        else if (o instanceof ZonedDateTime zdt) i = zdt.toInstant();
        else if (o instanceof Instant in) i = in;
        else if (o instanceof java.sql.Date d) i = d.toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
        else if (o instanceof LocalDate d) i = d.atStartOfDay().toInstant(ZoneOffset.UTC);
        else if (o instanceof java.util.Date d) i = d.toInstant();
        else return null;
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    public static Builder builder(String... columns) {
        return new Builder(columns);
    }

    /** Builds a table in code; each column's kind is set by its first non-null value. */
    public static final class Builder {
        private final List<String> names;
        private final Kind[] kinds;
        private final List<Object[]> rows = new ArrayList<>();

        private Builder(String... columns) {
            names = List.of(columns);
            kinds = new Kind[columns.length];
        }

        /** Values: Number, Instant (or Long nanos in a column declared with {@link #time}), String, null. */
        public Builder row(Object... values) {
            if (values.length != names.size()) throw new IllegalArgumentException("row has " + values.length + " values, table has " + names.size() + " columns");
            Object[] r = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v == null) continue;
                Kind k = v instanceof Number ? Kind.NUMBER : v instanceof Instant ? Kind.TIME : Kind.TEXT;
                if (kinds[i] == Kind.TIME && v instanceof Number num) {
                    r[i] = num.longValue();
                    continue;
                }
                if (kinds[i] == null) kinds[i] = k;
                else if (kinds[i] != k) throw new IllegalArgumentException("column " + names.get(i) + " mixes " + kinds[i] + " and " + k);
                r[i] = k == Kind.TIME ? epochNanos(v) : k == Kind.TEXT ? v.toString() : v;
            }
            rows.add(r);
            return this;
        }

        /** Declares a column as time; its Long values are nanoseconds since the epoch. */
        public Builder time(String column) {
            kinds[names.indexOf(column)] = Kind.TIME;
            return this;
        }

        /** Declares a column as numbers (needed only when it may stay empty). */
        public Builder number(String column) {
            kinds[names.indexOf(column)] = Kind.NUMBER;
            return this;
        }

        public TabularData build() {
            List<Kind> k = new ArrayList<>();
            for (Kind kind : kinds) k.add(kind == null ? Kind.TEXT : kind);
            return new TabularData(names, k, rows);
        }
    }

    /**
     * Wide to long: keeps the columns in keep and turns each value column into rows of
     * (kept columns..., seriesName = the value column's name, valueName = its value), so columns
     * such as read_bytes, write_bytes become one series each.
     */
    public TabularData melt(List<String> keep, List<String> values, String seriesName, String valueName) {
        int[] k = keep.stream().mapToInt(this::column).toArray();
        int[] v = values.stream().mapToInt(this::column).toArray();
        List<String> names = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        for (int c : k) {
            names.add(name(c));
            kinds.add(kind(c));
        }
        names.add(seriesName);
        kinds.add(Kind.TEXT);
        names.add(valueName);
        kinds.add(Kind.NUMBER);
        List<Object[]> out = new ArrayList<>(rows.size() * v.length);
        for (Object[] r : rows) {
            for (int c : v) {
                Object[] o = new Object[k.length + 2];
                for (int i = 0; i < k.length; i++) o[i] = r[k[i]];
                o[k.length] = name(c);
                o[k.length + 1] = r[c] instanceof Number ? r[c] : null;
                out.add(o);
            }
        }
        return new TabularData(names, kinds, out);
    }

    public int columnCount() {
        return names.size();
    }

    public int rowCount() {
        return rows.size();
    }

    public List<String> names() {
        return names;
    }

    public String name(int col) {
        return names.get(col);
    }

    public Kind kind(int col) {
        return kinds.get(col);
    }

    public Object get(int row, int col) {
        return rows.get(row)[col];
    }

    /** The column's index by name (case-insensitive), or a ChartException naming the columns there are. */
    public int column(String name) {
        for (int i = 0; i < names.size(); i++) if (names.get(i).equals(name)) return i;
        for (int i = 0; i < names.size(); i++) if (names.get(i).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) return i;
        throw new ChartException("no column '" + SafeText.of(name) + "' in the result (columns: " + SafeText.of(String.join(", ", names)) + ")");
    }

    /** A number or time value as a double (time: nanoseconds since the epoch); NaN when null. */
    public double number(int row, int col) {
        Object o = rows.get(row)[col];
        if (o == null) return Double.NaN;
        if (o instanceof BigInteger b) return b.doubleValue();
        if (o instanceof Number n) return n.doubleValue();
        return Double.NaN;
    }

    /** A time value in nanoseconds since the epoch, or Long.MIN_VALUE when null. */
    public long time(int row, int col) {
        Object o = rows.get(row)[col];
        return o instanceof Number n ? n.longValue() : Long.MIN_VALUE;
    }

    /** Any value as text; null stays null. Numbers print without a trailing ".0". */
    public String text(int row, int col) {
        Object o = rows.get(row)[col];
        if (o == null) return null;
        if (kinds.get(col) == Kind.TIME) return Instant.ofEpochSecond(0, (Long) o).toString();
        if (o instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString(d.longValue());
        if (o instanceof BigDecimal bd) return bd.stripTrailingZeros().toPlainString();
        return o.toString();
    }
}
