package ior.it;

import ior.analyzer.db.TraceCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The bundled samples (samples/, re-recorded by samples/record.sh) open without root, lost
 * nothing, and show what samples/README.md says they show. Each is copied to a temp dir first,
 * so the cache is not written into the checkout.
 */
class SamplesTest {
    @TempDir
    Path tmp;

    Connection open(String name) throws Exception {
        Path src = IorRun.root().resolve("samples").resolve(name + ".iortrace");
        assertTrue(Files.isRegularFile(src), "sample missing: " + src + " (samples/record.sh records it)");
        Path copy = Files.copy(src, tmp.resolve(name + ".iortrace"));
        return TraceCache.connect(List.of(copy), false, (t, d, total) -> {});
    }

    static long one(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getLong(1);
        }
    }

    static List<String> strings(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    static void lostNothing(Connection c) throws Exception {
        assertEquals(0, one(c, "SELECT coalesce(sum(value), 0) FROM stats WHERE severity = 'data_loss'"), "a sample lost events");
        assertEquals(0, one(c, "SELECT count(*) FROM losses WHERE dropped_enter + dropped_exit + dropped_lifecycle + dropped_call > 0"));
        assertEquals(List.of(Integer.toString(ior.format.Records.LAYOUT_VERSION)), strings(c, "SELECT value FROM trace_info WHERE key = 'format.records'"),
                "samples are recorded with this record layout (samples/record.sh re-records them)");
    }

    @Test
    void pgbenchShowsWalSyncsAndClientServerTraffic() throws Exception {
        try (Connection c = open("pgbench")) {
            lostNothing(c);
            assertTrue(one(c, "SELECT count(*) FROM syscalls WHERE syscall IN ('fdatasync', 'fsync') AND file LIKE '%/pg_wal/%'") >= 50,
                    "WAL flushes at commit");
            assertTrue(one(c, "SELECT count(*) FROM syscalls WHERE syscall = 'sync_file_range'") > 0, "checkpoint writeback");
            assertTrue(one(c, "SELECT coalesce(sum(bytes), 0) FROM syscalls WHERE comm = 'pgbench' AND fd_kind = 'socket'") > 100_000,
                    "pgbench talks to the server over TCP");
            assertTrue(one(c, "SELECT count(*) FROM fds WHERE kind = 'socket' AND path LIKE '%127.0.0.1:54329%'") >= 4,
                    "4 client connections to the private port");
            assertTrue(one(c, "SELECT count(DISTINCT pid) FROM processes WHERE comm = 'postgres'") >= 5, "postmaster and its backends");
        }
    }

    @Test
    void archiveReadsTheSourceTreeAndCommitsIt() throws Exception {
        try (Connection c = open("archive")) {
            lostNothing(c);
            long headers = one(c, "SELECT count(DISTINCT file) FROM syscalls WHERE comm = 'tar' AND syscall = 'openat' AND file LIKE '/usr/include/linux/%.h'");
            assertTrue(headers > 300, "tar opened " + headers + " headers");
            assertTrue(one(c, "SELECT sum(bytes) FROM syscalls WHERE comm = 'gzip' AND syscall = 'write'") > 1_000_000, "gzip wrote the archive");
            assertTrue(one(c, "SELECT count(*) FROM syscalls WHERE comm = 'git' AND file LIKE '%/.git/objects/%'") > 100, "git wrote objects");
            assertEquals(0, one(c, "SELECT count(*) FROM processes WHERE exit_code <> 0 AND comm IN ('tar', 'gzip', 'git')"));
        }
    }

    @Test
    void sqliteShowsErrorsAndFsyncs() throws Exception {
        try (Connection c = open("sqlite")) {
            lostNothing(c);
            assertEquals(20, one(c, "SELECT count(*) FROM syscalls WHERE errno = 'EACCES' AND syscall = 'openat' AND file LIKE '%/secret.key'"),
                    "the unprivileged app tried the root-only key 20 times");
            assertTrue(one(c, "SELECT count(*) FROM syscalls WHERE errno = 'ENOENT' AND file LIKE '%app.conf'") >= 2, "missing configs");
            assertTrue(one(c, "SELECT count(*) FROM syscalls WHERE syscall IN ('fsync', 'fdatasync') AND comm = 'python3'") >= 400,
                    "200 transactions, each syncing journal and database");
            assertEquals(1, one(c, "SELECT count(*) FROM syscalls WHERE syscall = 'fsync' AND file LIKE '%/report.txt'"));
        }
    }

    @Test
    void hostileNamesAreKeptExactly() throws Exception {
        try (Connection c = open("hostile-names")) {
            lostNothing(c);
            List<String> paths = strings(c, "SELECT DISTINCT regexp_extract(path, '(?s)/hostile/(.*)$', 1) FROM fds WHERE path LIKE '%/hostile/%'");
            for (String name : List.of("<script>alert(1)<\\script>.txt", "<img src=x onerror=alert(1)>",
                    "\"double\" 'single' &amp; <b>bold<\\b>", "\u001b[31mred\u001b[0m \u001b]0;owned\u0007title",
                    "bell\u0007 back\bspace del\u007f tab\tcr\r", "new\nline.log", "=HYPERLINK(\"x\")", "+1-2@cmd", "-minus", "@at",
                    "rtl\u202eexe.txt", "L".repeat(240), "from-thread-<&>"))
                assertTrue(paths.contains(name), "missing " + ior.analyzer.cli.ResultPrinter.visible(name) + " in " + paths);
            assertTrue(paths.stream().anyMatch(p -> p.startsWith("bad") && p.endsWith("utf8\\xc3(.bin")),
                    "invalid UTF-8 is kept as \\xHH escapes: " + paths);
            List<String> comms = strings(c, "SELECT DISTINCT comm FROM syscalls");
            assertTrue(comms.contains("<b>\u001b[1mthr\""), "renamed thread: " + comms);
            assertTrue(comms.contains("=cmd|'/c calc'"), "renamed process: " + comms);
        }
    }
}
