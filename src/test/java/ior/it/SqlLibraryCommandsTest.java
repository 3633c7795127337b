package ior.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** `ior sql` dot commands that reach the rest of ior (.queries, .run, .chart, .export), on the sqlite sample; no root. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlLibraryCommandsTest {
    Path base, trace;

    /** Temporary directories of this class (traces, caches, exports): removed after its tests. */
    final java.util.List<Path> scratch = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterAll
    void removeScratch() throws Exception {
        for (Path p : scratch) ScenariosTrace.delete(p);
    }

    @BeforeAll
    void copy() throws Exception {
        base = Files.createTempDirectory("ior-sql-lib");
        scratch.add(base);
        trace = Files.copy(IorRun.root().resolve("samples/sqlite.iortrace"), base.resolve("sqlite.iortrace"));
    }

    @Test
    void queriesAndRunUseTheLibrary() throws Exception {
        IorRun.Result r = IorRun.runWithStdin(".queries errors\n.mode csv\n.run errors/by_errno_syscall_file limit=3\n", "sql", "-q", trace.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("errors/by_errno_syscall_file"), r.out());
        assertTrue(r.out().contains("errors/storms"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("EACCES,permission,openat,") && l.contains("/secret.key,20,")), "the app's 20 EACCES: " + r.out());
        IorRun.Result bad = IorRun.runWithStdin(".run errors/storms bogus=1\n.run nope\n", "sql", "-q", trace.toString());
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("bogus") && bad.err().contains("its parameters"), bad.err());
        assertTrue(bad.err().contains("nope"), bad.err());
    }

    @Test
    void chartDrawsTheLastResult() throws Exception {
        Path svg = base.resolve("top.svg");
        IorRun.Result r = IorRun.runWithStdin("SELECT syscall, count(*) AS calls FROM syscalls GROUP BY 1 ORDER BY 2 DESC LIMIT 5;\n"
                + ".chart bar " + svg + " x=syscall y=calls title=Top\n", "sql", "-q", trace.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("wrote " + svg), r.out());
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        String text = doc.getDocumentElement().getTextContent();
        assertTrue(text.contains("pwrite64") && text.contains("fdatasync"), "the top syscalls are the bars");
        IorRun.Result none = IorRun.runWithStdin(".chart bar " + base.resolve("x.svg") + "\n", "sql", "-q", trace.toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no result to chart yet"), none.err());
    }

    @Test
    void exportWritesParquetFromInsideTheSession() throws Exception {
        Path dir = base.resolve("exp");
        IorRun.Result r = IorRun.runWithStdin(".export parquet " + dir + "\n", "sql", "-q", trace.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.isRegularFile(dir.resolve("syscalls/sqlite.parquet")));
        IorRun.Result q = IorRun.run("query", "-q", "--format", "csv", dir.toString(), "-e", "SELECT count(*) FROM syscalls WHERE errno = 'EACCES'");
        assertEquals("20", q.out().lines().toList().get(1), q.toString());
    }
}
