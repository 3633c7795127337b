package ior.analyzer.queries;

import ior.analyzer.table.Col;
import ior.analyzer.table.TableDef;
import ior.analyzer.table.Tables;
import ior.recorder.ExitCodes;
import ior.recorder.UserException;
import ior.syscalls.ReturnClass;
import ior.syscalls.Syscall;
import ior.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The library itself, without a trace: every header parses, every query renders with its
 * defaults and runs on ior's (empty) tables in DuckDB, its chart names result columns, bad
 * parameters are refused in one line, parameter values never change the SQL's shape, and the
 * macros work wherever ior installs them.
 */
class QueryLibraryTest {
    /** The analyses the library promises (issue 4); each exists under some name. */
    static final List<String> REQUIRED = List.of("overview/summary", "io/top_files_by_bytes", "io/top_files_by_ops",
            "io/top_files_by_time", "latency/percentiles_by_syscall", "latency/slowest_calls", "errors/by_errno_syscall_file",
            "errors/storms", "fds/leaks", "io/small_io", "io/sync_latency", "io/access_pattern", "process/per_process",
            "process/per_thread", "fds/lifetimes", "files/repeated_lookups", "files/directory_scans", "net/socket_traffic_by_peer",
            "memory/mapping_growth", "time/sleeps_polls_timeouts", "signals/summary", "io/bytes_timeline", "losses/by_window");

    static Connection emptyTables() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = c.createStatement()) {
            for (TableDef t : Tables.ALL) {
                String cols = t.publicColumns().stream().map(col -> '"' + col.name() + "\" " + sqlType(col.type())).collect(Collectors.joining(", "));
                st.execute("CREATE TABLE " + t.name() + " (" + cols + ")");
            }
        }
        QueryLibrary.installMacros(c);
        return c;
    }

    static String sqlType(Col.Type t) {
        return t == Col.Type.INT ? "INTEGER" : t.name();
    }

    @Test
    void libraryHasTheRequiredAnalysesWithCompleteHeaders() {
        List<CannedQuery> all = QueryLibrary.all();
        assertTrue(all.size() >= 20, "at least 20 queries: " + all.size());
        Set<String> names = all.stream().map(CannedQuery::name).collect(Collectors.toSet());
        for (String r : REQUIRED) assertTrue(names.contains(r), "library has " + r);
        for (CannedQuery q : all) {
            assertFalse(q.title().isBlank(), q.name());
            assertFalse(q.description().isBlank(), q.name());
            assertFalse(q.description().contains("\n"), q.name() + ": one-line description");
            assertTrue(q.name().contains("/"), q.name() + " is in a group");
            for (QueryParam p : q.params()) assertFalse(p.description().isBlank(), q.name() + " " + p.name());
            assertNotNull(q.chart());
        }
    }

    @Test
    void everyQueryRunsWithDefaultsOnTheTablesAndItsChartNamesResultColumns() throws SQLException {
        try (Connection c = emptyTables()) {
            for (CannedQuery q : QueryLibrary.all()) {
                Set<String> cols = new HashSet<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q.render())) {
                    ResultSetMetaData md = rs.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++) assertTrue(cols.add(md.getColumnName(i)), q.name() + ": duplicate column " + md.getColumnName(i));
                } catch (SQLException e) {
                    fail(q.name() + " does not run: " + e.getMessage());
                }
                ChartSpec ch = q.chart();
                if (!ch.isChart()) continue;
                assertTrue(cols.contains(ch.x()), q.name() + ": chart x=" + ch.x() + " not in " + cols);
                for (String y : ch.y()) assertTrue(cols.contains(y), q.name() + ": chart y=" + y + " not in " + cols);
                if (ch.series() != null) assertTrue(cols.contains(ch.series()), q.name() + ": chart series=" + ch.series() + " not in " + cols);
            }
        }
    }

    @Test
    void everyParameterAcceptsValuesOfItsType() throws SQLException {
        Map<ParamType, String> sample = Map.of(ParamType.INT, "7", ParamType.DOUBLE, "2.5", ParamType.STRING, "it's",
                ParamType.DURATION, "250ms", ParamType.BYTES, "64k", ParamType.BOOL, "false");
        try (Connection c = emptyTables()) {
            for (CannedQuery q : QueryLibrary.all()) {
                Map<String, String> values = q.params().stream().collect(Collectors.toMap(QueryParam::name, p -> sample.get(p.type())));
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q.render(values))) {
                    assertNotNull(rs.getMetaData());
                } catch (SQLException e) {
                    fail(q.name() + " with " + values + ": " + e.getMessage());
                }
            }
        }
    }

    @Test
    void unknownParameterIsAUsageErrorNamingTheKnownOnes() {
        CannedQuery q = QueryLibrary.get("io/top_files_by_bytes");
        UserException e = assertThrows(UserException.class, () -> q.render(Map.of("limt", "3")));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertEquals("io/top_files_by_bytes has no parameter 'limt'; its parameters: limit, pid", e.getMessage());
        CannedQuery none = QueryLibrary.get("process/tree");
        assertTrue(assertThrows(UserException.class, () -> none.render(Map.of("x", "1"))).getMessage().endsWith("its parameters: none"));
    }

    @Test
    void badValuesAreUsageErrorsInOneLine() {
        CannedQuery q = QueryLibrary.get("errors/storms");
        for (Map<String, String> bad : List.of(Map.of("min_calls", "ten"), Map.of("min_calls", "1 OR 1=1"), Map.of("window", "5 parsecs"),
                Map.of("window", "-1s"), Map.of("min_calls", "99999999999999999999"))) {
            UserException e = assertThrows(UserException.class, () -> q.render(bad), bad.toString());
            assertEquals(ExitCodes.USAGE, e.exitCode());
            assertTrue(e.getMessage().startsWith("errors/storms: parameter "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        UserException e = assertThrows(UserException.class, () -> QueryLibrary.get("io/top_files"));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("io/top_files_by_bytes"), "suggests close names: " + e.getMessage());
    }

    @Test
    void typedValuesRender() {
        assertEquals("42", ParamType.INT.literal(" 42 "));
        assertEquals("-3", ParamType.INT.literal("-3"));
        assertEquals("CAST(NULL AS BIGINT)", ParamType.INT.literal("null"));
        assertEquals("CAST(NULL AS VARCHAR)", ParamType.STRING.literal(null));
        assertEquals("250000000", ParamType.DURATION.literal("250ms"));
        assertEquals("1500000000", ParamType.DURATION.literal("1.5s"));
        assertEquals("120000000000", ParamType.DURATION.literal("2m"));
        assertEquals("750", ParamType.DURATION.literal("750"));
        assertEquals("40000", ParamType.DURATION.literal("40us"));
        assertEquals("4096", ParamType.BYTES.literal("4k"));
        assertEquals("1048576", ParamType.BYTES.literal("1MiB"));
        assertEquals("4096", ParamType.BYTES.literal("4096"));
        assertEquals("true", ParamType.BOOL.literal("yes"));
        assertEquals("false", ParamType.BOOL.literal("0"));
        assertEquals("CAST(2.5 AS DOUBLE)", ParamType.DOUBLE.literal("2.5"));
        for (String bad : List.of("NaN", "Infinity", "1e999", "0x10"))
            assertThrows(IllegalArgumentException.class, () -> ParamType.DOUBLE.literal(bad), bad);
        assertThrows(IllegalArgumentException.class, () -> ParamType.BOOL.literal("maybe"));
        assertThrows(IllegalArgumentException.class, () -> ParamType.STRING.literal("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> ParamType.BYTES.literal("4 furlongs"));
    }

    /** A string parameter is one literal whatever it holds: DuckDB reads back exactly the text given. */
    @Test
    void stringValuesCannotChangeTheQuery() throws SQLException {
        List<String> hostile = List.of("x' OR '1'='1", "'; DROP TABLE syscalls; --", "a\\'b", "\\", "''", "${pid}", "$$x$$", "é\u202eevil",
                "line\nbreak", "/* c */ -- d", "E'\\x41'");
        try (Connection c = emptyTables(); Statement st = c.createStatement()) {
            for (String h : hostile) {
                try (ResultSet rs = st.executeQuery("SELECT " + ParamType.STRING.literal(h) + " AS v, (SELECT count(*) FROM syscalls) AS n")) {
                    assertTrue(rs.next());
                    assertEquals(h, rs.getString(1), "literal of " + h);
                    assertFalse(rs.next());
                }
            }
            // through a whole query: the filter value is compared, never executed
            c.createStatement().execute("INSERT INTO syscalls (seq, time_ns, syscall, is_error, errno, file, pid, comm) "
                    + "VALUES (1, 1000000000, 'open', true, 'ENOENT', '/x', 1, 'a')");
            CannedQuery q = QueryLibrary.get("errors/by_errno_syscall_file");
            try (ResultSet rs = st.executeQuery(q.render(Map.of("errno", "ENOENT' OR '1'='1")))) {
                assertFalse(rs.next(), "no errno is literally ENOENT' OR '1'='1");
            }
            try (ResultSet rs = st.executeQuery(q.render(Map.of("errno", "ENOENT")))) {
                assertTrue(rs.next());
                assertEquals("/x", rs.getString("file"));
            }
        }
    }

    @Test
    void placeholdersInsideValuesAreNotExpandedTwice() {
        CannedQuery q = CannedQuery.parse("t/x", "-- title: T\n-- description: D\n-- param: a string = null : A.\n-- param: b int = 1 : B.\n-- chart: table\n"
                + "SELECT ${a} AS a, ${b} AS b");
        assertEquals("SELECT '${b}' AS a, 1 AS b", q.render(Map.of("a", "${b}")));
    }

    @Test
    void malformedHeadersAreRejectedWithTheFileName() {
        String ok = "-- title: T\n-- description: D\n-- chart: table\nSELECT 1";
        assertDoesNotThrow(() -> CannedQuery.parse("g/q", ok));
        for (String bad : List.of(
                "-- description: D\n-- chart: table\nSELECT 1",                                   // no title
                "-- title: T\n-- description: D\n-- chart: pie x=a y=b\nSELECT 1",                 // unknown chart
                "-- title: T\n-- description: D\n-- chart: bar x=a\nSELECT 1",                     // no y
                "-- title: T\n-- description: D\n-- chart: table\nSELECT ${nope}",                 // undeclared
                "-- title: T\n-- description: D\n-- param: a int = 1 : A.\n-- chart: table\nSELECT 1",  // unused
                "-- title: T\n-- description: D\n-- param: a int = x : A.\n-- chart: table\nSELECT ${a}", // bad default
                "-- title: T\n-- description: D\n-- param: a float = 1 : A.\n-- chart: table\nSELECT ${a}", // bad type
                "-- name: g/other\n-- title: T\n-- description: D\n-- chart: table\nSELECT 1",     // name mismatch
                "-- title: T\n-- description: D\n-- chart: table\nSELECT 1; SELECT 2")) {           // two statements
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CannedQuery.parse("g/q", bad), bad);
            assertTrue(e.getMessage().startsWith("queries/g/q.sql: "), e.getMessage());
        }
    }

    @Test
    void namesAreAcceptedAsPathsToo() {
        assertEquals("io/top_files_by_bytes", QueryLibrary.get("queries/io/top_files_by_bytes.sql").name());
        assertEquals("io/top_files_by_bytes", QueryLibrary.get("io/top_files_by_bytes.sql").name());
    }

    @Test
    void macrosGiveReadableValues() throws SQLException {
        try (Connection c = emptyTables(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT fmt_bytes(512), fmt_bytes(1536), fmt_bytes(3221225472), fmt_bytes(NULL), "
                     + "fmt_ns(850), fmt_ns(12300), fmt_ns(4560000), fmt_ns(1230000000), fmt_ns(123000000000), fmt_ns(3720000000000), "
                     + "errno_group('ENOENT'), errno_group('EACCES'), errno_group('EAGAIN'), errno_group('EWHATEVER'), errno_group(NULL), "
                     + "signal_name(15), signal_name(34), signal_name(0), pct(1, 3), pct(1, 0), us(1234), "
                     + "as_int32(4294967295), as_int32(17), io_direction('pread64'), io_direction('getdents64'), lookup_kind('statx'), "
                     + "is_wait('epoll_wait'), is_sync('fdatasync'), nice_bucket_ns(60000000000, 120), nice_bucket_ns(10, 120), bucket_ts(1500000000, 1000000000)")) {
            assertTrue(rs.next());
            Object[] want = {"512 B", "1.5 KiB", "3.0 GiB", null, "850 ns", "12.3 us", "4.56 ms", "1.23 s", "2m03s", "1h02m",
                    "missing", "permission", "would_block", "other", null, "SIGTERM", "SIGRTMIN+2", "0 (probe)", "33.3", null, "1.2",
                    "-1", "17", "read", null, "stat", "true", "true", "500000000", "1000000", "1970-01-01 00:00:01.0"};
            for (int i = 0; i < want.length; i++) assertEquals(want[i], rs.getString(i + 1), "column " + (i + 1));
        }
    }

    /** io_direction agrees with the syscall table's return classes: a syscall moving data names its direction. */
    @Test
    void ioDirectionMatchesTheSyscallTable() throws SQLException {
        Set<String> metadata = Set.of("getdents", "getdents64", "getxattr", "lgetxattr", "fgetxattr", "listxattr", "llistxattr", "flistxattr",
                "getxattrat", "listxattrat", "readlink", "readlinkat", "getcwd", "getrandom", "sched_getaffinity", "mq_timedreceive", "msgrcv",
                "process_vm_readv", "process_vm_writev");
        try (Connection c = emptyTables(); Statement st = c.createStatement()) {
            for (Syscall s : SyscallTable.x86_64().all()) {
                String dir;
                try (ResultSet rs = st.executeQuery("SELECT io_direction('" + s.name() + "')")) {
                    rs.next();
                    dir = rs.getString(1);
                }
                String want = switch (s.ret()) {
                    case BYTES_READ -> metadata.contains(s.name()) ? null : "read";
                    case BYTES_WRITTEN -> metadata.contains(s.name()) ? null : "write";
                    case TRANSFER -> "transfer";
                    default -> s.name().equals("recvmmsg") ? "read" : s.name().equals("sendmmsg") ? "write" : null;
                };
                assertEquals(want, dir, s.name() + " (" + s.ret() + ")");
            }
        }
        assertEquals(ReturnClass.COUNT, SyscallTable.x86_64().byName("recvmmsg").ret(), "recvmmsg counts messages: its bytes are 0");
    }

    /** TEMP macros live in the connection, so a read-only cache and attached caches get them too. */
    @Test
    void macrosInstallOnReadOnlyAndAttachedDatabases(@TempDir Path dir) throws SQLException {
        Path a = dir.resolve("a.duckdb"), b = dir.resolve("b.duckdb");
        for (Path p : List.of(a, b))
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + p); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE syscalls AS SELECT 4096 AS bytes");
            }
        Properties ro = new Properties();
        ro.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + a, ro)) {
            QueryLibrary.installMacros(c);
            QueryLibrary.installMacros(c); // twice: CREATE OR REPLACE
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT fmt_bytes(bytes) FROM syscalls")) {
                assertTrue(rs.next());
                assertEquals("4.0 KiB", rs.getString(1));
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("ATTACH '" + a + "' AS t0 (READ_ONLY)");
            st.execute("ATTACH '" + b + "' AS t1 (READ_ONLY)");
            QueryLibrary.installMacros(c);
            st.execute("USE t1");
            try (ResultSet rs = st.executeQuery("SELECT fmt_bytes(bytes), (SELECT fmt_bytes(bytes) FROM t0.syscalls) FROM syscalls")) {
                assertTrue(rs.next());
                assertEquals("4.0 KiB", rs.getString(1));
                assertEquals("4.0 KiB", rs.getString(2));
            }
        }
    }

    @Test
    void macroDocsCoverEveryMacro() {
        List<QueryDocs.Macro> ms = QueryDocs.macros(QueryLibrary.macrosSql());
        long creates = QueryLibrary.macrosSql().lines().filter(l -> l.startsWith("CREATE OR REPLACE TEMP MACRO")).count();
        assertEquals(creates, ms.size());
        for (QueryDocs.Macro m : ms) assertFalse(m.doc().isBlank(), m.name() + " is documented");
        assertEquals(creates, ior.analyzer.db.SqlText.split(QueryLibrary.macrosSql()).all().size(), "macros.sql holds only the macro statements");
    }
}
