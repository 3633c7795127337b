package ior.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** `ior sql` at a real terminal (tmux): queries, completion, history, modes, Ctrl-C, errors, the start summary. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlReplTest {
    /** tmux drops the blank that ends a line: the prompt "ior> " reads as "ior>". */
    static final String PROMPT = "ior>";
    Path dir, trace;

    @BeforeAll
    void record() throws Exception {
        IorRun.assumeCanRecord();
        if (!Tmux.available()) {
            if ("true".equals(System.getenv("CI"))) throw new AssertionError("tmux is needed for the REPL tests (scripts/setup.sh installs it)");
            Assumptions.abort("SKIPPED LOUDLY: tmux not installed");
        }
        dir = Files.createTempDirectory("ior-repl-test");
        trace = dir.resolve("open.iortrace");
        IorRun.Result r = IorRun.run("record", "-q", "-o", trace.toString(), "--", IorRun.workload().toString(), "open", "3", "/etc/hostname");
        assertEquals(0, r.exit(), r.toString());
        // build the tables once, so each session starts quickly
        assertEquals(0, IorRun.run("query", "-q", trace.toString(), "-e", "SELECT 1").exit());
    }

    @AfterAll
    void cleanup() throws Exception {
        if (dir == null) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    Tmux repl(Path history, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(IorRun.javaCommand());
        cmd.add("sql");
        cmd.addAll(List.of(extra));
        cmd.add(trace.toString());
        Tmux t = new Tmux(dir, List.of("LANG=C.UTF-8", "TERM=xterm-256color", "IOR_HISTORY=" + history), cmd);
        t.waitFor(PROMPT);
        return t;
    }

    Path history(String name) {
        return dir.resolve(name + ".history");
    }

    @Test
    void summaryThenAMultiLineQuery() throws Exception {
        try (Tmux t = repl(history("query"))) {
            String start = t.screen();
            assertTrue(start.contains("host "), start);
            assertTrue(start.contains("1 process, "), start);
            assertTrue(start.contains("lost events: none"), start);
            assertTrue(start.contains("tables: syscalls, fds, processes, losses"), start);
            t.line("SELECT syscall, count(*) AS n FROM syscalls");
            t.waitFor(" ...>");
            t.line("WHERE file = '/etc/hostname' GROUP BY 1 ORDER BY 1;");
            String s = t.waitForCount(PROMPT, 2);
            assertTrue(s.contains("close   | 3"), s);
            assertTrue(s.contains("openat  | 3"), s);
            assertTrue(s.contains("(2 rows)"), s);
            t.keys("C-d");
            assertTrue(t.waitFor("[exited").contains("[exited 0]"));
        }
    }

    @Test
    void tabCompletesATableName() throws Exception {
        try (Tmux t = repl(history("tab"))) {
            t.type("SELECT count(*) AS n FROM proc");
            t.keys("Tab");
            t.waitFor("FROM processes");
            t.line(";");
            String s = t.waitForCount(PROMPT, 2);
            assertTrue(s.contains("(1 row)"), s);
            // a dot command completes too
            t.type(".mo");
            t.keys("Tab");
            t.waitFor(PROMPT + " .mode");
        }
    }

    @Test
    void historyIsRecalledAndOutlivesTheSession() throws Exception {
        Path h = history("hist");
        try (Tmux t = repl(h)) {
            t.line("SELECT 'first-' || 'marker' AS m;");
            t.waitFor("first-marker\n");
            t.line("SELECT 40 + 2 AS answer;");
            t.waitForCount(PROMPT, 3);
            t.keys("Up", "Up");
            t.waitFor(PROMPT + " SELECT 'first-' || 'marker' AS m;");
            t.keys("C-u", "C-d");
            t.waitFor("[exited 0]");
        }
        assertTrue(Files.readString(h).contains("SELECT 40 + 2 AS answer;"), "history file: " + Files.readString(h));
        try (Tmux t = repl(h)) {
            t.keys("Up");
            t.waitFor(PROMPT + " SELECT 40 + 2 AS answer;");
            t.keys("Enter");
            String s = t.waitForCount(PROMPT, 2);
            assertTrue(s.contains("    42"), s);
        }
    }

    @Test
    void modeCsvAndBack() throws Exception {
        try (Tmux t = repl(history("mode"))) {
            t.line(".mode csv");
            t.line("SELECT syscall, count(*) AS n FROM syscalls WHERE file = '/etc/hostname' GROUP BY 1 ORDER BY 1;");
            String s = t.waitForCount(PROMPT, 3);
            assertTrue(s.contains("syscall,n\nclose,3\nopenat,3\n"), s);
            t.line(".mode");
            assertTrue(t.waitForCount(PROMPT, 4).contains("current output mode: csv"));
            t.line(".mode pie");
            s = t.waitForCount(PROMPT, 5);
            assertTrue(s.contains("Error: unknown mode pie"), s);
            t.line(".mode line");
            t.line("SELECT 1 AS one, NULL AS nothing;");
            s = t.waitForCount(PROMPT, 7);
            assertTrue(s.contains("    one = 1\nnothing = NULL"), s);
        }
    }

    @Test
    void ctrlCCancelsASlowQueryAndTheSessionGoesOn() throws Exception {
        try (Tmux t = repl(history("cancel"))) {
            // 10^16 rows: never finishes by itself
            t.line("SELECT sum(a.range * b.range) FROM range(100000000) a, range(100000000) b;");
            Thread.sleep(1500);
            t.keys("C-c");
            String s = t.waitFor("Interrupted: query cancelled");
            assertFalse(s.contains("[exited"), s);
            t.line("SELECT 6 * 7 AS answer;");
            s = t.waitFor("(1 row)");
            assertTrue(s.contains("    42"), s);
            // Ctrl-C at the prompt drops the line, and does not leave either
            t.type("SELECT 'never run'");
            t.keys("C-c");
            t.line("SELECT 'still here' AS x;");
            s = t.waitFor("still here\n");
            assertEquals(2, Tmux.occurrences(s, "(1 row)"), "the dropped line did not run: " + s);
            assertFalse(s.contains("[exited"), s);
        }
    }

    @Test
    void anSqlErrorPrintsDuckDbsMessageAndTheSessionGoesOn() throws Exception {
        try (Tmux t = repl(history("error"))) {
            t.line("SELECT nosuchcolumn FROM syscalls;");
            String s = t.waitFor("Binder Error");
            assertTrue(s.contains("nosuchcolumn"), s);
            t.line(".nosuchcommand");
            t.waitFor("unknown command .nosuchcommand");
            t.line("SELECT 'alive' AS state;");
            s = t.waitFor("alive\n");
            assertFalse(s.contains("[exited"), s);
        }
    }

    @Test
    void longResultsAreCappedAndEscaped() throws Exception {
        try (Tmux t = repl(history("cap"))) {
            t.line(".maxrows 6");
            t.line("SELECT range AS i, chr(27) || '[31mred' AS s FROM range(1000);");
            String s = t.waitFor("(1000 rows, 6 shown");
            assertTrue(s.contains("\\x1b[31mred"), s);
            assertTrue(s.contains("\n999 | \\x1b[31mred"), "the last rows are shown: " + s);
            assertFalse(s.contains("\n500 | "), s);
            t.line(".timing on");
            t.line("SELECT 1;");
            t.waitFor("Run Time: real ");
        }
    }

    @Test
    void lostEventsAreLoudInTheSummary() throws Exception {
        Path lossy = dir.resolve("lossy.iortrace");
        IorRun.Result r = IorRun.run("record", "-q", "--ringbuf-size", "16K", "-o", lossy.toString(), "--", IorRun.workload().toString(), "spin", "200000");
        assertEquals(0, r.exit(), r.toString());
        List<String> cmd = new ArrayList<>(IorRun.javaCommand());
        cmd.addAll(List.of("sql", lossy.toString()));
        try (Tmux t = new Tmux(dir, List.of("LANG=C.UTF-8", "TERM=xterm-256color", "IOR_HISTORY=" + history("lossy")), cmd)) {
            String s = t.waitFor(PROMPT);
            assertTrue(s.contains("!!! LOST EVENTS: "), s);
            assertTrue(s.contains("lost call records "), s);
            assertFalse(s.contains("lost events: none"), s);
        }
    }
}
