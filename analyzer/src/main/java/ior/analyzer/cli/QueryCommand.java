package ior.analyzer.cli;

import ior.analyzer.db.SqlText;
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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "query", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
        header = "Run SQL over the tables of one or more traces.",
        description = {"The first open of a trace builds its tables (syscalls, fds, processes, losses, stats,",
                "trace_info, syscall_table) in TRACE.duckdb beside it, or in ~/.cache/ior when that directory",
                "is read-only; later opens reuse them until the trace or ior's schema changes.",
                "With several traces every table gains `trace` and `host` columns.",
                "--run runs a canned analysis of the library (docs/queries.md); --list shows them.",
                "Shared macros (fmt_bytes, fmt_ns, errno_group, ...) exist on every connection.", "",
                "Examples:",
                "  ior query web.iortrace -e \"SELECT file, sum(bytes) FROM syscalls GROUP BY 1 ORDER BY 2 DESC LIMIT 10\"",
                "  ior query --list",
                "  ior query web.iortrace --run io/top_files_by_bytes --param limit=5",
                "  ior query --show latency/percentiles_by_syscall"})
public final class QueryCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", arity = "0..*", description = "Trace files.")
    List<Path> traces = new ArrayList<>();

    static final class Source {
        @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "SQL to run (several statements separated by ';').")
        String sql;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the SQL from FILE.")
        Path file;

        @Option(names = {"-r", "--run"}, paramLabel = "NAME", description = "Run the canned query NAME (e.g. io/top_files_by_bytes).")
        String run;

        @Option(names = {"-l", "--list"}, paramLabel = "GROUP", arity = "0..1", fallbackValue = "",
                description = "List the canned queries (of GROUP, e.g. io); needs no trace.")
        String list;

        @Option(names = "--show", paramLabel = "NAME", description = "Show a canned query: what it computes, its parameters and its SQL; needs no trace.")
        String show;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A parameter of the --run (or --show) query; repeat for more.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table, csv, json, markdown or line (default: ${DEFAULT-VALUE}).")
    ResultPrinter.Format format;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Mixin
    CacheOptions cache;

    @Override
    public Integer call() throws Exception {
        if (source.list != null) return QueryListing.list(source.list, format, System.out);
        if (source.show != null) return QueryListing.show(QueryLibrary.get(source.show), params, System.out);
        if (!params.isEmpty() && source.run == null)
            throw new UserException(ExitCodes.USAGE, "--param goes with --run NAME");
        if (traces.isEmpty()) throw new UserException(ExitCodes.USAGE, "name at least one TRACE file (ior query --help)");
        CannedQuery canned = source.run != null ? QueryLibrary.get(source.run) : null;
        if (canned != null) canned.render(params); // bad parameters fail before any ingest
        String sql;
        if (source.file != null) {
            try {
                sql = Files.readString(source.file);
            } catch (IOException e) {
                throw new UserException(ExitCodes.BAD_INPUT, source.file + ": cannot read: " + e.getMessage());
            }
        } else sql = source.sql;
        ProgressBar progress = new ProgressBar(System.err, quiet);
        try (Connection c = TraceCache.connect(traces, cache.rebuild, progress)) {
            progress.done();
            warnAboutLosses(c);
            if (canned != null) {
                try (ResultSet rs = QueryRunner.run(c, canned, params)) {
                    ResultPrinter.print(rs, format, System.out);
                } catch (SQLException e) {
                    throw new UserException(ExitCodes.FAILURE, canned.name() + " failed (a bug in the query library; please report): " + firstLine(e.getMessage()));
                }
                System.out.flush();
                return ExitCodes.OK;
            }
            for (String stmt : SqlText.split(sql).all()) {
                try (Statement st = c.createStatement()) {
                    if (st.execute(stmt)) {
                        try (ResultSet rs = st.getResultSet()) {
                            ResultPrinter.print(rs, format, System.out);
                        }
                    }
                } catch (SQLException e) {
                    throw new UserException(ExitCodes.USAGE, "SQL error: " + firstLine(e.getMessage()));
                }
            }
        }
        System.out.flush();
        return ExitCodes.OK;
    }

    /** Lost events are never silent: one line on stderr per kind of loss, before any result. */
    static void warnAboutLosses(Connection c) {
        String sql = "SELECT name, sum(value) FROM stats WHERE severity IN ('data_loss', 'error') AND value > 0 AND name <> 'truncated_at' "
                + "GROUP BY name ORDER BY name";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next())
                System.err.println("ior: warning: " + rs.getString(1).replace('_', ' ') + ": " + rs.getLong(2) + " (see the stats and losses tables)");
        } catch (SQLException e) {
            // a table made by a future ior may lack these columns: the query itself will say so
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT value FROM trace_info WHERE key = 'trace.truncated_at'")) {
            while (rs.next()) System.err.println("ior: warning: trace cut short at byte " + ResultPrinter.visible(rs.getString(1)) + "; everything before it was read");
        } catch (SQLException e) {
            // as above
        }
    }

    static String firstLine(String s) {
        if (s == null) return "";
        return s.strip();
    }
}
