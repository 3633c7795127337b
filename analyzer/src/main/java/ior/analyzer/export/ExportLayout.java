package ior.analyzer.export;

import ior.analyzer.table.TableDef;
import ior.analyzer.table.Tables;
import ior.recorder.ExitCodes;
import ior.recorder.UserException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Where an export keeps its files, so the writer and every reader (ior itself, Spark, Trino,
 * pyarrow) agree:
 * <pre>
 *   DIR/ior-export.properties                       marker: format, schema version, tables, partitioning
 *   DIR/TABLE/TRACE.parquet                         unpartitioned: columns trace, host, then the table's
 *   DIR/TABLE/host=HOST/date=YYYY-MM-DD/TRACE.parquet   partitioned: host and date live in the path
 * </pre>
 * One file per (table, trace), so each file's key/value metadata describes exactly one recording.
 */
public record ExportLayout(Path dir, List<String> tables, List<String> partitionBy, int schemaVersion) {
    public static final String MARKER = "ior-export.properties";
    public static final String FORMAT = "ior-export 1";

    /** Is this path an ior export directory? */
    public static boolean isExport(Path p) {
        return Files.isDirectory(p) && Files.isRegularFile(p.resolve(MARKER));
    }

    public static ExportLayout read(Path dir) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(MARKER))) {
            p.load(r);
        } catch (IOException e) {
            throw new UserException(ExitCodes.BAD_INPUT, dir + ": cannot read " + MARKER + ": " + e.getMessage());
        }
        if (!FORMAT.equals(p.getProperty("format")))
            throw new UserException(ExitCodes.BAD_INPUT, dir + ": not an export this ior can read (format '" + p.getProperty("format") + "', expected '" + FORMAT + "')");
        int schema;
        try {
            schema = Integer.parseInt(p.getProperty("schema_version", ""));
        } catch (NumberFormatException e) {
            throw new UserException(ExitCodes.BAD_INPUT, dir + ": " + MARKER + " has no schema_version");
        }
        if (schema > Tables.SCHEMA_VERSION)
            throw new UserException(ExitCodes.BAD_INPUT, dir + ": exported by a newer ior (schema " + schema + "; this one reads up to " + Tables.SCHEMA_VERSION + "): upgrade ior");
        return new ExportLayout(dir, split(p.getProperty("tables", "")), split(p.getProperty("partition_by", "")), schema);
    }

    void write() throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("schema_version", Integer.toString(schemaVersion));
        p.setProperty("tables", String.join(",", tables));
        p.setProperty("partition_by", String.join(",", partitionBy));
        try (var w = Files.newBufferedWriter(dir.resolve(MARKER))) {
            p.store(w, "ior export: Parquet files per table, see docs/parquet.md");
        }
    }

    boolean partitioned() {
        return !partitionBy.isEmpty();
    }

    /** The file one trace's rows of one table go to. */
    Path file(String table, String host, String date, String traceStem) {
        Path d = dir.resolve(table);
        for (String col : partitionBy) d = d.resolve(col + "=" + pathValue(col.equals("host") ? host : date));
        return d.resolve(safeName(traceStem) + ".parquet");
    }

    /** DuckDB SQL reading one table of this export, with trace and host first. */
    public String selectSql(String table) {
        String glob = dir.toAbsolutePath().resolve(table) + (partitioned() ? "/**/*.parquet" : "/*.parquet");
        String src = "read_parquet('" + glob.replace("'", "''") + "', hive_partitioning = " + partitioned() + ", union_by_name = true)";
        return "SELECT trace, host, * EXCLUDE (trace, host) FROM " + src;
    }

    public boolean has(String table) {
        return tables.contains(table);
    }

    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        for (String x : s.split(",")) if (!x.isBlank()) out.add(x.strip());
        return out;
    }

    /** Hive partition values are percent-encoded outside a safe set, as Hive and Spark expect. */
    static String pathValue(String v) {
        if (v == null || v.isEmpty()) return "__HIVE_DEFAULT_PARTITION__";
        StringBuilder sb = new StringBuilder();
        for (byte b : v.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') sb.append((char) c);
            else sb.append('%').append(String.format("%02X", c));
        }
        return sb.toString();
    }

    static String safeName(String s) {
        String v = pathValue(s);
        return v.startsWith(".") ? "_" + v : v;
    }

    static List<String> tableNames() {
        List<String> out = new ArrayList<>();
        for (TableDef t : Tables.ALL) out.add(t.name());
        return out;
    }
}
