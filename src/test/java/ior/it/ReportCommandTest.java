package ior.it;

import ior.testutil.Chromium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * `ior report` on the bundled samples (real recordings; no root needed): the findings the
 * workloads must trigger, a real browser loading the page, and the hostile-names recording
 * rendered as text, never as markup.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportCommandTest {
    Path base, sqliteHtml, hostileHtml;
    String sqlite, hostile;

    /** Temporary directories of this class (traces, caches, exports): removed after its tests. */
    final java.util.List<Path> scratch = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterAll
    void removeScratch() throws Exception {
        for (Path p : scratch) ScenariosTrace.delete(p);
    }

    @BeforeAll
    void reports() throws Exception {
        base = Files.createTempDirectory("ior-report");
        scratch.add(base);
        for (String s : new String[] {"sqlite", "hostile-names"})
            Files.copy(IorRun.root().resolve("samples/" + s + ".iortrace"), base.resolve(s + ".iortrace"));
        sqliteHtml = base.resolve("sqlite.html");
        hostileHtml = base.resolve("hostile.html");
        IorRun.Result r = IorRun.run("report", "-q", base.resolve("sqlite.iortrace").toString(), "-o", sqliteHtml.toString());
        assertEquals(0, r.exit(), r.toString());
        IorRun.Result h = IorRun.run("report", "-q", base.resolve("hostile-names.iortrace").toString(), "-o", hostileHtml.toString());
        assertEquals(0, h.exit(), h.toString());
        sqlite = Files.readString(sqliteHtml, StandardCharsets.UTF_8);
        hostile = Files.readString(hostileHtml, StandardCharsets.UTF_8);
    }

    @Test
    void findingsOfTheSqliteAppAreThere() {
        assertTrue(sqlite.contains("id=\"finding-fsync-storm\""), "200 synchronous transactions are an fsync storm");
        assertTrue(sqlite.contains("id=\"finding-error-storm\""), "20 EACCES on secret.key");
        int storm = sqlite.indexOf("id=\"finding-error-storm\"");
        String card = sqlite.substring(storm, sqlite.indexOf("</div>", sqlite.indexOf("</table>", storm)));
        assertTrue(card.contains("EACCES") && card.contains("/secret.key") && card.contains(">20<"), card);
        assertTrue(sqlite.contains("No events were lost"));
        assertTrue(sqlite.contains("Nothing found by:"), "rules that find nothing say so");
        for (String section : new String[] {"id=\"summary\"", "id=\"findings\"", "id=\"charts\"", "id=\"tables\"", "id=\"flame\"", "id=\"processes\"", "id=\"appendix\""})
            assertTrue(sqlite.contains(section), section);
        assertTrue(sqlite.contains("python3"), "the busiest process has its own section");
    }

    @Test
    void selfContainedAndPrivate() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sqliteHtml)));
        // XML namespace names (xmlns="http://www.w3.org/2000/svg") are identifiers, never fetched
        for (String ref : new String[] {"src=\"http", "href=\"http", "src=\"//", "href=\"//", "@import", "url(http", "url(//", "<link", "<iframe"})
            for (String page : new String[] {sqlite, hostile})
                assertFalse(page.contains(ref), "no outside reference: " + ref);
        try (var s = Files.list(base)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temp file left");
        }
    }

    @Test
    void aRealBrowserLoadsItAndShowsTheCharts() throws Exception {
        Chromium.assumeAvailable();
        Chromium.Run dom = Chromium.dumpDom(sqliteHtml.toUri().toString());
        assertTrue(dom.dom().contains("data-ior-ready=\"1\""), "the page's script ran to the end");
        assertFalse(dom.dom().contains("data-ior-error=\""), "no script error");
        assertTrue(dom.consoleMessages().isEmpty(), "console: " + dom.consoleMessages());
        Path png = base.resolve("shot.png");
        Chromium.screenshot(sqliteHtml.toUri().toString(), png, 1280, 4000);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "screenshot decodes");
        // the charts start below the header, findings and key numbers: count colours in the lower part
        Set<Integer> colours = new HashSet<>();
        for (int y = img.getHeight() / 3; y < img.getHeight(); y += 3)
            for (int x = 0; x < img.getWidth(); x += 3) colours.add(img.getRGB(x, y) & 0xf8f8f8);
        assertTrue(colours.size() > 60, "charts are drawn in colour: " + colours.size() + " distinct colours");
    }

    @Test
    void hostileNamesAreTextNotMarkup() throws Exception {
        assertFalse(hostile.contains("<script>alert"), "markup from a file name must be escaped");
        assertFalse(hostile.contains("<img src=x"), "an attribute-injection file name must be escaped");
        assertFalse(hostile.contains("<b>bold"), "tags in names are text");
        assertTrue(hostile.contains("&lt;script&gt;alert(1)"), "the name is shown, escaped");
        assertTrue(hostile.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertFalse(hostile.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r' || ch == 0x7f), "no raw control characters");
        assertFalse(hostile.contains("\u202e"), "no raw bidi override");
        assertTrue(hostile.contains("\\x1b[31mred"), "escapes are shown as \\xHH");
        Chromium.assumeAvailable();
        Chromium.Run dom = Chromium.dumpDom(hostileHtml.toUri().toString());
        assertTrue(dom.dom().contains("data-ior-ready=\"1\""));
        assertFalse(dom.dom().contains("<img src=\"x\""), "the browser made no img element from a name");
        assertFalse(dom.dom().contains("data-ior-error=\""));
    }

    @Test
    void badArgumentsGiveOneLine() throws Exception {
        IorRun.Result dir = IorRun.run("report", "-q", base.resolve("sqlite.iortrace").toString(), "-o", base.toString());
        assertEquals(2, dir.exit(), dir.toString());
        assertEquals(1, dir.err().lines().count(), dir.err());
        IorRun.Result missing = IorRun.run("report", "-q", base.resolve("nope.iortrace").toString(), "-o", base.resolve("x.html").toString());
        assertEquals(6, missing.exit(), missing.toString());
        assertEquals(1, missing.err().lines().count(), missing.err());
    }
}
