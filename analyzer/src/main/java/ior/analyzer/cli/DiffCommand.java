package ior.analyzer.cli;

import ior.analyzer.db.TraceCache;
import ior.analyzer.queries.QueryLibrary;
import ior.analyzer.report.TraceDiff;
import ior.recorder.ExitCodes;
import ior.recorder.UserException;
import ior.recorder.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.sql.Connection;
import ior.analyzer.db.Duck;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
        header = "Compare two traces: a baseline and an incident.",
        description = {"Per syscall, file, process (by command name) and error: calls, total",
                "time, p50 and p99 latency, bytes and errors in each trace and the change,",
                "ranked by impact (the change in total time, then in calls). Writes an HTML",
                "page with overlaid charts (-o), or Markdown to the terminal.", "",
                "Examples:",
                "  ior diff good.iortrace bad.iortrace                 # Markdown on stdout",
                "  ior diff good.iortrace bad.iortrace -o diff.html"})
public final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASE", description = "The baseline trace.")
    Path base;

    @Parameters(index = "1", paramLabel = "OTHER", description = "The trace to compare with it.")
    Path other;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write an HTML page here (else Markdown on stdout).")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", description = "markdown or html (default: html with -o, else markdown).")
    String format;

    @Option(names = {"-n", "--limit"}, defaultValue = "20", paramLabel = "N", description = "Rows per comparison (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = {"-q", "--quiet"}, description = "No progress.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Stack traces on failure.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        String fmt = format != null ? format : out != null ? "html" : "markdown";
        if (!fmt.equals("markdown") && !fmt.equals("html")) throw new UserException(ExitCodes.USAGE, "--format: markdown or html, not '" + format + "'");
        if (fmt.equals("html") && out == null) throw new UserException(ExitCodes.USAGE, "--format html needs -o FILE");
        if (limit < 1) throw new UserException(ExitCodes.USAGE, "--limit: at least 1");
        ProgressBar progress = new ProgressBar(System.err, quiet);
        Path b = TraceCache.ensure(base, false, progress);
        Path o = TraceCache.ensure(other, false, progress);
        progress.done();
        String text;
        try (Connection c = Duck.connect("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("ATTACH " + lit(b) + " AS base (READ_ONLY)");
            st.execute("ATTACH " + lit(o) + " AS other (READ_ONLY)");
            QueryLibrary.installMacros(c);
            TraceDiff d = new TraceDiff(c, base.getFileName().toString(), other.getFileName().toString(), limit);
            text = fmt.equals("html") ? d.html() : d.markdown();
        } catch (SQLException e) {
            throw new UserException(ExitCodes.FAILURE, "comparing the traces failed: " + e.getMessage().strip(), e);
        }
        if (out == null) {
            System.out.print(text);
            System.out.flush();
            return ExitCodes.OK;
        }
        PrivateFile.write(out, text);
        if (!quiet) System.err.println("ior: wrote " + ResultPrinter.visible(out.toString()));
        return ExitCodes.OK;
    }

    private static String lit(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
