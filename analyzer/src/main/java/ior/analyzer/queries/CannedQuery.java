package ior.analyzer.queries;

import ior.analyzer.db.SqlText;
import ior.recorder.ExitCodes;
import ior.recorder.UserException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One analysis of the library: a single SQL statement over ior's tables with a header in SQL
 * comments. The header is the comment block at the top of the file:
 * <pre>
 * -- name: io/top_files_by_bytes
 * -- title: Top files by bytes
 * -- description: Files ranked by bytes read plus written.
 * -- param: limit int = 20 : Files to show.
 * -- param: pid int = null : Only this process (null: every process).
 * -- chart: bar x=file y=read_bytes,write_bytes
 * -- Any other comment lines are notes: how the numbers are computed, what is approximated.
 * </pre>
 * Parameters appear in the SQL as {@code ${name}} and are replaced by a validated literal of
 * their type (see {@link ParamType}); the name is the file's path under queries/ without .sql.
 */
public final class CannedQuery {
    private static final Pattern HEADER = Pattern.compile("--\\s*(name|title|description|param|chart):\\s*(.*)");
    private static final Pattern PARAM = Pattern.compile("([a-z_][a-z0-9_]*)\\s+([a-z]+)\\s*=\\s*(\\S+)\\s*:\\s*(.+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_][a-z0-9_]*)}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+(/[a-z0-9_]+)*");

    private final String name;
    private final String title;
    private final String description;
    private final List<QueryParam> params;
    private final ChartSpec chart;
    private final String notes;
    private final String sql;

    public CannedQuery(String name, String title, String description, List<QueryParam> params, ChartSpec chart, String notes, String sql) {
        this.name = name;
        this.title = title;
        this.description = description;
        this.params = List.copyOf(params);
        this.chart = chart;
        this.notes = notes;
        this.sql = sql;
    }

    /** Name, e.g. io/top_files_by_bytes (the file's path under queries/). */
    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    /** One line. */
    public String description() {
        return description;
    }

    public List<QueryParam> params() {
        return params;
    }

    public ChartSpec chart() {
        return chart;
    }

    /** Free text of the header beyond the declared keys (method, approximations); may be empty. */
    public String notes() {
        return notes;
    }

    /** The SQL with its ${param} placeholders, without the header. */
    public String sql() {
        return sql;
    }

    /** The group: the name up to its last '/' ("" for a top-level query). */
    public String group() {
        int i = name.lastIndexOf('/');
        return i < 0 ? "" : name.substring(0, i);
    }

    public QueryParam param(String n) {
        for (QueryParam p : params) if (p.name().equals(n)) return p;
        return null;
    }

    /** Parameter names, comma separated, for messages. */
    public String paramNames() {
        return params.isEmpty() ? "none" : params.stream().map(QueryParam::name).collect(Collectors.joining(", "));
    }

    /** The SQL with defaults. */
    public String render() {
        return render(Map.of());
    }

    /**
     * The SQL with every ${param} replaced by a literal of its type: the value given in values,
     * else the default. An unknown name or an invalid value is a UserException(USAGE) with a
     * one-line message.
     */
    public String render(Map<String, String> values) {
        for (String k : values.keySet())
            if (param(k) == null)
                throw new UserException(ExitCodes.USAGE, name + " has no parameter '" + k + "'; its parameters: " + paramNames());
        Map<String, String> literals = new LinkedHashMap<>();
        for (QueryParam p : params) {
            String raw = values.containsKey(p.name()) ? values.get(p.name()) : p.defaultValue();
            try {
                literals.put(p.name(), p.type().literal(raw));
            } catch (IllegalArgumentException e) {
                throw new UserException(ExitCodes.USAGE, name + ": parameter " + p.name() + ": " + e.getMessage());
            }
        }
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(literals.get(m.group(1))));
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Parses a query file. Malformed headers are programming errors of the library (a test
     * parses every file), so they throw IllegalArgumentException naming the file.
     */
    public static CannedQuery parse(String name, String text) {
        if (!NAME.matcher(name).matches()) throw bad(name, "names are lower-case words separated by '/'");
        String title = null, description = null, declared = null;
        ChartSpec chart = null;
        List<QueryParam> params = new ArrayList<>();
        StringBuilder notes = new StringBuilder();
        String[] lines = text.split("\n", -1);
        int i = 0;
        for (; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("--")) break;
            Matcher m = HEADER.matcher(line);
            if (!m.matches()) {
                String note = line.replaceFirst("^--\\s?", "");
                if (!note.isBlank() || !notes.isEmpty()) notes.append(note).append('\n');
                continue;
            }
            String v = m.group(2).strip();
            switch (m.group(1)) {
                case "name" -> declared = v;
                case "title" -> title = v;
                case "description" -> description = v;
                case "param" -> params.add(parseParam(name, v));
                case "chart" -> chart = parseChart(name, v);
                default -> throw new AssertionError();
            }
        }
        if (declared != null && !declared.equals(name)) throw bad(name, "header says name " + declared + " but the file is " + name + ".sql");
        if (title == null || description == null || chart == null) throw bad(name, "header needs title, description and chart");
        String body = String.join("\n", java.util.Arrays.asList(lines).subList(i, lines.length)).strip();
        List<String> stmts = SqlText.split(body).all();
        if (stmts.size() != 1) throw bad(name, "must hold exactly one SQL statement, found " + stmts.size());
        body = body.endsWith(";") ? body.substring(0, body.length() - 1).strip() : body;
        Set<String> names = params.stream().map(QueryParam::name).collect(Collectors.toSet());
        if (names.size() != params.size()) throw bad(name, "a parameter is declared twice");
        Matcher m = PLACEHOLDER.matcher(body);
        while (m.find())
            if (!names.contains(m.group(1))) throw bad(name, "uses ${" + m.group(1) + "} but declares no such parameter");
        for (QueryParam p : params)
            if (!body.contains("${" + p.name() + "}")) throw bad(name, "declares parameter " + p.name() + " but never uses it");
        CannedQuery q = new CannedQuery(name, title, description, params, chart, notes.toString().strip(), body);
        try {
            q.render(); // defaults must be valid values
        } catch (UserException e) {
            throw bad(name, "bad default: " + e.getMessage());
        }
        return q;
    }

    private static QueryParam parseParam(String file, String v) {
        Matcher m = PARAM.matcher(v);
        if (!m.matches()) throw bad(file, "param must read 'NAME TYPE = DEFAULT : description': " + v);
        ParamType t = ParamType.fromHeader(m.group(2));
        if (t == null) throw bad(file, "unknown parameter type " + m.group(2));
        String def = m.group(3).equalsIgnoreCase("null") ? null : m.group(3);
        if (t == ParamType.STRING && def != null && def.length() >= 2 && def.startsWith("'") && def.endsWith("'"))
            def = def.substring(1, def.length() - 1);
        return new QueryParam(m.group(1), t, def, m.group(4).strip());
    }

    private static ChartSpec parseChart(String file, String v) {
        String[] parts = v.split("\\s+");
        String type = parts[0];
        if (!ChartSpec.TYPES.contains(type)) throw bad(file, "chart type must be one of " + ChartSpec.TYPES + ": " + type);
        if (type.equals("table")) {
            if (parts.length > 1) throw bad(file, "chart: table takes no columns");
            return ChartSpec.TABLE;
        }
        String x = null, series = null;
        List<String> y = List.of();
        for (int k = 1; k < parts.length; k++) {
            String[] kv = parts[k].split("=", 2);
            if (kv.length != 2 || kv[1].isEmpty()) throw bad(file, "chart options read key=value: " + parts[k]);
            switch (kv[0]) {
                case "x" -> x = kv[1];
                case "y" -> y = List.of(kv[1].split(","));
                case "series" -> series = kv[1];
                default -> throw bad(file, "unknown chart option " + kv[0]);
            }
        }
        if (x == null || y.isEmpty()) throw bad(file, "a chart needs x= and y=");
        return new ChartSpec(type, x, y, series);
    }

    private static IllegalArgumentException bad(String name, String why) {
        return new IllegalArgumentException("queries/" + name + ".sql: " + why);
    }

    @Override
    public String toString() {
        return name;
    }
}
