package ior.analyzer.flame;

import ior.analyzer.chart.SafeText;
import ior.testutil.Xml;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class FlameGraphTest {
    static List<String> frames(String trace, String comm, String syscall, String file, String fdKind) {
        List<String> names = new ArrayList<>();
        FlameFrames.of(trace, comm, syscall, file, fdKind, names, new ArrayList<>());
        return names;
    }

    /** Adds the frames of one syscalls row, with their kinds, as FlameQuery does. */
    static void add(FlameGraph g, String comm, String syscall, String file, String fdKind, long weight) {
        List<String> names = new ArrayList<>();
        List<FrameKind> kinds = new ArrayList<>();
        FlameFrames.of(null, comm, syscall, file, fdKind, names, kinds);
        g.add(names, kinds, weight);
    }

    @Test
    void framesAreCommSyscallDirectoriesFile() {
        assertEquals(List.of("cc1", "openat", "/usr/", "include/", "stdio.h"), frames(null, "cc1", "openat", "/usr/include/stdio.h", "file"));
        assertEquals(List.of("db", "fsync", "/data/", "pg/", "x"), frames(null, "db", "fsync", "/data/pg//x", "file"), "empty components dropped");
        assertEquals(List.of("sh", "getdents64", "/"), frames(null, "sh", "getdents64", "/", "dir"));
        assertEquals(List.of("nginx", "write", "[socket]"), frames(null, "nginx", "write", null, "socket"));
        assertEquals(List.of("cat", "read", "pipe:[123]"), frames(null, "cat", "read", "pipe:[123]", "pipe"));
        assertEquals(List.of("a.iortrace", "x", "getpid"), frames("a.iortrace", "x", "getpid", null, null));
        assertEquals(List.of("x", "close"), frames(null, "x", "close", null, "unknown"));
    }

    @Test
    void foldedLinesParseBackToTheSameStacksAndTotals() throws Exception {
        FlameGraph g = new FlameGraph();
        g.add(frames(null, "db", "write", "/data/wal;0001", "file"), 4096);
        g.add(frames(null, "db", "write", "/data/wal;0001", "file"), 4096);
        g.add(frames(null, "evil\nline", "read", "/tmp/a b", "file"), 10);
        g.add(frames(null, "db", "fsync", null, null), 3);
        g.add(frames(null, "db", "fsync", "/data/", "dir"), 0); // zero weight: nothing
        StringWriter w = new StringWriter();
        g.writeFolded(w);
        String folded = w.toString();
        assertEquals("""
                db;fsync 3
                db;write;/data/;wal\\x3b0001 8192
                evil\\nline;read;/tmp/;a b 10
                """, folded);
        long sum = 0;
        for (String line : folded.split("\n")) {
            int sp = line.lastIndexOf(' ');
            sum += Long.parseLong(line.substring(sp + 1));
            assertEquals(line.substring(0, sp).split(";").length, line.startsWith("db;fsync") ? 2 : 4, "no frame split by an escaped ';': " + line);
        }
        assertEquals(g.total(), sum);
        assertEquals(8205, g.total());
    }

    @Test
    void svgIsWellFormedWithEveryFrameAndEscapedNames() {
        String evil = "<b onmouseover=\"x()\">&amp;'\u0001\u001b\uD800";
        FlameGraph g = new FlameGraph();
        add(g, evil, "openat", "/srv/" + evil + "/f", "file", 50);
        add(g, "web", "read", "/srv/www/index.html", "file", 150);
        String svg = FlameSvg.document(g, FlameSvg.Options.of(FlameWeight.BYTES).withCaveat("Incomplete trace: " + evil));
        Document d = Xml.parse(svg);
        Map<String, Element> byFull = new HashMap<>();
        for (Element e : Xml.elements(d, "g")) {
            if (!"f".equals(e.getAttribute("class"))) continue;
            String full = e.getAttribute("data-p").isEmpty() ? e.getAttribute("data-n") : e.getAttribute("data-p");
            byFull.put(full, e);
        }
        assertTrue(byFull.containsKey("/srv/www/index.html"), byFull.keySet().toString());
        assertTrue(byFull.containsKey("/srv/" + SafeText.of(evil) + "/f"), "hostile directory, shown safely: " + byFull.keySet());
        assertTrue(byFull.containsKey(SafeText.of(evil)), "hostile comm");
        Element www = byFull.get("/srv/www/");
        assertEquals("150", www.getAttribute("data-w"));
        assertEquals("/srv/www/ — 150 B (75.00%)", www.getElementsByTagNameNS("*", "title").item(0).getTextContent());
        assertEquals("200", d.getDocumentElement().getAttribute("data-total"));
        assertTrue(Xml.allText(d).contains("Incomplete trace: " + SafeText.of(evil)));
        assertFalse(svg.contains("<b "), "markup from a trace never becomes markup");
        assertFalse(svg.contains("\u0001"));
        assertEquals(1, Xml.elements(d, "script").size());
        assertTrue(svg.contains("http-equiv") == false && !svg.contains("href="), "nothing loaded from anywhere");
    }

    @Test
    void framesNarrowerThanATenthOfAPixelAreLeftOut() {
        FlameGraph g = new FlameGraph();
        g.add(List.of("big", "work"), 10_000_000);
        g.add(List.of("tiny", "speck"), 1);
        Document d = Xml.parse(FlameSvg.document(g, FlameSvg.Options.of(FlameWeight.COUNT)));
        List<String> names = Xml.elements(d, "g").stream().filter(e -> "f".equals(e.getAttribute("class"))).map(e -> e.getAttribute("data-n")).toList();
        assertEquals(List.of("all", "big", "work"), names);
        assertEquals("10000001", d.getDocumentElement().getAttribute("data-total"), "the total still counts it");
    }

    /** FlameQuery over a real DuckDB syscalls table: the graph adds up to what SQL says, for every weight. */
    @Test
    void queryTotalsEqualSqlTotals() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE syscalls AS SELECT 'p' || (i % 7) AS comm, ['read', 'write', 'openat', 'fsync'][1 + i % 4] AS syscall, "
                    + "CASE WHEN i % 5 = 0 THEN NULL ELSE '/d' || (i % 3) || '/sub;' || (i % 11) || '/f' || (i % 13) END AS file, "
                    + "CASE WHEN i % 5 = 0 THEN 'pipe' ELSE 'file' END AS fd_kind, "
                    + "CASE WHEN i % 4 < 2 THEN i % 4096 ELSE NULL END::BIGINT AS bytes, "
                    + "CASE WHEN i % 17 = 0 THEN NULL ELSE 100 + i % 1000 END::BIGINT AS latency_ns, (i * 7919) % 100000 AS gap_ns, i % 3 AS pid "
                    + "FROM range(200000) t(i)");
            for (FlameWeight w : FlameWeight.values()) {
                for (String where : new String[] {null, "pid = 1"}) {
                    FlameGraph g = FlameQuery.build(c, w, where, false);
                    long sql;
                    try (ResultSet rs = st.executeQuery(FlameQuery.totalSql(w, where))) {
                        rs.next();
                        sql = rs.getLong(1);
                    }
                    assertTrue(sql > 0);
                    assertEquals(sql, g.total(), w + " where " + where);
                    StringWriter out = new StringWriter();
                    g.writeFolded(out);
                    long folded = out.toString().lines().mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
                    assertEquals(sql, folded, w + ": folded lines add up to the SQL total");
                }
            }
        }
    }
}
