package ior.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** `ior query` as users run it: formats, the cache beside the trace, several traces, bad input, traces with drops. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryCommandTest {
    Path base, a, b;
    int childrenPid;

    /** Temporary directories of this class (traces, caches, exports): removed after its tests. */
    final java.util.List<Path> scratch = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterAll
    void removeScratch() throws Exception {
        for (Path p : scratch) ScenariosTrace.delete(p);
    }

    @BeforeAll
    void record() throws Exception {
        IorRun.assumeCanRecord();
        base = Files.createTempDirectory("ior-q");
        scratch.add(base);
        a = base.resolve("a.iortrace");
        b = base.resolve("b.iortrace");
        IorRun.Result r = IorRun.run("record", "-q", "-o", a.toString(), "--", IorRun.workload().toString(), "children", "2");
        assertEquals(0, r.exit(), r.toString());
        IorRun.Result r2 = IorRun.run("record", "-q", "-o", b.toString(), "--", IorRun.workload().toString(), "open", "200", "/etc/hostname");
        assertEquals(0, r2.exit(), r2.toString());
    }

    IorRun.Result query(String... args) throws Exception {
        return IorRun.run(args);
    }

    @Test
    void formatsPrintTheSameAnswer() throws Exception {
        String sql = "SELECT syscall, count(*) AS n FROM syscalls WHERE syscall = 'getppid' GROUP BY 1";
        IorRun.Result t = query("query", "-q", a.toString(), "-e", sql);
        assertEquals(0, t.exit(), t.toString());
        assertTrue(t.out().contains("getppid | 200"), t.out());
        assertTrue(t.out().contains("(1 row)"));
        IorRun.Result csv = query("query", "-q", "--format", "csv", a.toString(), "-e", sql);
        assertEquals("syscall,n\ngetppid,200\n", csv.out());
        IorRun.Result json = query("query", "-q", "--format", "json", a.toString(), "-e", sql);
        assertEquals("[\n  {\"syscall\": \"getppid\", \"n\": 200}\n]\n", json.out());
        IorRun.Result md = query("query", "-q", "--format", "markdown", a.toString(), "-e", sql);
        assertEquals("| syscall | n |\n|---|---:|\n| getppid | 200 |\n", md.out());
    }

    @Test
    void tablesTellWhatTheProgramDid() throws Exception {
        IorRun.Result r = query("query", "-q", "--format", "csv", a.toString(), "-e",
                "SELECT count(*) FILTER (WHERE exit_code = 3), count(*) FILTER (WHERE exe LIKE '%workload') FROM processes");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("2,3", r.out().lines().toList().get(1), "two children exited with 3; three processes ran the workload: " + r.out());
        IorRun.Result files = query("query", "-q", "--format", "csv", b.toString(), "-e",
                "SELECT file, count(*) FROM syscalls WHERE syscall IN ('openat', 'close') AND file = '/etc/hostname' GROUP BY 1");
        assertEquals("/etc/hostname,400", files.out().lines().toList().get(1), files.out());
        IorRun.Result fds = query("query", "-q", "--format", "csv", b.toString(), "-e",
                "SELECT count(*) FROM fds WHERE path = '/etc/hostname' AND opened_by = 'openat' AND close_reason = 'close'");
        assertEquals("200", fds.out().lines().toList().get(1));
        IorRun.Result info = query("query", "-q", "--format", "csv", b.toString(), "-e",
                "SELECT value FROM trace_info WHERE key = 'trace.stop_reason'");
        assertEquals("command exited", info.out().lines().toList().get(1));
    }

    @Test
    void cacheIsBuiltOnceBesideTheTraceAndRebuiltWhenStale() throws Exception {
        Path t = base.resolve("c.iortrace");
        Files.copy(a, t, StandardCopyOption.REPLACE_EXISTING);
        Path cache = base.resolve("c.iortrace.duckdb");
        assertEquals(0, query("query", "-q", t.toString(), "-e", "SELECT 1").exit());
        assertTrue(Files.exists(cache));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
        FileTime built = Files.getLastModifiedTime(cache);
        Thread.sleep(20);
        assertEquals(0, query("query", "-q", t.toString(), "-e", "SELECT 1").exit());
        assertEquals(built, Files.getLastModifiedTime(cache), "a current cache is reused");
        assertEquals(0, query("query", "-q", "--rebuild", t.toString(), "-e", "SELECT 1").exit());
        FileTime rebuilt = Files.getLastModifiedTime(cache);
        assertNotEquals(built, rebuilt, "--rebuild");
        Files.setLastModifiedTime(t, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals(0, query("query", "-q", t.toString(), "-e", "SELECT 1").exit());
        assertNotEquals(rebuilt, Files.getLastModifiedTime(cache), "a changed trace is re-ingested");
        try (var s = Files.list(base)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temp files left");
        }
    }

    @Test
    void ingestMemoryIsCappedAndTheCapCanBeChanged() throws Exception {
        Path t = base.resolve("mem.iortrace");
        Files.copy(b, t, StandardCopyOption.REPLACE_EXISTING);
        String sql = "SELECT (SELECT count(*) FROM syscalls WHERE file = '/etc/hostname'), "
                + "(SELECT value FROM _ior_cache WHERE key = 'ingest.memory_limit')";
        IorRun.Result dflt = IorRun.run("query", "-q", "--format", "csv", "--rebuild", t.toString(), "-e", sql);
        assertEquals(0, dflt.exit(), dflt.toString());
        assertEquals("400,1GB", dflt.out().lines().toList().get(1), "the build's DuckDB is capped at 1GB by default");
        IorRun.Result small = IorRun.run(List.of("env", "IOR_INGEST_MEMORY=16MB"), 120, "query", "-q", "--format", "csv", "--rebuild", t.toString(), "-e", sql);
        assertEquals(0, small.exit(), small.toString());
        assertEquals("400,16MB", small.out().lines().toList().get(1), "a small cap gives the same tables");
        IorRun.Result tiny = IorRun.run(List.of("env", "IOR_INGEST_MEMORY=1MB"), 120, "query", "-q", "--rebuild", t.toString(), "-e", sql);
        assertEquals(1, tiny.exit(), tiny.toString());
        assertEquals(List.of("ior: building the tables of " + t + " needs more memory than its cap of 1MB: raise it with IOR_INGEST_MEMORY (e.g. IOR_INGEST_MEMORY=4GB)"),
                tiny.err().lines().toList());
        IorRun.Result bad = IorRun.run(List.of("env", "IOR_INGEST_MEMORY=lots"), 120, "query", "-q", "--rebuild", t.toString(), "-e", sql);
        assertEquals(2, bad.exit(), bad.toString());
        assertEquals(List.of("ior: IOR_INGEST_MEMORY=lots: not a size (use e.g. 512MB or 4GB)"), bad.err().lines().toList());
        try (var s = Files.list(base)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("mem.iortrace.duckdb.tmp-")), "failed builds leave no temp files (nor spill files)");
        }
    }

    @Test
    void readOnlyDirectoryUsesThePrivateCacheDir() throws Exception {
        Path ro = Files.createDirectory(base.resolve("ro"));
        Path cacheHome = Files.createDirectory(base.resolve("cachehome"));
        assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "tmpfs", ro.toString()).inheritIO().start().waitFor());
        try {
            Files.copy(a, ro.resolve("r.iortrace"));
            assertEquals(0, new ProcessBuilder("mount", "-o", "remount,ro", ro.toString()).inheritIO().start().waitFor());
            ProcessBuilder pb = IorRun.builder(List.of(), "query", "-q", "--format", "csv", ro.resolve("r.iortrace").toString(), "-e",
                    "SELECT count(*) > 0 FROM syscalls");
            pb.environment().put("XDG_CACHE_HOME", cacheHome.toString());
            Process p = pb.redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.contains("true"), out);
            Path dir = cacheHome.resolve("ior");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), "private cache directory");
            try (var s = Files.list(dir)) {
                assertTrue(s.anyMatch(f -> f.getFileName().toString().endsWith("-r.iortrace.duckdb")));
            }
        } finally {
            new ProcessBuilder("umount", "-l", ro.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void severalTracesGainTraceAndHostColumns() throws Exception {
        IorRun.Result r = query("query", "-q", "--format", "csv", a.toString(), b.toString(), "-e",
                "SELECT trace, host IS NOT NULL, count(*) > 0 FROM syscalls GROUP BY ALL ORDER BY 1");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("trace,(host IS NOT NULL),(count_star() > 0)", "a.iortrace,true,true", "b.iortrace,true,true"), r.out().lines().toList());
        IorRun.Result st = query("query", "-q", "--format", "csv", a.toString(), b.toString(), "-e",
                "SELECT count(DISTINCT trace) FROM fds");
        assertEquals("2", st.out().lines().toList().get(1));
    }

    @Test
    void sqlFromAFileAndSeveralStatements() throws Exception {
        Path f = base.resolve("q.sql");
        Files.writeString(f, "-- a comment; with a semicolon\nCREATE TEMP TABLE x AS SELECT 41 AS v;\nSELECT v + 1 AS answer FROM x;\n");
        IorRun.Result r = query("query", "-q", "--format", "csv", a.toString(), "-f", f.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("answer\n42\n", r.out());
    }

    @Test
    void badInputGivesOneLineAndADistinctCode() throws Exception {
        Map<String, Path> cases = new java.util.LinkedHashMap<>();
        cases.put("no such file", base.resolve("missing.iortrace"));
        Path text = base.resolve("notes.txt");
        Files.writeString(text, "not a trace");
        cases.put("not an ior trace", text);
        Path empty = base.resolve("empty.iortrace");
        Files.write(empty, new byte[0]);
        cases.put("not an ior trace", empty);
        cases.put("is a directory", base);
        for (var e : cases.entrySet()) {
            IorRun.Result r = query("query", "-q", e.getValue().toString(), "-e", "SELECT 1");
            assertEquals(6, r.exit(), e + ": " + r);
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(e.getKey()), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        IorRun.Result sql = query("query", "-q", a.toString(), "-e", "SELECT nosuchcolumn FROM syscalls");
        assertEquals(2, sql.exit(), sql.toString());
        assertTrue(sql.err().contains("nosuchcolumn"), "DuckDB's message: " + sql.err());
        assertFalse(sql.err().contains("at org.duckdb"), sql.err());
    }

    /** A trace recorded under load with drops still gives consistent tables, with the losses visible. */
    @Test
    void tracesWithDropsAreConsistentAndSayWhatWasLost() throws Exception {
        Path t = base.resolve("drops.iortrace");
        IorRun.Result r = IorRun.run("record", "-q", "--ringbuf-size", "16K", "-o", t.toString(), "--", IorRun.workload().toString(), "spin", "200000");
        assertEquals(0, r.exit(), r.toString());
        IorRun.Result q = query("query", "-q", "--format", "csv", t.toString(), "-e",
                "SELECT (SELECT sum(value) FROM stats WHERE name IN ('lost_enter_records', 'lost_call_records')) AS lost, "
                        + "(SELECT sum(dropped_enter + dropped_call) FROM losses) AS windows, "
                        + "(SELECT count(*) FROM syscalls WHERE syscall = 'getppid') AS rows, "
                        + "(SELECT count(*) FROM syscalls WHERE syscall = 'getppid' AND ret IS NULL) AS no_ret");
        assertEquals(0, q.exit(), q.toString());
        String[] v = q.out().lines().toList().get(1).split(",");
        long lost = Long.parseLong(v[0]), windows = Long.parseLong(v[1]), rows = Long.parseLong(v[2]);
        assertTrue(lost > 0, "drops happened: " + q.out());
        assertEquals(lost, windows, "every lost enter is in a time window of the losses table");
        assertTrue(rows > 0 && rows < 200_000, "the calls that were recorded: " + rows);
        IorRun.Result info = IorRun.run("info", t.toString());
        assertTrue(info.out().contains("LOST"), info.out());
    }
}
