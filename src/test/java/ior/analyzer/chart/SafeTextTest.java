package ior.analyzer.chart;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SafeTextTest {
    @Test
    void controlCharactersBecomeVisible() {
        assertEquals("a\\nb\\tc\\x01\\x1b[31m", SafeText.of("a\nb\tc\u0001\u001b[31m"));
        assertEquals("plain /usr/lib/x.so", SafeText.of("plain /usr/lib/x.so"));
        assertNull(SafeText.of(null));
    }

    @Test
    void brokenUnicodeBecomesReplacementCharacters() {
        assertEquals("a\uFFFDb", SafeText.of("a\uD800b"), "lone high surrogate");
        assertEquals("a\uFFFD", SafeText.of("a\uDC00"), "lone low surrogate");
        assertEquals("\uFFFD\uFFFD", SafeText.of("\uFFFE\uFFFF"), "XML non-characters");
        assertEquals("emoji \uD83D\uDE00 kept", SafeText.of("emoji \uD83D\uDE00 kept"));
    }

    @Test
    void xmlEscapesMarkupAndQuotes() {
        assertEquals("&lt;script&gt;&amp;amp;&quot;&#39;\\x00", SafeText.xml("<script>&amp;\"'\u0000"));
    }

    @Test
    void jfreeSvgSeesEntitiesItWouldPassThroughEscaped() {
        // JFreeSVG leaves "&lt;" alone; a file really named "a&lt;b" must still read "a&lt;b"
        assertEquals("a&amp;lt;b & c", SafeText.forJFreeSvg("a&lt;b & c"));
    }
}
