package ior.analyzer.cli;

import ior.analyzer.db.TraceCache;
import ior.analyzer.repl.SqlText;
import ior.recorder.ExitCodes;
import ior.recorder.UserException;
import ior.recorder.VersionProvider;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "query", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
        header = "Run SQL over the tables of one or more traces.",
        description = {"The first open of a trace builds its tables (syscalls, fds, processes, losses, stats,",
                "trace_info, syscall_table) in TRACE.duckdb beside it, or in ~/.cache/ior when that directory",
                "is read-only; later opens reuse them until the trace or ior's schema changes.",
                "With several traces every table gains `trace` and `host` columns.", "",
                "Example:",
                "  ior query web.iortrace -e \"SELECT file, sum(bytes) FROM syscalls GROUP BY 1 ORDER BY 2 DESC LIMIT 10\""})
public final class QueryCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TRACE", arity = "1..*", description = "Trace files.")
    List<Path> traces;

    static final class Source {
        @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "SQL to run (several statements separated by ';').")
        String sql;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the SQL from FILE.")
        Path file;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table, csv, json, markdown or line (default: ${DEFAULT-VALUE}).")
    ResultPrinter.Format format;

    @Option(names = "--rebuild", description = "Rebuild the tables even when the cache is current.")
    boolean rebuild;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Stack traces on failure.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        String sql;
        if (source.file != null) {
            try {
                sql = Files.readString(source.file);
            } catch (IOException e) {
                throw new UserException(ExitCodes.BAD_INPUT, source.file + ": cannot read: " + e.getMessage());
            }
        } else sql = source.sql;
        ProgressBar progress = new ProgressBar(System.err, quiet);
        try (Connection c = TraceCache.connect(traces, rebuild, progress)) {
            progress.done();
            warnAboutLosses(c);
            for (String stmt : splitStatements(sql)) {
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

    /** Splits on ';' outside quotes and comments; a last statement may lack its ';'. */
    static List<String> splitStatements(String sql) {
        return SqlText.split(sql).all();
    }
}
