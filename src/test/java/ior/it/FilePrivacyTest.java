package ior.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Traces reveal paths and command lines: what ior writes is private (0600 files, 0700 cache
 * directories), a cache never lands in a directory others may write to, and SQL on trace data
 * cannot reach files, the network or extensions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilePrivacyTest {
    Path dir, trace;

    /** Temporary directories of this class (traces, caches, exports): removed after its tests. */
    final java.util.List<Path> scratch = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterAll
    void removeScratch() throws Exception {
        for (Path p : scratch) ScenariosTrace.delete(p);
    }

    @BeforeAll
    void record() throws Exception {
        IorRun.assumeCanRecord();
        dir = Files.createTempDirectory("ior-private");
        scratch.add(dir);
        trace = dir.resolve("t.iortrace");
        IorRun.Result r = IorRun.run("record", "-q", "-o", trace.toString(), "--", IorRun.workload().toString(), "open", "20", "/etc/hostname");
        assertEquals(0, r.exit(), r.toString());
    }

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    IorRun.Result run(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = IorRun.builder(List.of(), args).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new IorRun.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), err, p.pid());
    }

    @Test
    void traceAndCacheAreOwnerOnly() throws Exception {
        assertEquals("rw-------", mode(trace));
        IorRun.Result q = IorRun.run("query", "-q", trace.toString(), "-e", "SELECT 1");
        assertEquals(0, q.exit(), q.toString());
        assertEquals("rw-------", mode(dir.resolve("t.iortrace.duckdb")));
        assertEquals("rw-------", mode(dir.resolve("t.iortrace.duckdb.lock")));
    }

    @Test
    void worldWritableTraceDirectoryKeepsTheCacheInAPrivateOne() throws Exception {
        Path shared = Files.createTempDirectory("ior-shared");
        scratch.add(shared);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path t = Files.copy(trace, shared.resolve("shared.iortrace"));
        Path cacheHome = Files.createTempDirectory("ior-cache-home");
        scratch.add(cacheHome);
        IorRun.Result q = run(Map.of("XDG_CACHE_HOME", cacheHome.toString()), "query", "-q", t.toString(), "-e", "SELECT 1");
        assertEquals(0, q.exit(), q.toString());
        try (var s = Files.list(shared)) {
            assertEquals(List.of("shared.iortrace"), s.map(p -> p.getFileName().toString()).toList(), "nothing written beside the trace");
        }
        Path priv = cacheHome.resolve("ior");
        assertEquals("rwx------", mode(priv));
        try (var s = Files.list(priv)) {
            List<Path> files = s.toList();
            assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().endsWith("-shared.iortrace.duckdb")), files.toString());
            for (Path f : files) assertEquals("rw-------", mode(f), f.toString());
        }
        // a cache directory others may write to is refused, with what to do
        Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (var s = Files.list(priv)) {
            for (Path f : s.toList()) Files.delete(f);
        }
        IorRun.Result bad = run(Map.of("XDG_CACHE_HOME", cacheHome.toString()), "query", "-q", t.toString(), "-e", "SELECT 1");
        assertEquals(5, bad.exit(), bad.toString());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("is writable by others") && bad.err().contains("chmod 700"), bad.err());
    }

    @Test
    void sqlOnTraceDataCannotReachFilesOrExtensions() throws Exception {
        Path outside = dir.resolve("outside.csv");
        for (String sql : List.of("SELECT * FROM read_csv('/etc/passwd')", "COPY (SELECT 1) TO '" + outside + "'",
                "ATTACH '" + dir.resolve("other.duckdb") + "' AS other", "INSTALL httpfs", "SET enable_external_access = true")) {
            IorRun.Result r = IorRun.run("query", "-q", trace.toString(), "-e", sql);
            assertEquals(2, r.exit(), sql + ": " + r);
            assertTrue(r.err().startsWith("ior: SQL error: "), r.err());
        }
        assertFalse(Files.exists(outside));
        assertFalse(Files.exists(dir.resolve("other.duckdb")));
        // several traces are attached before the lock: they still work together
        Path second = Files.copy(trace, dir.resolve("second.iortrace"));
        IorRun.Result two = IorRun.run("query", "-q", "--format", "csv", trace.toString(), second.toString(), "-e",
                "SELECT count(DISTINCT trace) FROM syscalls");
        assertEquals(0, two.exit(), two.toString());
        assertEquals("2", two.out().lines().toList().get(1));
    }
}
