package ior.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every way a trace argument can be wrong, through `ior info` and `ior query` alike: one line on
 * stderr saying what is wrong, exit code 6 (BAD_INPUT, docs/exit-codes.md), no stack trace. A
 * cache that is damaged or from an older schema is rebuilt without a word.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    Path dir, trace;
    /** Directories the tests make besides dir (copies for nobody): removed with it. */
    final List<Path> scratch = new ArrayList<>();

    @org.junit.jupiter.api.AfterAll
    void cleanUp() throws Exception {
        ScenariosTrace.delete(dir);
        for (Path p : scratch) ScenariosTrace.delete(p);
    }

    @BeforeAll
    void record() throws Exception {
        IorRun.assumeCanRecord();
        dir = Files.createTempDirectory("ior-bad");
        trace = dir.resolve("good.iortrace");
        IorRun.Result r = IorRun.run("record", "-q", "-o", trace.toString(), "--", IorRun.workload().toString(), "open", "50", "/etc/hostname");
        assertEquals(0, r.exit(), r.toString());
    }

    /** Runs info and query on the file and checks both give the one-line error with code 6. */
    void assertBadInput(Path file, String expected) throws Exception {
        assertBadInput(List.of(), file, expected);
    }

    void assertBadInput(List<String> prefix, Path file, String expected) throws Exception {
        for (String[] cmd : List.of(new String[]{"info", file.toString()}, new String[]{"query", "-q", file.toString(), "-e", "SELECT 1"})) {
            IorRun.Result r = prefix.isEmpty() ? IorRun.run(cmd) : runAs(prefix, cmd);
            String what = String.join(" ", cmd) + ": " + r;
            assertEquals(6, r.exit(), what);
            List<String> lines = r.err().strip().lines().toList();
            assertEquals(1, lines.size(), "one line: " + what);
            assertTrue(lines.getFirst().startsWith("ior: ") && lines.getFirst().contains(expected), what);
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + what);
        }
    }

    byte[] good() throws Exception {
        return Files.readAllBytes(trace);
    }

    Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void missingFile() throws Exception {
        assertBadInput(dir.resolve("nope.iortrace"), "no such file");
    }

    @Test
    void directory() throws Exception {
        assertBadInput(dir, "is a directory");
    }

    @Test
    void emptyFile() throws Exception {
        assertBadInput(write("empty.iortrace", new byte[0]), "not an ior trace (0 bytes");
    }

    @Test
    void wrongMagic() throws Exception {
        byte[] b = good();
        b[0] = 'X';
        assertBadInput(write("magic.iortrace", b), "not an ior trace (bad magic)");
        assertBadInput(write("text.iortrace", "hello, this is a text file\n".getBytes(StandardCharsets.UTF_8)), "bad magic");
    }

    @Test
    void futureVersion() throws Exception {
        byte[] b = good();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 2).putShort(10, (short) 3);
        assertBadInput(write("future.iortrace", b), "trace format version 2.3 is not supported");
    }

    @Test
    void truncatedHeader() throws Exception {
        byte[] b = good();
        assertBadInput(write("short.iortrace", Arrays.copyOf(b, 10)), "shorter than the 16-byte preamble");
        assertBadInput(write("cut.iortrace", Arrays.copyOf(b, 16 + 24 + 100)), "header block unreadable");
        assertBadInput(write("nohdr.iortrace", Arrays.copyOf(b, 16 + 12)), "header block unreadable: block header cut short");
    }

    @Test
    void corruptHeaderBlock() throws Exception {
        byte[] b = good();
        b[16 + 24 + 40] ^= 0x55; // inside the header body: the CRC no longer matches
        assertBadInput(write("crc.iortrace", b), "header block unreadable: CRC mismatch");
    }

    @Test
    void permissionDenied() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new File("/usr/bin/setpriv").canExecute(), "SKIPPED LOUDLY: setpriv (util-linux) missing");
        // a 0600 trace of root's in a directory nobody may enter and list
        Path open = Files.createTempDirectory("ior-perm");
        scratch.add(open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path secret = Files.copy(trace, open.resolve("secret.iortrace"));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        assertBadInput(nobody(), secret, "permission denied");
    }

    /** setpriv to nobody, with a copy of the jar nobody can read (the checkout may be private). */
    List<String> nobody() throws Exception {
        Path jar = IorRun.root().resolve("analyzer/target/ior.jar");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(jar), "SKIPPED LOUDLY: " + jar + " not built");
        Path open = Files.createTempDirectory("ior-nobody-jar");
        scratch.add(open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path copy = Files.copy(jar, open.resolve("ior.jar"));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        // DuckDB's native library travels beside the jar (analyzer/pom.xml)
        try (var libs = Files.newDirectoryStream(jar.getParent(), "libduckdb_java.so_linux_*")) {
            for (Path lib : libs) Files.setPosixFilePermissions(Files.copy(lib, open.resolve(lib.getFileName())), PosixFilePermissions.fromString("rw-r--r--"));
        }
        return List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", IorRun.javaCommand().getFirst(),
                "--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Duser.home=/tmp", "-jar", copy.toString());
    }

    static IorRun.Result runAs(List<String> prefix, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new IorRun.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), err, p.pid());
    }

    /** A cache that is not a database at all (a crash of some other tool, a bad copy) is rebuilt silently. */
    @Test
    void corruptCacheIsRebuiltSilently() throws Exception {
        Path t = Files.copy(trace, dir.resolve("corrupt-cache.iortrace"));
        Path cache = dir.resolve("corrupt-cache.iortrace.duckdb");
        assertEquals("n\n50\n", queryOpens(t).out());
        byte[] garbage = new byte[64 << 10];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(cache, garbage);
        IorRun.Result r = queryOpens(t);
        assertEquals(0, r.exit(), r.toString());
        assertEquals("n\n50\n", r.out());
        assertEquals("", r.err(), "rebuilt without a word");
        // half a database (cut short) is rebuilt the same way
        byte[] db = Files.readAllBytes(cache);
        Files.write(cache, Arrays.copyOf(db, db.length / 2));
        r = queryOpens(t);
        assertEquals(0, r.exit(), r.toString());
        assertEquals("n\n50\n", r.out());
    }

    /** A cache built by an older analyzer (another schema version in its stamp) is rebuilt. */
    @Test
    void olderSchemaCacheIsRebuilt() throws Exception {
        Path t = Files.copy(trace, dir.resolve("old-schema.iortrace"));
        Path cache = dir.resolve("old-schema.iortrace.duckdb");
        assertEquals(0, queryOpens(t).exit());
        FileTime built = Files.getLastModifiedTime(cache);
        try (var c = DriverManager.getConnection("jdbc:duckdb:" + cache); var st = c.createStatement()) {
            st.execute("UPDATE _ior_cache SET value = regexp_replace(value, ':schema[0-9]+:', ':schema0:') WHERE key = 'stamp'");
            st.execute("DROP VIEW syscalls");
            st.execute("CREATE TABLE syscalls(old_column INTEGER)");
        }
        IorRun.Result r = queryOpens(t);
        assertEquals(0, r.exit(), r.toString());
        assertEquals("n\n50\n", r.out(), "the old table was replaced");
        assertEquals("", r.err());
        assertNotEquals(built, Files.getLastModifiedTime(cache));
    }

    IorRun.Result queryOpens(Path t) throws Exception {
        return IorRun.run("query", "-q", "--format", "csv", t.toString(), "-e",
                "SELECT count(*) AS n FROM syscalls WHERE syscall = 'openat' AND file = '/etc/hostname'");
    }
}
