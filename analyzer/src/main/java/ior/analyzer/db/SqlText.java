package ior.analyzer.db;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at the semicolons that end them: not inside 'strings',
 * "identifiers", $$dollar quotes$$, -- line comments or block comments. What follows the last
 * semicolon is the unfinished rest (the REPL keeps reading until it is finished; a script or
 * `ior query -e` runs it as the last statement); a rest of only blanks and comments counts as
 * none. The one splitter of ior: the REPL, `ior query` and the query library all use it.
 */
public final class SqlText {
    private SqlText() {}

    /** The finished statements (without their ';') and the unfinished rest ("" when none). */
    public record Split(List<String> statements, String rest) {
        /** Every statement, the unfinished rest included (for a script that ends without ';'). */
        public List<String> all() {
            if (rest.isEmpty()) return statements;
            List<String> a = new ArrayList<>(statements);
            a.add(rest);
            return a;
        }
    }

    public static Split split(String sql) {
        List<String> out = new ArrayList<>();
        int start = 0;
        boolean content = false;
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : 0;
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                // a doubled quote inside is an escaped quote: the scan simply re-enters
                i = end < 0 ? n : end;
                content = true;
            } else if (c == '-' && next == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl;
            } else if (c == '/' && next == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 1;
                if (end < 0) content = true; // an open comment is unfinished input
            } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd + 1);
                int end = sql.indexOf(tag, tagEnd + 1);
                i = end < 0 ? n : end + tag.length() - 1;
                content = true;
            } else if (c == ';') {
                if (content) out.add(sql.substring(start, i).strip());
                start = i + 1;
                content = false;
            } else if (!Character.isWhitespace(c)) content = true;
        }
        return new Split(out, content ? sql.substring(start).strip() : "");
    }

    /** The index of the closing '$' of a dollar-quote tag ($$ or $tag$) starting at i, or -1. */
    private static int dollarTagEnd(String sql, int i) {
        if (i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_')) return -1; // a name like a$1
        for (int j = i + 1; j < sql.length(); j++) {
            char c = sql.charAt(j);
            if (c == '$') return j;
            if (!(Character.isLetter(c) || c == '_' || (j > i + 1 && Character.isDigit(c)))) return -1;
        }
        return -1;
    }

    /** True when the text holds something to run and every statement in it is finished. */
    public static boolean isComplete(String sql) {
        return split(sql).rest.isEmpty();
    }
}
