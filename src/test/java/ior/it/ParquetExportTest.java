package ior.it;

import ior.analyzer.db.TraceCache;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * `ior export` as a downstream engine sees it: every file read back with parquet-java (an
 * independent Parquet implementation) and with DuckDB, compared with the trace's own tables.
 * Uses the bundled samples, so it needs no root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParquetExportTest {
    Path base, sqlite, pgbench, flat, parts;

    /** Temporary directories of this class (traces, caches, exports): removed after its tests. */
    final java.util.List<Path> scratch = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterAll
    void removeScratch() throws Exception {
        for (Path p : scratch) ScenariosTrace.delete(p);
    }

    @BeforeAll
    void export() throws Exception {
        base = Files.createTempDirectory("ior-export");
        scratch.add(base);
        sqlite = Files.copy(IorRun.root().resolve("samples/sqlite.iortrace"), base.resolve("sqlite.iortrace"));
        pgbench = Files.copy(IorRun.root().resolve("samples/pgbench.iortrace"), base.resolve("pgbench.iortrace"));
        flat = base.resolve("flat");
        parts = base.resolve("lake");
        IorRun.Result r = IorRun.run("export", "-q", sqlite.toString(), pgbench.toString(), "-o", flat.toString());
        assertEquals(0, r.exit(), r.toString());
        IorRun.Result p = IorRun.run("export", "-q", "--partition", "host,date", sqlite.toString(), pgbench.toString(), "-o", parts.toString());
        assertEquals(0, p.exit(), p.toString());
    }

    /** parquet-java's example Group reader over a local file, with no Hadoop configuration. */
    static final class GroupReader extends ParquetReader.Builder<Group> {
        GroupReader(InputFile f) {
            super(f, new PlainParquetConfiguration());
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }

    static List<Path> parquetFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    /** The trace's own table, as DuckDB sees it in the cache. */
    static List<List<Object>> rows(Path trace, String sql) throws Exception {
        try (Connection c = TraceCache.connect(List.of(trace), false, (t, d, n) -> {}); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<List<Object>> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> r = new ArrayList<>();
                for (int i = 1; i <= n; i++) r.add(rs.getObject(i));
                out.add(r);
            }
            return out;
        }
    }

    @Test
    void parquetJavaReadsEveryFileWithItsRowsColumnsAndMetadata() throws Exception {
        List<Path> files = parquetFiles(flat);
        assertEquals(14, files.size(), "7 tables x 2 traces: " + files);
        for (Path f : files) {
            String table = f.getParent().getFileName().toString();
            Path trace = f.getFileName().toString().startsWith("sqlite") ? sqlite : pgbench;
            try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
                ParquetMetadata md = r.getFooter();
                Map<String, String> kv = md.getFileMetaData().getKeyValueMetaData();
                assertEquals(table, kv.get("ior.table"), f.toString());
                assertEquals("vm".equals(kv.get("hostname")) || !kv.get("hostname").isEmpty(), true);
                assertEquals(trace.getFileName().toString(), kv.get("ior.trace"));
                assertEquals("0", kv.get("lost_events"));
                assertTrue(kv.get("start_time").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), kv.toString());
                assertEquals(Integer.toString(ior.analyzer.table.Tables.SCHEMA_VERSION), kv.get("ior.schema_version"));
                long expected = (long) rows(trace, "SELECT count(*) FROM " + table).getFirst().getFirst();
                assertEquals(expected, r.getRecordCount(), f + " row count");
                MessageType schema = md.getFileMetaData().getSchema();
                List<String> names = new ArrayList<>();
                for (Type t : schema.getFields()) names.add(t.getName());
                List<String> want = new ArrayList<>(List.of("trace", "host"));
                try (Connection c = TraceCache.connect(List.of(trace), false, (t, d, n) -> {}); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
                    ResultSetMetaData m = rs.getMetaData();
                    for (int i = 1; i <= m.getColumnCount(); i++) want.add(m.getColumnName(i));
                }
                assertEquals(want, names, f + " columns");
            }
        }
    }

    @Test
    void parquetJavaValuesMatchTheTables() throws Exception {
        Path f = flat.resolve("syscalls/sqlite.parquet");
        List<List<Object>> want = rows(sqlite, "SELECT seq, syscall, pid, ret, file, latency_ns FROM syscalls ORDER BY seq");
        try (var reader = new GroupReader(new LocalInputFile(f)).build()) {
            int i = 0;
            for (Group g; (g = reader.read()) != null; i++) {
                List<Object> w = want.get(i);
                assertEquals(((Number) w.get(0)).longValue(), g.getLong("seq", 0), "seq of row " + i);
                assertEquals(w.get(1), g.getString("syscall", 0), "syscall of row " + i);
                assertEquals(((Number) w.get(2)).intValue(), g.getInteger("pid", 0));
                assertEquals("sqlite.iortrace", g.getString("trace", 0));
                if (w.get(3) == null) assertEquals(0, g.getFieldRepetitionCount("ret"));
                else assertEquals(((Number) w.get(3)).longValue(), g.getLong("ret", 0));
                if (w.get(4) == null) assertEquals(0, g.getFieldRepetitionCount("file"), "NULL file stays NULL");
                else assertEquals(w.get(4), g.getString("file", 0));
            }
            assertEquals(want.size(), i);
        }
    }

    @Test
    void partitionedExportHasHiveLayoutWithoutRepeatingPartitionColumns() throws Exception {
        List<Path> files = parquetFiles(parts.resolve("syscalls"));
        assertEquals(2, files.size());
        for (Path f : files) {
            assertTrue(f.getParent().getFileName().toString().matches("date=\\d{4}-\\d\\d-\\d\\d"), f.toString());
            assertTrue(f.getParent().getParent().getFileName().toString().startsWith("host="), f.toString());
            try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
                List<String> names = r.getFooter().getFileMetaData().getSchema().getFields().stream().map(Type::getName).toList();
                assertEquals("trace", names.getFirst());
                assertFalse(names.contains("host"), "host lives in the path");
                assertFalse(names.contains("date"));
            }
        }
    }

    @Test
    void queryOnAnExportAnswersLikeTheTraces() throws Exception {
        String sql = "SELECT trace, syscall, count(*), sum(bytes), count(file) FROM syscalls GROUP BY ALL ORDER BY ALL";
        IorRun.Result onTraces = IorRun.run("query", "-q", "--format", "csv", sqlite.toString(), pgbench.toString(), "-e", sql);
        assertEquals(0, onTraces.exit(), onTraces.toString());
        for (Path export : List.of(flat, parts)) {
            IorRun.Result onExport = IorRun.run("query", "-q", "--format", "csv", export.toString(), "-e", sql);
            assertEquals(0, onExport.exit(), onExport.toString());
            assertEquals(onTraces.out(), onExport.out(), "same answer from " + export);
        }
        IorRun.Result hostDate = IorRun.run("query", "-q", "--format", "csv", parts.toString(), "-e",
                "SELECT DISTINCT host, CAST(date AS VARCHAR) FROM syscalls");
        assertEquals(0, hostDate.exit(), hostDate.toString());
        assertTrue(hostDate.out().lines().skip(1).allMatch(l -> l.matches("[^,]+,\\d{4}-\\d\\d-\\d\\d")), hostDate.out());
        IorRun.Result losses = IorRun.run("query", "-q", "--format", "csv", flat.toString(), "-e", "SELECT count(*) FROM fds");
        assertEquals(rows(sqlite, "SELECT count(*) FROM fds").getFirst().getFirst().toString(),
                Long.toString(Long.parseLong(losses.out().lines().toList().get(1)) - (long) rows(pgbench, "SELECT count(*) FROM fds").getFirst().getFirst()));
    }

    @Test
    void exportFilesArePrivateAndTheTargetIsNeverHalfWritten() throws Exception {
        for (Path f : parquetFiles(flat))
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(flat)));
        IorRun.Result again = IorRun.run("export", "-q", sqlite.toString(), "-o", flat.toString());
        assertEquals(2, again.exit(), again.toString());
        assertTrue(again.err().contains("--force"), again.err());
        assertEquals(1, again.err().lines().count(), again.err());
        IorRun.Result forced = IorRun.run("export", "-q", "--force", sqlite.toString(), "-o", flat.toString());
        assertEquals(0, forced.exit(), forced.toString());
        assertEquals(7, parquetFiles(flat).size(), "replaced by the one-trace export");
        try (Stream<Path> s = Files.list(base)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temp or old directories left");
        }
        Path notExport = Files.createDirectory(base.resolve("plain"));
        Files.writeString(notExport.resolve("x"), "x");
        IorRun.Result bad = IorRun.run("export", "-q", sqlite.toString(), "-o", notExport.toString());
        assertEquals(2, bad.exit());
        IorRun.Result dir = IorRun.run("query", "-q", notExport.toString(), "-e", "SELECT 1");
        assertEquals(6, dir.exit(), dir.toString());
        assertEquals(1, dir.err().lines().count(), dir.err());
        IorRun.Result table = IorRun.run("export", "-q", "--tables", "syscalls,nope", sqlite.toString(), "-o", base.resolve("t").toString());
        assertEquals(2, table.exit());
        assertTrue(table.err().contains("nope"));
    }
}
