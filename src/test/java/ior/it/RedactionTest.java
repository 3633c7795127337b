package ior.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * `ior record --redact`, `--no-paths`, `--no-args`: a secret that a traced process has in its
 * command line, its working directory, an open fd (all in the snapshot), in the paths it opens
 * and the arguments of the programs it runs (events) appears nowhere in the file's raw bytes.
 * Each case first shows the secret is in a trace recorded without the option.
 */
class RedactionTest {
    static final String SECRET = "s3cr3t-7f2a91";

    @BeforeEach
    void canRecord() {
        IorRun.assumeCanRecord();
    }

    /**
     * Records a shell that was started in a secret directory, holds a secret file open, has the
     * secret in its arguments and keeps opening the file and running cat on it.
     */
    Path record(Path dir, String name, String... options) throws Exception {
        Path secretDir = dir.resolve("dir-" + SECRET);
        Files.createDirectories(secretDir);
        Path secretFile = secretDir.resolve("file-" + SECRET);
        Files.writeString(secretFile, "x\n");
        Process sh = new ProcessBuilder("sh", "-c", "exec 3<\"$1\"; while :; do cat \"$1\" >/dev/null; sleep 0.05; done", "sh", secretFile.toString())
                .directory(secretDir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            Path trace = dir.resolve(name + ".iortrace");
            List<String> args = new ArrayList<>(List.of("record", "-q", "-d", "2s", "-p", Long.toString(sh.pid()), "-o", trace.toString()));
            args.addAll(List.of(options));
            IorRun.Result r = IorRun.run(args.toArray(String[]::new));
            assertEquals(0, r.exit(), r.toString());
            return trace;
        } finally {
            sh.descendants().forEach(ProcessHandle::destroyForcibly);
            sh.destroyForcibly();
            sh.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int occurrences(Path file, String needle) throws Exception {
        byte[] hay = Files.readAllBytes(file);
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        int count = 0;
        outer:
        for (int i = 0; i + n.length <= hay.length; i++) {
            for (int k = 0; k < n.length; k++) if (hay[i + k] != n[k]) continue outer;
            count++;
        }
        return count;
    }

    String query(Path trace, String sql) throws Exception {
        IorRun.Result r = IorRun.run("query", "-q", "--format", "csv", trace.toString(), "-e", sql);
        assertEquals(0, r.exit(), r.toString());
        return r.out();
    }

    @Test
    void redactRemovesTheSecretFromSnapshotEventsAndHeader() throws Exception {
        Path dir = Files.createTempDirectory("ior-redact");
        try {
            Path plain = record(dir, "plain");
            assertTrue(occurrences(plain, SECRET) > 10, "the setup puts the secret in the trace: " + occurrences(plain, SECRET));
            // the pattern: a regex, so the literal secret is not on the command line either
            Path red = record(dir, "redacted", "--redact", "s3cr3t-[0-9a-f]+");
            assertEquals(0, occurrences(red, SECRET), "the secret appears nowhere in the raw bytes");
            assertEquals(0, occurrences(red, "s3cr3t"), "no part of the match either");
            // still a good trace: the same calls, their paths masked in place
            String out = query(red, "SELECT count(*) FILTER (WHERE syscall = 'openat' AND file LIKE '%/dir-*************/file-*************') AS masked, "
                    + "count(*) FILTER (WHERE syscall = 'execve') > 0 AS execs FROM syscalls");
            List<String> row = List.of(out.lines().toList().get(1).split(","));
            assertTrue(Long.parseLong(row.get(0)) > 5, "opens of the masked path: " + out);
            assertEquals("true", row.get(1), out);
            String snap = query(red, "SELECT count(*) FROM processes WHERE in_snapshot AND cmdline LIKE '%file-*************%'");
            assertEquals("1", snap.lines().toList().get(1), "the snapshot's command line is masked, not dropped: " + snap);
        } finally {
            delete(dir);
        }
    }

    @Test
    void noPathsAndNoArgsLeaveNoPathOrArgument() throws Exception {
        Path dir = Files.createTempDirectory("ior-nopaths");
        try {
            Path paths = record(dir, "nopaths", "--no-paths");
            // the secret is still in the arguments (cmdline, cat's argv): --no-paths alone keeps them
            int inArgs = occurrences(paths, SECRET);
            assertTrue(inArgs > 0, "arguments are kept by --no-paths");
            String out = query(paths, "SELECT count(*) FILTER (WHERE file LIKE '%" + SECRET + "%') AS clear FROM syscalls");
            assertEquals("0", out.lines().toList().get(1), "no path in the clear: " + out);
            Path both = record(dir, "both", "--no-paths", "--no-args");
            assertEquals(0, occurrences(both, SECRET), "no path and no argument: the secret is gone");
            assertEquals(0, occurrences(both, dir.toString()), "nor the directory it lives in");
        } finally {
            delete(dir);
        }
    }

    @Test
    void badPatternIsAUsageError() throws Exception {
        IorRun.Result r = IorRun.run("record", "--redact", "([", "-d", "1s", "-o", "/tmp/ior-never.iortrace");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("ior: --redact: invalid regular expression"), r.err());
        IorRun.Result e = IorRun.run("record", "--redact", "x*", "-d", "1s", "-o", "/tmp/ior-never.iortrace");
        assertEquals(2, e.exit(), e.toString());
        assertTrue(e.err().contains("matches the empty string"), e.err());
    }

    static void delete(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
