package ior.analyzer.queries;

import java.util.ArrayList;
import java.util.List;

/** Splits SQL text into statements. */
public final class SqlScript {
    private SqlScript() {}

    /** Splits on ';' outside quotes and comments (-- to end of line). */
    public static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (quote != 0) {
                cur.append(ch);
                if (ch == quote) quote = 0;
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                cur.append(ch);
            } else if (ch == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl;
                cur.append('\n');
            } else if (ch == ';') {
                if (!cur.toString().isBlank()) out.add(cur.toString().strip());
                cur.setLength(0);
            } else cur.append(ch);
        }
        if (!cur.toString().isBlank()) out.add(cur.toString().strip());
        return out;
    }
}
