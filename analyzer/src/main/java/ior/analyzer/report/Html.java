package ior.analyzer.report;

import ior.analyzer.chart.SafeText;

/**
 * HTML escaping for everything taken from a trace. Text is first made visible and valid
 * ({@link SafeText#of}: control characters as \xHH, broken UTF-8 as U+FFFD), then every character
 * that means something in HTML text or a quoted attribute is escaped. Trace data never goes into
 * a script, style or URL context.
 */
public final class Html {
    private Html() {}

    public static String text(String s) {
        if (s == null) return "";
        String v = SafeText.of(s);
        StringBuilder sb = new StringBuilder(v.length() + 16);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '`' -> sb.append("&#96;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Attribute values are always double-quoted and escaped as text. */
    public static String attr(String s) {
        return text(s);
    }

    /** An id or anchor made only of safe characters, from a name of ior's own (never trace data). */
    public static String id(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
