package ior.it;

import ior.analyzer.chart.SafeText;
import ior.analyzer.db.TraceCache;
import ior.analyzer.flame.FlameQuery;
import ior.analyzer.flame.FlameWeight;
import ior.testutil.Chromium;
import ior.testutil.Xml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * `ior flamegraph` over a real recording of the workload: folded stacks add up to the SQL totals
 * for every weight, the SVG has the workload's paths as frames, and it works in a real headless
 * browser (the script runs, search and zoom do what they say, no console errors).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlameGraphCommandTest {
    Path base, dir, trace;
    int pid;
    Connection c;

    @BeforeAll
    void record() throws Exception {
        ScenariosTrace s = ScenariosTrace.record("ior-flame");
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

    static Map<List<String>, Long> parseFolded(String folded) {
        Map<List<String>, Long> m = new HashMap<>();
        for (String line : folded.split("\n")) {
            if (line.isEmpty()) continue;
            int sp = line.lastIndexOf(' ');
            assertTrue(sp > 0, "frames, a space, a weight: " + line);
            m.merge(List.of(line.substring(0, sp).split(";", -1)), Long.parseLong(line.substring(sp + 1)), Long::sum);
        }
        return m;
    }

    @Test
    void foldedTotalsEqualSqlTotalsForEveryWeight() throws Exception {
        for (FlameWeight w : FlameWeight.values()) {
            IorRun.Result r = IorRun.run("flamegraph", "-q", trace.toString(), "--folded", "--weight", w.cliName());
            assertEquals(0, r.exit(), r.toString());
            long total = parseFolded(r.out()).values().stream().mapToLong(Long::longValue).sum();
            assertEquals(sql(FlameQuery.totalSql(w, null)), total, w.cliName());
            assertTrue(total > 0, w.cliName());
        }
        IorRun.Result bytes = IorRun.run("flamegraph", "-q", trace.toString(), "--folded", "--weight", "bytes", "--where", "pid = " + pid);
        Map<List<String>, Long> stacks = parseFolded(bytes.out());
        assertEquals(sql("SELECT sum(bytes) FROM syscalls WHERE pid = " + pid), stacks.values().stream().mapToLong(Long::longValue).sum());
        List<String> dataBin = new java.util.ArrayList<>(List.of("workload", "write"));
        String[] parts = dir.resolve("data.bin").toString().substring(1).split("/");
        for (int i = 0; i < parts.length; i++) dataBin.add((i == 0 ? "/" : "") + parts[i] + (i < parts.length - 1 ? "/" : ""));
        assertEquals(4096L, stacks.get(dataBin), "the rw scenario's write(data.bin, 4096): " + stacks.keySet());
    }

    @Test
    void svgHasTheWorkloadsPathsAsFrames() throws Exception {
        Path svg = base.resolve("bytes.svg");
        IorRun.Result r = IorRun.run("flamegraph", trace.toString(), "--weight", "bytes", "-o", svg.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("wrote " + svg), r.err());
        Document d = Xml.parse(Files.readString(svg));
        Map<String, Element> frames = frames(d);
        String file = dir.resolve("data.bin").toString();
        assertTrue(frames.containsKey(file), frames.keySet().toString());
        assertEquals(sql("SELECT sum(bytes) FROM syscalls WHERE file = '" + file + "' AND comm = 'workload' AND syscall = 'read'"),
                Long.parseLong(frames(d, "workload", "read").get(file).getAttribute("data-w")));
        assertTrue(frames.containsKey(dir + "/"), "the workload's directory is a frame");
        assertTrue(frames.containsKey("workload"));
        assertEquals(Long.toString(sql("SELECT sum(bytes) FROM syscalls")), d.getDocumentElement().getAttribute("data-total"));
        assertTrue(Xml.allText(d).contains("Flame graph: bytes by process, syscall and path"));
    }

    /** Frames by full name (path for files and directories) under one comm and syscall. */
    static Map<String, Element> frames(Document d, String comm, String syscall) {
        // frames are in depth-first order: track the current comm and syscall by depth
        Map<String, Element> out = new HashMap<>();
        String curComm = null, curSys = null;
        for (Element e : Xml.elements(d, "g")) {
            if (!"f".equals(e.getAttribute("class"))) continue;
            int depth = Integer.parseInt(e.getAttribute("data-d"));
            if (depth == 1) curComm = e.getAttribute("data-n");
            if (depth == 2) curSys = e.getAttribute("data-n");
            if (depth >= 3 && comm.equals(curComm) && syscall.equals(curSys)) out.put(full(e), e);
        }
        return out;
    }

    static Map<String, Element> frames(Document d) {
        Map<String, Element> out = new HashMap<>();
        for (Element e : Xml.elements(d, "g")) if ("f".equals(e.getAttribute("class"))) out.putIfAbsent(full(e), e);
        return out;
    }

    static String full(Element e) {
        return e.getAttribute("data-p").isEmpty() ? e.getAttribute("data-n") : e.getAttribute("data-p");
    }

    @Test
    void worksInAHeadlessBrowser() throws Exception {
        Chromium.assumeAvailable();
        Path svg = base.resolve("count.svg");
        assertEquals(0, IorRun.run("flamegraph", "-q", trace.toString(), "-o", svg.toString()).exit());
        String url = svg.toUri().toString();
        Chromium.Run plain = Chromium.dumpDom(url);
        assertTrue(plain.dom().contains("data-ior-ready=\"true\""), "the script ran: " + head(plain.dom()) + "\n" + plain.log());
        assertEquals(List.of(), plain.consoleMessages(), "no script errors");

        String dataBin = dir.resolve("data.bin").toString();
        String query = "?s=" + URLEncoder.encode("data\\.bin$", StandardCharsets.UTF_8) + "&zoom=" + URLEncoder.encode(dir + "/", StandardCharsets.UTF_8);
        Chromium.Run run = Chromium.dumpDom(url + query);
        assertEquals(List.of(), run.consoleMessages(), "no script errors");
        Document dom = Xml.parse(run.dom());
        Element root = dom.getDocumentElement();
        assertEquals(dir + "/", root.getAttribute("data-ior-zoom"), "zoomed into the workload's directory");
        assertEquals(Long.toString(sql("SELECT count(*) FROM syscalls WHERE file = '" + dataBin + "'")), root.getAttribute("data-ior-matched"),
                "search matched every call on data.bin, counted once");
        int inner = Integer.parseInt(root.getAttribute("data-inner"));
        boolean zoomedFull = false;
        for (Element g : Xml.elements(dom, "g")) {
            if (!"f".equals(g.getAttribute("class")) || !(dir + "/").equals(full(g)) || g.getAttribute("style").contains("none")) continue;
            Element rect = (Element) g.getElementsByTagNameNS("*", "rect").item(0);
            if (Math.abs(Double.parseDouble(rect.getAttribute("width")) - inner) < 0.01) zoomedFull = true;
        }
        assertTrue(zoomedFull, "the zoomed frame spans the whole width");
        assertTrue(Xml.allText(dom).contains("Matched: "), "the match percentage is shown");

        Path png = base.resolve("flame.png");
        Chromium.Run shot = Chromium.screenshot(url, png, 1200, 600);
        assertEquals(0, shot.exit(), shot.log());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1200, img.getWidth());
        assertEquals(600, img.getHeight());
        int colours = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) for (int x = 0; x < img.getWidth(); x += 4) if (seen.add(img.getRGB(x, y))) colours++;
        assertTrue(colours > 20, "the screenshot shows frames in many colours, not a blank page: " + colours);
    }

    @Test
    void severalTracesEachGetAFrame() throws Exception {
        Path other = base.resolve("again.iortrace");
        Files.copy(trace, other);
        IorRun.Result r = IorRun.run("flamegraph", "-q", trace.toString(), other.toString(), "--folded");
        assertEquals(0, r.exit(), r.toString());
        Map<List<String>, Long> stacks = parseFolded(r.out());
        long a = stacks.entrySet().stream().filter(e -> e.getKey().get(0).equals("t.iortrace")).mapToLong(Map.Entry::getValue).sum();
        long b = stacks.entrySet().stream().filter(e -> e.getKey().get(0).equals("again.iortrace")).mapToLong(Map.Entry::getValue).sum();
        assertEquals(sql("SELECT count(*) FROM syscalls"), a);
        assertEquals(a, b, "the same recording twice");
        assertEquals("workload", stacks.keySet().stream().filter(k -> k.get(0).equals("t.iortrace")).map(k -> k.get(1)).filter("workload"::equals).findFirst().orElse(null));
    }

    @Test
    void badInput() throws Exception {
        IorRun.Result w = IorRun.run("flamegraph", trace.toString(), "--weight", "heat", "-o", base.resolve("x.svg").toString());
        assertEquals(2, w.exit());
        assertTrue(w.err().contains("unknown weight 'heat' (count, bytes, latency, gap)"), w.err());
        IorRun.Result ext = IorRun.run("flamegraph", trace.toString(), "-o", base.resolve("x.png").toString());
        assertEquals(2, ext.exit());
        assertTrue(ext.err().contains("name the file .svg"), ext.err());
        IorRun.Result sql = IorRun.run("flamegraph", trace.toString(), "--where", "nosuch = 1", "-o", base.resolve("x.svg").toString());
        assertEquals(2, sql.exit());
        assertEquals(1, sql.err().strip().lines().count(), sql.err());
        assertTrue(sql.err().contains("SQL error"), sql.err());
        IorRun.Result none = IorRun.run("flamegraph", trace.toString());
        assertEquals(2, none.exit());
        assertFalse(Files.exists(base.resolve("x.svg")));
    }

    static String head(String s) {
        return s.length() > 400 ? s.substring(0, 400) : s;
    }

    /** Everything taken from a trace is escaped: a comm and a path made of markup, quotes, control characters, ';' and invalid UTF-8. */
    @Test
    void hostileNamesAreEscapedEverywhere() throws Exception {
        Path hz = Files.createDirectory(base.resolve("hz"));
        String comm = "<i>&'\"\u0001x";
        Path exe = hz.resolve(comm);
        Files.copy(IorRun.workload(), exe);
        exe.toFile().setExecutable(true);
        Path t = hz.resolve("h.iortrace");
        // the directory name holds a 0xff byte, which only a shell can put in an argument
        IorRun.Result r = IorRun.run("record", "-q", "-o", t.toString(), "--", "/bin/bash", "-c",
                "d=$(printf '%s/<b onclick=\"x()\">&amp;\\047\\001\\033[31m\\377;x' \"$1\"); mkdir \"$d\" && exec \"$0\" scenarios \"$d\" rw open",
                exe.toString(), hz.toString());
        assertEquals(0, r.exit(), r.toString());

        Path svg = hz.resolve("flame.svg");
        IorRun.Result f = IorRun.run("flamegraph", "-q", t.toString(), "--weight", "bytes", "-o", svg.toString());
        assertEquals(0, f.exit(), f.toString());
        String text = Files.readString(svg);
        Document d = Xml.parse(text);
        assertFalse(text.contains("<b onclick") || text.contains("<i>"), "no markup from the trace");
        assertFalse(text.chars().anyMatch(ch -> ch < 0x20 && ch != '\n'), "no raw control characters");
        Map<String, Element> frames = frames(d);
        assertTrue(frames.containsKey(SafeText.of(comm)), "the hostile comm is a frame, shown safely: " + frames.keySet());
        String hostileDir = frames.keySet().stream().filter(k -> k.contains("<b onclick")).findFirst().orElse(null);
        assertNotNull(hostileDir, "the hostile directory is a frame: " + frames.keySet());
        assertTrue(hostileDir.contains("\\x01") && hostileDir.contains("\\x1b[31m") && hostileDir.contains("&amp;'"), hostileDir);

        IorRun.Result folded = IorRun.run("flamegraph", "-q", t.toString(), "--weight", "bytes", "--folded");
        assertEquals(0, folded.exit());
        assertFalse(folded.out().chars().anyMatch(ch -> ch < 0x20 && ch != '\n'), "folded lines carry no control characters");
        try (Connection hc = TraceCache.connect(List.of(t), false, (a, b, x) -> {}); Statement st = hc.createStatement();
             ResultSet rs = st.executeQuery(FlameQuery.totalSql(FlameWeight.BYTES, null))) {
            rs.next();
            Map<List<String>, Long> stacks = parseFolded(folded.out());
            assertEquals(rs.getLong(1), stacks.values().stream().mapToLong(Long::longValue).sum());
            assertTrue(stacks.keySet().stream().anyMatch(s -> s.stream().anyMatch(fr -> fr.contains("\\x3bx"))), "';' in a name is escaped, not a frame break");
        }

        Path chart = hz.resolve("files.svg");
        IorRun.Result ch = IorRun.run("chart", "-q", t.toString(), "--preset", "top-files", "-o", chart.toString());
        assertEquals(0, ch.exit(), ch.toString());
        String chartText = Files.readString(chart);
        assertFalse(chartText.contains("<b onclick"), "no markup from the trace in charts");
        List<String> titles = Xml.texts(Xml.parse(chartText), "title");
        assertTrue(titles.stream().anyMatch(s -> s.contains("<b onclick=\"x()\">&amp;'\\x01\\x1b[31m")), "tooltips show the name safely: " + titles);

        Chromium.assumeAvailable();
        Chromium.Run run = Chromium.dumpDom(svg.toUri() + "?s=" + URLEncoder.encode("onclick", StandardCharsets.UTF_8));
        assertEquals(List.of(), run.consoleMessages(), "no script errors");
        Document dom = Xml.parse(run.dom());
        assertEquals("true", dom.getDocumentElement().getAttribute("data-ior-ready"));
        assertNotEquals("", dom.getDocumentElement().getAttribute("data-ior-matched"), "search over hostile names works");
        assertFalse(run.dom().contains("<b onclick"), "the browser did not turn a name into markup");
    }
}
