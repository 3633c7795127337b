package ior.analyzer.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Prints a result set as an aligned table, CSV, JSON, Markdown or one "column = value" line per
 * field. Values from a trace may hold control characters or terminal escapes: they are escaped in
 * every format so a hostile file name cannot drive the reader's terminal or a spreadsheet.
 *
 * <p>For a person at a terminal ({@link Options}) the readable formats keep memory bounded: with a
 * row cap only the first and last rows are held (like the DuckDB shell's duckbox) while the rest
 * are counted, and a table wider than the terminal has its widest columns cut with a marker.
 */
public final class ResultPrinter {
    public enum Format { table, csv, json, markdown, line }

    public static final String NULL = "NULL";
    private static final int MAX_CELL = 120;
    private static final int MIN_FIT_WIDTH = 6;
    private static final String MORE = "…";
    private static final String DIM = "\033[2m", RESET = "\033[0m";

    /**
     * How a person sees results.
     *
     * @param maxRows  rows shown in the readable formats (table, markdown, line), 0 for all; the
     *                 first half and the last half are shown, the rows between counted
     * @param maxWidth terminal width a table is fitted to, 0 for no limit
     * @param nullText how NULL is shown
     * @param dimNull  show NULL dimmed (a terminal), so it differs from the string 'NULL'
     * @param stop     polled per row: true stops printing (the user pressed Ctrl-C)
     */
    public record Options(long maxRows, int maxWidth, String nullText, boolean dimNull, BooleanSupplier stop) {
        public static final Options PLAIN = new Options(0, 0, NULL, false, () -> false);
    }

    private ResultPrinter() {}

    public static long print(ResultSet rs, Format f, PrintStream out) throws SQLException {
        return print(rs, f, out, Options.PLAIN);
    }

    /** Prints rs in format f and returns how many rows it had (those read before a stop). */
    public static long print(ResultSet rs, Format f, PrintStream out, Options o) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String[] names = new String[n];
        boolean[] numeric = new boolean[n];
        for (int i = 0; i < n; i++) {
            names[i] = md.getColumnLabel(i + 1);
            numeric[i] = isNumeric(md.getColumnType(i + 1));
        }
        boolean readable = f == Format.table || f == Format.markdown || f == Format.line;
        long cap = readable ? o.maxRows : 0;
        List<String[]> head = new ArrayList<>();
        ArrayDeque<String[]> tail = new ArrayDeque<>();
        long headMax = cap == 0 ? Long.MAX_VALUE : (cap + 1) / 2, tailMax = cap / 2;
        long count = 0;
        while (!o.stop.getAsBoolean() && rs.next()) {
            String[] r = new String[n];
            for (int i = 0; i < n; i++) {
                Object v = rs.getObject(i + 1);
                r[i] = v == null ? null : v.toString();
            }
            count++;
            if (readable) {
                if (head.size() < headMax) head.add(r);
                else if (tailMax > 0) {
                    if (tail.size() == tailMax) tail.removeFirst();
                    tail.addLast(r);
                }
            } else if (f == Format.csv) {
                if (count == 1) csvRow(out, names);
                csvRow(out, r);
            } else {
                out.print(count == 1 ? "[\n  " : ",\n  ");
                jsonRow(out, names, r, numeric);
            }
        }
        long hidden = count - head.size() - tail.size();
        List<String[]> shown = new ArrayList<>(head);
        switch (f) {
            case table -> table(out, names, numeric, head, tail, hidden, count, o);
            case markdown -> { shown.addAll(tail); markdown(out, names, numeric, shown, hidden); }
            case line -> { shown.addAll(tail); line(out, names, shown, hidden, o); }
            case csv -> { if (count == 0) csvRow(out, names); }
            case json -> out.println(count == 0 ? "[]" : "\n]");
        }
        return count;
    }

    static boolean isNumeric(int t) {
        return switch (t) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.REAL, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> true;
            default -> false;
        };
    }

    /** Makes a value safe for a terminal: control characters and escapes become visible \xHH. */
    public static String visible(String s) {
        if (s == null) return null;
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControlChar(c)) {
                if (sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                appendEscape(sb, c);
            } else if (sb != null) sb.append(c);
        }
        return sb == null ? s : sb.toString();
    }

    /** Appends s to sb with the escapes of {@link #visible}, without making a String per call (per-row printing). */
    public static void appendVisible(StringBuilder sb, CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControlChar(c)) appendEscape(sb, c);
            else sb.append(c);
        }
    }

    /** C0 and C1 controls, DEL, line separators and the bidirectional overrides that reorder what is shown. */
    public static boolean isControlChar(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    private static void appendEscape(StringBuilder sb, char c) {
        switch (c) {
            case '\n' -> sb.append("\\n");
            case '\t' -> sb.append("\\t");
            case '\r' -> sb.append("\\r");
            default -> {
                sb.append(c > 0xff ? "\\u" : "\\x");
                String hex = Integer.toHexString(c);
                for (int k = hex.length(); k < (c > 0xff ? 4 : 2); k++) sb.append('0');
                sb.append(hex);
            }
        }
    }

    private static String cell(String s, String nullText) {
        if (s == null) return nullText;
        return cut(visible(s), MAX_CELL);
    }

    private static String cut(String v, int w) {
        return v.length() > w ? v.substring(0, Math.max(0, w - 1)) + MORE : v;
    }

    private static void table(PrintStream out, String[] names, boolean[] numeric, List<String[]> head, ArrayDeque<String[]> tail,
                              long hidden, long count, Options o) {
        int n = names.length;
        int[] w = new int[n];
        for (int i = 0; i < n; i++) w[i] = visible(names[i]).length();
        for (String[] r : head) for (int i = 0; i < n; i++) w[i] = Math.max(w[i], cell(r[i], o.nullText).length());
        for (String[] r : tail) for (int i = 0; i < n; i++) w[i] = Math.max(w[i], cell(r[i], o.nullText).length());
        if (hidden > 0) for (int i = 0; i < n; i++) w[i] = Math.max(w[i], 1);
        int cols = fit(w, o.maxWidth);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cols; i++) line.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
        if (cols < n) line.append("-+-").append("-".repeat(MORE.length()));
        String[] hdr = new String[n];
        for (int i = 0; i < n; i++) hdr[i] = cut(visible(names[i]), w[i]);
        out.println(pad(hdr, null, w, numeric, true, cols, o));
        out.println(line);
        for (String[] r : head) out.println(row(r, w, numeric, cols, o));
        if (hidden > 0) {
            String[] dots = new String[n];
            java.util.Arrays.fill(dots, "·");
            out.println(pad(dots, null, w, new boolean[n], false, cols, o));
        }
        for (String[] r : tail) out.println(row(r, w, numeric, cols, o));
        String rows = count + (count == 1 ? " row" : " rows");
        if (hidden > 0) rows += ", " + (count - hidden) + " shown; .maxrows to change";
        if (cols < n) rows += ", " + (n - cols) + " more column" + (n - cols == 1 ? "" : "s") + " not shown (.mode line shows all)";
        out.println("(" + rows + ")");
    }

    /** Narrows the widest columns until the table fits maxWidth; returns how many columns fit at all. */
    private static int fit(int[] w, int maxWidth) {
        if (maxWidth <= 0) return w.length;
        while (true) {
            int total = -3, widest = -1;
            for (int i = 0; i < w.length; i++) {
                total += w[i] + 3;
                if (w[i] > MIN_FIT_WIDTH && (widest < 0 || w[i] > w[widest])) widest = i;
            }
            if (total <= maxWidth) return w.length;
            if (widest < 0) break;
            w[widest] -= Math.min(w[widest] - MIN_FIT_WIDTH, total - maxWidth);
        }
        // still too wide at the minimum widths: show the columns that fit, then a marker column
        int total = 0, cols = 0;
        while (cols < w.length && total + w[cols] + 3 + MORE.length() <= maxWidth) total += w[cols++] + 3;
        return Math.max(cols, 1);
    }

    private static String row(String[] r, int[] w, boolean[] numeric, int cols, Options o) {
        String[] c = new String[r.length];
        for (int i = 0; i < r.length; i++) c[i] = cut(cell(r[i], o.nullText), w[i]);
        return pad(c, r, w, numeric, false, cols, o);
    }

    private static String pad(String[] c, String[] raw, int[] w, boolean[] numeric, boolean header, int cols, Options o) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cols; i++) {
            if (i > 0) sb.append(" | ");
            String v = c[i];
            boolean dim = o.dimNull && raw != null && raw[i] == null;
            int padn = w[i] - v.length();
            if (dim) v = DIM + v + RESET;
            if (numeric[i] && !header) sb.append(" ".repeat(padn)).append(v);
            else {
                sb.append(v);
                if (i < c.length - 1) sb.append(" ".repeat(padn));
            }
        }
        if (cols < c.length) sb.append(" | ").append(MORE);
        return sb.toString();
    }

    private static void markdown(PrintStream out, String[] names, boolean[] numeric, List<String[]> rows, long hidden) {
        StringBuilder sb = new StringBuilder("|");
        for (String h : names) sb.append(' ').append(md(h)).append(" |");
        out.println(sb);
        sb = new StringBuilder("|");
        for (boolean num : numeric) sb.append(num ? "---:|" : "---|");
        out.println(sb);
        for (String[] r : rows) {
            sb = new StringBuilder("|");
            for (String v : r) sb.append(' ').append(v == null ? NULL : md(v)).append(" |");
            out.println(sb);
        }
        if (hidden > 0) out.println("\n(" + hidden + " more rows not shown: .maxrows to change)");
    }

    private static String md(String s) {
        return visible(s).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** One "name = value" line per column, a blank line between rows (the DuckDB shell's line mode). */
    private static void line(PrintStream out, String[] names, List<String[]> rows, long hidden, Options o) {
        int w = 0;
        for (String h : names) w = Math.max(w, visible(h).length());
        boolean first = true;
        for (String[] r : rows) {
            if (!first) out.println();
            first = false;
            for (int i = 0; i < names.length; i++) {
                String h = visible(names[i]);
                String v = r[i] == null ? (o.dimNull ? DIM + o.nullText + RESET : o.nullText) : visible(r[i]);
                out.println(" ".repeat(w - h.length()) + h + " = " + v);
            }
        }
        if (hidden > 0) out.println("\n(" + hidden + " more rows not shown: .maxrows to change)");
    }

    /**
     * RFC 4180, and cells that a spreadsheet would run as a formula (= + - @ tab CR) get a leading
     * quote. Control characters are escaped as in the table (CSV often lands on a terminal too).
     */
    private static void csvRow(PrintStream out, String[] r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.length; i++) {
            if (i > 0) sb.append(',');
            String v = r[i];
            if (v == null) continue;
            if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) v = "'" + v;
            v = visible(v);
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0)
                v = '"' + v.replace("\"", "\"\"") + '"';
            sb.append(v);
        }
        out.println(sb);
    }

    private static boolean isNumber(String v) {
        try {
            Double.parseDouble(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void jsonRow(PrintStream out, String[] names, String[] r, boolean[] numeric) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < r.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(json(names[i])).append(": ");
            if (r[i] == null) sb.append("null");
            else if (numeric[i] && isNumber(r[i])) sb.append(r[i]);
            else sb.append(json(r[i]));
        }
        out.print(sb.append('}'));
    }

    static String json(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (isControlChar(c)) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
