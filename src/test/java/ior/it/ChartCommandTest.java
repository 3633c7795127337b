package ior.it;

import ior.analyzer.chart.ChartPresets;
import ior.analyzer.chart.ChartSpec;
import ior.analyzer.chart.ChartType;
import ior.analyzer.chart.Charts;
import ior.analyzer.chart.TabularData;
import ior.analyzer.db.TraceCache;
import ior.testutil.Xml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Charts of a real recording of the workload (all scenarios): every preset and every chart type,
 * as SVG that parses and shows the workload's own files, pids and units, and as PNG of the size
 * asked for; `ior chart` as users run it, and its bad-input answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartCommandTest {
    Path base, dir, trace;
    int pid;
    Connection c;

    @BeforeAll
    void record() throws Exception {
        ScenariosTrace s = ScenariosTrace.record("ior-charts");
        base = s.base();
        dir = s.dir();
        trace = s.trace();
        pid = s.pid();
        c = TraceCache.connect(List.of(trace), false, (t, d, x) -> {});
    }

    @AfterAll
    void close() throws Exception {
        if (c != null) c.close();
        ScenariosTrace.delete(base);
    }

    long sql(String q) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q)) {
            assertTrue(rs.next(), q);
            return rs.getLong(1);
        }
    }

    /** What each preset must show for this workload, beyond its title. */
    Map<String, List<String>> expected() {
        String w = "workload [" + pid + "]";
        return Map.of(
                "latency-histogram", List.of("calls", "latency (power-of-two buckets)", "µs"),
                "latency-heatmap", List.of("time since the first syscall", "µs", "ms", "count", "latency"),
                "throughput-by-process", List.of(w, "read: bytes/s", "write: bytes/s", "B/s"),
                "throughput-by-file", List.of(dir + "/data.bin", "read: bytes/s", "write: bytes/s"),
                "syscall-rate", List.of("FS", "calls/s", "time since the first syscall"),
                "top-files", List.of(dir + "/data.bin", "read", "write", "KiB"),
                "top-syscalls", List.of("total time in the call", "ms"),
                "top-errors", List.of("ENOENT", "faccessat", "failed calls"),
                "process-lifetimes", List.of(w, "exit 0", "time since the first syscall"),
                "open-fds", List.of(w, "open fds"));
    }

    @Test
    void everyPresetDrawsSvgAndPngOfTheWorkload() throws Exception {
        Map<String, List<String>> want = expected();
        assertEquals(want.keySet(), new java.util.HashSet<>(ChartPresets.all().stream().map(ChartPresets.Preset::name).toList()), "every preset is checked");
        for (ChartPresets.Preset p : ChartPresets.all()) {
            TabularData data = Charts.query(c, p.sql(null));
            assertTrue(data.rowCount() > 0, p.name() + " has rows");
            ChartSpec sized = p.spec().toBuilder().size(900, 520).build();
            Path svg = base.resolve(p.name() + ".svg"), png = base.resolve(p.name() + ".png");
            Charts.write(sized, data, svg);
            Charts.write(sized, data, png);
            Document d = Xml.parse(Files.readString(svg));
            String text = Xml.allText(d);
            assertTrue(text.contains(p.spec().title()), p.name() + ": title");
            for (String s : want.get(p.name())) assertTrue(text.contains(s), p.name() + " shows '" + s + "': " + text);
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, p.name() + ": PNG decodes");
            assertEquals(900, img.getWidth(), p.name());
            assertEquals(520, img.getHeight(), p.name());
        }
    }

    @Test
    void presetNumbersAreTheTraceNumbers() throws Exception {
        TabularData files = Charts.query(c, ChartPresets.get("top-files").sql(null));
        long read = 0, written = 0;
        for (int r = 0; r < files.rowCount(); r++) {
            if (!files.text(r, 0).equals(dir + "/data.bin")) continue;
            if (files.text(r, 1).equals("read")) read += (long) files.number(r, 2);
            if (files.text(r, 1).equals("write")) written += (long) files.number(r, 2);
        }
        assertEquals(4096 + 100 + 32, read, "read + pread64 + readv of the rw scenario");
        assertEquals(4096 + 100 + 60, written, "write + pwrite64 + writev");
        TabularData errs = Charts.query(c, ChartPresets.get("top-errors").sql("pid = " + pid));
        long enoent = 0;
        for (int r = 0; r < errs.rowCount(); r++) if ("ENOENT".equals(errs.text(r, 0))) enoent += (long) errs.number(r, 2);
        assertEquals(sql("SELECT count(*) FROM syscalls WHERE errno = 'ENOENT' AND pid = " + pid), enoent);
        TabularData heat = Charts.query(c, ChartPresets.get("latency-heatmap").sql(null));
        long cells = 0;
        for (int r = 0; r < heat.rowCount(); r++) cells += (long) heat.number(r, 2);
        assertEquals(sql("SELECT count(*) FROM syscalls WHERE latency_ns IS NOT NULL"), cells, "every paired call is in one heatmap cell");
    }

    @Test
    void everyChartTypeFromSql() throws Exception {
        String dataBin = dir + "/data.bin";
        Map<ChartType, String> sql = Map.of(
                ChartType.BAR, "SELECT syscall, count(*) AS calls FROM syscalls WHERE pid = " + pid + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 12",
                ChartType.LINE, "SELECT ts, sum(bytes) OVER (ORDER BY seq) AS bytes FROM syscalls WHERE file = '" + dataBin + "' AND bytes > 0",
                ChartType.HISTOGRAM, "SELECT latency_ns FROM syscalls WHERE latency_ns IS NOT NULL",
                ChartType.HEATMAP, "SELECT ts, power(2, floor(log2(greatest(latency_ns, 1))))::BIGINT AS latency_ns, count(*) AS calls FROM syscalls "
                        + "WHERE latency_ns IS NOT NULL GROUP BY ALL",
                ChartType.TIMELINE, "SELECT time_bucket(INTERVAL 5 MILLISECONDS, ts) AS t, family, count(*) AS calls FROM syscalls GROUP BY ALL ORDER BY 1",
                ChartType.GANTT, "SELECT path, open_ts, coalesce(close_ts, open_ts) AS close_ts FROM fds WHERE pid = " + pid + " AND open_ts IS NOT NULL ORDER BY open_ts LIMIT 20");
        for (var e : sql.entrySet()) {
            TabularData data = Charts.query(c, e.getValue());
            assertTrue(data.rowCount() > 0, e.getKey() + " has rows");
            ChartSpec spec = ChartSpec.of(e.getKey()).title("SQL " + e.getKey().cliName()).size(700, 420).build();
            String text = Xml.allText(Xml.parse(Charts.svg(spec, data)));
            assertTrue(text.contains("SQL " + e.getKey().cliName()), e.getKey().toString());
            switch (e.getKey()) {
                case BAR -> assertTrue(text.contains("faccessat"), text);
                case LINE, HEATMAP, TIMELINE, GANTT -> assertTrue(text.contains("time since 20") && text.contains("UTC"), e.getKey() + ": " + text);
                case HISTOGRAM -> assertTrue(text.contains("µs") && text.contains("count"), text);
            }
            if (e.getKey() == ChartType.GANTT) assertTrue(text.contains(dataBin), text);
            BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(Charts.png(spec, data)));
            assertEquals(700, img.getWidth());
            assertEquals(420, img.getHeight());
        }
    }

    @Test
    void chartCommandWritesTheFile() throws Exception {
        Path h = base.resolve("cli-heatmap.svg");
        IorRun.Result r = IorRun.run("chart", trace.toString(), "--preset", "latency-heatmap", "-o", h.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("wrote " + h), r.err());
        assertTrue(Xml.allText(Xml.parse(Files.readString(h))).contains("Syscall latency heatmap"));
        Path p = base.resolve("cli-bar.png");
        IorRun.Result r2 = IorRun.run("chart", "-q", trace.toString(), "--type", "bar", "--width", "640", "--height", "360", "-o", p.toString(),
                "--title", "Errors", "--x", "errno", "--y", "n",
                "--sql", "SELECT errno, syscall, count(*) AS n FROM syscalls WHERE is_error GROUP BY ALL ORDER BY n DESC");
        assertEquals(0, r2.exit(), r2.toString());
        assertEquals("", r2.err());
        BufferedImage img = ImageIO.read(p.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(360, img.getHeight());
        IorRun.Result list = IorRun.run("chart", "--list-presets");
        assertEquals(0, list.exit());
        for (ChartPresets.Preset preset : ChartPresets.all()) assertTrue(list.out().contains(preset.name()), list.out());
        Path filtered = base.resolve("cli-files.svg");
        IorRun.Result r3 = IorRun.run("chart", "-q", trace.toString(), "--preset", "top-files", "--where", "syscall = 'pwrite64'", "-o", filtered.toString());
        assertEquals(0, r3.exit(), r3.toString());
        List<String> titles = Xml.texts(Xml.parse(Files.readString(filtered)), "title");
        assertTrue(titles.contains(dir + "/data.bin (write): 100 B"), "only the pwrite64: " + titles);
    }

    /** --run charts a canned query of the library the way its header says (bar x=file y=read_bytes,write_bytes). */
    @Test
    void cannedQueriesChartAsTheySuggest() throws Exception {
        Path svg = base.resolve("run.svg");
        IorRun.Result r = IorRun.run("chart", "-q", trace.toString(), "--run", "io/top_files_by_bytes", "--param", "limit=3", "-o", svg.toString());
        assertEquals(0, r.exit(), r.toString());
        Document d = Xml.parse(Files.readString(svg));
        String text = Xml.allText(d);
        assertTrue(text.contains("Top files by bytes") && text.contains("read_bytes") && text.contains("write_bytes"), text);
        List<String> titles = Xml.texts(d, "title");
        assertTrue(titles.contains(dir + "/data.bin (read_bytes): 4.13 KiB (4,228 B)"), titles.toString());
        IorRun.Result bad = IorRun.run("chart", trace.toString(), "--run", "io/top_files_by_bytes", "--param", "nope=1", "-o", svg.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("has no parameter 'nope'"), bad.err());
        IorRun.Result stray = IorRun.run("chart", trace.toString(), "--preset", "top-files", "--param", "limit=1", "-o", svg.toString());
        assertEquals(2, stray.exit());
        assertTrue(stray.err().contains("--param goes with --run"), stray.err());
    }

    /** Lost events are never silent: a chart of a trace with drops says so under its title, and on stderr. */
    @Test
    void lostEventsAreShownOnTheChart() throws Exception {
        Path t = base.resolve("drops.iortrace");
        IorRun.Result r = IorRun.run("record", "-q", "--ringbuf-size", "16K", "-o", t.toString(), "--", IorRun.workload().toString(), "spin", "200000");
        assertEquals(0, r.exit(), r.toString());
        Path svg = base.resolve("drops.svg");
        IorRun.Result ch = IorRun.run("chart", "-q", t.toString(), "--preset", "syscall-rate", "-o", svg.toString());
        assertEquals(0, ch.exit(), ch.toString());
        assertTrue(ch.err().contains("ior: warning: lost call records"), ch.err());
        String text = Xml.allText(Xml.parse(Files.readString(svg)));
        assertTrue(text.contains("Incomplete trace: ") && text.contains("lost call records") && text.contains("counts are lower bounds"), text);
        Path flame = base.resolve("drops-flame.svg");
        IorRun.Result fl = IorRun.run("flamegraph", "-q", t.toString(), "-o", flame.toString());
        assertEquals(0, fl.exit(), fl.toString());
        assertTrue(Xml.allText(Xml.parse(Files.readString(flame))).contains("lost call records"), "and on the flame graph");
    }

    @Test
    void badInputGivesOneLineAndADistinctCode() throws Exception {
        String out = base.resolve("x.svg").toString();
        record Case(int code, String says, String[] args) {}
        List<Case> cases = List.of(
                new Case(2, "unknown preset 'nope'", new String[] {"chart", trace.toString(), "--preset", "nope", "-o", out}),
                new Case(2, "-o FILE.svg", new String[] {"chart", trace.toString(), "--preset", "top-files"}),
                new Case(2, "must end in .svg or .png", new String[] {"chart", trace.toString(), "--preset", "top-files", "-o", base.resolve("x.jpg").toString()}),
                new Case(2, "--sql needs --type", new String[] {"chart", trace.toString(), "--sql", "SELECT 1", "-o", out}),
                new Case(2, "unknown chart type 'pie'", new String[] {"chart", trace.toString(), "--type", "pie", "--sql", "SELECT 1", "-o", out}),
                new Case(2, "no column 'nope' in the result (columns: syscall, n)", new String[] {"chart", trace.toString(), "--type", "bar", "--y", "nope",
                        "--sql", "SELECT syscall, count(*) AS n FROM syscalls GROUP BY 1", "-o", out}),
                new Case(2, "SQL error: ", new String[] {"chart", trace.toString(), "--type", "bar", "--sql", "SELECT nosuchcolumn FROM syscalls", "-o", out}),
                new Case(2, "holds text", new String[] {"chart", trace.toString(), "--type", "line", "--sql", "SELECT syscall, count(*) FROM syscalls GROUP BY 1", "-o", out}),
                new Case(5, "no such directory", new String[] {"chart", trace.toString(), "--preset", "top-files", "-o", base.resolve("nodir/x.svg").toString()}),
                new Case(6, "no such file", new String[] {"chart", base.resolve("missing.iortrace").toString(), "--preset", "top-files", "-o", out}));
        for (Case k : cases) {
            IorRun.Result r = IorRun.run(k.args());
            assertEquals(k.code(), r.exit(), String.join(" ", k.args()) + ": " + r);
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(k.says()), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertFalse(Files.exists(base.resolve("x.svg")), "nothing written on failure");
    }
}
