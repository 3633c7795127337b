package ior.it;

import ior.analyzer.db.TraceCache;
import ior.analyzer.table.Col;
import ior.analyzer.table.SyscallSql;
import ior.analyzer.table.TableDef;
import ior.analyzer.table.Tables;
import ior.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The syscalls table is stored in parts by what a row fills (Tables.SYSCALLS.withParts): on a real
 * trace every row is in exactly one part, the narrowest that holds it, and the view over their
 * UNION ALL shows each row once, with NULL where its part has no column (or the column's pad: the
 * bare part's bytes is 0).
 */
class SyscallPartsTest {
    private static final SyscallTable TABLE = SyscallTable.x86_64();

    @TempDir
    Path tmp;

    @Test
    void partsNestFromTheFullRowDown() {
        List<TableDef> parts = Tables.SYSCALLS.storedParts();
        assertEquals(4, parts.size());
        assertEquals(Tables.SYSCALLS.storedName(), parts.get(0).storedName());
        assertEquals(names(Tables.SYSCALLS.storedColumns()), names(parts.get(0).columns()), "the first part holds the whole stored row");
        for (int i = 1; i < parts.size(); i++) {
            List<String> wider = names(parts.get(i - 1).columns()), narrower = names(parts.get(i).columns());
            assertTrue(narrower.size() < wider.size() && wider.containsAll(narrower), parts.get(i).storedName() + " is narrower than the part before it");
            // the same relative order: a part's Arrow batch is the full row with columns left out
            assertEquals(wider.stream().filter(narrower::contains).toList(), narrower);
        }
        assertEquals(9, parts.get(3).columns().size(), "a getppid row is 9 values");
        assertEquals(java.util.Map.of("bytes", "0"), Tables.SYSCALLS.pads(), "what the view shows for a column a part leaves out, when not NULL");
    }

    @Test
    void theViewShowsARowOfEachPartPaddedWithNullOrThePad() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (String sql : Tables.SYSCALLS.createStoredSql()) st.execute(sql);
            List<TableDef> parts = Tables.SYSCALLS.storedParts();
            int getppid = TABLE.byName("getppid").nr();
            for (int n = 0; n < parts.size(); n++) {
                int i = n;
                List<String> cols = names(parts.get(i).columns());
                // every column of the part gets a value: seq i, nr getppid, the rest 7 (or '7')
                String values = parts.get(i).columns().stream().map(col -> switch (col.name()) {
                    case "seq" -> Integer.toString(i);
                    case "nr" -> Integer.toString(getppid);
                    case "comm_id", "fd_kind_code" -> "0";
                    default -> col.type() == Col.Type.VARCHAR ? "'7'" : "7";
                }).collect(Collectors.joining(", "));
                st.execute("INSERT INTO " + parts.get(i).storedName() + " (" + String.join(", ", cols) + ") VALUES (" + values + ")");
            }
            st.execute(SyscallSql.withComms(Tables.SYSCALLS.createViewSql(), List.of("sh")));
            assertEquals(parts.size(), SamplesTest.one(c, "SELECT count(*) FROM syscalls"));
            for (int i = 0; i < parts.size(); i++) {
                List<String> cols = names(parts.get(i).columns());
                try (ResultSet rs = st.executeQuery("SELECT * FROM syscalls WHERE seq = " + i)) {
                    assertTrue(rs.next());
                    assertEquals("getppid", rs.getString("syscall"));
                    assertEquals("sh", rs.getString("comm"));
                    for (Col col : Tables.SYSCALLS.storedColumns()) {
                        if (col.hidden()) continue;
                        Object v = rs.getObject(col.name());
                        if (cols.contains(col.name())) assertNotNull(v, parts.get(i).storedName() + "." + col.name());
                        else if (col.name().equals("bytes")) assertEquals(0L, ((Number) v).longValue(), "bytes of a row in " + parts.get(i).storedName());
                        else assertNull(v, col.name() + " of a row in " + parts.get(i).storedName());
                    }
                }
            }
        }
    }

    @Test
    void everyRowOfARealTraceIsInTheNarrowestPartThatHoldsIt() throws Exception {
        Path copy = Files.copy(IorRun.root().resolve("samples/pgbench.iortrace"), tmp.resolve("pgbench.iortrace"));
        try (Connection c = TraceCache.connect(List.of(copy), false, (t, d, total) -> {})) {
            List<TableDef> parts = Tables.SYSCALLS.storedParts();
            long sum = 0;
            for (TableDef p : parts) {
                long n = SamplesTest.one(c, "SELECT count(*) FROM " + p.storedName());
                assertTrue(n > 0, "pgbench has rows of every part: " + p.storedName() + " has none");
                sum += n;
            }
            assertEquals(sum, SamplesTest.one(c, "SELECT count(*) FROM syscalls"));
            assertEquals(sum, SamplesTest.one(c, "SELECT count(DISTINCT seq) FROM syscalls"), "each row once");
            // why a row is not in the next narrower part: it fills a column that one lacks
            String sparse = Stream.of("nanosleep", "clock_nanosleep", "poll", "ppoll", "select", "pselect6",
                    "epoll_wait", "epoll_pwait", "epoll_pwait2", "epoll_ctl").map(n -> Integer.toString(TABLE.byName(n).nr())).collect(Collectors.joining(", "));
            assertEquals(0, SamplesTest.one(c, "SELECT count(*) FROM " + parts.get(0).storedName()
                    + " WHERE NOT (old_file IS NOT NULL OR nr IN (" + sparse + "))"));
            assertEquals(0, SamplesTest.one(c, "SELECT count(*) FROM " + parts.get(1).storedName()
                    + " WHERE NOT (arg3 IS NOT NULL OR flags IS NOT NULL)"));
            assertEquals(0, SamplesTest.one(c, "SELECT count(*) FROM " + parts.get(2).storedName()
                    + " WHERE NOT (arg0 IS NOT NULL OR fd IS NOT NULL OR fd_kind_code IS NOT NULL OR file IS NOT NULL OR bytes <> 0)"));
            assertEquals(0, SamplesTest.one(c, "SELECT count(*) FROM syscalls WHERE bytes IS NULL"), "bytes is never NULL, in no part");
            // and the narrowest holds calls of no arguments that touch no fd (getpid, getuid ...)
            assertTrue(SamplesTest.one(c, "SELECT count(*) FROM syscalls WHERE syscall = 'getpid'") > 0);
            assertEquals(0, SamplesTest.one(c, "SELECT count(*) FROM " + parts.get(3).storedName() + " p JOIN syscall_table t USING (nr) WHERE t.args <> ''"),
                    "only calls without arguments in " + parts.get(3).storedName());
            assertEquals(0, SamplesTest.one(c, "SELECT count(*) FROM syscalls s JOIN syscall_table t USING (nr) WHERE t.args = '' AND s.fd IS NULL "
                    + "AND s.seq NOT IN (SELECT seq FROM " + parts.get(3).storedName() + ")"), "every call without arguments or fd is in " + parts.get(3).storedName());
        }
    }

    private static List<String> names(List<Col> cols) {
        return cols.stream().map(Col::name).toList();
    }
}
