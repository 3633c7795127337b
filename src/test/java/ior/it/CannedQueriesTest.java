package ior.it;

import ior.analyzer.db.TraceCache;
import ior.analyzer.queries.CannedQuery;
import ior.analyzer.queries.QueryLibrary;
import ior.analyzer.queries.QueryRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every canned query on real recordings: the workload's `patterns` and `scenarios` commands, an
 * open loop, a recording that drops events, and real programs (tar+gzip, sqlite3). Assertions
 * are facts each workload guarantees (workload.c's contract) or numbers computed here from the
 * tables directly, never system-wide noise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CannedQueriesTest {
    Path base;
    /** The traces by name, and one connection to each (as ior query opens them). */
    final Map<String, Path> traces = new LinkedHashMap<>();
    final Map<String, Connection> conns = new HashMap<>();
    int patternsPid, scenariosPid;
    Path patternsDir, scenariosDir, tarIn, tarOut, sqliteDb;

    /** Temporary directories of this class (traces, caches, exports): removed after its tests. */
    final java.util.List<Path> scratch = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterAll
    void removeScratch() throws Exception {
        for (Path p : scratch) ScenariosTrace.delete(p);
    }

    @BeforeAll
    void record() throws Exception {
        IorRun.assumeCanRecord();
        base = Files.createTempDirectory("ior-canned");
        scratch.add(base);
        patternsDir = Files.createDirectory(base.resolve("p"));
        scenariosDir = Files.createDirectory(base.resolve("s"));
        patternsPid = donePid(rec("patterns", IorRun.workload().toString(), "patterns", patternsDir.toString()));
        scenariosPid = donePid(rec("scenarios", IorRun.workload().toString(), "scenarios", scenariosDir.toString()));
        rec("open", IorRun.workload().toString(), "open", "200", "/etc/hostname");
        IorRun.Result lossy = IorRun.run("record", "-q", "--ringbuf-size", "16K", "-o", base.resolve("lossy.iortrace").toString(),
                "--", IorRun.workload().toString(), "spin", "200000");
        assertEquals(0, lossy.exit(), lossy.toString());
        traces.put("lossy", base.resolve("lossy.iortrace"));
        tarIn = Files.createDirectories(base.resolve("in/sub"));
        Random rnd = new Random(42);
        for (int i = 0; i < 6; i++) {
            byte[] b = new byte[50_000 + i * 10_000];
            for (int k = 0; k < b.length; k++) b[k] = (byte) ('a' + rnd.nextInt(8));
            Files.write((i % 2 == 0 ? tarIn : tarIn.getParent()).resolve("f" + i + ".txt"), b);
        }
        tarIn = tarIn.getParent();
        tarOut = base.resolve("out.tgz");
        rec("tar", "tar", "czf", tarOut.toString(), "-C", tarIn.toString(), ".");
        sqliteDb = base.resolve("t.db");
        rec("sqlite", "sqlite3", sqliteDb.toString(), "create table t(x integer primary key, y text); "
                + "insert into t(y) select 'row' || value from generate_series(1, 2000); create index ty on t(y); select count(*) from t;");
        for (var e : traces.entrySet()) conns.put(e.getKey(), TraceCache.connect(List.of(e.getValue()), false, (t, d, n) -> { }));
    }

    @AfterAll
    void close() throws SQLException {
        for (Connection c : conns.values()) c.close();
    }

    IorRun.Result rec(String name, String... cmd) throws Exception {
        Path t = base.resolve(name + ".iortrace");
        List<String> args = new ArrayList<>(List.of("record", "-q", "-o", t.toString(), "--"));
        args.addAll(List.of(cmd));
        IorRun.Result r = IorRun.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
        traces.put(name, t);
        return r;
    }

    static int donePid(IorRun.Result r) {
        Matcher m = Pattern.compile("done (\\d+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        return Integer.parseInt(m.group(1));
    }

    /** The rows of a canned query on one trace, as column -> value maps. */
    List<Map<String, Object>> run(String trace, String query, String... kv) throws SQLException {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) params.put(kv[i], kv[i + 1]);
        try (ResultSet rs = QueryRunner.run(conns.get(trace), QueryLibrary.get(query), params)) {
            return rows(rs);
        }
    }

    /** Direct SQL on one trace: the oracle the queries are checked against. */
    List<Map<String, Object>> sql(String trace, String sql) throws SQLException {
        try (Statement st = conns.get(trace).createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rows(rs);
        }
    }

    /**
     * The patterns workload kills its forked child right after fork(). Usually the child has not
     * run yet and makes no syscall; when the scheduler runs it first (a loaded CI machine) it gets
     * into pause(), which the kill interrupts (-ERESTARTNOHAND). What the child did is read from
     * the trace, so the tests below stay exact either way.
     */
    long childThreads() throws SQLException {
        return scalar("patterns", "SELECT count(DISTINCT tid) FROM syscalls WHERE pid = (SELECT pid FROM processes WHERE ppid = " + patternsPid + ")");
    }

    long childRestarts() throws SQLException {
        return scalar("patterns", "SELECT count(*) FROM syscalls WHERE restarted AND pid = (SELECT pid FROM processes WHERE ppid = " + patternsPid + ")");
    }

    long scalar(String trace, String sql) throws SQLException {
        return ((Number) sql(trace, sql).getFirst().values().iterator().next()).longValue();
    }

    static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) row.put(md.getColumnName(i), rs.getObject(i));
            out.add(row);
        }
        return out;
    }

    static Map<String, Object> one(List<Map<String, Object>> rows, Predicate<Map<String, Object>> p) {
        List<Map<String, Object>> m = rows.stream().filter(p).toList();
        assertEquals(1, m.size(), "exactly one matching row in " + rows);
        return m.getFirst();
    }

    static Predicate<Map<String, Object>> is(String col, Object v) {
        return r -> v.equals(r.get(col) instanceof Number n && v instanceof Number ? (Object) n.longValue() : r.get(col))
                || (r.get(col) instanceof Number n && v instanceof Number w && n.longValue() == w.longValue());
    }

    static long num(Map<String, Object> row, String col) {
        Object v = row.get(col);
        assertNotNull(v, col + " in " + row);
        return ((Number) v).longValue();
    }

    static double dbl(Map<String, Object> row, String col) {
        return ((Number) row.get(col)).doubleValue();
    }

    String p(String name) {
        return patternsDir.resolve(name).toString();
    }

    // ---------------------------------------------------------------- coverage

    @Test
    void everyQueryRunsOnEveryTraceAndReturnsRowsOnSome() throws SQLException {
        for (CannedQuery q : QueryLibrary.all()) {
            int nonEmpty = 0;
            for (String t : traces.keySet()) if (!run(t, q.name()).isEmpty()) nonEmpty++;
            assertTrue(nonEmpty > 0, q.name() + " returns rows on at least one trace of " + traces.keySet());
        }
    }

    // ---------------------------------------------------------------- overview

    @Test
    void summaryCountsWhatTheTablesHold() throws SQLException {
        Map<String, Map<String, Object>> m = new HashMap<>();
        for (var r : run("patterns", "overview/summary")) m.put((String) r.get("metric"), r);
        assertEquals(scalar("patterns", "SELECT count(*) FROM syscalls"), num(m.get("syscalls"), "number"));
        assertEquals("2 (1 born, 2 exited, 1 killed by a signal)", m.get("processes").get("value"));
        assertEquals(4 + childThreads(), num(m.get("threads"), "number"), "main, ior-late, ior-io-1, ior-io-2 (+ the child if it ran)");
        assertEquals(scalar("patterns", "SELECT count(*) FROM syscalls WHERE is_error"), num(m.get("errors"), "number"));
        assertTrue(num(m.get("errors"), "number") >= 200, "150 ENOENT + 50 EACCES at least");
        assertEquals(1 + childRestarts(), num(m.get("restarted calls"), "number"));
        assertEquals("none", m.get("lost or damaged events").get("value"));
        assertTrue(((String) m.get("command").get("value")).contains("patterns"));
        var lossy = run("lossy", "overview/summary").stream().filter(is("metric", "lost or damaged events")).findFirst().orElseThrow();
        assertTrue(num(lossy, "number") > 0, "the lossy trace says it lost events: " + lossy);
        assertTrue(((String) lossy.get("value")).contains("losses/by_window"));
    }

    @Test
    void syscallsTableAddsUp() throws SQLException {
        var rows = run("patterns", "overview/syscalls", "limit", "500");
        assertEquals(100, num(one(rows, is("syscall", "stat")), "calls"));
        var open = one(rows, is("syscall", "open"));
        assertEquals(150, num(open, "errors"), "150 ENOENT opens of nope.conf");
        assertEquals(scalar("patterns", "SELECT count(DISTINCT syscall) FROM syscalls"), rows.size());
        double pctSum = rows.stream().filter(r -> r.get("time_pct") != null).mapToDouble(r -> dbl(r, "time_pct")).sum();
        assertEquals(100.0, pctSum, 1.0, "time shares add up to 100%");
        assertEquals(2, run("patterns", "overview/syscalls", "limit", "2").size());
    }

    // ---------------------------------------------------------------- io

    @Test
    void topFilesByBytesOpsAndTime() throws SQLException {
        var bytes = run("patterns", "io/top_files_by_bytes");
        var seq = bytes.getFirst();
        assertEquals(p("seq.bin"), seq.get("file"), "seq.bin moved the most bytes");
        assertEquals(64 * 4096, num(seq, "write_bytes"));
        assertEquals(112 * 4096, num(seq, "read_bytes"), "64 sequential + 32 pread64 + 16 read after lseek");
        assertEquals(176 * 4096, num(seq, "total_bytes"));
        assertEquals(50 * 4096, num(one(bytes, is("file", p("t1.bin"))), "write_bytes"));
        assertEquals(3200, num(one(bytes, is("file", p("small.log"))), "write_bytes"));
        assertEquals(1, run("patterns", "io/top_files_by_bytes", "limit", "1").size());
        assertEquals(List.of(), run("patterns", "io/top_files_by_bytes", "pid", "1"), "pid 1 did nothing in this trace");

        var ops = run("patterns", "io/top_files_by_ops", "limit", "100");
        var nope = one(ops, is("file", p("nope.conf")));
        assertEquals(150, num(nope, "opens"));
        assertEquals(150, num(nope, "errors"));
        var s = one(ops, is("file", p("seq.bin")));
        assertEquals(150, num(s, "stats"), "100 stat + 50 faccessat");
        assertEquals(2, num(s, "opens"));
        assertEquals(113, num(s, "reads"), "112 reads moving bytes and one at EOF");
        assertEquals(64, num(s, "writes"));
        assertEquals(num(s, "calls"), num(s, "opens") + num(s, "reads") + num(s, "writes") + num(s, "stats") + num(s, "other"));

        var time = run("patterns", "io/top_files_by_time", "limit", "100");
        var small = one(time, is("file", p("small.log")));
        assertEquals(210, num(small, "calls"), "open + 200 writes + 5 fdatasync + 3 fsync + close");
        for (var r : time) assertTrue(dbl(r, "avg_us") <= dbl(r, "max_us") + 0.1, r.toString());
        assertEquals(scalar("patterns", "SELECT sum(latency_ns) FROM syscalls WHERE file = '" + p("small.log") + "'") / 1e6, dbl(small, "total_ms"), 0.001);
    }

    @Test
    void smallIoShare() throws SQLException {
        var rows = run("patterns", "io/small_io");
        var small = one(rows, is("file", p("small.log")));
        assertEquals(200, num(small, "small_calls"));
        assertEquals(100.0, dbl(small, "small_pct"));
        assertEquals(16, num(small, "avg_bytes"));
        assertEquals(0, num(one(rows, is("file", p("seq.bin"))), "small_calls"), "4096-byte calls are not below 4k");
        assertEquals(176, num(one(run("patterns", "io/small_io", "small", "8k"), is("file", p("seq.bin"))), "small_calls"));
    }

    @Test
    void syncLatencyCountsFlushesAndWhatTheyFlushed() throws SQLException {
        var rows = run("patterns", "io/sync_latency");
        var fdatasync = one(rows, r -> "fdatasync".equals(r.get("syscall")) && p("small.log").equals(r.get("file")));
        assertEquals(5, num(fdatasync, "calls"));
        assertEquals(640, num(fdatasync, "written_per_sync"), "40 writes of 16 bytes before each");
        var fsync = one(rows, r -> "fsync".equals(r.get("syscall")) && p("small.log").equals(r.get("file")));
        assertEquals(3, num(fsync, "calls"));
        assertEquals(0, num(fsync, "written_per_sync"), "nothing written after the last fdatasync");
        for (var r : rows) assertTrue(dbl(r, "p50_us") <= dbl(r, "p99_us") && dbl(r, "p99_us") <= dbl(r, "max_us"), r.toString());

        var sc = run("scenarios", "io/sync_latency");
        String fbin = scenariosDir.resolve("f.bin").toString();
        for (String call : List.of("fsync", "fdatasync", "sync_file_range"))
            assertEquals(1, num(one(sc, r -> call.equals(r.get("syscall")) && fbin.equals(r.get("file"))), "calls"), call);
        assertEquals(1000, num(one(sc, is("syscall", "fsync")), "written_per_sync"));

        var sqlite = run("sqlite", "io/sync_latency");
        assertTrue(sqlite.stream().anyMatch(r -> ((String) r.get("file")).startsWith(sqliteDb.toString())),
                "sqlite3 flushes its database or journal: " + sqlite);
    }

    @Test
    void accessPatternFromOffsetsAndReconstructedPositions() throws SQLException {
        var rows = run("patterns", "io/access_pattern");
        var reads = one(rows, r -> p("seq.bin").equals(r.get("file")) && "read".equals(r.get("direction")));
        assertEquals(112, num(reads, "calls"));
        assertEquals(65, num(reads, "sequential"), "64 after lseek(0) and the first pread64 at 0");
        assertEquals(47, num(reads, "random"), "31 preads stepping 37 blocks, 16 reads after lseeks stepping 23");
        assertEquals(0, num(reads, "unknown"));
        var writes = one(rows, r -> p("seq.bin").equals(r.get("file")) && "write".equals(r.get("direction")));
        assertEquals(64, num(writes, "sequential"));
        assertEquals(0, num(writes, "random"));
        assertEquals(200, num(one(rows, is("file", p("small.log"))), "sequential"), "O_APPEND writes");
        for (String t : List.of("t1.bin", "t2.bin")) assertEquals(100.0, dbl(one(rows, is("file", p(t))), "sequential_pct"));

        // rw scenario: write@0, pwrite@8192, read@0 (after lseek), pread@8192, writev@4096, readv@0 (after lseek)
        var sc = run("scenarios", "io/access_pattern");
        String data = scenariosDir.resolve("data.bin").toString();
        for (String dir : List.of("read", "write")) {
            var r = one(sc, x -> data.equals(x.get("file")) && dir.equals(x.get("direction")));
            assertEquals(3, num(r, "calls"), dir);
            assertEquals(1, num(r, "sequential"), dir);
            assertEquals(2, num(r, "random"), dir);
        }
        // tar reads each input file front to back
        var tar = run("tar", "io/access_pattern", "limit", "1000");
        for (int i = 0; i < 6; i++) {
            String f = (i % 2 == 0 ? tarIn.resolve("sub") : tarIn).resolve("f" + i + ".txt").toString();
            var r = one(tar, x -> f.equals(x.get("file")) && "read".equals(x.get("direction")));
            assertEquals(100.0, dbl(r, "sequential_pct"), f);
        }
    }

    @Test
    void bytesTimelineAddsUpAndHasNoHoles() throws SQLException {
        for (String bucket : List.of("null", "1ms", "1s")) {
            var rows = run("patterns", "io/bytes_timeline", "bucket", bucket);
            assertFalse(rows.isEmpty());
            assertEquals(scalar("patterns", "SELECT sum(bytes) FROM syscalls WHERE io_direction(syscall) = 'read'"),
                    rows.stream().mapToLong(r -> num(r, "read_bytes")).sum(), bucket);
            assertEquals(scalar("patterns", "SELECT count(*) FROM syscalls"), rows.stream().mapToLong(r -> num(r, "calls")).sum(), bucket);
            for (int i = 1; i < rows.size(); i++) {
                long a = ((java.sql.Timestamp) rows.get(i - 1).get("window_start")).getTime(), b = ((java.sql.Timestamp) rows.get(i).get("window_start")).getTime();
                assertTrue(b > a, "ordered buckets");
            }
            if (bucket.equals("1ms")) {
                long span = scalar("patterns", "SELECT max(time_ns) // 1000000 - min(time_ns) // 1000000 + 1 FROM syscalls");
                assertEquals(span, rows.size(), "one row per millisecond, quiet ones included");
            }
        }
    }

    // ---------------------------------------------------------------- processes and threads

    @Test
    void perProcessAndPerThread() throws SQLException {
        var procs = run("patterns", "process/per_process");
        var w = one(procs, is("pid", patternsPid));
        assertEquals(4, num(w, "threads"));
        assertEquals(scalar("patterns", "SELECT sum(bytes) FROM syscalls WHERE pid = " + patternsPid + " AND io_direction(syscall) IN ('write', 'transfer')"),
                num(w, "write_bytes"));
        assertEquals(dbl(w, "syscall_ms"), dbl(w, "io_ms") + dbl(w, "wait_ms") + dbl(w, "other_ms"), 0.01);
        assertTrue(dbl(w, "wait_ms") >= 200, "ior-late sleeps 200 ms: " + w);

        var threads = run("patterns", "process/per_thread");
        for (String name : List.of("ior-io-1", "ior-io-2")) {
            var t = one(threads, is("comm", name));
            assertEquals(50 * 4096, num(t, "write_bytes"), name);
            assertEquals(patternsPid, num(t, "pid"));
            assertNotEquals(patternsPid, num(t, "tid"));
        }
        assertTrue(dbl(one(threads, is("comm", "ior-late")), "wait_ms") >= 200);
        assertEquals(threads.size(), run("patterns", "process/per_thread", "pid", Integer.toString(patternsPid)).size() + childThreads());
    }

    @Test
    void processTreeShowsForksExecsAndSignals() throws SQLException {
        var tree = run("patterns", "process/tree");
        var root = one(tree, is("pid", patternsPid));
        assertEquals(0, num(root, "depth"));
        assertEquals(0, num(root, "exit_code"));
        var child = one(tree, r -> num(r, "ppid") == patternsPid);
        assertEquals(1, num(child, "depth"));
        assertEquals("SIGTERM", child.get("killed_by"));
        assertTrue(((String) child.get("process")).startsWith("  "), "indented under its parent");

        var sc = run("scenarios", "process/tree");
        var t = one(sc, is("cmdline", "true"));
        assertEquals(scenariosPid, num(t, "ppid"));
        assertEquals(0, num(t, "exit_code"));
        // tar runs gzip as its child
        assertTrue(run("tar", "process/tree").stream().anyMatch(r -> ((String) r.get("process")).endsWith(" gzip") && num(r, "depth") >= 1),
                "gzip runs below tar (through sh -c)");
    }

    // ---------------------------------------------------------------- fds and files

    @Test
    void leaksAreTheFdsNeverClosed() throws SQLException {
        var leaks = run("patterns", "fds/leaks");
        assertEquals(5, leaks.size(), leaks.toString());
        for (int i = 0; i < 5; i++) {
            var r = one(leaks, is("path", p("leak" + i)));
            assertEquals(patternsPid, num(r, "pid"));
            assertEquals("released at exit", r.get("state"));
            assertEquals(1, num(r, "unclosed"));
            assertEquals("open", r.get("opened_by"));
        }
        assertEquals(10, run("patterns", "fds/leaks", "include_inherited", "true").size(), "and the forked child's copies");
        assertEquals(List.of(), run("scenarios", "fds/leaks"), "every scenario closes what it opens");
        assertEquals(List.of(), run("open", "fds/leaks"));
    }

    @Test
    void lifetimesPerPath() throws SQLException {
        var host = one(run("open", "fds/lifetimes"), is("path", "/etc/hostname"));
        assertEquals(200, num(host, "opens"));
        assertEquals(200, num(host, "closed"));
        assertEquals(0, num(host, "still_open"));
        assertEquals("close", host.get("closed_by"));
        assertTrue(dbl(host, "min_ms") <= dbl(host, "p50_ms") && dbl(host, "p50_ms") <= dbl(host, "max_ms"));
        var tree = one(run("patterns", "fds/lifetimes"), is("path", p("tree")));
        assertEquals(3, num(tree, "opens"));
        var leak = one(run("patterns", "fds/lifetimes", "kind", "file", "limit", "1000"), is("path", p("leak0")));
        assertEquals(1, num(leak, "opens"), "the child's inherited copy is not an open");
        assertEquals(1, num(leak, "inherited"));
        assertEquals("exit", leak.get("closed_by"));
    }

    @Test
    void repeatedLookups() throws SQLException {
        var host = one(run("open", "files/repeated_lookups"), is("file", "/etc/hostname"));
        assertEquals(200, num(host, "lookups"));
        assertEquals(200, num(host, "opens"));
        assertEquals(0, num(host, "failed"));
        var rows = run("patterns", "files/repeated_lookups");
        var nope = one(rows, is("file", p("nope.conf")));
        assertEquals(150, num(nope, "failed"));
        assertEquals("ENOENT", nope.get("errnos"));
        var seq = one(rows, is("file", p("seq.bin")));
        assertEquals(150, num(seq, "stats"));
        assertEquals("EACCES", seq.get("errnos"));
        assertTrue(run("open", "files/repeated_lookups", "min_calls", "201").stream().noneMatch(is("file", "/etc/hostname")));
    }

    @Test
    void directoryScans() throws SQLException {
        var tree = one(run("patterns", "files/directory_scans"), is("directory", p("tree")));
        assertEquals(3, num(tree, "scans"));
        assertEquals(3, num(tree, "complete"));
        assertEquals(9, num(tree, "calls"), "1248 bytes of entries take two 1024-byte calls, then one returns 0");
        assertEquals(3 * 52 * 24, num(tree, "entry_bytes"));
        var sub = one(run("scenarios", "files/directory_scans"), is("directory", scenariosDir.resolve("sub").toString()));
        assertEquals(1, num(sub, "scans"));
        assertEquals(2, num(sub, "calls"));
        var tar = run("tar", "files/directory_scans");
        assertTrue(tar.stream().anyMatch(is("directory", tarIn.resolve("sub").toString())), "tar lists its input: " + tar);
    }

    // ---------------------------------------------------------------- errors

    @Test
    void errorsByErrnoSyscallAndFile() throws SQLException {
        var rows = run("patterns", "errors/by_errno_syscall_file");
        var enoent = rows.getFirst();
        assertEquals("ENOENT", enoent.get("errno"));
        assertEquals(p("nope.conf"), enoent.get("file"));
        assertEquals(150, num(enoent, "calls"));
        assertEquals("missing", enoent.get("error_group"));
        var eacces = one(rows, is("errno", "EACCES"));
        assertEquals("faccessat", eacces.get("syscall"));
        assertEquals(50, num(eacces, "calls"));
        assertEquals("permission", eacces.get("error_group"));
        assertTrue(rows.stream().noneMatch(r -> ((String) r.get("errno")).startsWith("ERESTART")), "restarts are not errors");

        var sc = run("scenarios", "errors/by_errno_syscall_file", "limit", "1000");
        assertEquals(1, num(one(sc, r -> "ENOENT".equals(r.get("errno")) && scenariosDir.resolve("missing.txt").toString().equals(r.get("file"))), "calls"));
        assertEquals("open", one(sc, is("errno", "ENOTDIR")).get("syscall"));
        assertEquals("mkdir", one(sc, is("errno", "EEXIST")).get("syscall"));
        assertEquals("connect", one(sc, is("errno", "ECONNREFUSED")).get("syscall"));
        assertEquals("would_block", one(sc, is("errno", "EAGAIN")).get("error_group"));
        var only = run("scenarios", "errors/by_errno_syscall_file", "errno", "ENOTEMPTY");
        assertEquals(1, only.size());
        assertEquals("rmdir", only.getFirst().get("syscall"));
    }

    @Test
    void errorStorms() throws SQLException {
        var rows = run("patterns", "errors/storms");
        // 150 failures within a millisecond: one window, or two if they straddle a second
        assertEquals(150, rows.stream().filter(is("file", p("nope.conf"))).mapToLong(r -> num(r, "calls")).sum());
        assertEquals(50, rows.stream().filter(r -> "EACCES".equals(r.get("errno"))).mapToLong(r -> num(r, "calls")).sum());
        assertTrue(rows.stream().allMatch(r -> num(r, "calls") >= 10), "min_calls 10");
        assertTrue(run("patterns", "errors/storms", "errnos", "EACCES").stream().allMatch(is("errno", "EACCES")));
        assertEquals(List.of(), run("patterns", "errors/storms", "min_calls", "151", "window", "1h"));
        assertEquals(List.of(), run("scenarios", "errors/storms"), "single failures are no storm");
    }

    // ---------------------------------------------------------------- latency

    @Test
    void latencyPercentiles() throws SQLException {
        var rows = run("patterns", "latency/percentiles_by_syscall");
        for (var r : rows) {
            assertTrue(dbl(r, "p50_us") <= dbl(r, "p90_us") && dbl(r, "p90_us") <= dbl(r, "p99_us")
                    && dbl(r, "p99_us") <= dbl(r, "p999_us") && dbl(r, "p999_us") <= dbl(r, "max_us"), r.toString());
            String s = (String) r.get("syscall");
            assertEquals(scalar("patterns", "SELECT count(*) FROM syscalls WHERE latency_ns IS NOT NULL AND NOT restarted AND syscall = '" + s + "'"),
                    num(r, "calls"), s);
        }
        var read = one(rows, is("syscall", "read"));
        assertEquals(1, num(read, "restarted"), "the read SIGALRM interrupted");
        assertEquals(100, num(one(rows, is("syscall", "stat")), "calls"));
        assertTrue(rows.stream().noneMatch(is("syscall", "exit_group")), "never-returning calls have no latency");
        var exit = one(run("patterns", "latency/percentiles_by_syscall", "syscall", "exit_group", "min_calls", "0"), is("syscall", "exit_group"));
        assertEquals(1, num(exit, "no_exit"));
        assertEquals(List.of("stat"), run("patterns", "latency/percentiles_by_syscall", "syscall", "stat").stream().map(r -> r.get("syscall")).toList());
        assertEquals(List.of(), run("patterns", "latency/percentiles_by_syscall", "min_calls", "100000"));
    }

    @Test
    void slowestCalls() throws SQLException {
        var rows = run("patterns", "latency/slowest_calls");
        assertEquals(25, rows.size());
        for (int i = 1; i < rows.size(); i++) assertTrue(dbl(rows.get(i - 1), "latency_ms") >= dbl(rows.get(i), "latency_ms"));
        long maxNs = scalar("patterns", "SELECT max(latency_ns) FROM syscalls");
        assertEquals(maxNs / 1e6, dbl(rows.getFirst(), "latency_ms"), 0.001);
        var late = one(rows, r -> "ior-late".equals(r.get("comm")) && "nanosleep".equals(r.get("syscall")));
        assertTrue(dbl(late, "latency_ms") >= 200);
        var noWaits = run("patterns", "latency/slowest_calls", "include_waits", "false", "limit", "1000");
        assertTrue(noWaits.stream().noneMatch(r -> List.of("nanosleep", "poll", "epoll_wait", "futex", "wait4").contains(r.get("syscall"))), noWaits.toString());
        assertTrue(noWaits.stream().anyMatch(r -> "ERESTARTSYS".equals(r.get("result"))), "the interrupted read is listed with its result");
        assertTrue(run("patterns", "latency/slowest_calls", "syscall", "fsync").stream().allMatch(is("syscall", "fsync")));
    }

    @Test
    void latencyHistogramCountsEveryTimedCall() throws SQLException {
        var rows = run("patterns", "latency/histogram");
        assertEquals(scalar("patterns", "SELECT count(*) FROM syscalls WHERE latency_ns IS NOT NULL AND NOT restarted"),
                rows.stream().mapToLong(r -> num(r, "calls")).sum());
        var nano = run("patterns", "latency/histogram", "syscall", "nanosleep");
        assertEquals(4, nano.stream().mapToLong(r -> num(r, "calls")).sum());
        assertTrue(nano.stream().anyMatch(r -> num(r, "bucket_log2") >= 17), "the 200 ms sleep is in a >= 131 ms bucket: " + nano);
    }

    // ---------------------------------------------------------------- network, memory, time, signals, losses

    @Test
    void socketTrafficByPeer() throws SQLException {
        var rows = run("patterns", "net/socket_traffic_by_peer");
        var client = one(rows, r -> num(r, "sent_bytes") == 10_000);
        assertEquals(2000, num(client, "received_bytes"), "the client's view of the server: " + rows);
        assertEquals(1, num(client, "connects"));
        var server = one(rows, r -> num(r, "received_bytes") == 10_000);
        assertEquals(2000, num(server, "sent_bytes"), "the accepted socket's view of the client");
        assertTrue(((String) client.get("peer")).startsWith("127.0.0.1:"));
        assertTrue(((String) server.get("peer")).startsWith("127.0.0.1:"));
        assertNotEquals(client.get("peer"), server.get("peer"));
        assertEquals(20, rows.stream().mapToLong(r -> num(r, "sent_bytes")).sum() - 12_000, "and 5 UDP pings of 4 bytes");
        var sc = run("scenarios", "net/socket_traffic_by_peer");
        assertTrue(sc.stream().anyMatch(r -> "ECONNREFUSED".equals(r.get("errnos"))));
        assertEquals(3, num(one(sc, is("peer", "unix:")), "sent_bytes"), "socketpair: abc");
    }

    @Test
    void mappingGrowth() throws SQLException {
        var rows = run("patterns", "memory/mapping_growth", "pid", Integer.toString(patternsPid));
        long mapped = scalar("patterns", "SELECT sum(address_space_bytes) FILTER (WHERE syscall = 'mmap') - sum(address_space_bytes) FILTER (WHERE syscall = 'munmap') "
                + "FROM syscalls WHERE pid = " + patternsPid + " AND NOT is_error");
        var last = rows.getLast();
        assertEquals(mapped, num(last, "mapped_bytes"), "the running total ends at mmap - munmap");
        assertTrue(mapped >= 4L << 20, "4 MiB of the 8 1-MiB maps stay");
        assertEquals(scalar("patterns", "SELECT count(*) FROM syscalls WHERE syscall = 'mmap' AND pid = " + patternsPid + " AND NOT is_error"),
                rows.stream().mapToLong(r -> num(r, "mmaps")).sum());
        assertTrue(num(last, "brk_bytes") > 0, "malloc grew the heap");
        var sc = run("scenarios", "memory/mapping_growth");
        var t = sc.stream().filter(is("process", scalar("scenarios", "SELECT pid FROM processes WHERE cmdline = 'true'") + " true")).toList();
        assertFalse(t.isEmpty());
        assertTrue(t.stream().allMatch(is("image", 1)), "after exec the child's totals restart");
        assertEquals(scalar("scenarios", "SELECT sum(address_space_bytes) FILTER (WHERE syscall = 'mmap') - coalesce(sum(address_space_bytes) FILTER (WHERE syscall = 'munmap'), 0) "
                + "FROM syscalls s WHERE pid = (SELECT pid FROM processes WHERE cmdline = 'true') AND NOT is_error "
                + "AND seq > (SELECT max(seq) FROM syscalls WHERE syscall = 'execve' AND pid = s.pid)"), num(t.getLast(), "mapped_bytes"));
    }

    @Test
    void sleepsPollsAndTimeouts() throws SQLException {
        var rows = run("patterns", "time/sleeps_polls_timeouts");
        var poll = one(rows, is("syscall", "poll"));
        assertEquals(3, num(poll, "calls"));
        assertEquals(3, num(poll, "timed_out"));
        assertEquals(5000.0, dbl(poll, "avg_timeout_us"));
        var ep = one(rows, is("syscall", "epoll_wait"));
        assertEquals(2, num(ep, "timed_out"));
        var nano = one(rows, is("syscall", "nanosleep"));
        assertEquals(4, num(nano, "calls"), "3 of 2 ms, 1 of 200 ms");
        assertEquals(51500.0, dbl(nano, "avg_requested_sleep_us"));
        assertTrue(dbl(nano, "oversleep_us") >= 0, "sleeps never end early");
        assertTrue(dbl(nano, "wait_ms") >= 206);
        assertEquals("workload", nano.get("comm"), "the process's name, not a thread's");
        var sc = run("scenarios", "time/sleeps_polls_timeouts");
        assertEquals(2000.0, dbl(one(sc, is("syscall", "clock_nanosleep")), "avg_requested_sleep_us"));
        assertEquals(0, num(one(sc, is("syscall", "epoll_wait")), "timed_out"), "it got its event");
    }

    @Test
    void signals() throws SQLException {
        var rows = run("patterns", "signals/summary");
        int child = (int) scalar("patterns", "SELECT pid FROM processes WHERE ppid = " + patternsPid);
        var killed = one(rows, is("event", "killed"));
        assertEquals("SIGTERM", killed.get("signal"));
        assertEquals(child, num(killed, "pid"));
        var usr1 = one(rows, r -> "sent".equals(r.get("event")) && "SIGUSR1".equals(r.get("signal")));
        assertEquals(3, num(usr1, "count"));
        assertEquals(Integer.toString(patternsPid), usr1.get("target"));
        var term = one(rows, r -> "sent".equals(r.get("event")) && "SIGTERM".equals(r.get("signal")));
        assertEquals(Integer.toString(child), term.get("target"));
        assertEquals(4, num(one(rows, is("event", "handler returned")), "count"), "3 SIGUSR1 + 1 SIGALRM");
        for (String s : List.of("SIGUSR1", "SIGALRM")) one(rows, r -> "handler installed".equals(r.get("event")) && s.equals(r.get("signal")));
        assertEquals("read", one(rows, r -> "interrupted".equals(r.get("event")) && num(r, "pid") == patternsPid).get("syscalls"));
        assertEquals(childRestarts(), rows.stream().filter(r -> "interrupted".equals(r.get("event")) && num(r, "pid") == child).count(),
                "the child's pause() shows up only when the child ran before the kill");
        assertEquals(List.of(), run("open", "signals/summary").stream().filter(r -> !"handler installed".equals(r.get("event"))).toList());
    }

    @Test
    void lossesByWindow() throws SQLException {
        var rows = run("lossy", "losses/by_window");
        assertFalse(rows.isEmpty());
        assertEquals(scalar("lossy", "SELECT sum(dropped_enter) FROM losses"), rows.stream().mapToLong(r -> num(r, "dropped_enter")).sum());
        assertEquals(scalar("lossy", "SELECT sum(dropped_call) FROM losses"), rows.stream().mapToLong(r -> num(r, "dropped_call")).sum());
        assertTrue(rows.stream().mapToLong(r -> num(r, "dropped_call")).sum() > 0, "the lossy workload's calls are written whole: " + rows);
        for (var r : rows) assertTrue(dbl(r, "loss_pct") >= 0 && dbl(r, "loss_pct") <= 100, r.toString());
        assertTrue(rows.stream().anyMatch(r -> dbl(r, "loss_pct") > 0));
        assertEquals(rows.stream().mapToLong(r -> num(r, "dropped_call")).sum(),
                run("lossy", "losses/by_window", "bucket", "1h").stream().mapToLong(r -> num(r, "dropped_call")).sum(), "any bucket width adds up");
        assertEquals(List.of(), run("patterns", "losses/by_window"));
    }

    // ---------------------------------------------------------------- real programs

    @Test
    void tarAndGzipBytesMatchTheFiles() throws Exception {
        var rows = run("tar", "io/top_files_by_bytes", "limit", "100");
        assertEquals(Files.size(tarOut), num(one(rows, is("file", tarOut.toString())), "write_bytes"), "gzip wrote the archive");
        try (Stream<Path> in = Files.walk(tarIn)) {
            for (Path f : in.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList())
                assertEquals(Files.size(f), num(one(rows, is("file", f.toString())), "read_bytes"), f + " read whole");
        }
        var procs = run("tar", "process/per_process");
        assertTrue(procs.stream().anyMatch(r -> ((String) r.get("process")).endsWith(" gzip")));
    }

    @Test
    void sqliteWritesItsDatabase() throws Exception {
        var rows = run("sqlite", "io/top_files_by_bytes", "limit", "100");
        assertTrue(num(one(rows, is("file", sqliteDb.toString())), "write_bytes") >= Files.size(sqliteDb), "every page of the database was written");
        var ap = run("sqlite", "io/access_pattern", "limit", "100");
        assertTrue(ap.stream().anyMatch(r -> sqliteDb.toString().equals(r.get("file")) && num(r, "calls") > 0), ap.toString());
    }

    // ---------------------------------------------------------------- several traces, the command line

    @Test
    void severalTracesRunPerTraceWithATraceColumn() throws Exception {
        try (Connection c = TraceCache.connect(List.of(traces.get("patterns"), traces.get("open")), false, (t, d, n) -> { });
             ResultSet rs = QueryRunner.run(c, QueryLibrary.get("files/repeated_lookups"), Map.of())) {
            var rows = rows(rs);
            assertEquals("trace", rs.getMetaData().getColumnName(1));
            var host = one(rows, is("file", "/etc/hostname"));
            assertEquals("open.iortrace", host.get("trace"));
            assertEquals(200, num(host, "lookups"));
            assertEquals("patterns.iortrace", one(rows, is("file", p("nope.conf"))).get("trace"));
            // each trace's rows keep the query's order
            List<Object> order = rows.stream().map(r -> r.get("trace")).distinct().toList();
            assertEquals(List.of("patterns.iortrace", "open.iortrace"), order);
            try (Statement st = c.createStatement(); ResultSet db = st.executeQuery("SELECT current_database(), count(*) FROM syscalls")) {
                assertTrue(db.next());
                assertEquals("memory", db.getString(1), "the connection is back on its views afterwards");
                assertEquals(scalar("patterns", "SELECT count(*) FROM syscalls") + scalar("open", "SELECT count(*) FROM syscalls"), db.getLong(2));
            }
        }
    }

    @Test
    void commandLineRunsListsAndShows() throws Exception {
        String open = traces.get("open").toString();
        IorRun.Result r = IorRun.run("query", "-q", "--format", "csv", open, "--run", "files/repeated_lookups", "--param", "min_calls=200");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("/etc/hostname,200,200,0,")), r.out());
        IorRun.Result two = IorRun.run("query", "-q", "--format", "csv", open, traces.get("patterns").toString(), "-r", "fds/leaks");
        assertEquals(0, two.exit(), two.toString());
        assertTrue(two.out().startsWith("trace,pid,"), two.out());
        assertEquals(6, two.out().lines().count(), "header + the 5 leaks of the patterns trace");

        IorRun.Result list = IorRun.run("query", "--list");
        assertEquals(0, list.exit(), list.toString());
        for (CannedQuery q : QueryLibrary.all()) assertTrue(list.out().contains(q.name()), q.name());
        IorRun.Result group = IorRun.run("query", "--list", "io", "--format", "csv");
        assertTrue(group.out().lines().skip(1).allMatch(l -> l.startsWith("io/")), group.out());
        assertTrue(group.out().startsWith("name,title,params,chart,description\n"));

        IorRun.Result show = IorRun.run("query", "--show", "errors/storms", "--param", "errnos=ENOENT");
        assertEquals(0, show.exit(), show.toString());
        assertTrue(show.out().contains("list_contains(string_split(replace('ENOENT', ' ', ''), ','), errno)"), show.out());
        assertTrue(show.out().lines().anyMatch(l -> l.matches("  window=1s +duration, Width of the time window\\.")), show.out());
        assertTrue(show.out().lines().anyMatch(l -> l.matches("  errnos=ENOENT +string, .*\\(default ENOENT,EACCES,EPERM\\)")), show.out());

        IorRun.Result bad = IorRun.run("query", "-q", open, "--run", "io/top_files_by_bytes", "--param", "limit=lots");
        assertEquals(2, bad.exit());
        assertEquals("ior: io/top_files_by_bytes: parameter limit: 'lots' is not an integer\n", bad.err());
        IorRun.Result unknown = IorRun.run("query", "-q", open, "--run", "io/top_files_by_bytes", "--param", "lim=3");
        assertEquals(2, unknown.exit());
        assertEquals("ior: io/top_files_by_bytes has no parameter 'lim'; its parameters: limit, pid\n", unknown.err());
        IorRun.Result missing = IorRun.run("query", "-q", open, "--run", "io/nothing");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().startsWith("ior: no canned query 'io/nothing'"), missing.err());
        IorRun.Result noTrace = IorRun.run("query", "--run", "io/top_files_by_bytes");
        assertEquals(2, noTrace.exit());
        IorRun.Result stray = IorRun.run("query", "-q", open, "-e", "SELECT 1", "--param", "a=1");
        assertEquals(2, stray.exit());
        assertEquals("ior: --param goes with --run NAME\n", stray.err());
        IorRun.Result macro = IorRun.run("query", "-q", "--format", "csv", open, "-e", "SELECT fmt_bytes(sum(bytes)) AS b FROM syscalls WHERE syscall = 'write'");
        assertEquals(0, macro.exit(), macro.toString());
        assertTrue(macro.out().startsWith("b\n"), "macros work in -e SQL too: " + macro.out());
    }
}
