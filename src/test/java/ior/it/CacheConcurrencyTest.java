package ior.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The cache beside a trace under concurrent and interrupted use: several `ior query` opening a
 * trace that has no cache yet all get the same answer (one builds, the others wait for its lock);
 * a build killed (SIGKILL) or interrupted (SIGINT) never leaves a cache that looks valid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheConcurrencyTest {
    static final String SQL = "SELECT count(*) AS n FROM syscalls WHERE syscall = 'getppid'";
    Path dir, trace;
    String expected;

    /** Temporary directories of this class (traces, caches, exports): removed after its tests. */
    final java.util.List<Path> scratch = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterAll
    void removeScratch() throws Exception {
        for (Path p : scratch) ScenariosTrace.delete(p);
    }

    @BeforeAll
    void record() throws Exception {
        IorRun.assumeCanRecord();
        dir = Files.createTempDirectory("ior-cache-conc");
        scratch.add(dir);
        trace = dir.resolve("spin.iortrace");
        // large enough that building its tables takes a few seconds
        IorRun.Result r = IorRun.run("record", "-q", "--no-snapshot", "-o", trace.toString(), "--", IorRun.workload().toString(), "spin", "1500000");
        assertEquals(0, r.exit(), r.toString());
        IorRun.Result q = IorRun.run("query", "-q", "--format", "csv", trace.toString(), "-e", SQL);
        assertEquals(0, q.exit(), q.toString());
        expected = q.out();
        assertTrue(Long.parseLong(expected.lines().toList().get(1)) > 1_000_000, expected);
    }

    Process query(Path t, Path err) throws Exception {
        // a suite started in the background of a non-interactive shell passes SIGINT on ignored,
        // and the JVM rightly keeps it so: reset it, as a terminal's Ctrl-C would find it
        ProcessBuilder pb = IorRun.builder(List.of("env", "--default-signal=INT"), "query", "-q", "--format", "csv", t.toString(), "-e", SQL)
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("IOR_TIMING", "1"); // a build says "checkpoint N ms" on stderr: counts the builds
        return pb.start();
    }

    List<String> leftovers(Path cache) throws Exception {
        try (var s = Files.list(cache.getParent())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(cache.getFileName() + ".tmp-")).toList();
        }
    }

    @Test
    void concurrentFirstOpensAllGetTheSameAnswer() throws Exception {
        for (int round = 0; round < 3; round++) {
            Path t = Files.copy(trace, dir.resolve("conc" + round + ".iortrace"));
            Path cache = dir.resolve("conc" + round + ".iortrace.duckdb");
            List<Process> ps = new ArrayList<>();
            List<Path> errs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path err = dir.resolve("conc" + round + "-" + i + ".err");
                errs.add(err);
                ps.add(query(t, err));
            }
            for (int i = 0; i < ps.size(); i++) {
                Process p = ps.get(i);
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(300, TimeUnit.SECONDS), "query finished");
                assertEquals(0, p.exitValue(), "round " + round + " query " + i + ": " + Files.readString(errs.get(i)));
                assertEquals(expected, out, "every concurrent reader sees the whole table");
            }
            long builds = 0;
            for (Path e : errs) builds += Files.readAllLines(e).stream().filter(l -> l.startsWith("checkpoint ")).count();
            assertEquals(1, builds, "one process built the tables, the others waited and read them");
            assertTrue(Files.exists(cache));
            assertEquals(List.of(), leftovers(cache), "no temp files left");
        }
    }

    @Test
    void killedOrInterruptedBuildLeavesNoValidLookingCache() throws Exception {
        for (String signal : List.of("KILL", "INT")) {
            Path t = Files.copy(trace, dir.resolve("killed-" + signal + ".iortrace"));
            Path cache = dir.resolve("killed-" + signal + ".iortrace.duckdb");
            Process p = query(t, dir.resolve("killed-" + signal + ".err"));
            long until = System.nanoTime() + 120_000_000_000L;
            while (leftovers(cache).isEmpty() && p.isAlive() && System.nanoTime() < until) Thread.sleep(20);
            assertTrue(p.isAlive(), "still building when signalled");
            Thread.sleep(300); // well into the ingest
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertNotEquals(0, p.exitValue(), signal + ": the query did not finish");
            assertFalse(Files.exists(cache), signal + ": no cache was put in place");
            if (signal.equals("INT")) assertEquals(List.of(), leftovers(cache), "Ctrl-C removes the temp file");
            // the next open builds afresh (and sweeps a killed build's temp file)
            IorRun.Result r = IorRun.run("query", "-q", "--format", "csv", t.toString(), "-e", SQL);
            assertEquals(0, r.exit(), r.toString());
            assertEquals(expected, r.out());
            assertEquals(List.of(), leftovers(cache));
        }
    }
}
