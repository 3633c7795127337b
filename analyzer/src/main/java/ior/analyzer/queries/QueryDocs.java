package ior.analyzer.queries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders docs/queries.md from the headers of the query library and the comments of
 * macros.sql; QueryDocsTest keeps the file in sync.
 */
public final class QueryDocs {
    private QueryDocs() {}

    /** A macro of macros.sql: its signature and the comment above it. */
    public record Macro(String name, String signature, String doc) {}

    private static final Pattern MACRO = Pattern.compile("CREATE OR REPLACE TEMP MACRO (\\w+)\\(([^)]*)\\)");

    /** The macros in definition order, each with the comment block right above it. */
    public static List<Macro> macros(String macrosSql) {
        List<Macro> out = new ArrayList<>();
        String[] lines = macrosSql.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = MACRO.matcher(lines[i]);
            if (!m.find()) continue;
            List<String> doc = new ArrayList<>();
            for (int j = i - 1; j >= 0 && lines[j].startsWith("--"); j--) doc.addFirst(lines[j].replaceFirst("^--\\s?", ""));
            String text = String.join(" ", doc).strip();
            String sig = m.group(1) + "(" + m.group(2).replace(" ", "").replace(",", ", ") + ")";
            // the comment starts with the signature: keep only what follows it
            if (text.startsWith(sig + ":")) text = text.substring(sig.length() + 1).strip();
            else if (text.startsWith(m.group(1) + "(")) text = text.substring(text.indexOf("):") + 2).strip();
            out.add(new Macro(m.group(1), sig, text));
        }
        return out;
    }

    public static String render() {
        StringBuilder sb = new StringBuilder();
        List<CannedQuery> all = QueryLibrary.all();
        sb.append("# Canned queries\n\n");
        sb.append("Generated from the headers of `queries/**/*.sql` and the comments of `queries/macros.sql` by\n");
        sb.append("`ior.analyzer.queries.QueryDocs`; `QueryDocsTest` fails when this file and the library differ.\n\n");
        sb.append("A library of ").append(all.size()).append(" analyses over the [tables](tables.md), in the style of Perfetto's standard\n");
        sb.append("library: a query's name is its path under `queries/`. Run one with\n\n");
        sb.append("    ior query TRACE... --run NAME [--param KEY=VALUE]...\n\n");
        sb.append("or `.run NAME key=value` in `ior sql`. `ior query --list [GROUP]` lists them (any `--format`),\n");
        sb.append("`ior query --show NAME [--param ...]` prints one with its SQL rendered, ready to edit and run with `-e`.\n");
        sb.append("With several traces a query runs once per trace and its rows gain a leading `trace` column:\n");
        sb.append("pids, fds and times of different traces are never mixed.\n\n");
        sb.append("Parameters are typed and checked before anything runs: `int`, `double`, `string` (any text: it\n");
        sb.append("becomes one quoted SQL literal), `duration` (`250us`, `10ms`, `1.5s`, `2m`; a bare number is ns),\n");
        sb.append("`bytes` (`4096`, `4k`, `1MiB`; k/M/G are powers of 1024) and `bool`. `null` means \"not set\"\n");
        sb.append("(usually: no filter). An unknown parameter or a bad value stops with exit code 2 and a one-line message.\n\n");
        sb.append("Each query suggests a chart (`type x=COLUMN y=COLUMN[,COLUMN] [series=COLUMN]`) that reports use.\n\n");
        sb.append("## Index\n\n| query | title |\n|---|---|\n");
        for (CannedQuery q : all) sb.append("| [").append(q.name()).append("](#").append(anchor(q.name())).append(") | ").append(md(q.title())).append(" |\n");
        sb.append('\n');
        String group = null;
        for (CannedQuery q : all) {
            if (!q.group().equals(group)) {
                group = q.group();
                sb.append("## ").append(group.isEmpty() ? "(top level)" : group).append("\n\n");
            }
            sb.append("### ").append(q.name()).append("\n\n");
            sb.append("**").append(md(q.title())).append("**: ").append(md(q.description())).append("\n\n");
            if (!q.notes().isEmpty()) sb.append(md(q.notes().replace("\n", " "))).append("\n\n");
            if (q.params().isEmpty()) sb.append("Parameters: none.\n\n");
            else {
                sb.append("| parameter | type | default | meaning |\n|---|---|---|---|\n");
                for (QueryParam p : q.params())
                    sb.append("| ").append(p.name()).append(" | ").append(p.type().headerName()).append(" | ")
                            .append(md(p.defaultText())).append(" | ").append(md(p.description())).append(" |\n");
                sb.append('\n');
            }
            sb.append("Chart: `").append(q.chart()).append("`\n\n");
        }
        sb.append("## Macros\n\n");
        sb.append("Defined once in `queries/macros.sql` and installed as TEMP macros on every connection ior opens\n");
        sb.append("(`ior query`, `ior sql`, reports), so they also work in your own SQL, on read-only caches and\n");
        sb.append("with several traces attached:\n\n");
        sb.append("    ior query web.iortrace -e \"SELECT file, fmt_bytes(sum(bytes)) FROM syscalls GROUP BY file\"\n\n");
        sb.append("| macro | meaning |\n|---|---|\n");
        for (Macro m : macros(QueryLibrary.macrosSql())) sb.append("| `").append(m.signature()).append("` | ").append(md(m.doc())).append(" |\n");
        return sb.toString();
    }

    static String anchor(String name) {
        return name.replace("/", "").toLowerCase();
    }

    private static String md(String s) {
        return s.replace("|", "\\|");
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args.length > 0 ? args[0] : "docs/queries.md"), render());
    }
}
