package ior.it;

import ior.testutil.Chromium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** `ior diff` of two real recordings whose difference is known: 100 vs 300 opens of one file. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiffCommandTest {
    Path base, a, b;

    /** Temporary directories of this class (traces, caches, exports): removed after its tests. */
    final java.util.List<Path> scratch = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterAll
    void removeScratch() throws Exception {
        for (Path p : scratch) ScenariosTrace.delete(p);
    }

    @BeforeAll
    void record() throws Exception {
        IorRun.assumeCanRecord();
        base = Files.createTempDirectory("ior-diff");
        scratch.add(base);
        a = base.resolve("base.iortrace");
        b = base.resolve("other.iortrace");
        assertEquals(0, IorRun.run("record", "-q", "-o", a.toString(), "--", IorRun.workload().toString(), "open", "100", "/etc/hostname").exit());
        // 2000 more opens and closes: several ms more, well above the run-to-run noise of the
        // other calls (one execve alone varied by 1.2 ms between two runs here)
        assertEquals(0, IorRun.run("record", "-q", "-o", b.toString(), "--", IorRun.workload().toString(), "open", "2100", "/etc/hostname").exit());
    }

    static List<String> row(String md, String section, String key) {
        int s = md.indexOf("## " + section);
        assertTrue(s >= 0, "section " + section + " in\n" + md);
        for (String line : md.substring(s).lines().toList())
            if (line.startsWith("| " + key + " |")) return List.of(line.split("\\s*\\|\\s*")).subList(1, line.split("\\s*\\|\\s*").length);
        throw new AssertionError("no row " + key + " in section " + section + ":\n" + md);
    }

    @Test
    void markdownShowsTheKnownDifferenceFirst() throws Exception {
        IorRun.Result r = IorRun.run("diff", "-q", a.toString(), b.toString());
        assertEquals(0, r.exit(), r.toString());
        String md = r.out();
        List<String> openat = row(md, "By syscall", "openat");
        assertEquals(List.of("openat", "102", "2102", "2000"), openat.subList(0, 4), "calls base, other, delta: " + openat);
        List<String> file = row(md, "By file", "/etc/hostname");
        assertEquals(List.of("/etc/hostname", "200", "4200", "4000"), file.subList(0, 4), "openat + close on the file: " + file);
        String bySyscall = md.substring(md.indexOf("## By syscall"));
        String firstRow = bySyscall.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| syscall")).findFirst().orElseThrow();
        assertTrue(firstRow.startsWith("| openat |") || firstRow.startsWith("| close |"), "the opens and closes have the most impact: " + firstRow);
        List<String> comm = row(md, "By process", "workload");
        assertEquals("4000", comm.get(3), comm.toString());
        assertEquals(List.of("syscall", "calls_base", "calls_other", "calls_delta", "time_base", "time_other", "time_delta",
                "p50_base", "p50_other", "p99_base", "p99_other", "bytes_base", "bytes_other", "errors_base", "errors_other"),
                row(md, "By syscall", "syscall").stream().map(h -> h.replace("\\_", "_")).toList(), "latency percentiles of both traces beside the counts");
        for (int i = 7; i <= 10; i++)
            assertTrue(openat.get(i).matches("[0-9.]+ ?(ns|us|µs|ms|s)"), "a duration: " + openat);
    }

    @Test
    void htmlHasOverlaidChartsAndLoadsInABrowser() throws Exception {
        Path html = base.resolve("diff.html");
        IorRun.Result r = IorRun.run("diff", "-q", a.toString(), b.toString(), "-o", html.toString());
        assertEquals(0, r.exit(), r.toString());
        String page = Files.readString(html);
        assertTrue(page.contains("Total time by syscall") && page.contains("Latency distribution"), "two overlaid charts");
        assertTrue(page.split("<svg", -1).length - 1 >= 2);
        assertTrue(page.contains("/etc/hostname"));
        Chromium.assumeAvailable();
        Chromium.Run dom = Chromium.dumpDom(html.toUri().toString());
        assertTrue(dom.dom().contains("data-ior-ready=\"1\""), "loads and runs its script");
        assertTrue(dom.consoleMessages().isEmpty(), dom.consoleMessages().toString());
        IorRun.Result bad = IorRun.run("diff", "-q", a.toString(), b.toString(), "--format", "pdf");
        assertEquals(2, bad.exit());
        assertEquals(1, bad.err().lines().count(), bad.err());
    }
}
