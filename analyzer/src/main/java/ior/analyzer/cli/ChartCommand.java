package ior.analyzer.cli;

import ior.analyzer.chart.ChartException;
import ior.analyzer.chart.ChartPresets;
import ior.analyzer.chart.ChartSpec;
import ior.analyzer.chart.ChartType;
import ior.analyzer.chart.Charts;
import ior.analyzer.chart.TabularData;
import ior.analyzer.chart.TraceCaveats;
import ior.analyzer.chart.Unit;
import ior.analyzer.db.TraceCache;
import ior.analyzer.queries.CannedQuery;
import ior.analyzer.queries.QueryLibrary;
import ior.analyzer.queries.QueryRunner;
import ior.recorder.ExitCodes;
import ior.recorder.UserException;
import ior.recorder.VersionProvider;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "chart", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
        header = "Draw a chart of a trace as SVG or PNG: a preset, a canned query or any SQL.",
        description = {"--run charts a canned query (ior query --list) the way its header suggests.",
                "Presets need no SQL (--list-presets says what each shows):",
                "  latency-histogram latency-heatmap throughput-by-process throughput-by-file",
                "  syscall-rate top-files top-syscalls top-errors process-lifetimes open-fds",
                "With --sql, say --type and, unless the columns come in this order, which",
                "column is which (--x --y --z --series --facet):",
                "  bar        x category, y value [, series: stacked]",
                "  line       x number or time, y value [, series]",
                "  histogram  x bucket lower bound, y count [, series]; or x raw values",
                "             (power-of-two buckets are drawn as ranges)",
                "  heatmap    x time, y bucket, z count (the colour)",
                "  timeline   x time bin, y value [, series: stacked] [, facet: a panel each]",
                "  gantt      x row label, y start, z end [, series: colour]",
                "Units come from column names (*_ns, bytes, *_per_s ...) or --x-unit and",
                "--y-unit. The file name says the format: .svg (with hover tooltips) or .png.",
                "", "Examples:",
                "  ior chart t.iortrace --preset latency-heatmap -o heatmap.svg",
                "  ior chart t.iortrace --preset top-files --where \"pid = 4242\" -o files.png",
                "  ior chart t.iortrace --run io/top_files_by_bytes --param limit=10 -o f.svg",
                "  ior chart t.iortrace --type bar -o slow.svg --sql \"SELECT file,",
                "      max(latency_ns) AS latency_ns FROM syscalls WHERE file IS NOT NULL",
                "      GROUP BY 1 ORDER BY 2 DESC LIMIT 15\""})
public final class ChartCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", arity = "0..*", description = "Trace files (presets take one).")
    List<Path> traces = List.of();

    static final class Source {
        @Option(names = "--preset", paramLabel = "NAME", description = "A built-in chart (see --list-presets).")
        String preset;

        @Option(names = {"-r", "--run"}, paramLabel = "NAME", description = "Chart a canned query of the library (ior query --list), drawn as it suggests.")
        String run;

        @Option(names = "--sql", paramLabel = "SQL", description = "Chart the result of this query (one statement).")
        String sql;

        @Option(names = "--sql-file", paramLabel = "FILE", description = "Read the query from FILE.")
        Path sqlFile;

        @Option(names = "--list-presets", description = "List the presets and exit.")
        boolean list;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A parameter of the --run query; repeat for more.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the chart here (.svg or .png).")
    Path output;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "bar, line, histogram, heatmap, timeline or gantt (a preset has its own).")
    String type;

    @Option(names = "--where", paramLabel = "SQL", description = "Presets: a condition on the rows they read (syscalls; processes for process-lifetimes; fds for open-fds).")
    String where;

    @Option(names = "--x", paramLabel = "COLUMN", description = "Column for x (bar: category; gantt: row label).")
    String x;

    @Option(names = "--y", paramLabel = "COLUMN", description = "Column for y (the value; gantt: start).")
    String y;

    @Option(names = "--z", paramLabel = "COLUMN", description = "heatmap: the count column; gantt: end.")
    String z;

    @Option(names = "--series", paramLabel = "COLUMN", description = "Column that splits the data into series (colours).")
    String series;

    @Option(names = "--facet", paramLabel = "COLUMN", description = "timeline: one panel per value of this column.")
    String facet;

    @Option(names = "--title", paramLabel = "TEXT", description = "Chart title.")
    String title;

    @Option(names = "--x-label", paramLabel = "TEXT", description = "x axis label.")
    String xLabel;

    @Option(names = "--y-label", paramLabel = "TEXT", description = "y axis label.")
    String yLabel;

    @Option(names = "--x-unit", paramLabel = "UNIT", description = "none, count, bytes, bytes/s, /s, ns, us, ms, s (default: from the column name).")
    String xUnit;

    @Option(names = "--y-unit", paramLabel = "UNIT", description = "As --x-unit, for the values.")
    String yUnit;

    @Option(names = "--width", paramLabel = "PX", description = "Width in pixels (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
    int width;

    @Option(names = "--height", paramLabel = "PX", description = "Height in pixels (default: by type; bars and Gantt rows grow with the rows).")
    int height;

    @Option(names = "--log-y", description = "Logarithmic value axis.")
    boolean logY;

    @Option(names = "--step", description = "line: draw steps (a level that holds until the next point).")
    boolean step;

    @Option(names = "--max-series", paramLabel = "N", description = "Series beyond N are merged into 'other' (default: 8).")
    int maxSeries;

    @Option(names = "--max-rows", paramLabel = "N", description = "bar and gantt: rows drawn at most (default: 30; presets their own).")
    int maxRows;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no 'wrote' line.")
    boolean quiet;

    @Mixin
    CacheOptions cache;

    @Override
    public Integer call() throws Exception {
        if (source.list) {
            for (ChartPresets.Preset p : ChartPresets.all())
                System.out.printf("%-22s %-9s %s%n", p.name(), p.spec().type().cliName(), p.description());
            return ExitCodes.OK;
        }
        if (traces.isEmpty()) throw new UserException(ExitCodes.USAGE, "give a trace file (ior chart TRACE ...)");
        if (output == null) throw new UserException(ExitCodes.USAGE, "say where to write the chart: -o FILE.svg or -o FILE.png");
        if (Charts.formatOf(output) == null) throw new UserException(ExitCodes.USAGE, output + ": the file name must end in .svg or .png");
        Path dir = output.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) throw new UserException(ExitCodes.WRITE_ERROR, output + ": no such directory " + dir);
        if (where != null && source.preset == null) throw new UserException(ExitCodes.USAGE, "--where goes with --preset; with --sql put the condition in the query");
        if (!params.isEmpty() && source.run == null) throw new UserException(ExitCodes.USAGE, "--param goes with --run NAME");
        try {
            String sql = null;
            ChartSpec.Builder spec;
            CannedQuery canned = null;
            if (source.run != null) {
                canned = QueryLibrary.get(source.run);
                if (traces.size() > 1) throw new UserException(ExitCodes.USAGE, "--run charts one trace; for several, use --sql with the trace column");
                canned.render(params); // bad parameters fail before any ingest
                spec = fromHint(canned);
            } else if (source.preset != null) {
                ChartPresets.Preset p = ChartPresets.get(source.preset);
                if (traces.size() > 1) throw new UserException(ExitCodes.USAGE, "presets chart one trace; for several, use --sql with the trace column");
                sql = p.sql(where);
                spec = p.spec().toBuilder();
            } else {
                sql = source.sql != null ? source.sql : readSql(source.sqlFile);
                if (type == null) throw new UserException(ExitCodes.USAGE, "--sql needs --type (bar, line, histogram, heatmap, timeline, gantt)");
                spec = ChartSpec.of(ChartType.parse(type));
            }
            ChartSpec s = options(spec).build();
            ProgressBar progress = new ProgressBar(System.err, quiet);
            try (Connection c = TraceCache.connect(traces, cache.rebuild, progress)) {
                progress.done();
                QueryCommand.warnAboutLosses(c);
                TabularData data;
                try {
                    if (canned != null) {
                        try (ResultSet rs = QueryRunner.run(c, canned, params)) {
                            data = wide(canned, TabularData.from(rs));
                        }
                    } else data = Charts.query(c, sql);
                } catch (SQLException e) {
                    throw new UserException(ExitCodes.USAGE, "SQL error: " + ChartCommand.sqlMessage(e));
                }
                String caveat = TraceCaveats.of(c);
                if (caveat != null && s.caveat() == null) s = s.toBuilder().caveat(caveat).build();
                try {
                    Charts.write(s, data, output);
                } catch (IOException e) {
                    throw new UserException(ExitCodes.WRITE_ERROR, output + ": cannot write: " + e.getMessage());
                }
                if (!quiet) System.err.println("ior: wrote " + ResultPrinter.visible(output.toString()) + " (" + s.type().cliName() + " chart of " + data.rowCount() + " rows)");
            }
        } catch (ChartException e) {
            throw new UserException(ExitCodes.USAGE, e.getMessage());
        }
        return ExitCodes.OK;
    }

    /** The chart a canned query suggests in its header (-- chart: bar x=file y=read_bytes,write_bytes). */
    private ChartSpec.Builder fromHint(CannedQuery q) {
        ior.analyzer.queries.ChartSpec hint = q.chart();
        ChartType t;
        if (type != null) t = ChartType.parse(type);
        else t = switch (hint.type()) {
            case "bar" -> ChartType.BAR;
            case "line", "scatter" -> ChartType.LINE;
            case "area" -> ChartType.TIMELINE;
            default -> throw new UserException(ExitCodes.USAGE, q.name() + " is a table, not a chart: say how to draw it with --type");
        };
        ChartSpec.Builder b = ChartSpec.of(t).title(q.title());
        if (!hint.isChart()) return b;
        b.x(hint.x());
        if (hint.y().size() == 1) b.y(hint.y().get(0)).series(hint.series());
        else {
            b.y(MELTED_VALUE).series(MELTED_SERIES);
            Unit u = Unit.infer(hint.y().get(0));
            if (hint.y().stream().allMatch(y -> Unit.infer(y) == u)) b.yUnit(u);
            b.yLabel(String.join(", ", hint.y()));
        }
        return b;
    }

    static final String MELTED_SERIES = "measure", MELTED_VALUE = "value";

    /** A query whose chart draws several value columns: each becomes a series. */
    private static TabularData wide(CannedQuery q, TabularData data) {
        ior.analyzer.queries.ChartSpec hint = q.chart();
        if (!hint.isChart() || hint.y().size() < 2) return data;
        List<String> keep = new java.util.ArrayList<>();
        keep.add(hint.x());
        if (data.names().contains("trace")) keep.add(0, "trace");
        return data.melt(keep, hint.y(), MELTED_SERIES, MELTED_VALUE);
    }

    private ChartSpec.Builder options(ChartSpec.Builder b) {
        if (type != null && source.preset != null) b.type(ChartType.parse(type));
        if (x != null) b.x(x);
        if (y != null) b.y(y);
        if (z != null) b.z(z);
        if (series != null) b.series(series);
        if (facet != null) b.facet(facet);
        if (title != null) b.title(title);
        if (xLabel != null) b.xLabel(xLabel);
        if (yLabel != null) b.yLabel(yLabel);
        if (xUnit != null) b.xUnit(Unit.parse(xUnit));
        if (yUnit != null) b.yUnit(Unit.parse(yUnit));
        if (width <= 0 || width > ChartSpec.MAX_PIXELS || height < 0 || height > ChartSpec.MAX_PIXELS)
            throw new ChartException("--width and --height must be 1.." + ChartSpec.MAX_PIXELS + " pixels");
        b.width(width);
        if (height > 0) b.height(height);
        if (logY) b.logY(true);
        if (step) b.step(true);
        if (maxSeries < 0 || maxRows < 0) throw new ChartException("--max-series and --max-rows must be positive");
        if (maxSeries > 0) b.maxSeries(maxSeries);
        if (maxRows > 0) b.maxCategories(maxRows);
        return b;
    }

    /** DuckDB's message without its multi-line context: the line that says what is wrong. */
    static String sqlMessage(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().strip();
        int nl = m.indexOf('\n');
        return ResultPrinter.visible(nl < 0 ? m : m.substring(0, nl).strip());
    }

    static String readSql(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UserException(ExitCodes.BAD_INPUT, f + ": cannot read: " + e.getMessage());
        }
    }
}
