package ior.analyzer.chart;

import ior.analyzer.cli.ResultPrinter;

/**
 * Text from a trace (file names, comms, errnos, SQL column names) made safe to draw. File names
 * may hold any byte but '/' and NUL: control characters become visible \xHH as on the terminal
 * ({@link ResultPrinter#visible}); unpaired surrogates (remnants of invalid UTF-8) and the
 * non-characters U+FFFE/U+FFFF, which XML cannot carry even escaped, become U+FFFD.
 */
public final class SafeText {
    private SafeText() {}

    public static String of(String s) {
        if (s == null) return null;
        String v = ResultPrinter.visible(s);
        StringBuilder sb = null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= v.length() || !Character.isLowSurrogate(v.charAt(i + 1));
                if (!bad) {
                    if (sb != null) sb.append(c).append(v.charAt(i + 1));
                    i++;
                    continue;
                }
            } else bad = Character.isLowSurrogate(c) || c == '\uFFFE' || c == '\uFFFF';
            if (bad) {
                if (sb == null) sb = new StringBuilder(v.length()).append(v, 0, i);
                sb.append('\uFFFD');
            } else if (sb != null) sb.append(c);
        }
        return sb == null ? v : sb.toString();
    }

    /** {@link #of} escaped for XML text and attribute values (either quote). */
    public static String xml(String s) {
        if (s == null) return "";
        String v = of(s);
        StringBuilder sb = new StringBuilder(v.length() + 16);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * JFreeSVG escapes text itself but leaves an '&' that already starts an entity (&amp;lt; ...) as
     * it is, so a file named "a&amp;lt;b" would show as "a&lt;b". Such an '&' is escaped here, for SVG
     * output only, so the reader sees the name as it is.
     */
    static String forJFreeSvg(String s) {
        String v = of(s);
        if (v == null || v.indexOf('&') < 0) return v;
        StringBuilder sb = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '&' && (v.startsWith("lt;", i + 1) || v.startsWith("gt;", i + 1) || v.startsWith("amp;", i + 1)
                    || v.startsWith("apos;", i + 1) || v.startsWith("quot;", i + 1))) sb.append("&amp;");
            else sb.append(c);
        }
        return sb.toString();
    }
}
