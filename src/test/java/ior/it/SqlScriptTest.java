package ior.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** `ior sql` with SQL piped in, as scripts use it (like `duckdb < file`). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlScriptTest {
    Path dir, trace;

    @BeforeAll
    void record() throws Exception {
        IorRun.assumeCanRecord();
        dir = Files.createTempDirectory("ior-sql-script");
        trace = dir.resolve("open.iortrace");
        IorRun.Result r = IorRun.run("record", "-q", "-o", trace.toString(), "--", IorRun.workload().toString(), "open", "3", "/etc/hostname");
        assertEquals(0, r.exit(), r.toString());
    }

    @AfterAll
    void cleanup() throws Exception {
        if (dir == null) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    IorRun.Result sql(String script, String... opts) throws Exception {
        String[] args = new String[opts.length + 3];
        args[0] = "sql";
        args[1] = "-q";
        System.arraycopy(opts, 0, args, 2, opts.length);
        args[args.length - 1] = trace.toString();
        return IorRun.runWithStdin(script, args);
    }

    @Test
    void statementsAndDotCommandsRunInOrder() throws Exception {
        IorRun.Result r = sql("""
                -- a comment line
                .mode csv
                SELECT syscall, count(*) AS n
                  FROM syscalls WHERE file = '/etc/hostname'
                  GROUP BY 1 ORDER BY 1;
                SELECT 'a;b' AS semicolon_in_a_string; SELECT 2 AS two;
                .mode table
                SELECT 42 AS answer
                """);
        assertEquals(0, r.exit(), r.toString());
        assertEquals("syscall,n\nclose,3\nopenat,3\nsemicolon_in_a_string\na;b\ntwo\n2\nanswer\n------\n    42\n(1 row)\n", r.out());
        assertEquals("", r.err(), "no summary or prompt on a script: " + r.err());
    }

    @Test
    void errorsAreReportedWithTheirLineAndTheScriptGoesOn() throws Exception {
        IorRun.Result r = sql("SELECT 1 AS one;\nSELECT nosuchcolumn\n  FROM syscalls;\n.nosuch\nSELECT 3 AS three;\n");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("Error (stdin line 2): Binder Error"), r.err());
        assertTrue(r.err().contains("unknown command .nosuch"), r.err());
        assertTrue(r.out().contains("one\n---\n  1\n"), r.out());
        assertTrue(r.out().contains("three\n-----\n    3\n"), "later statements still run: " + r.out());
        IorRun.Result bail = sql("SELECT nosuchcolumn FROM syscalls;\nSELECT 3 AS three;\n", "--bail");
        assertEquals(2, bail.exit(), bail.toString());
        assertFalse(bail.out().contains("three"), bail.out());
    }

    @Test
    void readAndOutput() throws Exception {
        Path script = dir.resolve("inner.sql");
        Path out = dir.resolve("result.csv");
        Files.writeString(script, ".mode csv\nSELECT count(*) AS opens FROM syscalls WHERE syscall = 'openat' AND file = '/etc/hostname';\n");
        IorRun.Result r = sql(".output " + out + "\n.read " + script + "\n.output\nSELECT 'back' AS here;\n.schema fds\n.tables\n");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("opens\n3\n", Files.readString(out));
        assertTrue(r.out().startsWith("here\nback\n"), r.out());
        assertTrue(r.out().contains("fds,path,VARCHAR,\"What it referred to"), ".schema shows ior's column docs: " + r.out());
        assertTrue(r.out().contains("syscalls,VIEW,"), r.out());
    }

    @Test
    void severalTracesListTheirTablesOnce() throws Exception {
        Path copy = dir.resolve("copy.iortrace");
        Files.copy(trace, copy);
        IorRun.Result r = IorRun.runWithStdin(".mode csv\n.tables\n.schema losses\nSELECT count(DISTINCT trace) AS traces FROM syscalls;\n",
                "sql", "-q", trace.toString(), copy.toString());
        assertEquals(0, r.exit(), r.toString());
        java.util.List<String> lines = r.out().lines().toList();
        assertEquals(1 + 7, lines.indexOf("table,column,type,meaning"), "7 tables, not one per attached trace: " + r.out());
        assertEquals(8 + 1 + 10, lines.indexOf("traces"), "losses has trace, host and its 8 columns: " + r.out());
        assertEquals("2", lines.getLast());
    }
}
