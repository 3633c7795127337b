package ior.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** `ior print` on recorded workloads: the workload's known calls, strace as the oracle, filters, hostile file names. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrintCommandTest {
    static final String OPENAT = "openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) = 3</etc/hostname>";
    static final String CLOSE = "close(3</etc/hostname>) = 0";
    /** pid[/tid], comm, the call, the latency: what a line holds after --time none. */
    static final Pattern LINE = Pattern.compile("^ *(\\d+)(?:/\\d+)? (\\S+) +(.*?)(?: <(\\d+\\.\\d{6})>)?$");
    static final String EVIL = "evil\u001b]0;owned\u0007\u001b[31mred.txt";

    Path dir, trace, evilTrace;
    int pid;

    @BeforeAll
    void record() throws Exception {
        IorRun.assumeCanRecord();
        dir = Files.createTempDirectory("ior-print-test");
        trace = dir.resolve("open.iortrace");
        IorRun.Result r = IorRun.run("record", "-q", "-o", trace.toString(), "--", IorRun.workload().toString(), "open", "3", "/etc/hostname");
        assertEquals(0, r.exit(), r.toString());
        pid = Integer.parseInt(csv(trace, "SELECT pid FROM processes WHERE exe LIKE '%/workload'").getFirst());
        Path evil = Files.createFile(dir.resolve(EVIL));
        evilTrace = dir.resolve("evil.iortrace");
        r = IorRun.run("record", "-q", "-o", evilTrace.toString(), "--", IorRun.workload().toString(), "open", "1", evil.toString());
        assertEquals(0, r.exit(), r.toString());
    }

    @AfterAll
    void cleanup() throws Exception {
        if (dir == null) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    static List<String> csv(Path t, String sql) throws Exception {
        IorRun.Result r = IorRun.run("query", "-q", "--format", "csv", t.toString(), "-e", sql);
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        return lines.subList(1, lines.size());
    }

    List<String> print(Path t, String... opts) throws Exception {
        List<String> args = new ArrayList<>(List.of("print", "-q", t.toString()));
        args.addAll(List.of(opts));
        IorRun.Result r = IorRun.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err(), r.toString());
        return r.out().lines().toList();
    }

    static Matcher parse(String line) {
        Matcher m = LINE.matcher(line);
        assertTrue(m.matches(), "not an ior print line: " + line);
        return m;
    }

    @Test
    void theWorkloadsOpensAndClosesWithPathsResultsAndLatency() throws Exception {
        List<String> lines = print(trace, "--time", "none", "-s", "openat,close", "-P", "/etc/hostname");
        assertEquals(6, lines.size(), String.join("\n", lines));
        for (int i = 0; i < 6; i++) {
            Matcher m = parse(lines.get(i));
            assertEquals(pid, Integer.parseInt(m.group(1)), lines.get(i));
            assertEquals("workload", m.group(2));
            assertEquals(i % 2 == 0 ? OPENAT : CLOSE, m.group(3));
            assertNotNull(m.group(4), "latency shown: " + lines.get(i));
        }
        // the default time column: wall clock with microseconds, as strace -tt
        String first = print(trace, "--limit", "1").getFirst();
        assertTrue(first.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{6} +\\d+ .*"), first);
    }

    @Test
    void linesAgreeWithStrace() throws Exception {
        Path out = dir.resolve("strace.txt");
        Process p = new ProcessBuilder("strace", "-f", "-y", "-e", "trace=openat,close", "-o", out.toString(),
                IorRun.workload().toString(), "open", "3", "/etc/hostname").redirectErrorStream(true).redirectOutput(dir.resolve("strace.out").toFile()).start();
        assertEquals(0, p.waitFor());
        List<String> expected = new ArrayList<>();
        for (String l : Files.readAllLines(out))
            if (l.contains("/etc/hostname"))
                // strace 6 also shows the cwd of AT_FDCWD (-y) and pads before " = "; ior shows neither
                expected.add(l.replaceFirst("^\\d+ +", "").replaceFirst("AT_FDCWD<[^>]*>", "AT_FDCWD").replaceFirst("\\) +=", ") ="));
        List<String> ours = new ArrayList<>();
        for (String l : print(trace, "--time", "none", "-P", "/etc/hostname")) ours.add(parse(l).group(3));
        assertEquals(expected, ours);
    }

    @Test
    void filtersSelectRows() throws Exception {
        assertEquals(2, print(trace, "--limit", "2").size());
        assertEquals(3, print(trace, "--where", "syscall = 'openat' AND file = '/etc/hostname'").size());
        List<String> all = print(trace, "--time", "none", "-p", Integer.toString(pid));
        assertEquals(csv(trace, "SELECT count(*) FROM syscalls WHERE pid = " + pid).getFirst(), Integer.toString(all.size()));
        for (String l : all) assertEquals(pid, Integer.parseInt(parse(l).group(1)), l);
        List<String> failed = print(trace, "--failed");
        assertEquals(csv(trace, "SELECT count(*) FROM syscalls WHERE is_error").getFirst(), Integer.toString(failed.size()));
        for (String l : failed) assertTrue(l.matches(".* = -1 E[A-Z0-9]+ \\([^)]+\\) <[0-9.]+>$"), l);
        IorRun.Result bad = IorRun.run("print", "-q", trace.toString(), "--where", "nosuchcolumn = 1");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().startsWith("ior: SQL error: "), bad.err());
        assertFalse(bad.err().contains("\tat "), "no stack trace: " + bad.err());
    }

    @Test
    void aHostileFileNameCannotDriveTheTerminal() throws Exception {
        List<String> lines = print(evilTrace, "--time", "none", "--where", "file LIKE '%red.txt'");
        assertEquals(2, lines.size(), String.join("\n", lines));
        String escaped = "evil\\x1b]0;owned\\x07\\x1b[31mred.txt";
        assertTrue(lines.get(0).contains(escaped + "\", O_RDONLY) = 3<"), lines.get(0));
        assertTrue(lines.get(1).contains("close(3<" + dir + "/" + escaped + ">) = 0"), lines.get(1));
        IorRun.Result all = IorRun.run("print", "-q", evilTrace.toString());
        assertNoControls(all.out());
        // the same name through ior sql, in table and csv mode
        IorRun.Result sql = IorRun.runWithStdin("SELECT DISTINCT file FROM syscalls WHERE file LIKE '%red.txt';\n.mode csv\n"
                + "SELECT DISTINCT file FROM syscalls WHERE file LIKE '%red.txt';\n", "sql", "-q", evilTrace.toString());
        assertEquals(0, sql.exit(), sql.toString());
        assertEquals(2, Tmux.occurrences(sql.out(), escaped), sql.out());
        assertNoControls(sql.out());
    }

    static void assertNoControls(String out) {
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c != '\n' && (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)))
                fail("control character 0x" + Integer.toHexString(c) + " in output at " + i + ": " + out.substring(Math.max(0, i - 40), i));
        }
    }
}
