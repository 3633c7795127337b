package ior.analyzer.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a result set as an aligned table, CSV, JSON or Markdown. Values from a trace may hold
 * control characters or terminal escapes: they are escaped in every format so a hostile file
 * name cannot drive the reader's terminal or a spreadsheet.
 */
public final class ResultPrinter {
    public enum Format { table, csv, json, markdown }

    public static final String NULL = "NULL";
    private static final int MAX_CELL = 120;

    private ResultPrinter() {}

    public static long print(ResultSet rs, Format f, PrintStream out) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String[] names = new String[n];
        boolean[] numeric = new boolean[n];
        for (int i = 0; i < n; i++) {
            names[i] = md.getColumnLabel(i + 1);
            numeric[i] = isNumeric(md.getColumnType(i + 1));
        }
        List<String[]> rows = new ArrayList<>();
        long count = 0;
        while (rs.next()) {
            String[] r = new String[n];
            for (int i = 0; i < n; i++) {
                Object o = rs.getObject(i + 1);
                r[i] = o == null ? null : o.toString();
            }
            count++;
            if (f == Format.table || f == Format.markdown) rows.add(r);
            else if (f == Format.csv) {
                if (count == 1) csvRow(out, names);
                csvRow(out, r);
            } else {
                out.print(count == 1 ? "[\n  " : ",\n  ");
                jsonRow(out, names, r, numeric);
            }
        }
        switch (f) {
            case table -> table(out, names, numeric, rows);
            case markdown -> markdown(out, names, numeric, rows);
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
            boolean ctl = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
            if (ctl) {
                if (sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
                sb.append(c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : String.format("\\x%02x", (int) c & 0xffff));
            } else if (sb != null) sb.append(c);
        }
        return sb == null ? s : sb.toString();
    }

    private static String cell(String s) {
        if (s == null) return NULL;
        String v = visible(s);
        return v.length() > MAX_CELL ? v.substring(0, MAX_CELL - 1) + "…" : v;
    }

    private static void table(PrintStream out, String[] names, boolean[] numeric, List<String[]> rows) {
        int n = names.length;
        int[] w = new int[n];
        for (int i = 0; i < n; i++) w[i] = visible(names[i]).length();
        for (String[] r : rows) for (int i = 0; i < n; i++) w[i] = Math.max(w[i], cell(r[i]).length());
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) line.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
        out.println(pad(names, w, numeric, true));
        out.println(line);
        for (String[] r : rows) {
            String[] c = new String[n];
            for (int i = 0; i < n; i++) c[i] = cell(r[i]);
            out.println(pad(c, w, numeric, false));
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static String pad(String[] c, int[] w, boolean[] numeric, boolean header) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < c.length; i++) {
            if (i > 0) sb.append(" | ");
            String v = header ? visible(c[i]) : c[i];
            int padn = w[i] - v.length();
            if (numeric[i] && !header) sb.append(" ".repeat(padn)).append(v);
            else {
                sb.append(v);
                if (i < c.length - 1) sb.append(" ".repeat(padn));
            }
        }
        return sb.toString();
    }

    private static void markdown(PrintStream out, String[] names, boolean[] numeric, List<String[]> rows) {
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
    }

    private static String md(String s) {
        return visible(s).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** RFC 4180, and cells that a spreadsheet would run as a formula (= + - @ tab CR) get a leading quote. */
    private static void csvRow(PrintStream out, String[] r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.length; i++) {
            if (i > 0) sb.append(',');
            String v = r[i];
            if (v == null) continue;
            if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) v = "'" + v;
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
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
