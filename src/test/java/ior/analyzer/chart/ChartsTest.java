package ior.analyzer.chart;

import ior.testutil.Xml;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Every chart type drawn from data made here: SVG that parses, PNG that decodes, labels and units a person reads. */
class ChartsTest {
    static final String EVIL = "<script>alert('x')</script>&amp;\"q\"\u0001\u001b[2J\uD800;end";
    static final String EVIL_SHOWN = SafeText.of(EVIL);

    static TabularData files() {
        return TabularData.builder("file", "direction", "bytes")
                .row("/var/lib/db/big.dat", "read", 3L << 20).row("/var/lib/db/big.dat", "write", 1L << 20)
                .row("/etc/hosts", "read", 2048).row(EVIL, "write", 1000).build();
    }

    static Map<ChartType, TabularData> oneOfEach() {
        long t0 = Instant.parse("2024-05-01T10:00:00Z").getEpochSecond() * 1_000_000_000L;
        TabularData.Builder line = TabularData.builder("ts", "process", "open_fds").time("ts");
        TabularData.Builder heat = TabularData.builder("t_s", "latency_ns", "calls");
        TabularData.Builder tl = TabularData.builder("t_s", "process", "direction", "bytes_per_s");
        for (int i = 0; i < 20; i++) {
            line.row(t0 + i * 50_000_000L, "db [12]", 3 + i % 5).row(t0 + i * 50_000_000L, EVIL, 10 - i % 3);
            for (int b = 8; b < 20; b += 3) heat.row(i * 0.05, 1L << b, (i * b) % 17 + 1);
            tl.row(i * 0.05, "db [12]", "read", 1_000_000.0 * (i % 4)).row(i * 0.05, EVIL, "write", 500_000.0 * (i % 3));
        }
        return Map.of(
                ChartType.BAR, files(),
                ChartType.LINE, line.build(),
                ChartType.HISTOGRAM, TabularData.builder("latency_ns", "syscall", "calls")
                        .row(256, "read", 10).row(1024, "read", 40).row(65536, "read", 2).row(512, EVIL, 7).build(),
                ChartType.HEATMAP, heat.build(),
                ChartType.TIMELINE, tl.build(),
                ChartType.GANTT, TabularData.builder("process", "start_s", "end_s", "outcome")
                        .row("make [100]", 0.0, 2.5, "exit 0").row("cc1 [101]", 0.2, 1.1, "exit 0").row(EVIL, 1.0, null, "running at the end").build());
    }

    static ChartSpec spec(ChartType t) {
        ChartSpec.Builder b = ChartSpec.of(t).title("Title " + t.cliName() + " " + EVIL).size(800, 450);
        if (t == ChartType.TIMELINE) b.x("t_s").y("bytes_per_s").series("process").facet("direction");
        return b.build();
    }

    @Test
    void everyTypeDrawsSvgThatParsesAndPngOfTheRequestedSize() throws Exception {
        for (var e : oneOfEach().entrySet()) {
            ChartSpec s = spec(e.getKey());
            String svg = Charts.svg(s, e.getValue());
            Document d = Xml.parse(svg);
            String text = Xml.allText(d);
            assertTrue(text.contains("Title " + e.getKey().cliName() + " " + EVIL_SHOWN), e.getKey() + ": title, escaped: " + text);
            assertFalse(svg.contains("<script>"), e.getKey() + ": markup from the data never becomes markup");
            assertFalse(svg.contains("\u0001") || svg.contains("\u001b"), e.getKey() + ": no raw control characters");
            assertEquals("800", d.getDocumentElement().getAttribute("width").replace(".0", ""), e.getKey().toString());
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Charts.png(s, e.getValue())));
            assertNotNull(img, e.getKey() + ": PNG decodes");
            assertEquals(800, img.getWidth());
            assertEquals(450, img.getHeight());
            assertFalse(blank(img), e.getKey() + ": PNG shows something");
        }
    }

    @Test
    void labelsAndUnitsAreThere() {
        Map<ChartType, TabularData> all = oneOfEach();
        String bar = Xml.allText(Xml.parse(Charts.svg(spec(ChartType.BAR), all.get(ChartType.BAR))));
        assertTrue(bar.contains("/var/lib/db/big.dat"), bar);
        assertTrue(bar.contains("MiB"), "bytes axis in binary units: " + bar);
        assertTrue(bar.contains("read") && bar.contains("write"), "legend: " + bar);
        String hist = Xml.allText(Xml.parse(Charts.svg(spec(ChartType.HISTOGRAM), all.get(ChartType.HISTOGRAM))));
        assertTrue(hist.contains("256–512\u00a0ns") && hist.contains("1.02–2.05\u00a0µs") && hist.contains("32.8–65.5\u00a0µs") && hist.contains("65.5–131\u00a0µs"),
                "power-of-two buckets as ranges, empty ones too: " + hist);
        String heat = Xml.allText(Xml.parse(Charts.svg(spec(ChartType.HEATMAP), all.get(ChartType.HEATMAP))));
        assertTrue(heat.contains("µs") && heat.contains("ms") && heat.contains("count"), "latency axis, time axis, colour legend: " + heat);
        String line = Xml.allText(Xml.parse(Charts.svg(spec(ChartType.LINE), all.get(ChartType.LINE))));
        assertTrue(line.contains("time since 2024-05-01 10:00:00.000 UTC"), "time x axis says since when: " + line);
        String tl = Xml.allText(Xml.parse(Charts.svg(spec(ChartType.TIMELINE), all.get(ChartType.TIMELINE))));
        assertTrue(tl.contains("read: bytes_per_s") && tl.contains("write: bytes_per_s") && tl.contains("MiB/s"), "one panel per facet, rate units: " + tl);
        String gantt = Xml.allText(Xml.parse(Charts.svg(spec(ChartType.GANTT), all.get(ChartType.GANTT))));
        assertTrue(gantt.contains("make [100]") && gantt.contains("running at the end"), gantt);
    }

    @Test
    void tooltipsCarryFullNamesAndExactValues() {
        Document d = Xml.parse(Charts.svg(spec(ChartType.BAR), files()));
        List<String> titles = Xml.texts(d, "title");
        assertTrue(titles.contains("/var/lib/db/big.dat (read): 3 MiB (3,145,728 B)"), titles.toString());
        assertTrue(titles.contains(EVIL_SHOWN + " (write): 1,000 B"), "hostile names escaped in tooltips too: " + titles);
    }

    @Test
    void svgElementsHaveUniqueIdsForOnePage() {
        String a = Charts.svgElement(spec(ChartType.BAR), files()), b = Charts.svgElement(spec(ChartType.BAR), files());
        String idA = Xml.parse(a).getDocumentElement().getAttribute("id"), idB = Xml.parse(b).getDocumentElement().getAttribute("id");
        assertNotEquals(idA, idB);
        assertTrue(a.contains("id='" + idA + "-clip-") || a.contains("id=\"" + idA + "-clip-"), "defs ids carry the element's prefix");
        assertTrue(a.contains("viewBox="), "scales when embedded");
        String fixed = Charts.svgElement(spec(ChartType.BAR), files(), "report-files");
        assertEquals("report-files", Xml.parse(fixed).getDocumentElement().getAttribute("id"));
        assertThrows(IllegalArgumentException.class, () -> Charts.svgElement(spec(ChartType.BAR), files(), "x\" onload=\"alert(1)"));
    }

    @Test
    void resultsFromDuckDbKeepTheirKinds() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            TabularData d = Charts.query(c, "SELECT TIMESTAMP '2024-01-01 00:00:01.5' AS ts, sum(x)::HUGEINT AS total, 'a' AS s, 2.5::DECIMAL(4,1) AS dec, NULL::BIGINT AS nothing "
                    + "FROM range(10) t(x)");
            assertEquals(List.of("ts", "total", "s", "dec", "nothing"), d.names());
            assertEquals(TabularData.Kind.TIME, d.kind(0));
            assertEquals(Instant.parse("2024-01-01T00:00:01.5Z").toEpochMilli() * 1_000_000L, d.time(0, 0), "TIMESTAMP is UTC");
            assertEquals(TabularData.Kind.NUMBER, d.kind(1));
            assertEquals(45.0, d.number(0, 1));
            assertEquals(TabularData.Kind.TEXT, d.kind(2));
            assertEquals(2.5, d.number(0, 3));
            assertTrue(Double.isNaN(d.number(0, 4)));
            ChartException tooMany = assertThrows(ChartException.class, () -> Charts.query(c, "SELECT * FROM range(1000)", 999));
            assertTrue(tooMany.getMessage().contains("aggregate"), tooMany.getMessage());
        }
    }

    @Test
    void meltTurnsValueColumnsIntoSeries() {
        TabularData wide = TabularData.builder("file", "read_bytes", "write_bytes", "total").row("/a", 10, 20, "30 B").row("/b", 1, null, "1 B").build();
        TabularData l = wide.melt(List.of("file"), List.of("read_bytes", "write_bytes"), "measure", "value");
        assertEquals(List.of("file", "measure", "value"), l.names());
        assertEquals(4, l.rowCount());
        assertEquals("write_bytes", l.text(1, 1));
        assertEquals(20.0, l.number(1, 2));
        assertTrue(Double.isNaN(l.number(3, 2)), "a missing value stays missing");
        String text = Xml.allText(Xml.parse(Charts.svg(ChartSpec.of(ChartType.BAR).x("file").y("value").series("measure").yUnit(Unit.BYTES).build(), l)));
        assertTrue(text.contains("read_bytes") && text.contains("write_bytes"), text);
    }

    @Test
    void badColumnsSayWhatThereIs() {
        ChartException e = assertThrows(ChartException.class, () -> Charts.svg(ChartSpec.of(ChartType.BAR).y("nope").build(), files()));
        assertEquals("no column 'nope' in the result (columns: file, direction, bytes)", e.getMessage());
        ChartException text = assertThrows(ChartException.class, () -> Charts.svg(ChartSpec.of(ChartType.LINE).x("file").y("bytes").build(), files()));
        assertTrue(text.getMessage().contains("holds text"), text.getMessage());
        ChartException heat = assertThrows(ChartException.class, () -> Charts.svg(ChartSpec.of(ChartType.HEATMAP).build(),
                TabularData.builder("a", "b").row(1, 2).build()));
        assertTrue(heat.getMessage().contains("three columns"), heat.getMessage());
    }

    @Test
    void manySeriesFoldIntoOtherAndManyRowsAreCut() {
        TabularData.Builder b = TabularData.builder("file", "bytes");
        for (int i = 0; i < 50; i++) b.row("/f" + i, 1000 - i);
        String svg = Charts.svg(ChartSpec.of(ChartType.BAR).maxCategories(10).build(), b.build());
        String text = Xml.allText(Xml.parse(svg));
        assertTrue(text.contains("/f9") && !text.contains("/f10"), "first 10 rows only");
        assertTrue(text.contains("first 10 categories shown; 40 more rows left out"), "and it says so: " + text);
        TabularData.Builder s = TabularData.builder("t_s", "process", "n");
        for (int p = 0; p < 12; p++) for (int t = 0; t < 3; t++) s.row(t, "p" + p, 100 - p);
        String lines = Xml.allText(Xml.parse(Charts.svg(ChartSpec.of(ChartType.LINE).maxSeries(4).build(), s.build())));
        assertTrue(lines.contains("p0") && lines.contains("p2") && !lines.contains("p3") && lines.contains("other"), lines);
    }

    @Test
    void emptyResultsStillDrawAndSaySo() {
        for (ChartType t : ChartType.values()) {
            TabularData empty = switch (t) {
                case GANTT -> TabularData.builder("label", "start_s", "end_s").number("start_s").number("end_s").build();
                case HEATMAP -> TabularData.builder("t_s", "latency_ns", "calls").number("t_s").number("latency_ns").number("calls").build();
                case BAR -> TabularData.builder("x", "y").number("y").build();
                default -> TabularData.builder("x", "y").number("x").number("y").build();
            };
            ChartSpec spec = ChartSpec.of(t).build();
            String text = Xml.allText(Xml.parse(Charts.svg(spec, empty)));
            assertTrue(text.contains("no rows"), t + ": " + text);
        }
    }

    @Test
    void writeChoosesTheFormatByExtension(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Charts.write(spec(ChartType.BAR), files(), dir.resolve("c.svg"));
        Charts.write(spec(ChartType.BAR), files(), dir.resolve("c.PNG"));
        assertTrue(Files.readString(dir.resolve("c.svg")).startsWith("<?xml"));
        assertNotNull(ImageIO.read(dir.resolve("c.PNG").toFile()));
        assertThrows(ChartException.class, () -> Charts.write(spec(ChartType.BAR), files(), dir.resolve("c.jpg")));
        try (var l = Files.list(dir)) {
            assertEquals(2, l.count(), "no temp files left");
        }
    }

    static boolean blank(BufferedImage img) {
        int first = img.getRGB(0, 0);
        for (int y = 0; y < img.getHeight(); y += 3) for (int x = 0; x < img.getWidth(); x += 3) if (img.getRGB(x, y) != first) return false;
        return true;
    }
}
