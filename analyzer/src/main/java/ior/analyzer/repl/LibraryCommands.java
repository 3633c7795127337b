package ior.analyzer.repl;

import ior.analyzer.chart.ChartException;
import ior.analyzer.chart.ChartSpec;
import ior.analyzer.chart.ChartType;
import ior.analyzer.chart.Charts;
import ior.analyzer.chart.TabularData;
import ior.analyzer.cli.ResultPrinter;
import ior.analyzer.export.ParquetExport;
import ior.analyzer.queries.CannedQuery;
import ior.analyzer.queries.QueryLibrary;
import ior.analyzer.queries.QueryParam;
import ior.analyzer.queries.QueryRunner;
import ior.analyzer.repl.DotCommand.ArgCompletion;
import ior.analyzer.repl.DotCommand.UsageError;
import ior.recorder.UserException;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The dot commands that reach the rest of ior: the canned-query library, Parquet export and charts. */
public final class LibraryCommands {
    private LibraryCommands() {}

    /** Adds .queries, .run, .export and .chart; traces are the session's inputs (for .export). */
    public static DotCommands addTo(DotCommands d, List<Path> traces) {
        d.add(new DotCommand(".queries", "[PATTERN]", "List the canned analyses of queries/ (those whose name or title contains PATTERN)",
                LibraryCommands::queries, ArgCompletion.NONE));
        d.add(new DotCommand(".run", "NAME [KEY=VALUE ...]", "Run a canned analysis with its parameters (.queries lists them)",
                LibraryCommands::run, (s, i) -> i == 0 ? names() : List.of()));
        d.add(new DotCommand(".export", "parquet DIR [--partition host,date]", "Write the session's traces as Parquet under DIR (see ior export)",
                (s, a) -> export(s, a, traces), (s, i) -> i == 0 ? List.of("parquet") : List.of()));
        d.add(new DotCommand(".chart", "TYPE FILE.svg|FILE.png [x=COL] [y=COL] [series=COL] [title=TEXT]",
                "Draw the last result as bar, line, histogram, heatmap, timeline or gantt, and print the file's path",
                LibraryCommands::chart, (s, i) -> i == 0 ? List.of("bar", "line", "histogram", "heatmap", "timeline", "gantt") : List.of()));
        return d;
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (CannedQuery q : QueryLibrary.all()) n.add(q.name());
        return n;
    }

    private static void queries(Session s, List<String> args) throws UsageError {
        DotCommands.expectAtMost(args, 1);
        String pat = args.isEmpty() ? "" : args.getFirst().toLowerCase(Locale.ROOT);
        int w = 0;
        List<CannedQuery> shown = new ArrayList<>();
        for (CannedQuery q : QueryLibrary.all())
            if (q.name().contains(pat) || q.title().toLowerCase(Locale.ROOT).contains(pat)) {
                shown.add(q);
                w = Math.max(w, q.name().length());
            }
        if (shown.isEmpty()) throw new UsageError("no canned query matches " + ResultPrinter.visible(pat));
        for (CannedQuery q : shown) {
            StringBuilder p = new StringBuilder();
            for (QueryParam qp : q.params()) p.append(p.isEmpty() ? "  [" : " ").append(qp.name()).append('=').append(qp.defaultValue());
            if (!p.isEmpty()) p.append(']');
            s.terminal().println(q.name() + " ".repeat(w - q.name().length() + 2) + q.title() + p);
        }
        s.terminal().println();
        s.terminal().println(".run NAME [KEY=VALUE ...] runs one; the SQL is in queries/NAME.sql.");
    }

    private static void run(Session s, List<String> args) throws Exception {
        if (args.isEmpty()) throw new UsageError("which query? (.queries lists them)");
        CannedQuery q;
        Map<String, String> params = new LinkedHashMap<>();
        try {
            q = QueryLibrary.get(args.getFirst());
            for (String a : args.subList(1, args.size())) {
                int eq = a.indexOf('=');
                if (eq <= 0) throw new UsageError("parameters are KEY=VALUE, not " + ResultPrinter.visible(a));
                params.put(a.substring(0, eq), a.substring(eq + 1));
            }
            q.render(params); // bad parameters fail here, with the known ones listed
        } catch (UserException e) {
            throw new UsageError(e.getMessage());
        }
        try (ResultSet rs = QueryRunner.run(s.connection(), q, params)) {
            ResultPrinter.print(rs, s.mode(), s.out(), s.printOptions());
        }
        s.out().flush();
        s.lastResultSql(q.render(params));
    }

    private static void export(Session s, List<String> args, List<Path> traces) throws UsageError {
        if (args.size() < 2 || !args.getFirst().equalsIgnoreCase("parquet")) throw new UsageError("expected: .export parquet DIR");
        List<String> partition = new ArrayList<>();
        for (int i = 2; i < args.size(); i++) {
            if (args.get(i).equals("--partition") && i + 1 < args.size()) partition = List.of(args.get(++i).split(","));
            else throw new UsageError("unknown option " + ResultPrinter.visible(args.get(i)));
        }
        try {
            ParquetExport.Summary sum = ParquetExport.run(new ParquetExport.Options(traces, Path.of(args.get(1)), partition, List.of(), "zstd", 122880, false),
                    (t, d, n) -> {}, msg -> {});
            s.terminal().println("exported " + sum.rows() + " rows in " + sum.files() + " files to " + ResultPrinter.visible(sum.dir().toString()));
        } catch (UserException e) {
            throw new UsageError(e.getMessage());
        }
    }

    private static void chart(Session s, List<String> args) throws Exception {
        if (args.size() < 2) throw new UsageError("expected: .chart TYPE FILE.svg|FILE.png [x=COL] [y=COL] [series=COL] [title=TEXT]");
        String sql = s.lastResultSql();
        if (sql == null) throw new UsageError("no result to chart yet: run a query first");
        Path out = Path.of(args.get(1));
        if (Charts.formatOf(out) == null) throw new UsageError("the file name must end in .svg or .png");
        try {
            ChartSpec.Builder b = ChartSpec.of(ChartType.parse(args.getFirst()));
            for (String a : args.subList(2, args.size())) {
                int eq = a.indexOf('=');
                if (eq <= 0) throw new UsageError("options are KEY=VALUE, not " + ResultPrinter.visible(a));
                String k = a.substring(0, eq), v = a.substring(eq + 1);
                switch (k) {
                    case "x" -> b.x(v);
                    case "y" -> b.y(v);
                    case "series" -> b.series(v);
                    case "title" -> b.title(v);
                    default -> throw new UsageError("unknown option " + ResultPrinter.visible(k) + " (x, y, series, title)");
                }
            }
            TabularData data = Charts.query(s.connection(), sql);
            Charts.write(b.build(), data, out);
            s.terminal().println("wrote " + ResultPrinter.visible(out.toAbsolutePath().toString()) + " (" + data.rowCount() + " rows)");
        } catch (ChartException e) {
            throw new UsageError(e.getMessage());
        } catch (IOException e) {
            throw new UsageError("cannot write " + ResultPrinter.visible(out.toString()) + ": " + e.getMessage());
        }
    }
}
